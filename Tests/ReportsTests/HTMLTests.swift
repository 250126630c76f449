import Foundation
import Testing
@testable import Reports

/// The HTML report's pieces: the Markdown subset the reports write, turned into HTML, and the
/// SVG charts' geometry (the rendering itself is checked in Chromium by scripts/test-html.sh).
@Suite struct HTMLTests {
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test func markdownTablesListsAndInlineMarkupBecomeHTML() {
        let md = """
        # Report <1>

        Intro with **bold** and `a|b` code & more.

        ## Costs

        | item | ¥M |
        |---|---:|
        | `x|y` | 1.5 |
        | <z> | 2 |

        - one
        - **two**
        """
        let html = HTMLDocument(markdown: md).render()
        #expect(html.contains("<title>Report &lt;1&gt;</title>"))
        #expect(html.contains("<p>Intro with <strong>bold</strong> and <code>a|b</code> code &amp; more.</p>"))
        #expect(html.contains("<tr><th>item</th><th class=\"num\">¥M</th></tr>"))
        // The | inside code does not split the cell; the right-aligned column is marked.
        #expect(html.contains("<tr><td><code>x|y</code></td><td class=\"num\">1.5</td></tr>"))
        #expect(html.contains("<td>&lt;z&gt;</td>"))
        #expect(html.contains("<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>"))
        #expect(!html.contains("<script"))
    }

    @Test func chartsLandInTheirSectionAndALaterTitleIsASection() {
        var doc = HTMLDocument(markdown: "# Plan\n\n## A\n\ntext a\n\n## B\n\ntext b\n\n# Simulation\n\n## A\n\nsim a\n")
        doc.add(chart: "<svg class=\"chart\"></svg>\n", caption: "last A", to: "A")
        let html = doc.render()
        #expect(html.contains("<h1>Plan</h1>"))
        #expect(html.contains("<h2>Simulation</h2>"))
        // The chart goes to the last section titled A: after "sim a", not after "text a".
        let chart = html.range(of: "last A")!.lowerBound
        #expect(html.range(of: "sim a")!.lowerBound < chart)
        #expect(Self.count("<figure>", in: html) == 1)
    }

    @Test func barsDrawOneRectPerBarAndWhiskersForIntervals() {
        let bars = [SVGChart.Bar("a", 10, low: 8, high: 12), SVGChart.Bar("b", -5), SVGChart.Bar("c", 0)]
        let svg = SVGChart.bars(bars, unit: "u")
        #expect(svg.contains("data-points=\"3\""))
        #expect(Self.count("<rect", in: svg) == 3)
        // The zero line and one whisker.
        #expect(Self.count("<line", in: svg) == 2)
        // Same data, same bytes.
        #expect(svg == SVGChart.bars(bars, unit: "u"))
        // Values −5...12 over 530 px from x = 260: zero at 260 + 5/17 × 530; b's bar ends there.
        let zero = 260 + 5.0 / 17 * 530
        #expect(svg.contains("x1=\"\(NumberFormat.plain(zero, decimals: 2))\""))
        let bStart = 260.0
        #expect(svg.contains("<rect x=\"\(NumberFormat.plain(bStart, decimals: 2))\" y=\"31.00\" width=\"155.88\""))
    }

    @Test func linesBreakAtGapsAndHeatMapsShadeFromWhiteToBlue() {
        let svg = SVGChart.lines([SVGChart.Series("s", [1, 2, .nan, 3, 4])], xLabel: "days", yLabel: "y")
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
