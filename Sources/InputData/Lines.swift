/// The lines of a text, one at a time (LF or CRLF endings), with their 1-based numbers, without
/// building an array of them: a file of fifty million empty lines costs no memory. Blank lines
/// (empty, or spaces and tabs only) are skipped.
/// - Complexity: O(characters).
public struct NonBlankLines: Sequence, IteratorProtocol {
    let text: Substring.UTF8View
    var position: Substring.UTF8View.Index
    var number = 0
    let base: Substring

    public init(_ text: String) {
        base = Substring(text)
        self.text = base.utf8
        position = self.text.startIndex
    }

    public mutating func next() -> (number: Int, line: Substring)? {
        while position < text.endIndex {
            let end = text[position...].firstIndex(of: 0x0A) ?? text.endIndex
            var last = end
            if last > position, text[text.index(before: last)] == 0x0D { last = text.index(before: last) }
            let line = base[position..<last]
            number += 1
            position = end < text.endIndex ? text.index(after: end) : end
            if line.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return (number, line) }
        }
        return nil
    }
}
