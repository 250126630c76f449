import Yams

/// One `--set KEY=VALUE` on the command line: a value put at a key path of the scenario's main
/// file before it is read, as if it had been written there. Key paths name mapping keys joined
/// by dots, with list entries by position (a number without leading zeros) or by their `id`,
/// `name`, `code` or `line`:
/// `pools[0].blades`, `pools[okitama].policy`, `tenants[06202].population`,
/// `simulation.power_management.mode`. The value is YAML (`20`, `dpm`, `{blades: false}`). A key
/// that does not exist is added to its mapping; a list entry that does not exist is an error.
/// Keys of included files cannot be set (set the main file's key that names them instead).
public struct ScenarioOverride: Sendable, Hashable, CustomStringConvertible {
    /// One step of a key path.
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
        /// The list entry whose `id`, `name`, `code` or `line` is this.
        case entry(String)
    }

    public var steps: [Step]
    /// The value as written (YAML).
    public var valueText: String
    /// The text given, `KEY=VALUE`.
    public var description: String
    /// The key path as written (`pools[0].blades`).
    public var keyPath: String { String(description.prefix { $0 != "=" }) }
    /// Where a sweep file wrote it (`origin`); nil for `--set`.
    var originStorage: SourceLocation?

    /// The keys a list entry is named by in a key path, in order of preference.
    static let entryKeys = ["id", "code", "name", "line"]

    /// Parses `KEY=VALUE`; nil with a reason if it is not one.
    public static func parse(_ text: String) -> Result<ScenarioOverride, OverrideError> {
        guard let equals = text.firstIndex(of: "=") else { return .failure(OverrideError(text, "expected KEY=VALUE, such as pools[0].blades=20")) }
        let path = String(text[..<equals]), value = String(text[text.index(after: equals)...])
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard parseSegment(String(part), into: &steps) else {
                return .failure(OverrideError(text, "\"\(part)\" is not a key, key[index] or key[id]"))
            }
        }
        guard case .key? = steps.first else { return .failure(OverrideError(text, "the key path must start with a key")) }
        return .success(ScenarioOverride(steps: steps, valueText: value, description: text, originStorage: nil))
    }

    /// Appends the steps of one dot-separated segment (`pools[0]`, `blades`); false if malformed.
    private static func parseSegment(_ part: String, into steps: inout [Step]) -> Bool {
        var rest = Substring(part)
        let name = rest.prefix { $0 != "[" }
        guard !name.isEmpty, !name.contains("]") else { return false }
        steps.append(.key(String(name)))
        rest = rest.dropFirst(name.count)
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return false }
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            guard !inside.isEmpty else { return false }
            // A position is a plain number; "06202" (a leading zero) is a code.
            let position = inside == "0" || inside.first != "0" ? Int(inside) : nil
            steps.append(position.map(Step.index) ?? .entry(String(inside)))
            rest = rest[rest.index(after: close)...]
        }
        return true
    }

    /// `root` with the value put at the key path.
    public func apply(to root: Node) -> Result<Node, OverrideError> {
        let value: Node
        do {
            guard let parsed = try Yams.compose(yaml: valueText) else { return .failure(OverrideError(description, "the value is empty")) }
            value = parsed
        } catch {
            return .failure(OverrideError(description, "the value is not YAML"))
        }
        return put(value, at: steps[...], in: root, path: "")
    }

    private func put(_ value: Node, at steps: ArraySlice<Step>, in node: Node, path: String) -> Result<Node, OverrideError> {
        guard let step = steps.first else { return .success(value) }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            guard var mapping = node.mapping else { return .failure(OverrideError(description, "\(path.isEmpty ? "the file" : path) is not a mapping")) }
            let here = path.isEmpty ? key : path + "." + key
            if let i = mapping.firstIndex(where: { $0.key.string == key }) {
                return put(value, at: rest, in: mapping[i].value, path: here).map { new in
                    mapping[i] = (key: mapping[i].key, value: new)
                    return .mapping(mapping)
                }
            }
            guard rest.isEmpty || { if case .key = rest.first! { return true } else { return false } }() else {
                return .failure(OverrideError(description, "\(here) is not in the file"))
            }
            return put(value, at: rest, in: .mapping(Node.Mapping([])), path: here).map { new in
                var pairs = mapping.map { ($0.key, $0.value) }
                pairs.append((Node(key), new))
                return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
            }
        case .index, .entry:
            guard var sequence = node.sequence else { return .failure(OverrideError(description, "\(path) is not a list")) }
            let i: Int?
            if case .index(let n) = step {
                i = sequence.indices.contains(n) ? n : nil
            } else if case .entry(let id) = step {
                i = sequence.firstIndex { entry in Self.entryKeys.contains { entry[$0]?.string == id } }
            } else {
                i = nil
            }
            guard let i else {
                return .failure(OverrideError(description, "\(path) has no entry \(step.label) (it has \(sequence.count))"))
            }
            return put(value, at: rest, in: sequence[i], path: path + step.label).map { new in
                sequence[i] = new
                return .sequence(sequence)
            }
        }
    }
}

extension ScenarioOverride.Step {
    var label: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        case .entry(let id): return "[\(id)]"
        }
    }
}

/// Why a `--set` could not be applied.
public struct OverrideError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    init(_ text: String, _ reason: String) {
        self.text = text
        self.reason = reason
    }
    public var description: String { "--set \(text): \(reason)" }
}
