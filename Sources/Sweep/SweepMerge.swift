import InputData
import Simulation
import Study

/// A sweep's table: per variant, each figure's mean and 95% interval across its replications,
/// and the paired difference to its reference variant (the same scenario unchanged by the
/// first variant: common random numbers make the difference the variant's, not the dice's).
public struct SweepResults: Sendable {
    public struct Row: Sendable {
        public var variant: SweepVariant
        /// One per manifest figure.
        public var values: [Estimate]
        /// This variant − its reference, replication by replication (all 0 for a reference).
        public var differences: [Estimate]

        /// Whether the 95% interval of figure `f`'s difference leaves out 0 (never with one replication).
        public func isSignificant(_ f: Int) -> Bool {
            let d = differences[f]
            return !d.halfWidth.isNaN && (d.low > 0 || d.high < 0)
        }
    }

    public var manifest: SweepManifest
    public var rows: [Row]
    /// Per base scenario with two or more variants, which costs least once downtime is priced
    /// and saved energy counted (`CostVerdict`, paired with the scenario's first variant); empty
    /// unless the sweep collects `yearly_cost_yen` and `risk_cost_yen_per_year`.
    public var verdicts: [(scenario: String, verdict: CostVerdict)] = []

    /// The table of `runs`: every work item of `manifest` exactly once, in item order (as
    /// `SweepMerge` checks). O(items × figures).
    public init(manifest: SweepManifest, runs: [SweepRun]) {
        self.manifest = manifest
        rows = manifest.variants.map { v in
            let own = runs[v.firstItem..<(v.firstItem + v.replications)]
            let ref = manifest.variants[v.reference]
            let base = runs[ref.firstItem..<(ref.firstItem + ref.replications)]
            let paired = v.replications == ref.replications
            let values = manifest.figures.indices.map { f in Estimate(own.lazy.map { $0.values[f] }, range: manifest.figures[f].range) }
            let differences = manifest.figures.indices.map { f in
                Estimate(paired ? zip(own, base).map { $0.values[f] - $1.values[f] } : [], range: -Double.infinity...Double.infinity)
            }
            return Row(variant: v, values: values, differences: differences)
        }
        verdicts = Self.verdicts(manifest: manifest, runs: runs)
    }

    /// `verdicts`: the variants of each base scenario, in order, when they have as many
    /// replications as its first. O(items).
    static func verdicts(manifest m: SweepManifest, runs: [SweepRun]) -> [(scenario: String, verdict: CostVerdict)] {
        func figure(_ f: ReplicationFigure) -> Int? { m.figures.firstIndex { $0.name == f.rawValue } }
        guard let cost = m.figures.firstIndex(where: { $0.name == PlanFigure.yearlyCostYen.rawValue }),
              let risk = figure(.riskCostYen) else { return [] }
        let saved = figure(.energySavedYen)
        var out: [(scenario: String, verdict: CostVerdict)] = []
        for reference in Set(m.variants.map(\.reference)).sorted() {
            let group = m.variants.filter { $0.reference == reference && $0.replications == m.variants[reference].replications }
            guard group.count >= 2 else { continue }
            let own = group.map { runs[$0.firstItem..<($0.firstItem + $0.replications)] }
            let verdict = CostVerdict(names: group.map(\.name), yearlyCost: own.map { $0.first?.values[cost] ?? .nan },
                                      risk: own.map { $0.map { $0.values[risk] } },
                                      energySaved: saved.map { e in own.map { $0.map { $0.values[e] } } } ?? [])
            out.append((m.variants[reference].scenario, verdict))
        }
        return out
    }
}

