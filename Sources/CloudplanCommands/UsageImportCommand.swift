import ArgumentParser
import Foundation
import Inventories
import Reports

/// `cloudplan import usage FILE`: a usage history (vCenter export or plain CSV) summarised per
/// VM in reference cores and GiB (issue 32; docs/usage-format.md).
struct UsageImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Summarise a per-VM usage history: p50/p95/p99/max CPU in reference cores and memory in GiB.",
        discussion: """
            Reads a vCenter performance export (PowerCLI Get-Stat … | Export-Csv: Value, Timestamp, \
            MetricId, Unit, Entity, IntervalSecs, Instance; metrics cpu.usagemhz.average, \
            cpu.usage.average, mem.consumed.average, mem.active.average; US-style timestamps) or the \
            plain CSV (vm, timestamp, cpu_mhz | cpu_percent | cpu_reference_cores, memory_gib, vcpu). \
            CPU in MHz becomes reference cores through --host-mhz and --host-core-score; CPU in \
            percent through each VM's vCPUs (--inventory or the vcpu column). Timestamps without an \
            offset are in --timezone. --output writes the series as the plain CSV a tenant's `usage` \
            key reads. Every bad row is one located error (exit 1).
            """)

    @Argument(help: ArgumentHelp("The usage export (CSV).", valueName: "file.csv"))
    var file: String

    @Option(name: .customLong("host-mhz"), help: "Clock of one core of the measured hosts, MHz (for CPU in MHz).")
    var hostMHz: Double?

    @Option(name: .customLong("host-core-score"), help: "Core score of the measured hosts' cores (reference cores a core; default 1).")
    var hostCoreScore: Double = 1

    @Option(help: "Zone of timestamps without an offset: utc or jst (no daylight saving).")
    var timezone: String = "utc"

    @Option(help: ArgumentHelp("An RVTools or server-list export giving each VM's vCPUs (for CPU in percent).", valueName: "file.csv"))
    var inventory: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the series here as the plain usage CSV (whole or not at all).", valueName: "usage.csv"))
    var output: String?

    @Option(name: .shortAndLong, help: "Summary format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if format != .text && format != .json { throw ValidationError("--format for the summary is text or json (the series is --output)") }
        if UsageTimeZone(rawValue: timezone.lowercased()) == nil { throw ValidationError("--timezone is utc or jst, got '\(timezone)'") }
        if let m = hostMHz, !(m > 0 && m < 100_000) { throw ValidationError("--host-mhz must be between 0 and 100000") }
        if !(0.01...100).contains(hostCoreScore) { throw ValidationError("--host-core-score must be between 0.01 and 100") }
    }

    func run() throws {
        var settings = UsageSettings()
        settings.hostMHzPerCore = hostMHz
        settings.hostCoreScore = hostCoreScore
        settings.timeZone = UsageTimeZone(rawValue: timezone.lowercased()) ?? .utc
        do {
            if let inventory {
                for vm in try ImportedInventory.read(inventory).vms { settings.vcpu[vm.name] = Double(vm.vcpu) }
            }
            let series = try UsageSeries.read(file, settings: settings)
            if let output { try emitReport(series.plainCSV(), to: output) }
            let summary = UsageSummary.of(series)
            writeStandardOutput(format == .json ? UsageReport.json(series, summary, source: file, settings: settings).serialised()
                                : UsageReport.text(series, summary, source: file))
        } catch let errors as InventoryErrors {
            for e in errors.errors { printError(e.description) }
            throw ExitCode(CLIExit.invalidInput)
        }
    }
}
