/// Markdown: `#` title, `##` sections, pipe tables with every row, findings as a list; every
/// piece of text escaped here (`Markdown.text`) and nowhere else.
public enum MarkdownRenderer {
    /// O(characters of the document).
    public static func render(_ doc: ReportDocument, localizer: Localizer) -> String {
        var out = "# " + Markdown.text(doc.title) + "\n"
        for s in doc.sections {
            out += "\n"
            if !s.title.isEmpty { out += String(repeating: "#", count: s.level) + " " + Markdown.text(s.title) + "\n\n" }
            out += s.parts.map { render($0, localizer: localizer) }.joined(separator: "\n")
        }
        return out
    }

    static func inline(_ p: Prose) -> String {
        p.spans.map { span in
            switch span {
            case .text(let s): Markdown.text(s)
            case .strong(let s): "**" + Markdown.text(s) + "**"
            case .code(let s): s.contains("`") || s.contains("\n") ? Markdown.text(s) : "`" + s + "`"
            }
        }.joined()
    }

    static func render(_ part: ReportPart, localizer l: Localizer) -> String {
        switch part {
        case .paragraph(let p): return inline(p) + "\n"
        case .list(let items): return items.map { "- " + inline($0) + "\n" }.joined()
        case .subheading(let s): return "### " + Markdown.text(s) + "\n"
        case .findings(let f):
            return f.map { "- **" + TextRenderer.severityWord($0.severity, l) + "**: " + inline($0.text) + "\n" }.joined()
        case .chart: return ""
        case .figures(let figures):
            var out = "| | |\n|---|---:|\n"
            for f in figures { out += "| " + Markdown.text(f.label) + " | " + Markdown.text(l.valueWithUnit(f.value, f.unit)) + " |\n" }
            return out
        case .table(let t): return table(t, localizer: l)
        }
    }

    static func table(_ t: ReportTable, localizer l: Localizer) -> String {
        var out = t.title.isEmpty ? "" : "**" + Markdown.text(t.title) + "**\n\n"
        out += "| " + t.columns.map { Markdown.text(l.withUnit($0.title, $0.unit)) }.joined(separator: " | ") + " |\n|"
        out += t.columns.indices.map { t.isNumeric($0) ? "---:|" : "---|" }.joined() + "\n"
        for r in t.rows { out += "| " + r.map { Markdown.text($0.display) }.joined(separator: " | ") + " |\n" }
        if let total = t.total { out += "| " + total.map { $0.display.isEmpty ? "" : "**" + Markdown.text($0.display) + "**" }.joined(separator: " | ") + " |\n" }
        if let note = t.note { out += "\n" + inline(note) + "\n" }
        return out
    }
}
