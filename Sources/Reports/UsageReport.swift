import Foundation
import Inventories

/// `cloudplan import usage`'s summary (docs/usage-format.md): JSON `vms[]` and a text table.
public enum UsageReport {
    public static let formatVersion = 1
    static let percentiles = "linear interpolation between order statistics (Hyndman & Fan type 7: NumPy's default, R's default)"

    public static func json(_ series: UsageSeries, _ summary: [UsageSummary], source: String, settings: UsageSettings) -> JSONValue {
        func q(_ x: UsageSummary.Quantiles?, _ p: UsagePercentile) -> JSONValue { x.map { .rounded($0.at(p), 4) } ?? .null }
        let vms: [JSONValue] = summary.map { s in
            .object([
                ("vm", .string(s.vm)), ("samples", .integer(s.samples)),
                ("first", .string(UsageTimestamp.format(s.first))), ("last", .string(UsageTimestamp.format(s.last))),
                ("interval_seconds", .integer(Int(s.intervalSeconds))), ("gaps", .integer(s.gaps)),
                ("cpu_samples", .integer(s.cpuSamples)), ("memory_samples", .integer(s.memorySamples)),
                ("cpu_p50_reference_cores", q(s.cpu, .p50)), ("cpu_p95_reference_cores", q(s.cpu, .p95)),
                ("cpu_p99_reference_cores", q(s.cpu, .p99)), ("cpu_max_reference_cores", q(s.cpu, .max)),
                ("memory_p50_gib", q(s.memory, .p50)), ("memory_p95_gib", q(s.memory, .p95)),
                ("memory_p99_gib", q(s.memory, .p99)), ("memory_max_gib", q(s.memory, .max)),
            ])
        }
        return .object([
            ("format", .string("cloudplan-usage")), ("format_version", .integer(formatVersion)),
            ("source", .string(source)), ("source_format", .string(series.format.rawValue)),
            ("memory_metric", .string(series.memoryMetric)), ("time_zone", .string(settings.timeZone.rawValue)),
            ("host_mhz_per_core", settings.hostMHzPerCore.map { .rounded($0, 3) } ?? .null),
            ("host_core_score", .rounded(settings.hostCoreScore, 4)),
            ("percentiles", .string(percentiles)), ("rows_skipped", .integer(series.rowsSkipped)),
            ("vms", .array(vms)),
        ])
    }

    public static func text(_ series: UsageSeries, _ summary: [UsageSummary], source: String) -> String {
        var out = "\(source): \(summary.count) VMs, \(summary.reduce(0) { $0 + $1.samples }) samples (\(series.format.rawValue); memory from \(series.memoryMetric))\n"
        out += "CPU in reference cores (one core of a 2010 Xeon X5670 = 1), memory in GiB; percentiles: \(percentiles)\n"
        let header = ["vm", "samples", "first", "last", "interval (s)", "gaps", "CPU p50", "CPU p95", "CPU p99", "CPU max", "mem p50", "mem p95", "mem p99", "mem max"]
        func f(_ x: Double?) -> String { x.map { NumberFormat.grouped($0, decimals: 2) } ?? "-" }
        let rows = summary.map { s in
            [s.vm, String(s.samples), UsageTimestamp.format(s.first), UsageTimestamp.format(s.last), String(s.intervalSeconds), String(s.gaps),
             f(s.cpu?.p50), f(s.cpu?.p95), f(s.cpu?.p99), f(s.cpu?.max), f(s.memory?.p50), f(s.memory?.p95), f(s.memory?.p99), f(s.memory?.max)]
        }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[i] - c.count) + c }
                .joined(separator: "  ") + "\n"
        }
        out += line(header) + line(widths.map { String(repeating: "-", count: $0) })
        for r in rows { out += line(r) }
        return out
    }
}
