import Foundation
import InputData

/// Measured per-VM utilisation over time (issue 32; docs/usage-format.md), from a vCenter
/// performance export (PowerCLI `Get-Stat … | Export-Csv`) or a plain CSV. CPU is converted to
/// reference cores (one core of a 2010 Xeon X5670 = 1) through the measured host's clock and core
/// score; memory to GiB. Any interval, gaps allowed; every mistake is one located error.
public struct UsageSeries: Sendable {
    /// One VM's samples, in time order (one per distinct timestamp).
    public struct VM: Sendable, Equatable {
        public var name: String
        /// Seconds since 1970-01-01 00:00 UTC, ascending, distinct.
        public var times: [Int64]
        /// Reference cores busy at each time (nil: no CPU sample then).
        public var cpuReferenceCores: [Double?]
        /// GiB in use at each time (nil: no memory sample then).
        public var memoryGiB: [Double?]
    }

    public var format: UsageFormat
    /// By name, in name order.
    public var vms: [VM]
    /// The memory metric read (`mem.consumed.average`, `mem.active.average`, or `memory_gib`).
    public var memoryMetric: String
    /// Rows of other metrics or per-CPU instances, not read.
    public var rowsSkipped: Int
}

public enum UsageFormat: String, Sendable {
    /// PowerCLI `Get-Stat | Export-Csv`: Value, Timestamp, MetricId, Unit, Description, Entity,
    /// EntityId, IntervalSecs, Instance.
    case vcenter
    /// `vm, timestamp, cpu_mhz | cpu_percent | cpu_reference_cores, memory_gib[, vcpu]`.
    case plain
}

/// How raw CPU figures become reference cores, and the zone of timestamps without an offset.
public struct UsageSettings: Sendable {
    /// Clock of one core of the measured host, MHz (needed for `cpu.usagemhz.average`, `cpu_mhz`).
    public var hostMHzPerCore: Double?
    /// Core score of the measured host's cores (reference cores a core).
    public var hostCoreScore: Double = 1
    public var timeZone: UsageTimeZone = .utc
    /// vCPUs by VM name (from an inventory), for CPU given in percent.
    public var vcpu: [String: Double] = [:]

    public init() {}
}

extension UsageSeries {
    /// Reads `path`; every mistake is one error, thrown together.
    public static func read(_ path: String, settings: UsageSettings) throws(InventoryErrors) -> UsageSeries {
        let text: String
        do { text = try InputFile.text(path) } catch let e {
            throw InventoryErrors([InventoryError(file: path, line: 1, column: 1, message: e.reason)], unreadable: true)
        }
        return try parse(text, path: path, settings: settings)
    }

    /// `text`, read from `path` already.
    public static func parse(_ text: String, path: String, settings: UsageSettings) throws(InventoryErrors) -> UsageSeries {
        let text = ImportedInventory.withLineFeeds(text)
        var records = CSVRecords(text, delimiter: CSVRecords.delimiter(ofHeader: text))
        guard let (headerLine, header) = records.next() else {
            throw InventoryErrors([InventoryError(file: path, line: 1, column: 1, message: "empty file")])
        }
        var reader = UsageRowReader(path: path, header: header.map { $0.trimmingCharacters(in: .whitespaces) }, headerLine: headerLine, settings: settings)
        if let e = reader.headerError { throw InventoryErrors([e]) }
        while let (line, fields) = records.next() { reader.read(fields, line: line) }
        if let e = records.error { reader.errors.append(InventoryError(file: path, line: e.line, column: 1, message: "a quoted field is never closed")) }
        return try reader.finish()
    }

    /// The plain CSV `import usage --output` writes: `vm,timestamp,cpu_reference_cores,memory_gib`,
    /// UTC timestamps, empty where a sample is missing; lines end in LF.
    public func plainCSV() -> String {
        var out = "vm,timestamp,cpu_reference_cores,memory_gib\n"
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        for vm in vms {
            for (k, t) in vm.times.enumerated() {
                out += "\(quote(vm.name)),\(UsageTimestamp.format(t)),\(vm.cpuReferenceCores[k].map { "\($0)" } ?? ""),\(vm.memoryGiB[k].map { "\($0)" } ?? "")\n"
            }
        }
        return out
    }
}
