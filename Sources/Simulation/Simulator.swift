import Dispatch
import Foundation
import SimKernel
import Stochastics
import Synchronization

/// Runs independent replications of a planned scenario, in parallel, and aggregates them.
///
/// Replication r draws from stream r of the master seed (see `RandomStream`), so each
/// replication's outcome depends only on (scenario, seed, r), and results are merged in
/// replication order: the output is the same whatever the number of jobs.
public struct Simulator: Sendable {
    public let model: SimulationModel
    /// Simulated seconds.
    public var horizon: Double
    public var seed: UInt64
    public var replications: Int
    public var jobs: Int

    public init(model: SimulationModel, horizonSeconds: Double, seed: UInt64, replications: Int, jobs: Int) {
        self.model = model
        self.horizon = horizonSeconds
        self.seed = seed
        self.replications = replications
        self.jobs = Swift.max(1, jobs)
    }

    /// The values of `figures` in replication `r`, run alone: the same whatever else runs (a
    /// sweep's shard runs some replications of a variant, `run` all of them).
    public func figures(replication r: Int, _ figures: [ReplicationFigure]) -> [Double] {
        let outcome = runReplication(r)
        return figures.map { $0.value(outcome, model: model, horizon: horizon) }
    }

    /// Runs replication `r` alone.
    func runReplication(_ r: Int) -> ReplicationOutcome {
        var replication = Replication(model: model, horizon: horizon, seed: seed, replication: r)
        var kernel = Kernel(capacity: model.bladeCount + model.chassisCount + model.arrayCount + model.poolNames.count + 64)
        replication.start(&kernel)
        let clock = ContinuousClock.now
        kernel.run(until: horizon, handler: &replication)
        let elapsed = ContinuousClock.now - clock
        replication.finish()
        var outcome = replication.outcome
        outcome.events &+= kernel.eventsProcessed
        outcome.eventLoopSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return outcome
    }

    /// Runs every replication on up to `jobs` threads, aggregating each as it is done (memory
    /// does not grow with replications). `progress` is called after each one finishes, with the
    /// number done so far (from any thread).
    public func run(progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        let aggregate = SimulationResult.aggregate(model: model, horizon: horizon)
        add(0..<replications, to: aggregate, progress: progress)
        return SimulationResult(model: model, horizon: horizon, seed: seed, aggregate: aggregate)
    }

    /// Runs `replications` first, then more in batches until `target` is met or its cap is
    /// reached (`PrecisionTarget.nextCount`); the result carries what was reached. The same for
    /// any `jobs`: each decision depends only on the replications before it.
    public func run(until target: PrecisionTarget, progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        let batch = Swift.max(2, Swift.min(replications, target.maxReplications))
        let aggregate = SimulationResult.aggregate(model: model, horizon: horizon)
        add(0..<batch, to: aggregate, progress: progress)
        func values() -> [[Double]] {
            target.figures.map { f in aggregate.figures[ReplicationFigure.allCases.firstIndex(of: f)!] }
        }
        while true {
            let next = target.nextCount(done: aggregate.replications, batch: batch, checks: target.checks(values()))
            guard next > aggregate.replications else { break }
            let done = aggregate.replications
            add(done..<next, to: aggregate) { progress?(done + $0) }
        }
        var result = SimulationResult(model: model, horizon: horizon, seed: seed, aggregate: aggregate)
        result.precision = PrecisionOutcome(target: target, checks: target.checks(values()), replications: aggregate.replications)
        return result
    }

    /// Runs replications `range` on up to `jobs` threads and adds each outcome to `aggregate` in
    /// replication order (the same for any `jobs`), as soon as it and every one before it are
    /// done: a thread that finishes a replication adds what is ready, in order, unless another
    /// thread is adding, which then adds it too. So adding overlaps simulating, only the last
    /// outcomes are added after the last replication, and outcomes wait in memory only while one
    /// before them is still running (about `jobs` of them).
    func add(_ range: Range<Int>, to aggregate: OutcomeAggregate, progress: (@Sendable (Int) -> Void)?) {
        let shared = Mutex(OrderedAdding(next: range.lowerBound, nextToAdd: range.lowerBound))
        nonisolated(unsafe) let aggregate = aggregate
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(jobs, range.count))) { _ in
            while let r = shared.withLock({ $0.take(below: range.upperBound) }) {
                let outcome = self.runReplication(r)
                let done = shared.withLock { $0.finished(r, outcome) }
                progress?(done)
                guard shared.withLock({ $0.startAdding() }) else { continue }
                while let next = shared.withLock({ $0.nextReadyOrStopAdding() }) { aggregate.add(next) }
            }
        }
        precondition(shared.withLock { $0.nextToAdd } == range.upperBound, "an outcome was not added")
    }

    /// The bookkeeping of `add`: the next replication to run, the outcomes done but not yet
    /// added, the next one to add, and whether a thread is adding.
    struct OrderedAdding: ~Copyable {
        var next: Int
        var nextToAdd: Int
        var ready: [Int: ReplicationOutcome] = [:]
        var done = 0
        var adding = false

        /// The next replication to run, if any is left below `end`.
        mutating func take(below end: Int) -> Int? {
            guard next < end else { return nil }
            defer { next += 1 }
            return next
        }

        /// Keeps replication `r`'s outcome; returns how many are done.
        mutating func finished(_ r: Int, _ outcome: ReplicationOutcome) -> Int {
            ready[r] = outcome
            done += 1
            return done
        }

        /// Whether the caller becomes the thread that adds (no other is adding).
        mutating func startAdding() -> Bool {
            guard !adding else { return false }
            adding = true
            return true
        }

        /// The next outcome in order if it is done; else nil, and the caller stops adding (in the
        /// same step, so that an outcome kept after this is added by the thread that kept it).
        mutating func nextReadyOrStopAdding() -> ReplicationOutcome? {
            if let outcome = ready.removeValue(forKey: nextToAdd) {
                nextToAdd += 1
                return outcome
            }
            adding = false
            return nil
        }
    }

    /// The outcomes of replications `range`, in order, run on up to `jobs` threads; `progress`
    /// gets the number of them done after each.
    func outcomes(_ range: Range<Int>, progress: (@Sendable (Int) -> Void)?) -> [ReplicationOutcome] {
        let results = Mutex<[Int: ReplicationOutcome]>([:])
        let next = Mutex(range.lowerBound)
        DispatchQueue.concurrentPerform(iterations: Swift.min(jobs, range.count)) { _ in
            while true {
                let r: Int = next.withLock { n in
                    defer { n += 1 }
                    return n
                }
                if r >= range.upperBound { break }
                let outcome = self.runReplication(r)
                let done = results.withLock { all in
                    all[r] = outcome
                    return all.count
                }
                progress?(done)
            }
        }
        return results.withLock { all in range.map { all[$0]! } }
    }
}
