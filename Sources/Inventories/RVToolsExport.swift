import Foundation
import InputData

/// RVTools' vInfo export (CSV, as RVTools 3.x and 4.x write it: any column order, extra columns
/// ignored, quoted fields, comma, semicolon or tab separated). Templates and VMs not powered on
/// are kept out of the inventory and listed with the reason. Memory and disk are in MiB in the
/// export (RVTools 3.x headers say "MB" for the same unit).
public enum RVToolsExport {
    public typealias VM = ImportedInventory.VM
    public typealias Excluded = ImportedInventory.Excluded

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

    /// Reads `path` as a vInfo export; every malformed row is one error (file, line, column), all
    /// of them thrown together.
    public static func read(_ path: String) throws(InventoryErrors) -> ImportedInventory {
        try ImportedInventory.read(path, as: .rvtools)
    }

    /// The rows after `header` (on `headerLine`) of `path`.
    static func read(_ records: inout CSVRecords, header: [String], headerLine: Int, path: String) throws(InventoryErrors) -> ImportedInventory {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [Column: Int] = [:]
        for c in Column.allCases {
            let columns = names.indices.filter { c.names.contains(names[$0]) }
            guard let i = columns.first else { continue }
            // A name given twice matters for what is read as a number (exports repeat some text
            // columns, as RVTools 4 does "OS according to the configuration file"): the first is kept.
            guard columns.count == 1 || !(c.isRequired || c == .provisioned || c == .inUse) else {
                // Two columns for one quantity: which holds the value cannot be told.
                throw InventoryErrors([InventoryError(file: path, line: headerLine, column: columns[1] + 1,
                                                      message: "the header names \(c.names[0]) twice (columns \(columns.map { String($0 + 1) }.joined(separator: " and "))): which one to read cannot be told")])
            }
            index[c] = i
        }
        let missing = Column.allCases.filter { $0.isRequired && index[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.map { $0.names[0] }.joined(separator: ", ")
            throw InventoryErrors([InventoryError(file: path, line: headerLine, column: 1,
                                                  message: "not an RVTools vInfo export: no column \(list) (the header has \(header.count) columns)")])
        }
        let decimalComma = records.delimiter != UInt8(ascii: ",")
        return try ImportedInventory.collect(&records, format: .rvtools, hasDisk: index[.provisioned] != nil, path: path) { fields, line in
            Self.row(fields, line: line, index: index, width: header.count, path: path, decimalComma: decimalComma)
        }
    }

    /// One data row: a powered-on VM, a VM left out, or an error at its field.
    static func row(_ fields: [String], line: Int, index: [Column: Int], width: Int, path: String,
                    decimalComma: Bool) -> ImportedInventory.Row {
        guard fields.count == width else {
            return .error(InventoryError(file: path, line: line, column: 1, message: "expected \(width) fields as in the header, got \(fields.count)"))
        }
        func field(_ c: Column) -> String { index[c].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
        func column(_ c: Column) -> Int { (index[c] ?? 0) + 1 }
        let name = field(.vm)
        if field(.template).lowercased() == "true" { return .excluded(Excluded(name: name, reason: "template", line: line)) }
        let power = field(.powerstate)
        guard power.lowercased() == "poweredon" else {
            return .excluded(Excluded(name: name, reason: power.isEmpty ? "no power state" : "not powered on (\(power))", line: line))
        }
        guard !name.isEmpty else { return .error(InventoryError(file: path, line: line, column: column(.vm), message: "VM: empty name")) }
        guard let cpus = Int(field(.cpus)), cpus > 0, cpus <= 4_096 else {
            return .error(InventoryError(file: path, line: line, column: column(.cpus), message: "CPUs must be a whole number 1-4096, got \"\(field(.cpus))\""))
        }
        func mebibytes(_ c: Column) -> Double? {
            let text = field(c)
            if text.isEmpty && !c.isRequired { return 0 }
            guard case .success(let v) = InventoryNumber.parse(text, decimalComma: decimalComma), v >= 0, v <= 1e12 else { return nil }
            return v
        }
        for c in [Column.memory, .provisioned, .inUse] {
            if case .failure(.ambiguous(let why)) = InventoryNumber.parse(field(c), decimalComma: decimalComma) {
                return .error(InventoryError(file: path, line: line, column: column(c), message: "\(c.names[0]): \(why)"))
            }
        }
        guard let memory = mebibytes(.memory), memory > 0 else {
            return .error(InventoryError(file: path, line: line, column: column(.memory), message: "Memory (MiB) must be a positive number, got \"\(field(.memory))\""))
        }
        guard let provisioned = mebibytes(.provisioned), let inUse = mebibytes(.inUse) else {
            let c: Column = mebibytes(.provisioned) == nil ? .provisioned : .inUse
            return .error(InventoryError(file: path, line: line, column: column(c), message: "\(c.names[0]) must be a number ≥ 0, got \"\(field(c))\""))
        }
        return .vm(VM(name: name, vcpu: cpus, memoryGiB: memory / 1_024, provisionedGiB: provisioned / 1_024, inUseGiB: inUse / 1_024,
                      host: field(.host), cluster: field(.cluster), datacenter: field(.datacenter), os: field(.os), line: line))
    }
}
