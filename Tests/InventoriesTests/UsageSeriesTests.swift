import Foundation
@testable import Inventories
import Testing
import TestSupport

/// Issue 32, item 2: usage histories in, against answers worked out by hand.
@Suite struct UsageSeriesTests {
    static let header = "\"Value\",\"Timestamp\",\"MetricId\",\"Unit\",\"Description\",\"Entity\",\"EntityId\",\"IntervalSecs\",\"Instance\""

    /// A row of a PowerCLI `Get-Stat | Export-Csv` export, VMware's column names and order.
    static func row(_ value: String, _ time: String, _ metric: String, _ unit: String, vm: String = "juki-db01", instance: String = "") -> String {
        "\"\(value)\",\"\(time)\",\"\(metric)\",\"\(unit)\",\"desc\",\"\(vm)\",\"VirtualMachine-vm-101\",\"300\",\"\(instance)\""
    }

    /// Percentiles by linear interpolation (NumPy's default): [1, 2, 3, 4] has p50 2.5 and
    /// p95 3.85 (rank 0.95 × 3 = 2.85); one value is every percentile.
    @Test func percentilesAreNumPysLinearOnes() throws {
        let q = try #require(UsageSummary.Quantiles([4, 1, 3, 2]))
        #expect(q.p50 == 2.5 && abs(q.p95 - 3.85) < 1e-12 && abs(q.p99 - 3.97) < 1e-12 && q.max == 4)
        let one = try #require(UsageSummary.Quantiles([7]))
        #expect(one.p50 == 7 && one.p95 == 7 && one.max == 7)
        // 0..<101: the p-th percentile is p itself.
        let hundred = try #require(UsageSummary.Quantiles((0...100).map(Double.init)))
        #expect(hundred.p95 == 95 && hundred.p99 == 99 && hundred.p50 == 50)
        #expect(UsageSummary.Quantiles([]) == nil)
    }

    /// US-style and ISO timestamps, UTC and JST, against Foundation's calendar on seeded dates.
    @Test func timestampsAreReadInTheirZone() {
        #expect(UsageTimestamp.us("12/6/2026 1:05:00 PM", zone: .utc).map(UsageTimestamp.format) == "2026-12-06T13:05:00Z")
        #expect(UsageTimestamp.us("12/6/2026 1:05:00 PM", zone: .jst).map(UsageTimestamp.format) == "2026-12-06T04:05:00Z")
        #expect(UsageTimestamp.us("1/1/2027 12:00:00 AM", zone: .utc).map(UsageTimestamp.format) == "2027-01-01T00:00:00Z")
        #expect(UsageTimestamp.us("02/29/2024 23:59:59", zone: .utc).map(UsageTimestamp.format) == "2024-02-29T23:59:59Z")
        #expect(UsageTimestamp.us("02/29/2026 10:00:00", zone: .utc) == nil)
        #expect(UsageTimestamp.us("13/01/2026 10:00:00", zone: .utc) == nil)
        #expect(UsageTimestamp.iso("2026-12-06T13:05:00+09:00", zone: .utc).map(UsageTimestamp.format) == "2026-12-06T04:05:00Z")
        #expect(UsageTimestamp.iso("2026-12-06 13:05", zone: .jst).map(UsageTimestamp.format) == "2026-12-06T04:05:00Z")
        #expect(UsageTimestamp.iso("2026-12-06T13:05:00.250Z", zone: .jst).map(UsageTimestamp.format) == "2026-12-06T13:05:00Z")
        #expect(UsageTimestamp.iso("2026-12-06T25:05:00Z", zone: .utc) == nil)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var g = SeededGenerator(seed: 32)
        for _ in 0..<200 {
            let c = DateComponents(year: Int.random(in: 1950...2150, using: &g), month: Int.random(in: 1...12, using: &g),
                                   day: Int.random(in: 1...28, using: &g), hour: Int.random(in: 0...23, using: &g),
                                   minute: Int.random(in: 0...59, using: &g), second: Int.random(in: 0...59, using: &g))
            let expected = Int64(calendar.date(from: c)!.timeIntervalSince1970)
            let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            #expect(UsageTimestamp.iso(text, zone: .utc) == expected, "\(text)")
            #expect(UsageTimestamp.format(expected) == text)
        }
    }

