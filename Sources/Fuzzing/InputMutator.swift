import Placement

/// Seeded random damage to input files, the way real inputs go wrong: truncation, deleted and
/// duplicated lines, garbage and hostile values (huge, tiny, non-finite, wrong type, deep
/// nesting, very long words), stray syntax, broken indentation, misspelt keys, damaged CSV
/// cells, and flipped, cut or inserted bytes for compressed files.
///
/// Deterministic: the same seed gives the same sequence of mutants (SplitMix64).
public struct InputMutator: RandomNumberGenerator {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// A number in 0..<n (n ≥ 1).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(Swift.max(n, 1))) }

    /// Values that have broken parsers and models: wrong types, YAML oddities, numbers past
    /// what a model computes with, non-finite numbers.
    public static let garbage = ["-1", "0", "abc", "[]", "{}", "1e999", "null", "\"\"", "99999999999999", "0.0000001",
                                 "yes", "-0", "nan", ".inf", "0x10", "[1, 2", "{a: b", "&anchor", "*alias", "!!binary x",
                                 "'", "\"unterminated", "1_000_000_000_000", "３", "-5e3",
                                 "1e300", "-1e300", "9223372036854775808", "99999999999999999999_000", ".nan", "-.inf",
                                 "1e-320", "2.5", "~", "4294967296", "-9223372036854775809", "0.5e"]
    static let stray = [":", "{", "[", "\t", "'", "\"", "&a ", "*a ", "- ", "? ", "|", ">", "%", "@", "`", "\u{0}", ",", ";"]

    /// One mutated copy of a text file and what was done.
    public mutating func mutate(_ text: String) -> (text: String, what: String) {
        var lines = text.components(separatedBy: "\n")
        let i = below(lines.count)
        switch below(10) {
        case 0: return truncated(text)
        case 1:
            lines.remove(at: i)
            return (lines.joined(separator: "\n"), "deleted line \(i + 1)")
        case 2:
            lines.insert(lines[i], at: i)
            return (lines.joined(separator: "\n"), "duplicated line \(i + 1)")
        case 3:
            lines[i] = replacingValue(lines[i])
            return (lines.joined(separator: "\n"), "garbage value on line \(i + 1)")
        case 4:
            var chars = Array(lines[i])
            chars.insert(contentsOf: Self.stray[below(Self.stray.count)], at: below(chars.count + 1))
            lines[i] = String(chars)
            return (lines.joined(separator: "\n"), "stray syntax on line \(i + 1)")
        case 5:
            lines[i] = below(2) == 0 ? "  " + lines[i] : String(lines[i].drop { $0 == " " })
            return (lines.joined(separator: "\n"), "indentation of line \(i + 1)")
        case 6:
            lines[i] = replacingCell(lines[i])
            return (lines.joined(separator: "\n"), "damaged field on line \(i + 1)")
        case 7:
            lines[i] = replacingValue(lines[i], with: monster())
            return (lines.joined(separator: "\n"), "monster value on line \(i + 1)")
        case 8:
            let copies = 1 + below(2_000)
            lines.insert(contentsOf: repeatElement(lines[i], count: copies), at: i)
            return (lines.joined(separator: "\n"), "line \(i + 1) repeated \(copies) times")
        default:
            var chars = Array(lines[i])
            if let k = chars.indices.filter({ chars[$0].isLetter }).randomElement(using: &self) {
                chars[k] = chars[k] == "x" ? "q" : "x"
            }
            lines[i] = String(chars)
            return (lines.joined(separator: "\n"), "changed a letter on line \(i + 1)")
        }
    }

    /// One mutated copy of a binary file (a gzip stream) and what was done.
    public mutating func mutate(bytes: [UInt8]) -> (bytes: [UInt8], what: String) {
        var b = bytes
        guard !b.isEmpty else { return ([0x1f, 0x8b], "gzip magic only") }
        let at = below(b.count)
        switch below(5) {
        case 0:
            return (Array(b[..<at]), "truncated at byte \(at)")
        case 1:
            for _ in 0..<(1 + below(8)) { b[below(b.count)] ^= UInt8(1 << below(8)) }
            return (b, "flipped bits")
        case 2:
            b.insert(contentsOf: (0..<(1 + below(64))).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
            return (b, "inserted bytes at \(at)")
        case 3:
            // The trailer's uncompressed size and CRC.
            for k in Swift.max(0, b.count - 8)..<b.count { b[k] = UInt8(truncatingIfNeeded: next()) }
            return (b, "damaged trailer")
        default:
            let end = Swift.min(b.count, at + 1 + below(4_096))
            b.removeSubrange(at..<end)
            return (b, "removed bytes \(at)..<\(end)")
        }
    }

    mutating func truncated(_ text: String) -> (text: String, what: String) {
        let scalars = Array(text.unicodeScalars)
        let cut = below(scalars.count)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[..<cut])
        return (String(s), "truncated at \(cut)")
    }

    /// The line with the value after its first ": " (up to a comma or brace) replaced.
    mutating func replacingValue(_ line: String, with value: String? = nil) -> String {
        guard let r = line.range(of: ": ") else { return line }
        let g = value ?? Self.garbage[below(Self.garbage.count)]
        var rest = String(line[r.upperBound...])
        let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
        rest.replaceSubrange(rest.startIndex..<end, with: g)
        return String(line[..<r.upperBound]) + rest
    }

    /// The line with one comma-separated field replaced by garbage.
    mutating func replacingCell(_ line: String) -> String {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !fields.isEmpty else { return line }
        fields[below(fields.count)] = Self.garbage[below(Self.garbage.count)]
        return fields.joined(separator: ",")
    }

    /// A value too big to be reasonable: a very long word, deep nesting, a long flow list.
    mutating func monster() -> String {
        switch below(3) {
        case 0: return String(repeating: "x", count: 1 + below(200_000))
        case 1:
            let depth = 1 + below(5_000)
            return String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        default: return "[" + (0..<(1 + below(20_000))).map { String($0) }.joined(separator: ", ") + "]"
        }
    }
}
