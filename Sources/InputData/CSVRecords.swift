/// The records of a CSV text (RFC 4180): fields separated by `delimiter`, a field in double
/// quotes may hold delimiters, line breaks and doubled quotes (""), records end at LF or CRLF.
/// A UTF-8 byte-order mark is skipped; blank records are skipped. Each record comes with the
/// line it starts on. Fields are not trimmed.
/// - Complexity: O(characters).
public struct CSVRecords: Sequence, IteratorProtocol {
    /// A field that opens a quote and never closes it.
    public struct UnclosedQuote: Error, Sendable { public let line: Int }

    let scalars: [Unicode.Scalar]
    var position = 0
    var line = 1
    let delimiter: Unicode.Scalar
    /// Set when a record had an unclosed quote (reading stops there).
    public private(set) var error: UnclosedQuote?

    public init(_ text: String, delimiter: Unicode.Scalar = ",") {
        var s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" { s.removeFirst() }
        scalars = s
        self.delimiter = delimiter
    }

    /// The delimiter a header line uses: the most frequent of comma, semicolon and tab outside
    /// quotes (comma when none appears).
    public static func delimiter(ofHeader text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for c in text.unicodeScalars {
            if c == "\n" && !quoted { break }
            if c == "\"" { quoted.toggle() } else if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        return [",", ";", "\t"].max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $0 != ",") } ?? ","
    }

    public mutating func next() -> (line: Int, fields: [String])? {
        while position < scalars.count, error == nil {
            let start = line
            guard let fields = record() else { return nil }
            if fields.count == 1 && fields[0].allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            return (start, fields)
        }
        return nil
    }

    /// One record from `position`; nil (with `error` set) on an unclosed quote.
    mutating func record() -> [String]? {
        var fields: [String] = [], field = String.UnicodeScalarView(), quoted = false, quoteLine = line
        while position < scalars.count {
            let c = scalars[position]
            position += 1
            if quoted {
                if c == "\"" {
                    if position < scalars.count, scalars[position] == "\"" { field.append("\""); position += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
                quoteLine = line
            case delimiter:
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r" where position < scalars.count && scalars[position] == "\n":
                continue
            case "\n":
                line += 1
                fields.append(String(field))
                return fields
            default:
                field.append(c)
            }
        }
        if quoted {
            error = UnclosedQuote(line: quoteLine)
            return nil
        }
        fields.append(String(field))
        return fields
    }
}
