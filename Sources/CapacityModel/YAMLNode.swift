import Foundation
import Yams

/// A YAML node with where it came from: its file and its key path from the document root.
/// Every typed read reports problems to the sink with this location and path.
struct YAMLNode {
    let node: Node
    let path: String
    let file: String
    let sink: DiagnosticSink

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    func error(_ message: String) { sink.error(location, path, message) }
    func warning(_ message: String) { sink.warning(location, path, message) }

    /// The node at `key` below this one (for building paths).
    func child(_ node: Node, key: String) -> YAMLNode {
        YAMLNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file, sink: sink)
    }

    func element(_ node: Node, index: Int) -> YAMLNode {
        YAMLNode(node: node, path: "\(path)[\(index)]", file: file, sink: sink)
    }

    /// A short rendering of the node for messages.
    var shortDescription: String {
        switch node {
        case .scalar(let s): return "\"\(s.string.prefix(40))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The raw text of a scalar, or nil (with an error) for anything else.
    var scalarText: String? {
        if case .scalar(let s) = node { return s.string }
        error("expected a single value, got \(shortDescription)")
        return nil
    }

    var isNull: Bool {
        if case .scalar(let s) = node, s.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(s.string)
        }
        return false
    }

    // MARK: Typed scalars

    /// A string. Plain or quoted scalars are taken as written (no YAML 1.1 conversions), so
    /// codes such as `06202` keep their leading zero.
    func string(nonEmpty: Bool = true) -> String? {
        guard let text = scalarText else { return nil }
        if isNull { error("expected a string, got nothing"); return nil }
        if nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty {
            error("must not be empty")
            return nil
        }
        return text
    }

    /// A finite number, optionally bounded. Underscores between digits are allowed (90_990).
    /// The largest number any key accepts unless it has a smaller bound (docs/scenario-format.md):
    /// sums and products of such numbers over a national scenario stay finite and exact enough,
    /// and convert to whole counts without overflow.
    static let largestNumber = 1e12

    func number(min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false,
                what: String = "a number") -> Double? {
        guard let text = scalarText else { return nil }
        if case .scalar(let s) = node, s.style != .plain {
            error("expected \(what), got the quoted string \"\(text.prefix(40))\"")
            return nil
        }
        let cleaned = text.contains("_") ? String(text.filter { $0 != "_" }) : text
        guard let value = Double(cleaned), value.isFinite,
              !cleaned.lowercased().hasPrefix("0x"), !cleaned.contains("inf"), !cleaned.contains("nan") else {
            error("expected \(what), got \(shortDescription)")
            return nil
        }
        if let lo = min {
            if exclusiveMin && value <= lo {
                error(lo == 0 ? "must be positive (got \(text))" : "must be greater than \(Self.format(lo)) (got \(text))")
                return nil
            }
            if !exclusiveMin && value < lo {
                error(lo == 0 ? "must not be negative (got \(text))" : "must be at least \(Self.format(lo)) (got \(text))")
                return nil
            }
        }
        let hi = Swift.min(max ?? Self.largestNumber, Self.largestNumber)
        if value > hi || value < -Self.largestNumber {
            error("must be at most \(Self.format(hi)) (got \(text))")
            return nil
        }
        return value
    }

    func positive() -> Double? { number(min: 0, exclusiveMin: true, what: "a positive number") }
    func nonNegative() -> Double? { number(min: 0, what: "a non-negative number") }
    func fraction(allowZero: Bool = true) -> Double? {
        number(min: 0, max: 1, exclusiveMin: !allowZero, what: "a fraction between 0 and 1")
    }

    /// A whole number, optionally bounded.
    func integer(min: Int? = nil, max: Int? = nil) -> Int? {
        guard let value = number(min: min.map(Double.init), max: max.map(Double.init), what: "a whole number") else {
            return nil
        }
        guard value == value.rounded(), abs(value) < 1e15 else {
            error("expected a whole number, got \(shortDescription)")
            return nil
        }
        return Int(value)
    }

    func bool() -> Bool? {
        guard let text = scalarText else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes": return true
        case "false", "False", "FALSE", "no", "No": return false
        default:
            error("expected true or false, got \(shortDescription)")
            return nil
        }
    }

    /// One of a closed set of words; suggests the nearest on a typo.
    func choice<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string() else { return nil }
        if let value = T(rawValue: text) { return value }
        let all = T.allCases.map(\.rawValue)
        error("unknown value \"\(text)\"\(EditDistance.hint(for: text, among: all)); expected one of: \(all.joined(separator: ", "))")
        return nil
    }

    // MARK: Collections

    /// The elements of a list, or nil (with an error) if this is not a list.
    func list() -> [YAMLNode]? {
        guard case .sequence(let seq) = node else {
            error("expected a list, got \(shortDescription)")
            return nil
        }
        return seq.enumerated().map { element($1, index: $0) }
    }

    /// A list of strings; a single string is accepted as a one-element list.
    func stringList() -> [String]? {
        if case .scalar = node, !isNull { return string().map { [$0] } }
        guard let items = list() else { return nil }
        let values = items.compactMap { $0.string() }
        return values.count == items.count ? values : nil
    }

    /// A list of exactly `count` numbers in [min, max].
    func numberList(count: Int, min: Double, max: Double) -> [Double]? {
        guard let items = list() else { return nil }
        guard items.count == count else {
            error("expected \(count) values, got \(items.count)")
            return nil
        }
        let values = items.compactMap { $0.number(min: min, max: max) }
        return values.count == count ? values : nil
    }

    func mapping() -> MappingReader? { MappingReader(self) }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Reads the keys of one YAML mapping. Every key the reader asks for is remembered, present or
