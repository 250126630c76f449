import Foundation
import Inventories
import Testing
import TestSupport

/// RVTools vInfo exports the importer has not seen (issue 14, item 4): seeded random column
/// orders, extra columns, delimiters, quoting and power states, against counts worked out from
/// the generated rows.
@Suite struct RVToolsRandomExportTests {
    /// The columns RVTools writes (a subset of 4.x's vInfo, with its spellings) and fillers.
    static let columns = ["VM", "Powerstate", "Template", "CPUs", "Memory", "Provisioned MiB", "In Use MiB", "Host", "Cluster",
                          "Datacenter", "OS according to the configuration file", "Annotation", "DNS Name", "NICs", "Disks", "VI SDK Server"]

    @Test(arguments: 0..<12)
    func importsARandomExport(_ seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let order = Self.columns.shuffled(using: &rng)
        let delimiter = [",", ";", "\t"][rng.below(3)]
        let quoteAll = rng.below(2) == 0
        func cell(_ s: String) -> String {
            quoteAll || s.contains(delimiter) || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [order.map(cell).joined(separator: delimiter)]
        var on = 0, vcpu = 0, memoryMiB = 0.0, hosts = Set<String>(), excluded = 0
        for v in 0..<(5 + rng.below(60)) {
            let state = ["poweredOn", "poweredOn", "poweredOn", "poweredOff", "suspended"][rng.below(5)]
            let template = rng.below(8) == 0
            let cpus = 1 + rng.below(16), memory = Double(512 * (1 + rng.below(64)))
            let host = "esx\(rng.below(7)).example.lg.jp"
            if state == "poweredOn" && !template {
                on += 1
                vcpu += cpus
                memoryMiB += memory
                hosts.insert(host)
            } else {
                excluded += 1
            }
            let values: [String: String] = [
                "VM": "vm-\(v), \"x\"", "Powerstate": state, "Template": template ? "True" : "False", "CPUs": "\(cpus)",
                "Memory": String(Int(memory)), "Provisioned MiB": "\(10_240 * (1 + rng.below(9)))", "In Use MiB": "\(rng.below(10_000))",
                "Host": host, "Cluster": "cl;1", "Datacenter": "dc", "OS according to the configuration file": "Windows Server 2008 R2 (64-bit)",
                "Annotation": "住民記録\t\"AP\"",
            ]
            lines.append(order.map { cell(values[$0] ?? "") }.joined(separator: delimiter))
        }
        let ws = try Workspace("rvtools-random")
        let file = try ws.write(lines.joined(separator: rng.below(2) == 0 ? "\r\n" : "\n") + "\r\n", to: "vInfo.csv")
        let inv = try ImportedInventory.read(file)
        #expect(inv.format == .rvtools)
        #expect(inv.vms.count == on && inv.excluded.count == excluded && inv.vcpu == vcpu)
        #expect(inv.memoryGiB == memoryMiB / 1_024 && inv.hosts.count == hosts.count)
        #expect(inv.vms.allSatisfy { $0.name.hasSuffix(", \"x\"") && $0.cluster == "cl;1" })
    }
}
