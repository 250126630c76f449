import Yams

/// An uncertain input (issue 31): any number of the scenario's main file or of a file it
/// includes written as `{value: V, low: L, high: H, source: "…", distribution: uniform|triangular}`
/// instead of `V`. The scenario is read with `value`; `plan --uncertainty N` samples the range.
/// A number written with a `source` and no range is a sourced point value (its range is the point).
public struct Assumption: Sendable {
    /// How values are drawn between `low` and `high`.
    public enum Distribution: String, CaseIterable, Sendable {
        /// Every value in [low, high] alike.
        case uniform
        /// Most likely at `value`, falling linearly to `low` and `high` (the default).
        case triangular
    }

    /// The key path of the number, list entries named by their `id`, `code`, `name` or `line`
    /// (`economics.cost_lines[WAN lines].after.per_tenant`, `hardware.blades[blade-2s12c-96g].price_yen`).
    /// Unique in a scenario: ids are unique across its files.
    public var keyPath: String
    public var steps: [ScenarioOverride.Step]
    /// The point value the plan uses, and the range.
    public var value: Double
    public var low: Double
    public var high: Double
    public var distribution: Distribution
    /// Where the range comes from; nil: an estimate (reports mark it so).
    public var source: String?
    public var location: SourceLocation

    /// Whether the input has a range to sample.
    public var isUncertain: Bool { high > low }

    /// Whether a change of this input can change the hardware a plan sizes (growth, lease years,
    /// anything outside the money keys); false for prices, rates, cost lines, finance, sites'
    /// prices and PUE and reported figures, which `Planner.reprice` applies to a sized plan.
    public var affectsSizing: Bool {
        let keys = steps.compactMap { step -> String? in
            if case .key(let k) = step { return k }
            return nil
        }
        guard let leaf = keys.last else { return true }
        // Procurement forms and cloud price lists price a sized plan; they size nothing.
        if let first = keys.first, Self.pricingSections.contains(first) { return false }
        if keys.first == "economics" { return Self.sizingEconomicsKeys.contains(leaf) }
        return !Self.moneyKeys.contains(leaf)
    }

    /// Top-level sections that only price a plan.
    static let pricingSections: Set<String> = ["procurement_forms", "cloud_catalogs"]
    /// Keys outside `economics` that only price a plan.
    static let moneyKeys: Set<String> = ["price_yen", "pue", "power_price_yen_per_kwh", "rack_space_yen_per_year",
                                         "reported_cost_before_million_yen", "reported_cost_after_million_yen",
                                         "downtime_yen_per_hour"]
    /// Keys of `economics` that change what is sized (the lease sets the sizing horizon).
    static let sizingEconomicsKeys: Set<String> = ["lease_years", "shapley_exact_up_to", "shapley_permutations"]

    /// The value at cumulative probability `u` in [0, 1). O(1).
    public func quantile(_ u: Double) -> Double {
        guard high > low else { return value }
        switch distribution {
        case .uniform:
            return low + u * (high - low)
        case .triangular:
            // Inverse CDF of the triangular distribution with mode `value`.
            let span = high - low, left = (value - low) / span
            return u < left ? low + (u * span * (value - low)).squareRoot()
                : high - ((1 - u) * span * (high - value)).squareRoot()
        }
    }

    /// The `--set` that puts `x` in its place (main-file inputs only: `--set` cannot reach an
    /// included file; `ScenarioLoader.assumptionValues` can).
    public func override(_ x: Double) -> ScenarioOverride {
        let text = AssumptionScan.yamlNumber(x)
        return ScenarioOverride(steps: steps, valueText: text, description: keyPath + "=" + text, originStorage: nil)
    }
}

/// Finds the uncertain inputs of a scenario's main file and puts their values in their place.
struct AssumptionScan {
    static let keys: Set<String> = ["value", "low", "high", "source", "distribution"]

    /// `root` with every `{value, low, high, …}` mapping replaced by its value (or by
    /// `values[keyPath]` when given: a sample's draw), and those inputs. Mistakes (a missing
    /// bound, low > value, an unknown distribution) are located errors. O(nodes).
    static func extract(_ root: Node, file: String, values: [String: Double] = [:], sink: DiagnosticSink) -> (Node, [Assumption]) {
        var scan = AssumptionScan(file: file, values: values, sink: sink)
        let node = scan.walk(root, path: "", steps: [])
        return (node, scan.found)
    }

