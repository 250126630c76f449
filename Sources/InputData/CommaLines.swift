/// The non-blank lines of a text split at commas, as byte ranges of its UTF-8 (LF or CRLF
/// endings, no quoting), for large machine-written files such as traces: no `Character`
/// processing and no allocation per line. Fields are decoded only when asked for.
/// - Complexity: O(bytes).
public struct CommaLines {
    public let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }

    /// Calls `body` with each non-blank line's 1-based number and its fields' ranges (the array
    /// is reused: copy what must outlive the call).
    public func forEach<E: Error>(_ body: (_ number: Int, _ fields: [Range<Int>]) throws(E) -> Void) throws(E) {
        var fields: [Range<Int>] = []
        var number = 0, start = 0
        let n = bytes.count
        while start < n {
            number += 1
            var end = start
            fields.removeAll(keepingCapacity: true)
            var fieldStart = start, blank = true
            while end < n && bytes[end] != 0x0A {
                let c = bytes[end]
                if c == 0x2C { fields.append(fieldStart..<end); fieldStart = end + 1 }
                if c != 0x20 && c != 0x09 && c != 0x0D { blank = false }
                end += 1
            }
            let last = end > fieldStart && bytes[end - 1] == 0x0D ? end - 1 : end
            fields.append(fieldStart..<Swift.max(fieldStart, last))
            start = end + 1
            if !blank { try body(number, fields) }
        }
    }

    /// The field's text.
    public func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

    /// The field as a number (as `Double(String)` reads it), or nil.
    public func double(_ r: Range<Int>) -> Double? {
        r.count <= 40 ? Double(string(r)) : nil
    }

    /// Whether two fields hold the same bytes.
    public func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && bytes[a].elementsEqual(bytes[b])
    }
}
