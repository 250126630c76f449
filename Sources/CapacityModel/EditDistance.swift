/// Suggestions for misspelt keys and names.
enum EditDistance {
    /// Levenshtein distance between two strings, over Unicode scalars.
    /// - Complexity: O(|a|·|b|) time, O(|b|) space.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible misspelling
    /// (distance at most max(2, length/3)); ties go to the first candidate in sorted order.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let limit = Swift.max(2, word.count / 3)
        var best: (String, Int)?
        for c in candidates.sorted() {
            let d = levenshtein(word.lowercased(), c.lowercased())
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
