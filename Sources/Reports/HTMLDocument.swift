/// One self-contained HTML report (`--format html`): the Markdown report's sections turned into
/// HTML by the subset of Markdown the reports write (headings, paragraphs, `- ` lists, pipe
/// tables, `**bold**`, `` `code` ``), with inline SVG charts (`SVGChart`) appended to the sections
/// they illustrate. No script, no external resource: it opens offline and prints on A4.
public struct HTMLDocument: Sendable {
    /// A `## ` section of the Markdown (the part before the first is the preamble, title "").
    struct Section {
        var title: String
        var markdown: String
        var charts: [String] = []
    }

    var title: String
    var sections: [Section] = []

    /// Splits `markdown` into its `## ` sections; the first `# ` heading becomes the document's
    /// title, a later one a section of its own (a report appended to another).
    public init(markdown: String) {
        var title: String?
        var current = Section(title: "", markdown: "")
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# ") && title == nil {
                title = String(line.dropFirst(2))
            } else if line.hasPrefix("# ") {
                sections.append(current)
                current = Section(title: String(line.dropFirst(2)), markdown: "")
            } else if line.hasPrefix("## ") {
                sections.append(current)
                current = Section(title: String(line.dropFirst(3)), markdown: "")
            } else {
                current.markdown += line + "\n"
            }
        }
        sections.append(current)
        self.title = title ?? "cloudplan report"
    }

    /// Adds a chart (an `<svg>` element) with its caption at the end of the section whose title
    /// starts with `section` (or of the last section when none does).
    public mutating func add(chart svg: String, caption: String, to section: String) {
        let figure = "<figure>\n" + svg + "<figcaption>" + Self.escape(caption) + "</figcaption>\n</figure>\n"
        let k = sections.lastIndex { $0.title.hasPrefix(section) } ?? sections.count - 1
        sections[k].charts.append(figure)
    }

    /// Adds a section of its own (after the others).
    public mutating func add(section title: String, markdown: String) {
        sections.append(Section(title: title, markdown: markdown))
    }

    /// The whole document.
    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>" + Self.escape(title) + "</title>\n<style>\n" + Self.style + "</style>\n</head>\n<body>\n<main>\n"
        html += "<h1>" + Self.inline(title) + "</h1>\n"
        for section in sections {
            let body = MarkdownBlocks.html(section.markdown)
            if section.title.isEmpty && body.isEmpty && section.charts.isEmpty { continue }
            html += "<section>\n"
            if !section.title.isEmpty { html += "<h2>" + Self.inline(section.title) + "</h2>\n" }
            html += body + section.charts.joined()
            html += "</section>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    /// Print-friendly styles: tables wrap their cells instead of running off the page.
    static let style = """
    body { font-family: "DejaVu Sans", "Noto Sans CJK JP", Arial, sans-serif; color: #1a1a1a; margin: 0; }
    main { max-width: 1180px; margin: 0 auto; padding: 16px 24px; }
    h1 { font-size: 1.6em; border-bottom: 2px solid #2b5d8a; padding-bottom: 4px; }
    h2 { font-size: 1.25em; color: #2b5d8a; margin-top: 1.6em; }
    table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 8px 0; table-layout: auto; }
    th, td { border: 1px solid #c8c8c8; padding: 3px 5px; overflow-wrap: anywhere; vertical-align: top; }
    th { background: #eef3f8; text-align: left; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    tr:nth-child(even) td { background: #fafafa; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
    figure { margin: 12px 0; break-inside: avoid; }
    figcaption { font-size: 12px; color: #555; margin-top: 2px; }
    svg { max-width: 100%; height: auto; display: block; }
    svg text { font-family: "DejaVu Sans", Arial, sans-serif; }
    @media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }

    """

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

    /// Inline Markdown: a backslash-escaped character (`Markdown.text`) is literal, `` `code` ``
    /// is literal, then `**bold**` in the text between; everything HTML-escaped. O(characters).
    static func inline(_ s: String) -> String {
        let chars = Array(s)
        var out = "", plain = "", i = 0
        func flush() {
            out += bold(escape(plain))
            plain = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, Markdown.escapable.contains(chars[i + 1]) {
                flush()
                out += escape(String(chars[i + 1]))
                i += 2
            } else if c == "`", let close = chars[(i + 1)...].firstIndex(of: "`") {
                flush()
                out += "<code>" + escape(String(chars[(i + 1)..<close])) + "</code>"
                i = close + 1
            } else {
                plain.append(c)
                i += 1
            }
        }
        flush()
        return out
    }

    /// `**x**` → `<strong>x</strong>` (pairs only; an odd one stays as written).
    static func bold(_ s: String) -> String {
        let parts = s.components(separatedBy: "**")
        guard parts.count >= 3 else { return s }
        var out = ""
        for (i, part) in parts.enumerated() {
            if i == 0 { out += part; continue }
            let opening = i % 2 == 1
            if opening && i == parts.count - 1 { out += "**" + part } else { out += (opening ? "<strong>" : "</strong>") + part }
        }
        return out
    }
}

