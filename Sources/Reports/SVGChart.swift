/// Charts drawn as inline SVG by the project (no library, no script): horizontal bars with
/// optional interval whiskers, lines over a shared x axis, and a year heat map. Coordinates
/// are written with two decimals so that the same data gives the same bytes. Every chart has
/// `class="chart"` and a `data-points` attribute counting what it draws (the rendering test
/// checks both).
public enum SVGChart {
    /// One bar: its label, value, and optionally an interval drawn as a whisker.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var low: Double?
        public var high: Double?
        public init(_ label: String, _ value: Double, low: Double? = nil, high: Double? = nil) {
            self.label = label
            self.value = value
            self.low = low
            self.high = high
        }
    }

    /// One line: its name and one value per x (NaN: a gap).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public init(_ name: String, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    static let palette = ["#2b5d8a", "#d9822b", "#3a9a5b", "#b63a3a", "#7b57a8", "#6b6b6b"]
    static let width = 900.0

    static func n(_ x: Double) -> String { NumberFormat.plain(x.isFinite ? x : 0, decimals: 2) }

    /// Bars from a zero line (negative values to its left), labels left, values right, a value
    /// axis with five ticks named by `axis` (the unit: "¥M", "blades"). O(bars).
    public static func bars(_ bars: [Bar], axis: String, decimals: Int = 1) -> String {
        let row = 18.0, left = 260.0, right = 110.0, top = 10.0
        let plotBottom = top + row * Double(max(bars.count, 1)) + 4
        let height = plotBottom + 34
        let ends = bars.flatMap { [$0.value, $0.low ?? $0.value, $0.high ?? $0.value] }.filter(\.isFinite)
        let lo = Swift.min(0, ends.min() ?? 0), hi = Swift.max(0, ends.max() ?? 1)
        let span = hi - lo > 0 ? hi - lo : 1
        let plot = width - left - right
        func x(_ v: Double) -> Double { left + (v - lo) / span * plot }
        var svg = header(height: height, points: bars.count)
        for k in 0...4 {
            let v = lo + span * Double(k) / 4
            svg += "<line x1=\"\(n(x(v)))\" y1=\"\(n(top))\" x2=\"\(n(x(v)))\" y2=\"\(n(plotBottom))\" stroke=\"#e2e2e2\"/>\n"
            svg += "<text x=\"\(n(x(v)))\" y=\"\(n(plotBottom + 12))\" font-size=\"10\" text-anchor=\"middle\">\(NumberFormat.grouped(v, decimals: tickDecimals(span, decimals)))</text>\n"
        }
        svg += "<line x1=\"\(n(x(0)))\" y1=\"\(n(top))\" x2=\"\(n(x(0)))\" y2=\"\(n(plotBottom))\" stroke=\"#888\"/>\n"
        svg += "<text x=\"\(n(left + plot / 2))\" y=\"\(n(height - 4))\" font-size=\"11\" text-anchor=\"middle\">\(HTMLRenderer.escape(axis))</text>\n"
        for (i, bar) in bars.enumerated() {
            let y = top + row * Double(i)
            let v = bar.value.isFinite ? bar.value : 0
            let x0 = Swift.min(x(0), x(v)), w = Swift.max(abs(x(v) - x(0)), 0.5)
            svg += "<text x=\"\(n(left - 6))\" y=\"\(n(y + 13))\" font-size=\"11\" text-anchor=\"end\">\(HTMLRenderer.escape(clip(bar.label, 40)))</text>\n"
            svg += "<rect x=\"\(n(x0))\" y=\"\(n(y + 3))\" width=\"\(n(w))\" height=\"\(n(row - 6))\" fill=\"\(palette[0])\"/>\n"
            if let l = bar.low, let h = bar.high, l.isFinite, h.isFinite {
                svg += "<line x1=\"\(n(x(l)))\" y1=\"\(n(y + row / 2))\" x2=\"\(n(x(h)))\" y2=\"\(n(y + row / 2))\" stroke=\"#111\" stroke-width=\"1.5\"/>\n"
            }
            svg += "<text x=\"\(n(width - right + 6))\" y=\"\(n(y + 13))\" font-size=\"11\">\(NumberFormat.grouped(bar.value, decimals: decimals))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Decimals of axis ticks over `span`, never fewer than the values' own.
    static func tickDecimals(_ span: Double, _ decimals: Int) -> Int {
        Swift.min(decimals, span >= 20 ? 0 : span >= 2 ? 1 : 2)
    }

    /// Lines over x = 0..<count with `xTicks` (position, label: years or dates), y from 0 (or the
    /// least value) to the greatest with five ticks, `yLabel` above the axis and the legend below
    /// the plot. O(points).
    public static func lines(_ series: [Series], xTicks: [(Int, String)], yLabel: String, percent: Bool = false) -> String {
        let left = 60.0, right = 20.0, top = 24.0, bottom = 50.0, height = 280.0
        let count = series.map(\.values.count).max() ?? 0
        let values = series.flatMap(\.values).filter(\.isFinite)
        let lo = Swift.min(0, values.min() ?? 0), hi0 = values.max() ?? 1
        let hi = hi0 > lo ? hi0 : lo + 1
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { left + (count > 1 ? Double(i) / Double(count - 1) : 0.5) * plotW }
        func y(_ v: Double) -> Double { top + (1 - (v - lo) / (hi - lo)) * plotH }
        var svg = header(height: height, points: values.count)
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(v)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(v)))\" stroke=\"#e2e2e2\"/>\n"
            let label = percent ? NumberFormat.percent(v, decimals: hi - lo < 0.1 ? 1 : 0)
                : NumberFormat.grouped(v, decimals: hi - lo < 1 ? 2 : hi - lo < 10 ? 1 : 0)
            svg += "<text x=\"\(n(left - 4))\" y=\"\(n(y(v) + 4))\" font-size=\"10\" text-anchor=\"end\">\(label)</text>\n"
        }
        for (i, label) in xTicks where i >= 0 && i < max(count, 1) {
            svg += "<line x1=\"\(n(x(i)))\" y1=\"\(n(top + plotH))\" x2=\"\(n(x(i)))\" y2=\"\(n(top + plotH + 4))\" stroke=\"#888\"/>\n"
            svg += "<text x=\"\(n(x(i)))\" y=\"\(n(top + plotH + 16))\" font-size=\"10\" text-anchor=\"middle\">\(HTMLRenderer.escape(label))</text>\n"
        }
        svg += "<text x=\"\(n(left))\" y=\"12\" font-size=\"11\">\(HTMLRenderer.escape(yLabel))</text>\n"
        for (s, line) in series.enumerated() {
            let colour = palette[s % palette.count]
            var path = "", pen = false
            for (i, v) in line.values.enumerated() {
                guard v.isFinite else { pen = false; continue }
                path += (pen ? "L" : "M") + n(x(i)) + " " + n(y(v)) + " "
                pen = true
            }
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.4\"/>\n"
            let lx = left + Double(s) * 170, ly = height - 10
            svg += "<rect x=\"\(n(lx))\" y=\"\(n(ly - 5))\" width=\"12\" height=\"3\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(n(lx + 16))\" y=\"\(n(ly))\" font-size=\"10\">\(HTMLRenderer.escape(clip(line.name, 26)))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A year as weeks (columns) × weekdays (rows), each day shaded from white (the least value)
    /// to dark blue (the greatest); `days[d]` is day d from the start. O(days).
    public static func heatMap(_ days: [Double], label: String, percent: Bool = true) -> String {
        let cell = 13.0, left = 34.0, top = 18.0
        let weeks = (days.count + 6) / 7
        let height = top + cell * 7 + 30
        let finite = days.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        var svg = header(height: height, points: finite.count)
        for (row, name) in ["d1", "d2", "d3", "d4", "d5", "d6", "d7"].enumerated() where row % 2 == 0 {
            svg += "<text x=\"2\" y=\"\(n(top + cell * Double(row) + 10))\" font-size=\"9\">\(name)</text>\n"
        }
        for (d, v) in days.enumerated() where v.isFinite {
            let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
            let x = left + cell * Double(d / 7), y = top + cell * Double(d % 7)
            svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell - 1))\" height=\"\(n(cell - 1))\" fill=\"\(shade(t))\"><title>day \(d + 1): \(percent ? NumberFormat.percent(v, decimals: 1) : NumberFormat.grouped(v, decimals: 2))</title></rect>\n"
        }
        let legendY = top + cell * 7 + 16
        let fmt = { (v: Double) in percent ? NumberFormat.percent(v, decimals: 0) : NumberFormat.grouped(v, decimals: 1) }
        svg += "<text x=\"\(n(left))\" y=\"\(n(legendY))\" font-size=\"10\">\(HTMLRenderer.escape(label)): \(fmt(lo))</text>\n"
        svg += "<rect x=\"\(n(left + 170))\" y=\"\(n(legendY - 9))\" width=\"12\" height=\"10\" fill=\"\(shade(0))\" stroke=\"#aaa\"/>"
        svg += "<rect x=\"\(n(left + 186))\" y=\"\(n(legendY - 9))\" width=\"12\" height=\"10\" fill=\"\(shade(1))\"/>"
        svg += "<text x=\"\(n(left + 204))\" y=\"\(n(legendY))\" font-size=\"10\">\(fmt(hi)) (\(weeks) weeks)</text>\n"
        return svg + "</svg>\n"
    }

    static func header(height: Double, points: Int) -> String {
        "<svg class=\"chart\" data-points=\"\(points)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\">\n"
    }

    /// White to #1f4e79 at t in [0, 1].
    static func shade(_ t: Double) -> String {
        let c = Swift.max(0, Swift.min(1, t))
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * c).rounded()) }
        let r = mix(255, 31), g = mix(255, 78), b = mix(255, 121)
        return "rgb(\(r),\(g),\(b))"
    }

    static func clip(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }
}
