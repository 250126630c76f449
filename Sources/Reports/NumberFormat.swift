/// Locale-independent number formatting for reports.
public enum NumberFormat {
    /// `x` with `decimals` places and thousands separators: 1,234,567.8.
    public static func grouped(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = x < 0
        let r = (abs(x) * scale).rounded()
        let whole = Int((r / scale).rounded(.down))
        var fraction = Int(r - Double(whole) * scale)
        var digits = String(whole)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        out = digits + out
        if decimals > 0 {
            var f = ""
            for _ in 0..<decimals { f = String(fraction % 10) + f; fraction /= 10 }
            out += "." + f
        }
        return (negative && r != 0 ? "-" : "") + out
    }

    public static func integer(_ n: Int) -> String { grouped(Double(n)) }

    /// A fraction as a percentage: 0.4567 → "45.7%".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        grouped(fraction * 100, decimals: decimals) + "%"
    }

    /// Yen in millions: 12,345,678 → "12.35".
    public static func millions(_ yen: Double, decimals: Int = 2) -> String { grouped(yen / 1_000_000, decimals: decimals) }

    /// Fixed decimals without grouping (for CSV).
    public static func plain(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "" }
        let g = grouped(x, decimals: decimals)
        return g.replacingOccurrences(",", "")
    }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
