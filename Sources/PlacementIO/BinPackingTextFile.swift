import Foundation
import InputData
import Placement

/// Reads one-dimensional bin packing instances in the plain text formats the classical sets are
/// published in (gzip or plain):
///
/// - one instance per file (BPPLIB, Scholl et al.): the number of items n, the capacity C, then n
///   weights, whitespace-separated (one a line as published). A line of two numbers in the weight
///   list is a weight and how many items have it (BPPLIB's cutting-stock form, where n counts
///   such lines).
/// - several instances per file (OR-Library `binpack*.txt`, Falkenauer's sets): the number of
///   instances, then for each its name, a line "C n best" (best: the best known bin count), and
///   n weights.
///
/// Every mistake is reported at its line and column.
public enum BinPackingTextFile {
    /// Whether `data` looks like this format: its first visible character is a digit.
    public static func recognises(_ data: Data) -> Bool {
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else { return false }
        return first >= 0x30 && first <= 0x39
    }

    public static func read(_ path: String) throws -> [NamedInstance] {
        let data: Data
        do { data = try InputFile.read(path) } catch let e {
            throw InstanceFileError(file: path, line: 1, column: 1, message: e.reason)
        }
        return try read(data, path: path)
    }

    /// The instances of a file already read.
    public static func read(_ data: Data, path: String) throws -> [NamedInstance] {
        var tokens = Tokens(data: data, file: path)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = stem.hasSuffix(".txt") || stem.hasSuffix(".bpp") ? (stem as NSString).deletingPathExtension : stem
        let first = try tokens.integer("the number of items", atMost: VectorPackingFile.maximumItems)
        if let next = tokens.peek(), !next.text.allSatisfy(\.isNumber) {
            return try (0..<first).map { _ in try orLibraryInstance(&tokens) }
        }
        var instance = try oneInstance(&tokens, lines: first, name: name)
        if let extra = tokens.peek() { throw tokens.error(at: extra, "more numbers than the \(first) weights the first line announces") }
        instance.source = path
        return [instance]
    }

    /// n, C, then n weight lines (a line of two numbers: weight and count).
    static func oneInstance(_ tokens: inout Tokens, lines: Int, name: String) throws -> NamedInstance {
        let capacity = try tokens.integer("the capacity", atMost: Int(VectorPackingFile.maximumSize), positive: true)
        var weights: [Double] = []
        var locations: [String] = []
        // Cutting-stock form when the first weight line holds exactly two numbers.
        let pairs = tokens.peek().map { tokens.wordsOnLine($0.line) == 2 } ?? false
        for _ in 0..<lines {
            let w = try tokens.integer("a weight", atMost: Int(VectorPackingFile.maximumSize))
            var count = 1
            if pairs {
                count = try tokens.integer("a count", atMost: VectorPackingFile.maximumItems - weights.count, positive: true)
            }
            guard weights.count + count <= VectorPackingFile.maximumItems else {
                throw tokens.error(at: nil, "more than \(VectorPackingFile.maximumItems) items")
            }
            weights += [Double](repeating: Double(w), count: count)
            locations += [String](repeating: "\(tokens.lastLine)", count: count)
        }
        let problem = PackingProblem(name: name, capacity: [Double(capacity)], sizes: weights)
        return NamedInstance(name: name, problem: problem, optimum: nil, bestHeuristic: nil, itemNames: [],
                             source: tokens.file, itemLocations: locations)
    }

    /// name, "C n best", n weights (OR-Library).
    static func orLibraryInstance(_ tokens: inout Tokens) throws -> NamedInstance {
        guard let nameToken = tokens.next() else { throw tokens.error(at: nil, "expected an instance name") }
        let capacity = try tokens.integer("the capacity", atMost: Int(VectorPackingFile.maximumSize), positive: true)
        let n = try tokens.integer("the number of items", atMost: VectorPackingFile.maximumItems)
        let best = try tokens.integer("the best known number of bins", atMost: VectorPackingFile.maximumItems)
        var weights: [Double] = []
        var locations: [String] = []
        for _ in 0..<n {
            weights.append(Double(try tokens.integer("a weight", atMost: Int(VectorPackingFile.maximumSize))))
            locations.append("\(tokens.lastLine)")
        }
        let name = String(nameToken.text)
        return NamedInstance(name: name, problem: PackingProblem(name: name, capacity: [Double(capacity)], sizes: weights),
                             optimum: nil, bestHeuristic: best, itemNames: [], source: tokens.file, itemLocations: locations)
    }

    /// Whitespace-separated words with their line and column.
    struct Tokens {
        struct Token {
            var text: Substring
            var line: Int
            var column: Int
        }
        let file: String
        private var words: [Token] = []
        private var position = 0
        private(set) var lastLine = 1
        /// Words on each line (index 0 is line 1).
        private var perLine: [Int] = []

        init(data: Data, file: String) {
            self.file = file
            let text = String(decoding: data, as: UTF8.self)
            for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let before = words.count
                var column = 1
                var rest = line[...]
                while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
                    column += rest.distance(from: rest.startIndex, to: start)
                    let end = rest[start...].firstIndex(where: \.isWhitespace) ?? rest.endIndex
                    words.append(Token(text: rest[start..<end], line: number + 1, column: column))
                    column += rest.distance(from: start, to: end)
                    rest = rest[end...]
                }
                perLine.append(words.count - before)
            }
        }

        func wordsOnLine(_ line: Int) -> Int { line >= 1 && line <= perLine.count ? perLine[line - 1] : 0 }

        func peek() -> Token? { position < words.count ? words[position] : nil }

        mutating func next() -> Token? {
            guard position < words.count else { return nil }
            defer { position += 1 }
            lastLine = words[position].line
            return words[position]
        }

        /// The next word as a whole number in [0 or 1, limit].
        mutating func integer(_ what: String, atMost limit: Int, positive: Bool = false) throws -> Int {
            guard let t = next() else { throw error(at: nil, "expected \(what), found the end of the file") }
            // Published sets write some weights as "41.0"; a fractional part must be zero.
            let digits = t.text.hasSuffix(".0") ? t.text.dropLast(2) : t.text
            guard let value = Int(digits), value >= (positive ? 1 : 0), value <= limit else {
                throw error(at: t, "expected \(what), a whole number from \(positive ? 1 : 0) to \(limit), found '\(t.text.prefix(40))'")
            }
            return value
        }

        func error(at token: Token?, _ message: String) -> InstanceFileError {
            InstanceFileError(file: file, line: token?.line ?? lastLine, column: token?.column ?? 1, message: message)
        }
    }
}
