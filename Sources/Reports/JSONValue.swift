import Placement

/// A JSON document with keys kept in the order they were written, serialised the same way
/// every time (no dictionary ordering, no locale), so reports are byte-for-byte reproducible.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    /// An exact integer too large for `Int`, as its decimal digits.
    case integerDigits(String)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialised() == b.serialised() }

    /// A number rounded to `decimals` places (NaN and infinities become null).
    public static func rounded(_ x: Double, _ decimals: Int) -> JSONValue {
        guard x.isFinite else { return .null }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (x * scale).rounded() / scale
        return r == r.rounded() && abs(r) < 1e15 ? .integer(Int(r)) : .number(r)
    }

    /// An exact count: an integer when it fits, its digits otherwise.
    public static func count(_ n: CaseCount) -> JSONValue { n.intValue.map(JSONValue.integer) ?? .integerDigits(n.description) }

    /// Pretty-printed with two-space indentation (arrays of up to 16 scalars on one line, longer
    /// arrays of numbers 16 to a line) and a final newline. O(output bytes).
    public func serialised(indent: Int = 2) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 12)
        write(into: &out, level: 0, indent: indent)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends this value as UTF-8, nested `level` deep.
    private func write(into out: inout [UInt8], level: Int, indent: Int) {
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (i, (k, v)) in pairs.enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (level + 1) * indent))
                Self.quote(k, into: &out)
                out.append(contentsOf: ": ".utf8)
                v.write(into: &out, level: level + 1, indent: indent)
                out.append(contentsOf: (i + 1 < pairs.count ? ",\n" : "\n").utf8)
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            // Short arrays of scalars stay on one line.
            if items.count <= 16, items.allSatisfy(\.isScalar) {
                out.append(UInt8(ascii: "["))
                for (i, v) in items.enumerated() {
                    if i > 0 { out.append(contentsOf: ", ".utf8) }
                    v.write(into: &out, level: 0, indent: 0)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            out.append(contentsOf: "[\n".utf8)
            // Long arrays of numbers (time series): 16 to a line, not one (a national study's
            // daily series were most of its file in indentation).
            let perLine = items.allSatisfy(\.isNumeric) ? 16 : 1
            for (i, v) in items.enumerated() {
                if i % perLine == 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (level + 1) * indent)) }
                v.write(into: &out, level: level + 1, indent: indent)
                if i + 1 == items.count {
                    out.append(UInt8(ascii: "\n"))
                } else {
                    out.append(contentsOf: ((i + 1) % perLine == 0 ? ",\n" : ", ").utf8)
                }
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
            out.append(UInt8(ascii: "]"))
        case .string(let s): Self.quote(s, into: &out)
        case .number(let x): out.append(contentsOf: (x.isFinite ? Self.format(x) : "null").utf8)
        case .integer(let n): out.append(contentsOf: String(n).utf8)
        case .integerDigits(let digits): out.append(contentsOf: digits.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    /// A number or null (what a time series holds).
    var isNumeric: Bool {
        switch self {
        case .number, .integer, .integerDigits, .null: return true
        default: return false
        }
    }

    /// Shortest round-trip decimal form, without exponent for ordinary magnitudes.
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    /// `s` as a JSON string literal.
    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else as its UTF-8 bytes (no byte of a multi-byte character is below
    /// 0x80, so escaping byte by byte is escaping character by character).
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
