/// The records of a CSV text (RFC 4180): fields separated by `delimiter`, a field in double
/// quotes may hold delimiters, line breaks and doubled quotes (""), records end at LF or CRLF.
/// A UTF-8 byte-order mark is skipped; blank records are skipped. Each record comes with the
/// line it starts on. Fields are not trimmed.
/// - Complexity: O(characters).
public struct CSVRecords: Sequence, IteratorProtocol {
    /// A field that opens a quote and never closes it.
    public struct UnclosedQuote: Error, Sendable { public let line: Int }

    /// The text's UTF-8 bytes (a field is decoded once, when it is complete).
    let bytes: [UInt8]
    var position = 0
    var line = 1
    /// The field separator (ASCII).
    public let delimiter: UInt8
    /// The field being read, reused across fields.
    var field: [UInt8] = []
    /// Set when a record had an unclosed quote (reading stops there).
    public private(set) var error: UnclosedQuote?

    /// - Parameter delimiter: an ASCII character (comma, semicolon, tab…).
    public init(_ text: String, delimiter: Unicode.Scalar = ",") {
        var b = Array(text.utf8)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
        precondition(delimiter.isASCII, "a CSV delimiter is an ASCII character")
        self.delimiter = UInt8(delimiter.value)
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
        while position < bytes.count, error == nil {
            let start = line
            guard let fields = record() else { return nil }
            if fields.count == 1 && fields[0].utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return (start, fields)
        }
        return nil
    }

    /// The field read so far as a string, and a fresh start for the next.
    private mutating func takeField() -> String {
        defer { field.removeAll(keepingCapacity: true) }
        return String(decoding: field, as: UTF8.self)
    }

    /// One record from `position`; nil (with `error` set) on an unclosed quote.
    mutating func record() -> [String]? {
        var fields: [String] = [], quoted = false, quoteLine = line
        let quote: UInt8 = 0x22, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
        while position < bytes.count {
            let c = bytes[position]
            position += 1
            if quoted {
                if c == quote {
                    if position < bytes.count, bytes[position] == quote { field.append(quote); position += 1 } else { quoted = false }
                } else {
                    if c == newline { line += 1 }
                    field.append(c)
                }
                continue
            }
            if c == quote && field.isEmpty {
                quoted = true
                quoteLine = line
            } else if c == delimiter {
                fields.append(takeField())
            } else if c == carriageReturn && position < bytes.count && bytes[position] == newline {
                continue
            } else if c == newline {
                line += 1
                fields.append(takeField())
                return fields
            } else {
                field.append(c)
            }
        }
        if quoted {
            error = UnclosedQuote(line: quoteLine)
            field.removeAll()
            return nil
        }
        fields.append(takeField())
        return fields
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (ASCII only: no Foundation
    /// character sets, so that reading large CSV files stays cheap).
    public var trimmingSpaces: String {
        let u = utf8
        guard let first = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }
}
