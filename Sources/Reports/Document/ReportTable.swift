/// A table of typed cells: columns with a machine key (CSV header, XLSX), a title and a unit in
/// the reader's language; an optional total row that the test checks against the rows.
public struct ReportTable: Sendable {
    public struct Column: Sendable {
        public var key: String
        public var title: String
        public var unit: ReportUnit
        public init(_ key: String, _ title: String, unit: ReportUnit = .none) {
            self.key = key
            self.title = title
            self.unit = unit
        }
    }

    /// Stable and language-free: the CSV table's and the XLSX sheet's name.
    public var id: String
    /// The table's caption (the sheet's title row in XLSX).
    public var title: String
    public var columns: [Column]
    public var rows: [[ReportValue]]
    /// A total row, shown after the rows.
    public var total: [ReportValue]?
    /// Rows shown on screen and paper (text, HTML) when there are more; CSV, XLSX and
    /// Markdown keep all of them.
    public var printLimit: Int?
    /// Said under the table.
    public var note: Prose?

    public init(id: String, title: String, columns: [Column], rows: [[ReportValue]] = [], total: [ReportValue]? = nil,
                printLimit: Int? = nil, note: Prose? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.total = total
        self.printLimit = printLimit
        self.note = note
    }

    /// Whether column `i` holds numbers (right-aligned): its first value that is not missing.
    public func isNumeric(_ i: Int) -> Bool {
        for r in rows where i < r.count {
            if case .missing = r[i] { continue }
            return r[i].isNumeric
        }
        return false
    }

    /// Whether column `i` holds an estimate with an interval (CSV and XLSX then give it three
    /// columns: mean, low, high).
    public func hasInterval(_ i: Int) -> Bool {
        rows.contains { r in
            guard i < r.count, case .estimate(let e) = r[i] else { return false }
            return !e.halfWidth.isNaN
        }
    }

    /// The rows a printed format shows, and how many it leaves out.
    public var printedRows: (rows: ArraySlice<[ReportValue]>, hidden: Int) {
        guard let limit = printLimit, rows.count > limit else { return (rows[...], 0) }
        return (rows.prefix(limit), rows.count - limit)
    }
}

/// A chart: bars (with optional intervals) or lines over time, with its axes' units. HTML draws
/// it (`SVGChart`); the other formats have its data in the tables beside it.
public struct ReportChart: Sendable {
    /// A bar (label, value, optional interval) and a line (name, values): the chart drawer's own.
    public typealias Bar = SVGChart.Bar
    public typealias Series = SVGChart.Series

    /// A time axis: point 0 is 1 January of `startYear` (the demand calendar's reference year,
    /// where simulated time starts), each point `daysPerPoint` days.
    public struct TimeAxis: Sendable {
        public var startYear: Int
        public var daysPerPoint: Int
        public init(startYear: Int, daysPerPoint: Int = 1) {
            self.startYear = startYear
            self.daysPerPoint = daysPerPoint
        }
    }

    public enum Kind: Sendable {
        /// Horizontal bars; the value axis in `unit`, `decimals` places.
        case bars([Bar], decimals: Int)
        /// Lines over time; y from 0 (or the least value) in `unit`.
        case lines([Series], TimeAxis)
        /// A year heat map of daily values.
        case heatMap([Double], TimeAxis)
    }

    public var caption: String
    public var kind: Kind
    public var unit: ReportUnit
    /// The value axis' name ("CPU utilisation of available blades").
    public var axisLabel: String

    public init(caption: String, kind: Kind, unit: ReportUnit, axisLabel: String = "") {
        self.caption = caption
        self.kind = kind
        self.unit = unit
        self.axisLabel = axisLabel
    }
}
