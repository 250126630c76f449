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

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialised(indent: Int = 2) -> String {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        out += "\n"
        return out
    }

    private func write(into out: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let closePad = String(repeating: " ", count: level * indent)
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + Self.quote(k) + ": "
                v.write(into: &out, level: level + 1, indent: indent)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Short arrays of scalars stay on one line.
            if items.count <= 16, items.allSatisfy(\.isScalar) {
                out += "[" + items.map { $0.serialised(indent: 0).dropLast() }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(into: &out, level: level + 1, indent: indent)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .string(let s): out += Self.quote(s)
        case .number(let x): out += x.isFinite ? Self.format(x) : "null"
        case .integer(let n): out += String(n)
        case .integerDigits(let digits): out += digits
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    /// Shortest round-trip decimal form, without exponent for ordinary magnitudes.
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
