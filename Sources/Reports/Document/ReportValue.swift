import Foundation

/// A cell or key figure's value, typed so that each format shows it its own way from one
/// number: text formats a rounded string (`display`), CSV and XLSX the number itself
/// (`numeric`, `low`, `high`) with the same rounding as a number format (`decimals`).
public enum ReportValue: Sendable {
    case text(String)
    case integer(Int)
    /// A number with fixed decimals.
    case number(Double, decimals: Int)
    /// A fraction shown as a percentage (0.4567 → 45.7%).
    case percent(Double, decimals: Int)
    /// Yen, shown in the scale's unit (¥M: two decimals).
    case yen(Double, YenScale)
    /// A simulated figure: its mean and 95% interval.
    case estimate(EstimateValue)
    /// A check's outcome and the words for it ("ok", "FAIL", "NO (full)").
    case verdict(Bool, String)
    /// Nothing to show (a figure that does not apply).
    case missing

    public enum YenScale: Sendable {
        case yen, thousands, millions
        public var divisor: Double { switch self { case .yen: 1; case .thousands: 1_000; case .millions: 1_000_000 } }
        public var decimals: Int { switch self { case .yen: 0; case .thousands: 0; case .millions: 2 } }
        public var unit: ReportUnit { switch self { case .yen: .yen; case .thousands: .yenThousands; case .millions: .yenMillions } }
    }

    /// The value as text formats show it (locale-independent digits, `-` for missing).
    public var display: String {
        switch self {
        case .text(let s): return s
        case .integer(let n): return NumberFormat.integer(n)
        case .number(let x, let d): return NumberFormat.grouped(x, decimals: d)
        case .percent(let x, let d): return x.isFinite ? NumberFormat.percent(x, decimals: d) : "-"
        case .yen(let x, let scale): return NumberFormat.grouped(x / scale.divisor, decimals: scale.decimals)
        case .estimate(let e): return e.display
        case .verdict(_, let words): return words
        case .missing: return "-"
        }
    }

    /// The number CSV and XLSX store (yen in yen, percentages as fractions), nil for text.
    public var numeric: Double? {
        switch self {
        case .integer(let n): return Double(n)
        case .number(let x, _), .percent(let x, _), .yen(let x, _): return x.isFinite ? x : nil
        case .estimate(let e): return e.mean.isFinite ? e.mean : nil
        case .text, .verdict, .missing: return nil
        }
    }

    /// Whether the value reads as a number (right-aligned).
    public var isNumeric: Bool {
        switch self {
        case .text, .verdict: false
        default: true
        }
    }

    /// An Excel number format that shows `numeric` as `display` does (the ¥M scale included).
    public var excelFormat: String {
        func fixed(_ d: Int) -> String { d == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: d) }
        switch self {
        case .integer: return "#,##0"
        case .number(_, let d): return fixed(d)
        case .percent(_, let d): return (d == 0 ? "0" : "0." + String(repeating: "0", count: d)) + "%"
        case .yen(_, let scale):
            switch scale {
            case .yen: return "#,##0"
            case .thousands: return "#,##0,"
            case .millions: return "#,##0.00,,"
            }
        case .estimate(let e): return e.percent ? "0." + String(repeating: "0", count: max(e.decimals, 1)) + "%" : fixed(e.decimals)
        case .text, .verdict, .missing: return "@"
        }
    }
}

/// A simulated figure with its 95% Student-t interval (`halfWidth` NaN: one replication).
public struct EstimateValue: Sendable {
    public var mean: Double
    public var halfWidth: Double
    public var low: Double
    public var high: Double
    /// Whether the interval was cut by the quantity's range (then shown as its two ends).
    public var clipped: Bool
    public var decimals: Int
    /// A fraction shown in percent.
    public var percent: Bool

    public init(mean: Double, halfWidth: Double, low: Double, high: Double, clipped: Bool, decimals: Int, percent: Bool = false) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.low = low
        self.high = high
        self.clipped = clipped
        self.decimals = decimals
        self.percent = percent
    }

    /// "12.30 ±0.45", "99.9980% (99.9950-100.0000%)" when the range cuts the interval, "-" when
    /// there is no value.
    public var display: String {
        guard !mean.isNaN else { return "-" }
        let unit = percent ? 100.0 : 1
        let sign = percent ? "%" : ""
        let body = NumberFormat.grouped(mean * unit, decimals: decimals)
        if halfWidth.isNaN || halfWidth == 0 && !clipped { return body + sign }
        if clipped {
            return body + sign + " (" + NumberFormat.grouped(low * unit, decimals: decimals) + "-"
                + NumberFormat.grouped(high * unit, decimals: decimals) + sign + ")"
        }
        return body + " ±" + NumberFormat.grouped(halfWidth * unit, decimals: decimals) + sign
    }
}

/// Units of columns and key figures, named in the reader's language by `Localizer.unit`.
public enum ReportUnit: String, Sendable, CaseIterable {
    case none, yen, yenThousands, yenMillions, percent, kilowatts, megawattHours, hours, minutes,
         minutesPerYear, days, years, gib, vcpu, cores, blades, servers, vms, vmHours, count, people, perYear,
         yenPerResident, yenPerDollar, dollars
}
