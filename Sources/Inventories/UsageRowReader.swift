import Foundation

/// Reads the rows of a usage export one at a time (`UsageSeries.parse`): which columns hold what,
/// each row's samples by VM and time, and every mistake with its line, column and key.
struct UsageRowReader {
    /// What a row's value is.
    enum Metric: Hashable {
        case cpuMHz, cpuPercent, cpuReference, memoryConsumed, memoryActive, memoryGiB

        /// vCenter's metric ids, and the unit each must be in.
        static let vcenter: [String: (Metric, unit: String)] = [
            "cpu.usagemhz.average": (.cpuMHz, "MHz"), "cpu.usage.average": (.cpuPercent, "%"),
            "mem.consumed.average": (.memoryConsumed, "KB"), "mem.active.average": (.memoryActive, "KB"),
        ]
    }

    /// A VM's samples at one time, by metric.
    typealias Samples = [Metric: Double]

    let path: String
    let format: UsageFormat
    let settings: UsageSettings
    /// Column index of each key the format reads.
    var columns: [String: Int] = [:]
    var headerError: InventoryError?
    var errors: [InventoryError] = []
    /// Samples by VM, then by time; the line each VM first appears on.
    var samples: [String: [Int64: Samples]] = [:]
    var firstLine: [String: Int] = [:]
    var skipped = 0
    /// Problems reported once for the whole file (a missing setting), by message.
    var reportedOnce: Set<String> = []

    init(path: String, header: [String], headerLine: Int, settings: UsageSettings) {
        self.path = path
        self.settings = settings
        let lower = header.map { $0.lowercased() }
        let vcenterKeys = ["value", "timestamp", "metricid", "entity"]
        if vcenterKeys.allSatisfy(lower.contains) {
            format = .vcenter
            for key in vcenterKeys + ["unit", "instance", "intervalsecs"] { if let i = lower.firstIndex(of: key) { columns[key] = i } }
            return
        }
        format = .plain
        let keys = ["vm", "timestamp", "cpu_mhz", "cpu_percent", "cpu_reference_cores", "memory_gib", "vcpu"]
        for key in keys {
            if let i = lower.firstIndex(of: key) { columns[key] = i }
        }
        if let twice = keys.first(where: { k in lower.filter { $0 == k }.count > 1 }) {
            headerError = InventoryError(file: path, line: headerLine, column: (lower.lastIndex(of: twice) ?? 0) + 1,
                                         message: "\(twice): the column is given twice; which one holds the samples is not clear")
            return
        }
        let cpuKeys = ["cpu_mhz", "cpu_percent", "cpu_reference_cores"].filter { columns[$0] != nil }
        if columns["vm"] == nil || columns["timestamp"] == nil || cpuKeys.count != 1 {
            headerError = InventoryError(file: path, line: headerLine, column: 1, message:
                "the header is neither a vCenter export (Value, Timestamp, MetricId, Unit, Entity, …) nor the plain usage CSV (vm, timestamp, one of cpu_mhz, cpu_percent or cpu_reference_cores, memory_gib, optional vcpu): \(header.joined(separator: ","))")
        }
    }

    mutating func error(_ line: Int, _ key: String, _ message: String) {
        errors.append(InventoryError(file: path, line: line, column: (columns[key] ?? 0) + 1, message: "\(key): \(message)"))
    }

    /// Reads one data row.
    mutating func read(_ fields: [String], line: Int) {
        if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { return }
        let columns = self.columns
        let field = { (key: String) -> String? in
            columns[key].flatMap { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : nil }
        }
        switch format {
        case .vcenter: readVCenter(field, line: line)
        case .plain: readPlain(field, line: line)
        }
    }

