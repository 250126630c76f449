import Foundation
import InputData

/// A server or VM list read from a real export (RVTools' vInfo, or a plain CSV server list):
/// the machines in service, and those left out with the reason. Memory and disk in GiB.
public struct ImportedInventory: Sendable {
    /// One machine in service: a VM (on `host`) or a physical server (its own host).
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

    /// A machine left out (powered off, a template, retired), and why.
    public struct Excluded: Sendable, Equatable {
        public var name: String
        public var reason: String
        public var line: Int
    }

    /// What the file was read as.
    public var format: InventoryFormat
    public var vms: [VM]
    public var excluded: [Excluded]
    /// Whether the file has a disk (provisioned) column; without one every disk size is 0.
    public var hasDisk: Bool = false
    /// Rows of the export (machines in service and left out).
    public var rows: Int { vms.count + excluded.count }
    /// Distinct hosts the machines in service run on, sorted.
    public var hosts: [String] { Array(Set(vms.map(\.host).filter { !$0.isEmpty })).sorted() }
    public var vcpu: Int { vms.reduce(0) { $0 + $1.vcpu } }
    public var memoryGiB: Double { vms.reduce(0) { $0 + $1.memoryGiB } }

    /// Reads `path` as `format`, or as the format its header shows (`InventoryFormat.detect`);
    /// a file in `pack`'s own inventory format is read as a server list (its columns are among
    /// the names a server list may use). Every malformed row is one error, thrown together.
    public static func read(_ path: String, as format: InventoryFormat? = nil) throws(InventoryErrors) -> ImportedInventory {
        let text: String
        do { text = try InputFile.text(path) } catch let e {
            throw InventoryErrors([InventoryError(file: path, line: 1, column: 1, message: e.reason)], unreadable: true)
        }
        return try parse(text, path: path, as: format)
    }

    /// `text`, read from `path` already, as `format` or as its header shows.
    public static func parse(_ text: String, path: String, as format: InventoryFormat? = nil) throws(InventoryErrors) -> ImportedInventory {
        let text = Self.withLineFeeds(text)
        let delimiter = CSVRecords.delimiter(ofHeader: text)
        var records = CSVRecords(text, delimiter: delimiter)
        guard let (headerLine, header) = records.next() else {
            throw InventoryErrors([InventoryError(file: path, line: 1, column: 1, message: records.error == nil ? "empty file" : "a quoted field is never closed")])
        }
        switch format ?? InventoryFormat.detect(header: header) {
        case .rvtools: return try RVToolsExport.read(&records, header: header, headerLine: headerLine, path: path)
        case .serverList, .packInventory: return try ServerListFile.read(&records, header: header, headerLine: headerLine, path: path)
        }
    }

    /// `text` with lines ended by CR alone (classic Mac OS exports, which would read as one
    /// line) ended by LF instead; any other text as it is.
    static func withLineFeeds(_ text: String) -> String {
        guard !text.utf8.contains(UInt8(ascii: "\n")) && text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return text.replacingOccurrences(of: "\r", with: "\n")
    }

    /// What one data row of an export is: a machine in service, one left out, or a mistake.
    enum Row { case vm(VM), excluded(Excluded), error(InventoryError) }

    /// The rows of `records` (after the header) through `row`: the inventory, or every mistake.
    static func collect(_ records: inout CSVRecords, format: InventoryFormat, hasDisk: Bool, path: String,
                        _ row: (_ fields: [String], _ line: Int) -> Row) throws(InventoryErrors) -> ImportedInventory {
        var inventory = ImportedInventory(format: format, vms: [], excluded: [], hasDisk: hasDisk)
        var errors: [InventoryError] = []
        while let (line, fields) = records.next() {
            switch row(fields, line) {
            case .vm(let vm): inventory.vms.append(vm)
            case .excluded(let e): inventory.excluded.append(e)
            case .error(let e): errors.append(e)
            }
        }
        if let e = records.error { errors.append(InventoryError(file: path, line: e.line, column: 1, message: "a quoted field is never closed")) }
        if errors.isEmpty && inventory.vms.isEmpty && inventory.excluded.isEmpty {
            errors.append(InventoryError(file: path, line: 2, column: 1, message: "no machines after the header: the export is empty"))
        }
        guard errors.isEmpty else { throw InventoryErrors(errors) }
        return inventory
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

/// The kinds of inventory file cloudplan reads.
public enum InventoryFormat: String, Sendable, CaseIterable {
    /// RVTools' vInfo sheet saved as CSV (`RVToolsExport`).
    case rvtools
    /// A plain CSV server list with named columns (`ServerListFile`).
    case serverList = "server-list"
    /// The inventory `pack` reads and `import` writes: name, vcpu, memory_gib, disk_gib, iops, group.
    case packInventory = "pack-inventory"

    /// The kind, in words for messages.
    public var label: String {
        switch self {
        case .rvtools: "RVTools export"
        case .serverList: "server list"
        case .packInventory: "inventory"
        }
    }

    /// The format a header shows: RVTools when it has vInfo's VM, Powerstate and CPUs columns;
    /// `pack`'s inventory when it has `name` and `vcpu` or `memory_gib` as they are written;
    /// otherwise a server list.
    public static func detect(header: [String]) -> InventoryFormat {
        let names = Set(header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        if names.contains("vm") && (names.contains("powerstate") || names.contains("power state")) && names.contains("cpus") { return .rvtools }
        if names.contains("name") && (names.contains("vcpu") || names.contains("memory_gib")) { return .packInventory }
        return .serverList
    }
}

/// A mistake in an inventory file, where it is: "file:line:column: error: message".
public struct InventoryError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Every mistake of an inventory file, one per mistake.
public struct InventoryErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InventoryError]
    /// Whether the file itself could not be read (missing, not a regular file, too large).
    public var unreadable: Bool
    public init(_ errors: [InventoryError], unreadable: Bool = false) {
        self.errors = errors
        self.unreadable = unreadable
    }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
