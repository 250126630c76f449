import CapacityModel

/// One self-contained HTML file (`--format html`) written straight from the report model: no
/// script, no external resource; it opens offline and prints on A4 with page headers and
/// numbers (wide tables on landscape pages, long tables cut to `printLimit` rows, words never
/// broken inside a cell). Every piece of text is escaped here (`escape`).
public enum HTMLRenderer {
    /// Tables with more columns than this print on landscape pages.
    static let landscapeColumns = 8

    /// O(characters of the document).
    public static func render(_ doc: ReportDocument, localizer l: Localizer) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(doc.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>" + escape(doc.title) + "</title>\n<style>\n" + style(title: doc.title) + "</style>\n</head>\n<body>\n<main>\n"
        html += "<h1>" + escape(doc.title) + "</h1>\n"
        for (k, s) in doc.sections.enumerated() {
            let wide = s.parts.contains { if case .table(let t) = $0 { t.columns.count > landscapeColumns } else { false } }
            var classes = [String]()
            if wide { classes.append("wide") }
            if s.id == "summary" { classes.append("first-page") }
            html += "<section id=\"\(escape(s.id))-\(k)\"" + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + ">\n"
            if !s.title.isEmpty { html += s.level == 1 ? "<h1>" + escape(s.title) + "</h1>\n" : "<h2>" + escape(s.title) + "</h2>\n" }
            for part in s.parts { html += render(part, localizer: l) }
            html += "</section>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    static func inline(_ p: Prose) -> String {
        p.spans.map { span in
            switch span {
            case .text(let s): escape(s)
            case .strong(let s): "<strong>" + escape(s) + "</strong>"
            case .code(let s): "<code>" + escape(s) + "</code>"
            }
        }.joined()
    }

    static func render(_ part: ReportPart, localizer l: Localizer) -> String {
        switch part {
        case .paragraph(let p): return "<p>" + inline(p) + "</p>\n"
        case .list(let items): return "<ul>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n"
        case .subheading(let s): return "<h3>" + escape(s) + "</h3>\n"
        case .findings(let f):
            return "<ul class=\"findings\">\n" + f.map {
                "<li class=\"\($0.severity.rawValue)\" data-check=\"\(escape($0.check))\"><strong>"
                    + escape(TextRenderer.severityWord($0.severity, l)) + "</strong>: " + inline($0.text) + "</li>\n"
            }.joined() + "</ul>\n"
        case .figures(let figures):
            return "<dl class=\"figures\">\n" + figures.map {
                "<div data-key=\"\(escape($0.key))\"><dt>" + escape($0.label) + "</dt><dd>" + escape(l.valueWithUnit($0.value, $0.unit)) + "</dd></div>\n"
            }.joined() + "</dl>\n"
        case .table(let t): return table(t, localizer: l)
        case .chart(let c): return chart(c, localizer: l)
        }
    }

    static func table(_ t: ReportTable, localizer l: Localizer) -> String {
        let numeric = t.columns.indices.map(t.isNumeric)
        func cell(_ v: ReportValue, _ i: Int, _ tag: String) -> String {
            var cls = numeric[i] ? "num" : ""
            if case .verdict(let ok, _) = v, !ok { cls += cls.isEmpty ? "fail" : " fail" }
            return "<\(tag)" + (cls.isEmpty ? "" : " class=\"\(cls)\"") + ">" + escape(v.display) + "</\(tag)>"
        }
        var html = "<div class=\"table\"><table data-id=\"\(escape(t.id))\">\n"
        if !t.title.isEmpty { html += "<caption>" + escape(t.title) + "</caption>\n" }
        html += "<thead><tr>" + t.columns.enumerated().map { i, c in
            "<th" + (numeric[i] ? " class=\"num\"" : "") + ">" + escape(l.withUnit(c.title, c.unit)) + "</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        let (rows, hidden) = t.printedRows
        for r in rows { html += "<tr>" + r.enumerated().map { cell($1, $0, "td") }.joined() + "</tr>\n" }
        html += "</tbody>\n"
        if let total = t.total { html += "<tfoot><tr>" + total.enumerated().map { cell($1, $0, "td") }.joined() + "</tr></tfoot>\n" }
        html += "</table></div>\n"
        if hidden > 0 { html += "<p class=\"note\">" + escape(l("{1} more rows are in --format csv, xlsx or markdown.", NumberFormat.integer(hidden))) + "</p>\n" }
        if let note = t.note { html += "<p class=\"note\">" + inline(note) + "</p>\n" }
        return html
    }

    static func chart(_ c: ReportChart, localizer l: Localizer) -> String {
        let unit = l.unit(c.unit)
        let axis = c.axisLabel.isEmpty ? unit : (unit.isEmpty || c.unit == .percent ? c.axisLabel : l.withUnit(c.axisLabel, c.unit))
        let svg: String
        switch c.kind {
        case .bars(let bars, let decimals):
            svg = SVGChart.bars(bars, axis: axis, decimals: decimals)
        case .lines(let series, let time):
            let count = series.map(\.values.count).max() ?? 0
            svg = SVGChart.lines(series, xTicks: yearTicks(time, count: count, localizer: l),
                                 yLabel: axis, percent: c.unit == .percent)
        case .heatMap(let days, _):
            svg = SVGChart.heatMap(days, label: axis, percent: c.unit == .percent)
        }
        return "<figure>\n" + svg + "<figcaption>" + escape(c.caption) + "</figcaption>\n</figure>\n"
    }

    /// A tick at each 1 January (labelled with the year) when the axis spans two years or more,
    /// else at each month's first day (labelled year-month). O(points).
    static func yearTicks(_ t: ReportChart.TimeAxis, count: Int, localizer l: Localizer) -> [(Int, String)] {
        var ticks: [(Int, String)] = []
        let days = count * t.daysPerPoint
        var year = t.startYear, month = 1, offset = 0
        let monthly = days < 2 * 365
        while offset < days {
            if monthly || month == 1 {
                let label = monthly && month != 1 ? String(month) : l.year(year)
                ticks.append((offset / t.daysPerPoint, label))
            }
            offset += CalendarDate.daysIn(month: month, year: year)
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return ticks
    }

    /// `s` with `&`, `<`, `>` and `"` escaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Screen and print styles. Print: A4 portrait with the title and page numbers in the
    /// margins, landscape pages for wide sections, the summary alone on page one, words kept
    /// whole in cells (a cell widens or the table shrinks; nothing breaks inside a word).
    static func style(title: String) -> String {
        let quoted = title.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"")
        return """
        body { font-family: "DejaVu Sans", "Noto Sans CJK JP", "IPAexGothic", Arial, sans-serif; color: #1a1a1a; margin: 0; }
        main { max-width: 1180px; margin: 0 auto; padding: 16px 24px; }
        h1 { font-size: 1.6em; border-bottom: 2px solid #2b5d8a; padding-bottom: 4px; }
        h2 { font-size: 1.25em; color: #2b5d8a; margin-top: 1.6em; }
        h3 { font-size: 1.05em; margin-top: 1.2em; }
        div.table { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border: 1px solid #c8c8c8; padding: 3px 5px; vertical-align: top; word-break: keep-all; overflow-wrap: normal; hyphens: manual; }
        th { background: #eef3f8; text-align: left; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        td.fail { color: #b00020; font-weight: bold; }
        tfoot td { font-weight: bold; border-top: 2px solid #888; }
        tr:nth-child(even) td { background: #fafafa; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 6px 18px; }
        dl.figures div { border-left: 3px solid #2b5d8a; padding-left: 8px; }
        dl.figures dt { font-size: 12px; color: #555; }
        dl.figures dd { margin: 0; font-size: 1.2em; font-weight: bold; white-space: nowrap; }
        ul.findings li.failed strong { color: #b00020; }
        ul.findings li.warning strong { color: #9a6200; }
        p.note { font-size: 12px; color: #555; }
        figure { margin: 12px 0; break-inside: avoid; }
        figcaption { font-size: 12px; color: #555; margin-top: 2px; }
        svg { max-width: 100%; height: auto; display: block; }
        svg text { font-family: "DejaVu Sans", "Noto Sans CJK JP", Arial, sans-serif; }
        @page { size: A4 portrait; margin: 16mm 12mm 16mm 12mm;
          @top-left { content: "\(quoted)"; font-size: 9px; color: #555; }
          @bottom-right { content: counter(page) " / " counter(pages); font-size: 9px; color: #555; } }
        @page wide { size: A4 landscape; }
        @media print {
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          tr, figure, dl.figures div { break-inside: avoid; }
          thead { display: table-header-group; }
          section.first-page { break-after: page; }
          section.wide { page: wide; }
          table { font-size: 9px; }
          div.table { overflow: visible; }
        }

        """
    }
}
