import InputData
import Simulation
import Study

/// A figure a sweep collects, from the plan or from each replication.
public struct SweepFigure: Sendable, Equatable, Codable {
    public var name: String
    public var unit: String
    public var higherIsBetter: Bool
    /// The largest value it can take (1 for availabilities and `ha_ok`); nil: unbounded. The
    /// smallest is 0.
    public var maximum: Double?

    enum CodingKeys: String, CodingKey {
        case name, unit, higherIsBetter = "higher_is_better", maximum
    }

    /// The values it can take (for its interval).
    public var range: ClosedRange<Double> { 0...(maximum ?? .infinity) }

    /// Where its value comes from.
    public enum Source: Sendable, Equatable {
        case plan(PlanFigure)
        case simulation(ReplicationFigure)
    }

    /// Which figure it is, by name (nil for a name no figure has).
    public var source: Source? { Self.source(named: name) }

    static func source(named name: String) -> Source? {
        PlanFigure(rawValue: name).map(Source.plan) ?? ReplicationFigure(rawValue: name).map(Source.simulation)
    }

    /// Every figure a sweep can collect: the plan's, then the simulation's.
    public static let all: [SweepFigure] =
        PlanFigure.allCases.map { SweepFigure(name: $0.rawValue, unit: $0.unit, higherIsBetter: $0.higherIsBetter, maximum: $0.range.upperBound.isFinite ? $0.range.upperBound : nil) }
        + ReplicationFigure.allCases.map { SweepFigure(name: $0.rawValue, unit: $0.unit, higherIsBetter: $0.higherIsBetter, maximum: $0.range.upperBound.isFinite ? $0.range.upperBound : nil) }
}

/// One variant of a sweep: a base scenario with some settings, and how it is simulated.
public struct SweepVariant: Sendable, Equatable, Codable {
    /// `okitama policy=standard`: the scenario's name, then the variant's.
    public var name: String
    /// The base scenario's name.
    public var scenario: String
    /// The key paths and values put into the scenario, in order.
    public var settings: [Setting]
    /// The variant its differences are paired with: the first variant of the same scenario
    /// (itself for that one). An index into the manifest's variants.
    public var reference: Int
    public var seed: UInt64
    public var replications: Int
    public var horizonSeconds: Double
    /// The first work item that is one of its replications (items run variant by variant).
    public var firstItem: Int

    public struct Setting: Sendable, Equatable, Codable {
        public var key: String
        public var value: String
    }

    enum CodingKeys: String, CodingKey {
        case name, scenario, settings, reference, seed, replications, horizonSeconds = "horizon_seconds", firstItem = "first_item"
    }
}

/// Everything that defines a sweep's results, carried by every part so that `merge` needs no
/// sweep file, and compared across parts so that parts of different sweeps are never merged.
public struct SweepManifest: Sendable, Equatable, Codable {
    public var sweep: String
    /// SHA-256 of the sweep file's bytes followed by each scenario file's bytes.
    public var sweepSHA256: String
    /// The version of the cloudplan that ran it.
    public var cloudplanVersion: String
    public var figures: [SweepFigure]
    public var variants: [SweepVariant]
    /// Work items: (variant, replication) pairs, variant by variant.
    public var workItems: Int

    enum CodingKeys: String, CodingKey {
        case sweep, sweepSHA256 = "sweep_sha256", cloudplanVersion = "cloudplan_version", figures, variants, workItems = "work_items"
    }

    /// What makes this manifest one no sweep run could have written (read from a part, it is
    /// checked before anything is computed from it), or nil: at least one figure and variant,
    /// every figure known with its own unit and range, variants that cover the work items
    /// one after another, references to an earlier variant of the same scenario, a positive
    /// finite horizon. O(figures + variants).
    public var problem: String? {
        guard !figures.isEmpty, figures.count <= SweepFigure.all.count else { return "\(figures.count) figures (1 to \(SweepFigure.all.count))" }
        for f in figures {
            guard let known = SweepFigure.all.first(where: { $0.name == f.name }), known == f else { return "figure '\(f.name)' is not one cloudplan collects as written" }
        }
        guard !variants.isEmpty, workItems >= 1, workItems <= 100_000_000 else { return "\(variants.count) variants and \(workItems) work items" }
        var next = 0
        for (i, v) in variants.enumerated() {
            guard v.firstItem == next, v.replications >= 1, v.replications <= 1_000_000 else {
                return "variant \(i) ('\(v.name)') starts at item \(v.firstItem) with \(v.replications) replications; it should start at \(next) with 1 to 1,000,000"
            }
            guard (0...i).contains(v.reference), variants[v.reference].scenario == v.scenario else {
                return "variant \(i) ('\(v.name)') is paired with variant \(v.reference), not an earlier variant of its scenario"
            }
            guard v.horizonSeconds.isFinite, v.horizonSeconds > 0 else { return "variant \(i) has a horizon of \(v.horizonSeconds) s" }
            next += v.replications
        }
        return next == workItems ? nil : "the variants have \(next) replications in all, the work list \(workItems)"
    }

    /// The variant and replication of work item `item` (0 ≤ item < workItems). O(log variants).
    public func workItem(_ item: Int) -> (variant: Int, replication: Int) {
        var lo = 0, hi = variants.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if variants[mid].firstItem <= item { lo = mid } else { hi = mid - 1 }
        }
        return (lo, item - variants[lo].firstItem)
    }
}

/// A sweep's shard: the work items of one slice (see `WorkShard`).
public typealias SweepShard = WorkShard