/// not; `finish()` then reports each key that was present but never asked for, with the nearest
/// known key as a suggestion.
final class MappingReader {
    let node: YAMLNode
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var asked: Set<String> = []

    init?(_ node: YAMLNode) {
        self.node = node
        guard case .mapping(let mapping) = node.node else {
            node.error("expected a mapping of keys to values, got \(node.shortDescription)")
            return nil
        }
        for (k, v) in mapping {
            guard case .scalar(let keyScalar) = k else {
                node.child(k, key: "?").error("keys must be plain words")
                continue
            }
            entries.append((keyScalar.string, k, v))
        }
    }

    var keys: [String] { entries.map(\.key) }
    var location: SourceLocation { node.location }
    var path: String { node.path }

    func has(_ key: String) -> Bool {
        asked.insert(key)
        return entries.contains { $0.key == key }
    }

    /// The value at `key`, or nil if absent. An explicit `null` counts as absent.
    func optional(_ key: String) -> YAMLNode? {
        asked.insert(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        let child = node.child(entry.value, key: key)
        return child.isNull ? nil : child
    }

    /// The value at `key`; reports a missing key at the mapping's location.
    func required(_ key: String, _ what: String = "") -> YAMLNode? {
        if let value = optional(key) { return value }
        let detail = what.isEmpty ? "" : " (\(what))"
        node.error("missing required key '\(key)'\(detail)")
        return nil
    }

    /// The location of a key itself (for messages about the key rather than its value).
    func keyLocation(_ key: String) -> SourceLocation {
        guard let entry = entries.first(where: { $0.key == key }), let mark = entry.keyNode.mark else {
            return location
        }
        return SourceLocation(file: node.file, line: mark.line, column: mark.column)
    }

    // Shorthands for common reads.
    func string(_ key: String) -> String? { required(key)?.string() }
    func optionalString(_ key: String) -> String? { optional(key)?.string() }
    func number(_ key: String, default value: Double, min: Double? = nil, max: Double? = nil,
                exclusiveMin: Bool = false) -> Double? {
        guard let n = optional(key) else { return value }
        return n.number(min: min, max: max, exclusiveMin: exclusiveMin)
    }
    func positive(_ key: String) -> Double? { required(key, "a positive number")?.positive() }
    func positive(_ key: String, default value: Double) -> Double? { optional(key).map { $0.positive() } ?? value }
    func nonNegative(_ key: String) -> Double? { required(key, "a number ≥ 0")?.nonNegative() }
    func nonNegative(_ key: String, default value: Double) -> Double? { optional(key).map { $0.nonNegative() } ?? value }
    func fraction(_ key: String, default value: Double) -> Double? { optional(key).map { $0.fraction() } ?? value }
    func integer(_ key: String, min: Int? = nil, max: Int? = nil) -> Int? {
        required(key, "a whole number")?.integer(min: min, max: max)
    }
    func integer(_ key: String, default value: Int, min: Int? = nil, max: Int? = nil) -> Int? {
        optional(key).map { $0.integer(min: min, max: max) } ?? value
    }
    func bool(_ key: String, default value: Bool) -> Bool? { optional(key).map { $0.bool() } ?? value }

    /// Counts `keys` as known without reading them: for a reader that stops early after a
    /// reported mistake, so that the keys it would have read next are not called unknown (one
    /// mistake, one message); a key that is none of them is still reported by `finish`.
    func abandon(expecting keys: [String]) {
        asked.formUnion(keys)
    }

    /// Reports keys that were present but never asked for.
    func finish() {
        for entry in entries where !asked.contains(entry.key) {
            let mark = entry.keyNode.mark
            let location = SourceLocation(file: node.file, line: mark?.line ?? 1, column: mark?.column ?? 1)
            let keyPath = node.path.isEmpty ? entry.key : "\(node.path).\(entry.key)"
            let hint = EditDistance.hint(for: entry.key, among: asked)
            let known = asked.sorted().joined(separator: ", ")
            node.sink.error(location, keyPath, "unknown key '\(entry.key)'\(hint); known keys here: \(known)")
        }
    }
}
