/// Escaping of text the user wrote (tenant, pool, system and model names, sweep names) for each
/// text format, in one place: Markdown cells and CSV fields. HTML's own escaping is
/// `HTMLRenderer.escape`; JSON's is `JSONValue`'s.
public enum Markdown {
    /// The characters Markdown (CommonMark and GitHub tables) could read as syntax, always
    /// escaped; a `(` right after `]` is escaped too (it would make a link), and a `_` that
    /// could open emphasis (not inside a word: `pool_operations` is left as written). Brackets
    /// alone are left as written (`[EST]` reads as text).
    static let special: Set<Character> = ["\\", "|", "*", "`", "<", ">", "&", "#", "~"]
    /// What a backslash may escape in the reports' Markdown.
    static let escapable: Set<Character> = special.union(["(", "[", "]", "_"])

    /// `s` as literal Markdown text: each syntax character backslash-escaped (so `|` cannot end
    /// a table cell, `<b>` is not raw HTML and `[a](b)` is not a link), line breaks as spaces.
    /// O(characters).
    public static func text(_ s: String) -> String {
        var out = ""
        var previous: Character = " "
        for c in s {
            if c.isNewline { out.append(" "); previous = " "; continue }
            if special.contains(c) || (c == "(" && previous == "]") || (c == "_" && !previous.isLetter && !previous.isNumber) {
                out.append("\\")
            }
            out.append(c)
            previous = c
        }
        return out
    }
}

/// CSV quoting, and defusing of fields a spreadsheet would run as formulas.
public enum CSV {
    /// `s` as one CSV field: a text that starts like a formula (`=`, `+`, `-`, `@`, tab or
    /// carriage return, and is not a number) gets a leading `'` so that a spreadsheet shows it
    /// instead of evaluating it (OWASP's advice for CSV injection); quoted when it holds a comma,
    /// quote or line break.
    public static func field(_ s: String) -> String {
        var s = s
        if let first = s.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), Double(s) == nil {
            s = "'" + s
        }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