    let file: String
    let values: [String: Double]
    let sink: DiagnosticSink
    var found: [Assumption] = []

    /// The label of list entry `i`: its `id`, `code`, `name` or `line` when it has one (the
    /// names `--set` also takes), else its position.
    static func entryStep(_ entry: Node, _ i: Int) -> ScenarioOverride.Step {
        for key in ScenarioOverride.entryKeys {
            if let name = entry[key]?.string, !name.isEmpty, !name.contains("]") { return .entry(name) }
        }
        return .index(i)
    }

    static func location(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private mutating func walk(_ node: Node, path: String, steps: [ScenarioOverride.Step]) -> Node {
        switch node {
        case .mapping(var mapping):
            if !path.isEmpty, Self.isAssumption(mapping) {
                if let a = Self.assumption(mapping, node: node, path: path, steps: steps, file: file, sink: sink) {
                    found.append(a)
                    let written = mapping.first { $0.key.string == "value" }?.value ?? node
                    if let x = values[path] { return .scalar(.init(Self.yamlNumber(x), .implicit, .plain, written.mark)) }
                    return written
                }
                // Reported already: a number in its place keeps the reader from a second message.
                return ["value", "low", "high"].lazy.compactMap { k in mapping.first { $0.key.string == k && $0.value.float != nil }?.value }.first ?? node
            }
            for i in mapping.indices {
                guard let key = mapping[i].key.string else { continue }
                let child = walk(mapping[i].value, path: path.isEmpty ? key : path + "." + key, steps: steps + [.key(key)])
                mapping[i] = (key: mapping[i].key, value: child)
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for i in sequence.indices {
                let step = Self.entryStep(sequence[i], i)
                sequence[i] = walk(sequence[i], path: path + step.label, steps: steps + [step])
            }
            return .sequence(sequence)
        default:
            return node
        }
    }

    /// `x` as YAML reads it back exactly: an integer when whole, else the shortest round-trip decimal.
    static func yamlNumber(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    /// Whether a mapping is written as an uncertain input: its keys are among `keys`, with `value`.
    private static func isAssumption(_ mapping: Node.Mapping) -> Bool {
        let names = mapping.compactMap { $0.key.string }
        return names.count == mapping.count && names.contains("value") && Set(names).isSubset(of: keys)
    }

    /// The input a mapping declares (`isAssumption`), or nil after reporting what is wrong.
    private static func assumption(_ mapping: Node.Mapping, node: Node, path: String, steps: [ScenarioOverride.Step],
                                   file: String, sink: DiagnosticSink) -> Assumption? {
        let names = mapping.compactMap { $0.key.string }
        func number(_ key: String) -> Double? {
            guard let n = mapping.first(where: { $0.key.string == key })?.value else { return nil }
            guard let x = n.float, x.isFinite else {
                sink.error(location(n, file), path + "." + key, "must be a number, got '\(n.string ?? "a list or mapping")'")
                return nil
            }
            return x
        }
        guard let value = number("value") else { return nil }
        let hasLow = names.contains("low"), hasHigh = names.contains("high")
        if hasLow != hasHigh {
            sink.error(location(node, file), path, "give both low and high (or neither, for a sourced point value)")
            return nil
        }
        let low = hasLow ? number("low") : value, high = hasHigh ? number("high") : value
        guard let low, let high else { return nil }
        guard low <= value && value <= high else {
            sink.error(location(node, file), path, "low ≤ value ≤ high is required, got low \(low), value \(value), high \(high)")
            return nil
        }
        var distribution = Assumption.Distribution.triangular
        if let d = mapping.first(where: { $0.key.string == "distribution" })?.value {
            guard let name = d.string, let known = Assumption.Distribution(rawValue: name) else {
                sink.error(location(d, file), path + ".distribution", "must be one of \(Assumption.Distribution.allCases.map(\.rawValue).joined(separator: ", ")), got '\(d.string ?? "?")'")
                return nil
            }
            distribution = known
        }
        let source = mapping.first { $0.key.string == "source" }?.value.string
        return Assumption(keyPath: path, steps: steps, value: value, low: low, high: high, distribution: distribution,
                          source: source, location: location(node, file))
    }
}
