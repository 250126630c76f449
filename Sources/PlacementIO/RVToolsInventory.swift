import Foundation
import InputData

/// A VM inventory read from RVTools' vInfo export (CSV, as RVTools 3.x and 4.x write it: any
/// column order, extra columns ignored, quoted fields, comma, semicolon or tab separated).
/// Templates and VMs not powered on are kept out of the inventory and listed with the reason.
/// Memory and disk are in MiB in the export (RVTools 3.x headers say "MB" for the same unit).
public struct RVToolsInventory: Sendable {
    /// One powered-on VM.
    public struct VM: Sendable, Equatable {
        public var name: String
        public var vcpu: Int
        public var memoryGiB: Double
        /// Provisioned disk, and the part in use, GiB.
        public var provisionedGiB: Double
        public var inUseGiB: Double
        public var host: String
        public var cluster: String
        public var datacenter: String
        public var os: String
        /// Line of the export it came from.
        public var line: Int
    }

    /// A VM left out, and why.
    public struct Excluded: Sendable, Equatable {
        public var name: String
        public var reason: String
        public var line: Int
    }

    public var vms: [VM]
    public var excluded: [Excluded]
    /// Rows of the export (VMs and templates).
    public var rows: Int { vms.count + excluded.count }
    /// Distinct hosts the imported VMs run on.
    public var hosts: [String] { Array(Set(vms.map(\.host).filter { !$0.isEmpty })).sorted() }

    /// The columns read, each with the header names it goes by (lower case, trimmed).
    enum Column: CaseIterable {
        case vm, powerstate, template, cpus, memory, provisioned, inUse, host, cluster, datacenter, os
        var names: [String] {
            switch self {
            case .vm: ["vm", "name"]
            case .powerstate: ["powerstate", "power state"]
            case .template: ["template"]
            case .cpus: ["cpus", "num cpu"]
            case .memory: ["memory", "memory mib", "memory mb"]
            case .provisioned: ["provisioned mib", "provisioned mb"]
            case .inUse: ["in use mib", "in use mb"]
            case .host: ["host"]
            case .cluster: ["cluster"]
            case .datacenter: ["datacenter"]
            case .os: ["os according to the configuration file", "os according to the vmware tools", "os"]
            }
        }
        /// Columns without which no VM can be read.
        var isRequired: Bool { self == .vm || self == .cpus || self == .memory || self == .powerstate }
    }

    /// Reads `path`; every malformed row is one error (file, line, column), all of them thrown together.
    public static func read(_ path: String) throws -> RVToolsInventory {
        let text: String
        do { text = try InputFile.text(path) } catch let e {
            throw RVToolsError([InstanceFileError(file: path, line: 1, column: 1, message: e.reason)])
        }
        var records = CSVRecords(text, delimiter: CSVRecords.delimiter(ofHeader: text))
        guard let (headerLine, header) = records.next() else {
            throw RVToolsError([InstanceFileError(file: path, line: 1, column: 1, message: "empty file")])
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [Column: Int] = [:]
        for c in Column.allCases {
            if let i = c.names.lazy.compactMap({ n in names.firstIndex(of: n) }).first { index[c] = i }
        }
        let missing = Column.allCases.filter { $0.isRequired && index[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.map { $0.names[0] }.joined(separator: ", ")
            throw RVToolsError([InstanceFileError(file: path, line: headerLine, column: 1,
                                                  message: "not an RVTools vInfo export: no column \(list) (the header has \(header.count) columns)")])
        }
        var inventory = RVToolsInventory(vms: [], excluded: [])
        var errors: [InstanceFileError] = []
        while let (line, fields) = records.next() {
            switch row(fields, line: line, index: index, width: header.count, path: path) {
            case .vm(let vm): inventory.vms.append(vm)
            case .excluded(let e): inventory.excluded.append(e)
            case .error(let e): errors.append(e)
            }
        }
        if let e = records.error { errors.append(InstanceFileError(file: path, line: e.line, column: 1, message: "a quoted field is never closed")) }
        guard errors.isEmpty else { throw RVToolsError(errors) }
        return inventory
    }

    enum Row { case vm(VM), excluded(Excluded), error(InstanceFileError) }

    /// One data row: a powered-on VM, a VM left out, or an error at its field.
    static func row(_ fields: [String], line: Int, index: [Column: Int], width: Int, path: String) -> Row {
        guard fields.count == width else {
            return .error(InstanceFileError(file: path, line: line, column: 1, message: "expected \(width) fields as in the header, got \(fields.count)"))
        }
        func field(_ c: Column) -> String { index[c].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
        func column(_ c: Column) -> Int { (index[c] ?? 0) + 1 }
        let name = field(.vm)
        if field(.template).lowercased() == "true" { return .excluded(Excluded(name: name, reason: "template", line: line)) }
        let power = field(.powerstate)
        guard power.lowercased() == "poweredon" else {
            return .excluded(Excluded(name: name, reason: power.isEmpty ? "no power state" : "not powered on (\(power))", line: line))
        }
        guard !name.isEmpty else { return .error(InstanceFileError(file: path, line: line, column: column(.vm), message: "VM: empty name")) }
        guard let cpus = Int(field(.cpus)), cpus > 0, cpus <= 4_096 else {
            return .error(InstanceFileError(file: path, line: line, column: column(.cpus), message: "CPUs must be a whole number 1-4096, got \"\(field(.cpus))\""))
        }
        func mebibytes(_ c: Column) -> Double? {
            let text = field(c).replacingOccurrences(of: ",", with: "")
            if text.isEmpty && !c.isRequired { return 0 }
            guard let v = Double(text), v.isFinite, v >= 0, v <= 1e12 else { return nil }
            return v
        }
        guard let memory = mebibytes(.memory), memory > 0 else {
            return .error(InstanceFileError(file: path, line: line, column: column(.memory), message: "Memory (MiB) must be a positive number, got \"\(field(.memory))\""))
        }
        guard let provisioned = mebibytes(.provisioned), let inUse = mebibytes(.inUse) else {
            let c: Column = mebibytes(.provisioned) == nil ? .provisioned : .inUse
            return .error(InstanceFileError(file: path, line: line, column: column(c), message: "\(c.names[0]) must be a number ≥ 0, got \"\(field(c))\""))
        }
        return .vm(VM(name: name, vcpu: cpus, memoryGiB: memory / 1_024, provisionedGiB: provisioned / 1_024, inUseGiB: inUse / 1_024,
                      host: field(.host), cluster: field(.cluster), datacenter: field(.datacenter), os: field(.os), line: line))
    }

    /// The inventory `pack` reads: name, vcpu, memory_gib, disk_gib (provisioned) and, for the
    /// reader, host, cluster and os; fields quoted where they need it. Lines end in CRLF.
    public func packInventoryCSV() -> String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.3f", x) }
        var out = "name,vcpu,memory_gib,disk_gib,host,cluster,os\r\n"
        for vm in vms {
            out += [quote(vm.name), String(vm.vcpu), number(vm.memoryGiB), number(vm.provisionedGiB),
                    quote(vm.host), quote(vm.cluster), quote(vm.os)].joined(separator: ",") + "\r\n"
        }
        return out
    }
}

/// Every error of an RVTools export, one per mistake.
public struct RVToolsError: Error, Sendable, CustomStringConvertible {
    public var errors: [InstanceFileError]
    init(_ errors: [InstanceFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
