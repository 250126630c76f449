/// Any table of a report as RFC 4180 CSV (`plan --format csv --table ID` for the tables that
/// have no documented export): the columns' machine keys as the header, numbers as numbers
/// (yen in yen, percentages as fractions, full precision to 6 decimals), an estimate as its
/// mean and its 95% `_low` and `_high`, text through `CSV.field`. The total row is left out
/// (a sum of the rows).
public enum TableCSV {
    public static func render(_ t: ReportTable) -> String {
        let spread = t.columns.indices.map(t.hasInterval)
        var header: [String] = []
        for (i, c) in t.columns.enumerated() { header += spread[i] ? [c.key, c.key + "_low", c.key + "_high"] : [c.key] }
        var lines = [header.map(CSV.field).joined(separator: ",")]
        for r in t.rows {
            var cells: [String] = []
            for (i, v) in r.enumerated() where i < spread.count {
                cells.append(cell(v))
                if spread[i] {
                    if case .estimate(let e) = v, e.low.isFinite, e.high.isFinite {
                        cells += [NumberFormat.plain(e.low, decimals: 6), NumberFormat.plain(e.high, decimals: 6)]
                    } else {
                        cells += ["", ""]
                    }
                }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ v: ReportValue) -> String {
        switch v {
        case .text(let s), .verdict(_, let s): return CSV.field(s)
        case .integer(let n): return String(n)
        case .missing: return ""
        default: return v.numeric.map { NumberFormat.plain($0, decimals: 6) } ?? ""
        }
    }
}
