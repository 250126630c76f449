import InputData
import CapacityModel
import Dispatch
import Simulation
import Study
import Synchronization

/// One work item's result: the figures of one replication of one variant.
public struct SweepRun: Sendable, Equatable, Codable {
    public var variant: Int
    public var replication: Int
    /// One per manifest figure, in its order (NaN where a figure has no value).
    public var values: [Double]

    public init(variant: Int, replication: Int, values: [Double]) {
        self.variant = variant
        self.replication = replication
        self.values = values
    }
}

/// Runs a shard of a sweep's work list. Each work item's values depend only on the variant's
/// scenario, its seed and the replication number (every component draws from a stream named by
/// its kind, pool and index), so a shard's rows are the same rows the whole sweep has for those
/// items, whatever `jobs` is.
public enum SweepRunner {
    /// A variant that could not be planned or simulated.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var variant: String
        public var error: StudyError
        public var description: String { "variant '\(variant)': \(error)" }
    }

    /// A variant planned and ready to simulate.
    private struct Prepared: Sendable {
        var simulator: Simulator
        /// The plan figures' values, by manifest figure (nil for simulation figures).
        var planValues: [Double?]
    }

    /// The trace files read so far, by the list of files and formats a scenario maps (most
    /// variants of a scenario replay the same traces: read once, not once per variant).
    private final class TraceCache: Sendable {
        let libraries = Mutex<[String: TraceLibrary]>([:])

        func library(_ mappings: [TraceMapping]) throws(StudyError) -> TraceLibrary {
            let key = mappings.map { "\($0.format.rawValue):\($0.file)" }.joined(separator: "\n")
            let found: Result<TraceLibrary, TraceLoader.TraceError> = libraries.withLock { all in
                if let l = all[key] { return .success(l) }
                let loaded = Result { () throws(TraceLoader.TraceError) in try TraceLoader.load(mappings) }
                if case .success(let l) = loaded { all[key] = l }
                return loaded
            }
            switch found {
            case .success(let l): return l
            case .failure(let e): throw .traces(e)
            }
        }
    }

    /// A variant's prepared simulator, built by the first thread that needs it.
    private final class Slot: Sendable {
        let prepared = Mutex<Prepared?>(nil)
    }

    /// The runs of `shard`'s work items, in item order, on up to `jobs` threads. `progress` is
    /// called after each item with the number done (from any thread). A variant is planned once,
    /// by the first thread that needs it, and dropped when its last item is done.
    public static func run(_ sweep: Sweep, shard: SweepShard = .whole, jobs: Int = 1,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(Failure) -> [SweepRun] {
        let manifest = sweep.manifest
        let items = shard.items(of: manifest.workItems)
        guard !items.isEmpty else { return [] }
        let firstVariant = manifest.workItem(items.lowerBound).variant
        let touched = firstVariant...manifest.workItem(items.upperBound - 1).variant
        let slots = touched.map { _ in Slot() }
        let traces = TraceCache()
        let left = Mutex(touched.map { v in
            let own = manifest.variants[v].firstItem..<(manifest.variants[v].firstItem + manifest.variants[v].replications)
            return own.clamped(to: items).count
        })
        let results = Mutex([SweepRun?](repeating: nil, count: items.count))
        let next = Mutex(items.lowerBound), done = Mutex(0), failure = Mutex<Failure?>(nil)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(jobs, items.count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let item: Int = next.withLock { n in defer { n += 1 }; return n }
                guard item < items.upperBound else { return }
                let (v, r) = manifest.workItem(item)
                let slot = v - firstVariant
                let made: Result<Prepared, Failure> = slots[slot].prepared.withLock { p in
                    if let p { return .success(p) }
                    let made = prepare(sweep, variant: v, traces: traces)
                    if case .success(let m) = made { p = m }
                    return made
                }
                guard case .success(let prepared) = made else {
                    if case .failure(let error) = made { failure.withLock { $0 = $0 ?? error } }
                    return
                }
                let values = figureValues(prepared, manifest.figures, replication: r)
                results.withLock { $0[item - items.lowerBound] = SweepRun(variant: v, replication: r, values: values) }
                if left.withLock({ l in l[slot] -= 1; return l[slot] }) == 0 { slots[slot].prepared.withLock { $0 = nil } }
                let count = done.withLock { d in d += 1; return d }
                progress?(count)
            }
        }
        if let f = failure.withLock({ $0 }) { throw f }
        return results.withLock { $0.map { $0! } }
    }

    /// Plans variant `v` and builds its simulator.
    private static func prepare(_ sweep: Sweep, variant v: Int, traces: TraceCache) -> Result<Prepared, Failure> {
        let variant = sweep.manifest.variants[v]
        guard let scenario = sweep.scenarios[v] else {
            preconditionFailure("variant \(v) was not loaded: Sweep.prepare's `needed` must cover the shard's variants")
        }
        do {
            let study = try Study.run(scenario, options: StudyOptions(simulate: false))
            let model = try Study.simulationModel(study.scenario, plan: study.plan, traces: traces.library(study.scenario.simulation.traces))
            let simulator = Simulator(model: model, horizonSeconds: variant.horizonSeconds, seed: variant.seed,
                                      replications: variant.replications, jobs: 1)
            let planValues = sweep.manifest.figures.map { f -> Double? in
                if case .plan(let p)? = f.source { return p.value(study.plan) } else { return nil }
            }
            return .success(Prepared(simulator: simulator, planValues: planValues))
        } catch {
            return .failure(Failure(variant: variant.name, error: error))
        }
    }

    /// The manifest figures' values in replication `r` (the simulation run only if some figure
    /// needs it).
    private static func figureValues(_ p: Prepared, _ figures: [SweepFigure], replication r: Int) -> [Double] {
        let simulated = figures.compactMap { f -> ReplicationFigure? in
            if case .simulation(let s)? = f.source { return s } else { return nil }
        }
        var simValues = simulated.isEmpty ? [] : p.simulator.figures(replication: r, simulated)[...]
        return zip(figures, p.planValues).map { _, plan in
            if let plan { return plan }
            return simValues.popFirst()!
        }
    }
}