    mutating func readVCenter(_ field: (String) -> String?, line: Int) {
        let id = field("metricid") ?? ""
        guard let (metric, unit) = Metric.vcenter[id], (field("instance") ?? "").isEmpty else { skipped += 1; return }
        let name = field("entity") ?? ""
        if name.isEmpty { return error(line, "entity", "no VM name") }
        if let u = field("unit"), !u.isEmpty, u.lowercased() != unit.lowercased() {
            return error(line, "unit", "\(id) in '\(u)'; vCenter gives it in \(unit)")
        }
        guard let time = timestamp(field("timestamp") ?? "", line: line, key: "timestamp", us: true) else { return }
        guard let value = number(field("value") ?? "", line: line, key: "value") else { return }
        add(name, time, metric, value, line: line)
    }

    mutating func readPlain(_ field: (String) -> String?, line: Int) {
        let name = field("vm") ?? ""
        if name.isEmpty { return error(line, "vm", "no VM name") }
        guard let time = timestamp(field("timestamp") ?? "", line: line, key: "timestamp", us: false) else { return }
        var values: [(Metric, Double)] = []
        for (key, metric) in [("cpu_mhz", Metric.cpuMHz), ("cpu_percent", .cpuPercent), ("cpu_reference_cores", .cpuReference), ("memory_gib", .memoryGiB)] {
            guard columns[key] != nil, let text = field(key), !text.isEmpty else { continue }
            guard let v = number(text, line: line, key: key) else { return }
            values.append((metric, v))
        }
        if let text = field("vcpu"), !text.isEmpty {
            guard let v = Double(text), v.isFinite, v > 0 else { return error(line, "vcpu", "'\(text)' is not a positive number of vCPUs") }
            vcpuOfVM[name] = v
        }
        for (metric, v) in values { add(name, time, metric, v, line: line) }
    }

    /// A number from 0 to 10^12 (no sample is larger in any unit read), or one error at `key`.
    /// A comma is refused, not dropped: "1,5" is a decimal comma as often as "1,500" a grouping.
    mutating func number(_ text: String, line: Int, key: String) -> Double? {
        guard let v = Double(text), v.isFinite, v >= 0, v <= 1e12 else {
            let hint = text.contains(",") ? " (a comma: write the number with a decimal point and no grouping)" : ""
            error(line, key, text.isEmpty ? "no value" : "'\(Self.shown(text))' is not a non-negative number (at most 10^12)\(hint)")
            return nil
        }
        return v
    }

    /// `text` as an error message shows it: at most 40 characters.
    static func shown(_ text: String) -> String { text.count <= 40 ? text : String(text.prefix(40)) + "…" }

    /// Seconds UTC, or one error at `key`.
    mutating func timestamp(_ text: String, line: Int, key: String, us: Bool) -> Int64? {
        if let t = UsageTimestamp.iso(text, zone: settings.timeZone) ?? (us ? UsageTimestamp.us(text, zone: settings.timeZone) : nil) { return t }
        error(line, key, "'\(Self.shown(text))' is not a time (\(us ? "M/d/yyyy h:mm:ss AM/PM, M/d/yyyy H:mm:ss or " : "")yyyy-MM-ddTHH:mm[:ss][Z|±HH:MM]; no offset: \(settings.timeZone.rawValue.uppercased()))")
        return nil
    }

    /// Records a sample; a second one of the same metric at the same time is an error.
    mutating func add(_ name: String, _ time: Int64, _ metric: Metric, _ value: Double, line: Int) {
        if firstLine[name] == nil { firstLine[name] = line }
        if samples[name]?[time]?[metric] != nil {
            return error(line, "timestamp", "\(name) has a second \(Self.label(metric)) sample at \(UsageTimestamp.format(time))")
        }
        samples[name, default: [:]][time, default: [:]][metric] = value
    }

    /// vCPUs given in the plain CSV's `vcpu` column, by VM.
    var vcpuOfVM: [String: Double] = [:]

    static func label(_ m: Metric) -> String {
        switch m {
        case .cpuMHz: "CPU (MHz)"
        case .cpuPercent: "CPU (%)"
        case .cpuReference: "CPU (reference cores)"
        case .memoryConsumed: "mem.consumed"
        case .memoryActive: "mem.active"
        case .memoryGiB: "memory"
        }
    }
}
