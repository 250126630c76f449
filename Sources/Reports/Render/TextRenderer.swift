/// Plain text for a terminal: sections underlined, tables aligned (`TextTable`), findings
/// first as the builders place them; charts are left out (their data is in the tables).
public enum TextRenderer {
    /// Rows a terminal shows of a table that may be cut (`printLimit`).
    static let screenRows = 60

    /// O(characters of the document).
    public static func render(_ doc: ReportDocument, localizer: Localizer) -> String {
        var out = doc.title + "\n" + String(repeating: "=", count: TextTable.displayWidth(doc.title)) + "\n"
        for s in doc.sections {
            out += "\n"
            if !s.title.isEmpty {
                out += s.title + "\n" + String(repeating: s.level == 1 ? "=" : "-", count: TextTable.displayWidth(s.title)) + "\n"
            }
            out += s.parts.map { render($0, localizer: localizer) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        return out
    }

    static func render(_ part: ReportPart, localizer l: Localizer) -> String {
        switch part {
        case .paragraph(let p): return p.plain + "\n"
        case .list(let items): return items.map { "- " + $0.plain + "\n" }.joined()
        case .subheading(let s): return s + ":\n"
        case .findings(let f): return f.map { "- " + severityWord($0.severity, l) + ": " + $0.text.plain + "\n" }.joined()
        case .chart: return ""
        case .figures(let figures):
            var t = TextTable(["", ""], alignments: [.left, .left])
            for f in figures { t.add([f.label, l.valueWithUnit(f.value, f.unit)]) }
            return t.renderBody()
        case .table(let table): return render(table, localizer: l)
        }
    }

    static func severityWord(_ s: Finding.Severity, _ l: Localizer) -> String {
        switch s {
        case .failed: l("FAILED")
        case .warning: l("warning")
        }
    }

    static func render(_ table: ReportTable, localizer l: Localizer) -> String {
        let numeric = table.columns.indices.map(table.isNumeric)
        var t = TextTable(table.columns.map { l.withUnit($0.title, $0.unit) },
                          alignments: numeric.map { $0 ? .right : .left })
        let shown = table.printLimit.map { Swift.min($0, screenRows) }
        let rows = shown.map { table.rows.prefix($0) } ?? table.rows[...]
        let hidden = table.rows.count - rows.count
        for r in rows { t.add(r.map(\.display)) }
        if let total = table.total { t.add(total.map(\.display)) }
        var out = (table.title.isEmpty ? "" : table.title + ":\n") + t.render()
        if hidden > 0 { out += l("{1} more rows are in --format csv, xlsx or markdown.", NumberFormat.integer(hidden)) + "\n" }
        if let note = table.note { out += note.plain + "\n" }
        return out
    }
}

extension TextTable {
    /// The rows without the header and its rule (two-column figure lists).
    func renderBody() -> String {
        render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    }
}