/// The block structure of the reports' Markdown: paragraphs, lists, pipe tables, `###` headings.
enum MarkdownBlocks {
    /// HTML of a run of Markdown lines. O(characters).
    static func html(_ markdown: String) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = "", paragraph: [String] = [], list: [String] = [], table: [String] = []
        func flush() {
            if !paragraph.isEmpty { out += "<p>" + HTMLDocument.inline(paragraph.joined(separator: " ")) + "</p>\n" }
            if !list.isEmpty { out += "<ul>\n" + list.map { "<li>" + HTMLDocument.inline($0) + "</li>\n" }.joined() + "</ul>\n" }
            if !table.isEmpty { out += self.table(table) }
            paragraph = []; list = []; table = []
        }
        for line in lines {
            let trimmed = line.trimmingLeadingSpaces()
            if trimmed.isEmpty { flush(); continue }
            if trimmed.hasPrefix("|") {
                if table.isEmpty { flush() }
                table.append(trimmed)
            } else if trimmed.hasPrefix("- ") {
                if list.isEmpty { flush() }
                list.append(String(trimmed.dropFirst(2)))
            } else if trimmed.hasPrefix("#") {
                flush()
                let level = min(6, trimmed.prefix { $0 == "#" }.count)
                let text = trimmed.drop { $0 == "#" }.trimmingLeadingSpaces()
                out += "<h\(max(3, level))>" + HTMLDocument.inline(text) + "</h\(max(3, level))>\n"
            } else {
                if !list.isEmpty || !table.isEmpty { flush() }
                paragraph.append(trimmed)
            }
        }
        flush()
        return out
    }

    /// A pipe table: header row, alignment row (`---:` right), body rows.
    static func table(_ rows: [String]) -> String {
        let cells = rows.map(split)
        guard cells.count >= 2 else { return "<p>" + HTMLDocument.inline(rows.joined(separator: " ")) + "</p>\n" }
        let right = cells[1].map { $0.hasSuffix(":") }
        func row(_ r: [String], _ tag: String) -> String {
            "<tr>" + r.enumerated().map { i, c in
                let cls = i < right.count && right[i] ? " class=\"num\"" : ""
                return "<\(tag)\(cls)>" + HTMLDocument.inline(c) + "</\(tag)>"
            }.joined() + "</tr>\n"
        }
        return "<table>\n<thead>\n" + row(cells[0], "th") + "</thead>\n<tbody>\n"
            + cells.dropFirst(2).map { row($0, "td") }.joined() + "</tbody>\n</table>\n"
    }

    /// The cells of `| a | b |` (a `|` inside `` `code` `` or escaped as `\|` does not split).
    static func split(_ row: String) -> [String] {
        var cells: [String] = [], cell = "", inCode = false, escaped = false
        for c in row.dropFirst() {
            if escaped {
                cell.append(c)
                escaped = false
                continue
            }
            if c == "\\" && !inCode { escaped = true; cell.append(c); continue }
            if c == "`" { inCode.toggle() }
            if c == "|" && !inCode {
                cells.append(cell.trimmingLeadingSpaces().trimmingTrailingSpaces())
                cell = ""
            } else {
                cell.append(c)
            }
        }
        let last = cell.trimmingLeadingSpaces().trimmingTrailingSpaces()
        if !last.isEmpty { cells.append(last) }
        return cells
    }
}

extension StringProtocol {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
