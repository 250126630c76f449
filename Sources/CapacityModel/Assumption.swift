import Yams

/// An uncertain input (issue 31): any number of the scenario's main file written as
/// `{value: V, low: L, high: H, source: "…", distribution: uniform|triangular}` instead of `V`.
/// The scenario is read with `value`; `plan --uncertainty N` samples the range. A number
/// written with a `source` and no range is a sourced point value (its range is the point).
public struct Assumption: Sendable {
    /// How values are drawn between `low` and `high`.
    public enum Distribution: String, CaseIterable, Sendable {
        /// Every value in [low, high] alike.
        case uniform
        /// Most likely at `value`, falling linearly to `low` and `high` (the default).
        case triangular
    }

    /// The key path of the number (`economics.cost_lines[3].rate`), as `--set` takes it.
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

    /// The `--set` that puts `x` in its place.
    public func override(_ x: Double) -> ScenarioOverride {
        let text = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        return ScenarioOverride(steps: steps, valueText: text, description: keyPath + "=" + text, originStorage: nil)
    }
}

/// Finds the uncertain inputs of a scenario's main file and puts their values in their place.
enum AssumptionScan {
    static let keys: Set<String> = ["value", "low", "high", "source", "distribution"]

    /// `root` with every `{value, low, high, …}` mapping replaced by its value, and those inputs.
    /// Mistakes (a missing bound, low > value, an unknown distribution) are located errors.
    /// O(nodes).
    static func extract(_ root: Node, file: String, sink: DiagnosticSink) -> (Node, [Assumption]) {
        var found: [Assumption] = []
        let node = walk(root, path: "", steps: [], file: file, sink: sink, found: &found)
        return (node, found)
    }

    static func location(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private static func walk(_ node: Node, path: String, steps: [ScenarioOverride.Step], file: String,
                             sink: DiagnosticSink, found: inout [Assumption]) -> Node {
        switch node {
        case .mapping(var mapping):
            if !path.isEmpty, isAssumption(mapping) {
                if let a = assumption(mapping, node: node, path: path, steps: steps, file: file, sink: sink) {
                    found.append(a)
                    return mapping.first { $0.key.string == "value" }?.value ?? node
                }
                // Reported already: a number in its place keeps the reader from a second message.
                return ["value", "low", "high"].lazy.compactMap { k in mapping.first { $0.key.string == k && $0.value.float != nil }?.value }.first ?? node
            }
            for i in mapping.indices {
                guard let key = mapping[i].key.string else { continue }
                let child = walk(mapping[i].value, path: path.isEmpty ? key : path + "." + key, steps: steps + [.key(key)],
                                 file: file, sink: sink, found: &found)
                mapping[i] = (key: mapping[i].key, value: child)
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for i in sequence.indices {
                sequence[i] = walk(sequence[i], path: path + "[\(i)]", steps: steps + [.index(i)], file: file, sink: sink, found: &found)
            }
            return .sequence(sequence)
        default:
            return node
        }
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
