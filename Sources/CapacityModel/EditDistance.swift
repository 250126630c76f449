/// Suggestions for misspelt keys and names.
enum EditDistance {
    /// Edit distance with adjacent transpositions (optimal string alignment): insertions,
    /// deletions, substitutions and swaps of neighbours each cost 1, so "69g" is 1 from "96g".
    /// - Complexity: O(|a|·|b|) time and space.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        let w = y.count + 1
        var d = [Int](repeating: 0, count: (x.count + 1) * w)
        for i in 0...x.count { d[i * w] = i }
        for j in 0...y.count { d[j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var v = Swift.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    v = Swift.min(v, d[(i - 2) * w + j - 2] + 1)
                }
                d[i * w + j] = v
            }
        }
        return d[x.count * w + y.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible misspelling
    /// (distance at most max(2, length/3)); ties go to the first candidate in sorted order.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        // Ids are short: a long word has no near miss worth the quadratic distance.
        guard word.utf8.count <= 200 else { return nil }
        let limit = Swift.max(2, word.count / 3)
        var best: (String, Int)?
        for c in candidates.sorted() where abs(c.count - word.count) <= limit {
            let d = levenshtein(word.lowercased(), c.lowercased())
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// A name as messages quote it: the first 60 characters and "…" when longer.
    static func shown(_ name: String) -> String {
        name.count <= 60 ? name : String(name.prefix(60)) + "…"
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