    /// A vCenter export: MHz ÷ the host's MHz a core × its score, percent × vCPUs × score, KB
    /// (KiB) ÷ 1,048,576; per-CPU instances and other metrics skipped; a missing sample is a gap.
    @Test func aVCenterExportIsConverted() throws {
        let lines = [Self.header,
                     Self.row("1465", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz"),
                     Self.row("700", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz", instance: "0"),
                     Self.row("4194304", "12/6/2026 1:00:00 PM", "mem.consumed.average", "KB"),
                     Self.row("2930", "12/6/2026 1:05:00 PM", "cpu.usagemhz.average", "MHz"),
                     Self.row("6291456", "12/6/2026 1:05:00 PM", "mem.consumed.average", "KB"),
                     Self.row("5860", "12/6/2026 1:15:00 PM", "cpu.usagemhz.average", "MHz"),
                     Self.row("50", "12/6/2026 1:00:00 PM", "cpu.usage.average", "%", vm: "web01"),
                     Self.row("1048576", "12/6/2026 1:00:00 PM", "mem.active.average", "KB", vm: "web01"),
                     Self.row("12", "12/6/2026 1:00:00 PM", "net.usage.average", "KBps")]
        var settings = UsageSettings()
        settings.hostMHzPerCore = 2_930
        settings.hostCoreScore = 0.8
        settings.vcpu = ["web01": 4]
        let series = try UsageSeries.parse(lines.joined(separator: "\r\n"), path: "vc.csv", settings: settings)
        #expect(series.format == .vcenter && series.rowsSkipped == 2 && series.memoryMetric == "mem.consumed.average")
        let db = try #require(series.vms.first { $0.name == "juki-db01" })
        #expect(db.cpuReferenceCores.map { $0.map { ($0 * 1e9).rounded() / 1e9 } } == [0.4, 0.8, 1.6])
        #expect(db.memoryGiB == [4, 6, nil])
        let web = try #require(series.vms.first { $0.name == "web01" })
        #expect(web.cpuReferenceCores == [0.5 * 4 * 0.8] && web.memoryGiB == [nil])  // the file's memory metric is consumed
        let summary = UsageSummary.of(series).first { $0.vm == "juki-db01" }!
        #expect(summary.samples == 3 && summary.intervalSeconds == 300 && summary.gaps == 1 && summary.cpuSamples == 3 && summary.memorySamples == 2)
        #expect(UsageTimestamp.format(summary.first) == "2026-12-06T13:00:00Z" && UsageTimestamp.format(summary.last) == "2026-12-06T13:15:00Z")
    }

    /// The plain CSV with percent and a vcpu column, in JST, and its own --output read back.
    @Test func thePlainCSVRoundTrips() throws {
        let text = "vm,timestamp,cpu_percent,memory_gib,vcpu\nA,2026-01-01 09:00,25,3.5,2\nA,2026-01-01 10:00,75,4.5,2\nB,2026-01-01T00:00:00Z,10,1,8\n"
        var settings = UsageSettings()
        settings.timeZone = .jst
        let series = try UsageSeries.parse(text, path: "u.csv", settings: settings)
        #expect(series.vms.map(\.name) == ["A", "B"] && series.vms[0].cpuReferenceCores == [0.5, 1.5] && series.vms[0].memoryGiB == [3.5, 4.5])
        #expect(series.vms[0].times.map(UsageTimestamp.format) == ["2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"])
        let again = try UsageSeries.parse(series.plainCSV(), path: "out.csv", settings: UsageSettings())
        #expect(again.vms == series.vms)
    }

    /// Each malformed export gives one error at its line, column and key.
    @Test(arguments: [
        ("bad value", [row("x1", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz")], "vc.csv:2:1: error: value: 'x1' is not a non-negative number"),
        ("negative", [row("-5", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz")], "vc.csv:2:1: error: value: '-5' is not a non-negative number"),
        ("bad time", [row("5", "2026/12/06 13:00", "cpu.usagemhz.average", "MHz")], "vc.csv:2:2: error: timestamp: '2026/12/06 13:00' is not a time"),
        ("wrong unit", [row("5", "12/6/2026 1:00:00 PM", "mem.consumed.average", "MB")], "vc.csv:2:4: error: unit: mem.consumed.average in 'MB'; vCenter gives it in KB"),
        ("no VM", [row("5", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz", vm: "")], "vc.csv:2:6: error: entity: no VM name"),
        ("twice", [row("5", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz"), row("6", "12/6/2026 1:00:00 PM", "cpu.usagemhz.average", "MHz")],
         "vc.csv:3:2: error: timestamp: juki-db01 has a second CPU (MHz) sample at 2026-12-06T13:00:00Z"),
        ("percent without vCPUs", [row("5", "12/6/2026 1:00:00 PM", "cpu.usage.average", "%"), row("6", "12/6/2026 1:05:00 PM", "cpu.usage.average", "%")],
         "vc.csv:2:3: error: metricid: CPU in percent of juki-db01's vCPUs needs their number"),
    ])
    func aMalformedExportGivesOneLocatedError(_ c: (String, [String], String)) {
        var settings = UsageSettings()
        settings.hostMHzPerCore = 2_000
        do {
            _ = try UsageSeries.parse(([Self.header] + c.1).joined(separator: "\n"), path: "vc.csv", settings: settings)
            Issue.record("\(c.0): accepted")
        } catch {
            #expect(error.errors.count == 1 && error.errors[0].description.hasPrefix(c.2), "\(c.0): \(error.errors.map(\.description))")
        }
    }

    /// CPU in MHz without the host's clock is one error for the whole file, however many rows;
    /// a header of neither format is one error naming both.
    @Test func aMissingSettingIsOneErrorForTheFile() {
        let rows = (0..<50).map { Self.row("100", "12/6/2026 1:\(String(format: "%02d", $0)):00 PM", "cpu.usagemhz.average", "MHz", vm: "vm\($0 % 5)") }
        do {
            _ = try UsageSeries.parse(([Self.header] + rows).joined(separator: "\n"), path: "vc.csv", settings: UsageSettings())
            Issue.record("accepted")
        } catch {
            #expect(error.errors.count == 1 && error.errors[0].description.contains("--host-mhz"), "\(error.errors)")
        }
        #expect(throws: InventoryErrors.self) { try UsageSeries.parse("name,cpu\nx,1\n", path: "x.csv", settings: UsageSettings()) }
    }
}

extension UsageSeriesTests {
    /// Hostile exports: a decimal comma is refused, not read as a thousand times the value; CR-only
    /// line ends read as lines; a column given twice is one header error; a value too large to be
    /// a sample and a very long field are refused with the field shortened.
    @Test func hostileExportsAreRefusedOrReadRight() throws {
        func errors(_ text: String) -> [String] {
            do { _ = try UsageSeries.parse(text, path: "u.csv", settings: UsageSettings()); return [] } catch { return error.errors.map(\.description) }
        }
        let comma = errors("vm;timestamp;cpu_reference_cores\na;2026-01-01T00:00:00Z;1,5\n")
        #expect(comma.count == 1 && comma[0].contains("'1,5'") && comma[0].contains("decimal point"), "\(comma)")
        let cr = try UsageSeries.parse("vm,timestamp,cpu_reference_cores\ra,2026-01-01T00:00:00Z,1\ra,2026-01-01T01:00:00Z,2\r", path: "u.csv", settings: UsageSettings())
        #expect(cr.vms.first?.cpuReferenceCores == [1, 2])
        let twice = errors("vm,timestamp,cpu_reference_cores,memory_gib,memory_gib\na,2026-01-01T00:00:00Z,1,2,3\n")
        #expect(twice.count == 1 && twice[0].hasPrefix("u.csv:1:5: error: memory_gib: the column is given twice"), "\(twice)")
        let huge = errors("vm,timestamp,cpu_reference_cores\na,2026-01-01T00:00:00Z,1e308\nb,\(String(repeating: "9", count: 5_000)),1\n")
        #expect(huge.count == 2 && huge.allSatisfy { $0.count < 300 }, "\(huge.map(\.count))")
    }
}