/// Puts the parts of a sharded sweep together, refusing anything that would give a table
/// other than the one-machine run's: parts of another sweep file, scenario or cloudplan build,
/// a shard missing or given twice, a part cut short, a run out of place, or a plan computed
/// differently by two shards.
public enum SweepMerge {
    /// Everything wrong with a set of parts, one message per mistake.
    public struct Problems: Error, Sendable, CustomStringConvertible {
        public var messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    /// The parts' runs, in item order, as a table; or every problem found.
    public static func merge(_ parts: [(file: String, part: SweepPart)]) -> Result<SweepResults, Problems> {
        guard let first = parts.first else { return .failure(Problems(messages: ["error: no parts to merge"])) }
        var problems: [String] = []
        let manifest = first.part.manifest, shards = first.part.shard.count
        var byShard = [(file: String, part: SweepPart)?](repeating: nil, count: shards)
        var refused: Set<Int> = []
        for (file, part) in parts {
            if part.manifest.sweepSHA256 != manifest.sweepSHA256 || part.manifest.cloudplanVersion != manifest.cloudplanVersion {
                problems.append("\(file): error: a part of another sweep or build (sweep '\(part.manifest.sweep)' sha256 \(part.manifest.sweepSHA256.prefix(12))…, cloudplan \(part.manifest.cloudplanVersion)) than \(first.file) (sweep '\(manifest.sweep)' sha256 \(manifest.sweepSHA256.prefix(12))…, cloudplan \(manifest.cloudplanVersion))")
                continue
            }
            if part.manifest != manifest {
                problems.append("\(file): error: the same sweep file but a different work list than \(first.file) (run with other options?)")
                continue
            }
            guard part.shard.count == shards else {
                problems.append("\(file): error: shard \(part.shard) of a \(part.shard.count)-shard run; \(first.file) is of a \(shards)-shard run")
                continue
            }
            if let earlier = byShard[part.shard.index] {
                problems.append("\(file): error: shard \(part.shard) is given twice (also \(earlier.file))")
                continue
            }
            if let problem = checkRuns(part, file: file) {
                problems.append(problem)
                refused.insert(part.shard.index)
                continue
            }
            byShard[part.shard.index] = (file, part)
        }
        // A shard whose part was refused above is not reported missing as well.
        for i in byShard.indices where byShard[i] == nil && !refused.contains(i) {
            let items = SweepShard(index: i, count: shards).items(of: manifest.workItems)
            problems.append("error: shard \(i)/\(shards) is missing (work items \(items.lowerBound)..<\(items.upperBound) of \(manifest.workItems))")
        }
        guard problems.isEmpty else { return .failure(Problems(messages: problems)) }
        let present = byShard.map { $0! }
        let runs = present.flatMap(\.part.runs)
        if let problem = checkPlans(runs, manifest: manifest, files: present) { return .failure(Problems(messages: [problem])) }
        return .success(SweepResults(manifest: manifest, runs: runs))
    }

    /// Whether `part` holds exactly its shard's work items, in order; nil if so.
    static func checkRuns(_ part: SweepPart, file: String) -> String? {
        let items = part.shard.items(of: part.manifest.workItems)
        for (k, run) in part.runs.enumerated() {
            let item = items.lowerBound + k
            guard item < items.upperBound else { break }
            let expected = part.manifest.workItem(item)
            if run.variant != expected.variant || run.replication != expected.replication {
                return "\(file):\(k + 2): error: run (variant \(run.variant), replication \(run.replication)) where shard \(part.shard) has (variant \(expected.variant), replication \(expected.replication))"
            }
        }
        guard part.runs.count == items.count else {
            return "\(file): error: shard \(part.shard) has \(part.runs.count) of its \(items.count) runs (the shard did not finish, or the file was cut)"
        }
        return nil
    }

    /// Whether every run of a variant has the same plan figures (bit for bit); nil if so.
    static func checkPlans(_ runs: [SweepRun], manifest: SweepManifest, files: [(file: String, part: SweepPart)]) -> String? {
        let planFigures = manifest.figures.indices.filter { if case .plan? = manifest.figures[$0].source { true } else { false } }
        for v in manifest.variants {
            let own = runs[v.firstItem..<(v.firstItem + v.replications)]
            guard let first = own.first else { continue }
            for f in planFigures {
                if let odd = own.first(where: { $0.values[f].bitPattern != first.values[f].bitPattern }) {
                    return "error: variant '\(v.name)': the plan's \(manifest.figures[f].name) is \(first.values[f]) in replication \(first.replication) but \(odd.values[f]) in replication \(odd.replication): the parts were not computed alike (different machines' builds?)"
                }
            }
        }
        return nil
    }
}
