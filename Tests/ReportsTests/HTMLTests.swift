import Foundation
import Testing
@testable import Reports

/// The renderers' escaping and the SVG charts' geometry (the rendering itself is checked in
/// Chromium by scripts/test-html.sh).
@Suite struct HTMLTests {
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    /// A document with text that means something in HTML or Markdown: every renderer escapes
    /// it, a `|` never shifts a column, numbers are right-aligned and the total row is kept.
    static func hostileDocument() -> ReportDocument {
        let table = ReportTable(id: "t", title: "Costs <b>",
                                columns: [.init("item", "item"), .init("yen", "amount", unit: .yenMillions)],
                                rows: [[.text("a|b"), .yen(1_500_000, .millions)], [.text("<z> & **y**"), .yen(2_000_000, .millions)]],
                                total: [.text("total"), .yen(3_500_000, .millions)])
        return ReportDocument(title: "Report <1>", language: .en, sections: [
            ReportSection(id: "s", title: "A & B", parts: [
                .paragraph(Prose([.text("Intro with "), .strong("bold"), .text(" and "), .code("a|b"), .text(" & more.")])),
                .table(table),
                .findings([Finding(check: "ha.x.chassis", severity: .failed, Prose("pool <x> fails"))]),
            ]),
        ])
    }

    @Test func htmlEscapesTextMarksNumbersAndTiesFindingsToTheirCheck() {
        let html = Self.hostileDocument().rendered(as: .html, localizer: Localizer())
        #expect(html.contains("<title>Report &lt;1&gt;</title>"))
        #expect(html.contains("<p>Intro with <strong>bold</strong> and <code>a|b</code> &amp; more.</p>"))
        #expect(html.contains("<tr><th>item</th><th class=\"num\">amount (¥M)</th></tr>"))
        #expect(html.contains("<tr><td>a|b</td><td class=\"num\">1.50</td></tr>"))
        #expect(html.contains("<td>&lt;z&gt; &amp; **y**</td>"))
        #expect(html.contains("<tfoot><tr><td>total</td><td class=\"num\">3.50</td></tr></tfoot>"))
        #expect(html.contains("<li class=\"failed\" data-check=\"ha.x.chassis\"><strong>FAILED</strong>: pool &lt;x&gt; fails</li>"))
        #expect(!html.contains("<script"))
        // Print: A4 with page numbers, whole words in cells.
        #expect(html.contains("size: A4 portrait") && html.contains("counter(page)") && html.contains("word-break: keep-all"))
        #expect(!html.contains("overflow-wrap: anywhere"))
    }

    @Test func markdownEscapesEveryCellSoAPipeNeverShiftsAColumn() {
        let md = Self.hostileDocument().rendered(as: .markdown, localizer: Localizer())
        let row = md.split(separator: "\n").first { $0.contains("a\\|b") }
        #expect(row != nil)
        // Two columns: three unescaped pipes.
        let pipes = row.map { r in zip(r, r.dropFirst()).filter { $0.1 == "|" && $0.0 != "\\" }.count + (r.first == "|" ? 1 : 0) }
        #expect(pipes == 3)
        #expect(md.contains("\\<z\\> \\& \\*\\*y\\*\\*"), "\(md)")
        #expect(md.contains("| **total** | **3.50** |"))
    }

    @Test func barsDrawOneRectPerBarAndWhiskersForIntervals() {
        let bars = [SVGChart.Bar("a", 10, low: 8, high: 12), SVGChart.Bar("b", -5), SVGChart.Bar("c", 0)]
        let svg = SVGChart.bars(bars, axis: "u")
        #expect(svg.contains("data-points=\"3\""))
        #expect(Self.count("<rect", in: svg) == 3)
        // Five ticks, the zero line and one whisker; the unit once, on the axis, not after each value.
        #expect(Self.count("<line", in: svg) == 7)
        #expect(Self.count(">u</text>", in: svg) == 1)
        // Same data, same bytes.
        #expect(svg == SVGChart.bars(bars, axis: "u"))
        // Values −5...12 over 530 px from x = 260: zero at 260 + 5/17 × 530; b's bar ends there.
        let zero = 260 + 5.0 / 17 * 530
        #expect(svg.contains("x1=\"\(NumberFormat.plain(zero, decimals: 2))\""))
        let bStart = 260.0
        #expect(svg.contains("<rect x=\"\(NumberFormat.plain(bStart, decimals: 2))\" y=\"31.00\" width=\"155.88\""))
    }

    @Test func linesBreakAtGapsAndHeatMapsShadeFromWhiteToBlue() {
        let svg = SVGChart.lines([SVGChart.Series("s", [1, 2, .nan, 3, 4])], xTicks: [(0, "2011"), (3, "2012")], yLabel: "y")
        #expect(svg.contains(">2011</text>") && svg.contains(">2012</text>"))
        #expect(svg.contains("data-points=\"4\""))
        let path = svg.components(separatedBy: "<path d=\"")[1].components(separatedBy: "\"")[0]
        #expect(Self.count("M", in: path) == 2 && Self.count("L", in: path) == 2)
        let map = SVGChart.heatMap([0, 0.5, 1, .nan, 0.25, 0.75, 1, 0], label: "u")
        #expect(map.contains("data-points=\"7\""))
        // Seven days and the two legend swatches.
        #expect(Self.count("<rect", in: map) == 9)
        #expect(SVGChart.shade(0) == "rgb(255,255,255)" && SVGChart.shade(1) == "rgb(31,78,121)")
        #expect(map.contains("(2 weeks)"))
    }
}
