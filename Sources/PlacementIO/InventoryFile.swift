import Foundation
import InputData
import Inventories
import Placement

/// A host (blade) type for packing an inventory: capacities in the inventory's columns, and a price.
public struct HostType: Sendable, Hashable {
    public var name: String
    public var vcpu: Double
    public var memoryGiB: Double
    public var diskGiB: Double
    public var iops: Double
    /// Price in yen (for choosing a mix of host types by cost).
    public var price: Double

    /// Parses `vcpu=32,memory_gib=256[,disk_gib=2000][,iops=20000][,price=1300000][,name=bl460c]`;
    /// capacities left out are unlimited.
    public static func parse(_ text: String) -> Result<HostType, InstanceFileError> {
        var host = HostType(name: "", vcpu: .infinity, memoryGiB: .infinity, diskGiB: .infinity, iops: .infinity, price: 1)
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            func fail(_ m: String) -> Result<HostType, InstanceFileError> {
                .failure(InstanceFileError(file: "--host", line: 1, column: 1, message: m))
            }
            guard kv.count == 2 else { return fail("expected key=value in \"\(part)\"") }
            if kv[0] == "name" { host.name = kv[1]; continue }
            guard let v = Double(kv[1]), v.isFinite, v > 0 else { return fail("\(kv[0]) must be a positive number, got \"\(kv[1])\"") }
            switch kv[0] {
            case "vcpu": host.vcpu = v
            case "memory_gib": host.memoryGiB = v
            case "disk_gib": host.diskGiB = v
            case "iops": host.iops = v
            case "price": host.price = v
            default: return fail("unknown host key \"\(kv[0])\"; expected vcpu, memory_gib, disk_gib, iops, price, name")
            }
        }
        if host.vcpu.isInfinite && host.memoryGiB.isInfinite { 
            return .failure(InstanceFileError(file: "--host", line: 1, column: 1, message: "give at least vcpu or memory_gib"))
        }
        return .success(host)
    }

    /// The inventory columns a host type has, in order, and its capacity in each.
    static let columns = ["vcpu", "memory_gib", "disk_gib", "iops"]
    func limit(_ column: String) -> Double {
        switch column {
        case "vcpu": return vcpu
        case "memory_gib": return memoryGiB
        case "disk_gib": return diskGiB
        default: return iops
        }
    }

    /// Capacities in `columns`; a column this type does not limit gets `unlimited[k]` (more than
    /// the inventory's total there, so it never binds, and finite).
    public func capacity(columns: [String], unlimited: [Double]) -> [Double] {
        columns.enumerated().map { k, c in limit(c).isInfinite ? unlimited[k] : limit(c) }
    }

    /// The columns that some of `hosts` limits: the dimensions an inventory is packed in.
    public static func limitedColumns(_ hosts: [HostType]) -> [String] {
        columns.filter { c in hosts.contains { !$0.limit(c).isInfinite } }
    }
}

/// Reads a VM inventory CSV (RFC 4180 quoting: `CSVRecords`): a header with `name` and the columns the host types limit (of
/// `vcpu,memory_gib,disk_gib,iops`; the others may be left out and are ignored), and an optional
/// `group` column (VMs sharing a group must be on different hosts), in any order. The problem
/// has one dimension per limited column; sizes are at most 10^15. RVTools' vInfo exports and
/// plain server lists (`InventoryFormat.detect`) are imported first (`ImportedInventory`): their
/// machines in service are packed by vcpu, memory_gib and disk_gib (provisioned), the others are
/// in `NamedInstance.excluded`.
public enum InventoryFile {
    public static func read(_ path: String, hosts: [HostType], domains: Int = 0) throws -> NamedInstance {
        let text: String
        do { text = try InputFile.text(path) } catch let e {
            throw InstanceFileError(file: path, line: 1, column: 1, message: e.reason)
        }
        var records = CSVRecords(text)
        guard let (headerNumber, headerFields) = records.next() else {
            throw InstanceFileError(file: path, line: 1, column: 1, message: records.error == nil ? "empty file" : "a quoted field is never closed")
        }
        let header = headerFields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let dimensions = HostType.limitedColumns(hosts)
        if InventoryFormat.detect(header: headerFields) != .packInventory || !dimensions.allSatisfy(header.contains) {
            return try imported(text, path: path, hosts: hosts, domains: domains)
        }
        var column: [String: Int] = [:]
        for (i, h) in header.enumerated() { column[h] = i }
        let required = ["name"] + dimensions
        for key in required where column[key] == nil {
            throw InstanceFileError(file: path, line: headerNumber, column: 1,
                                    message: "missing column '\(key)' (need \(required.joined(separator: ",")), optionally group)")
        }
        var names: [String] = [], sizes: [Double] = [], groups: [Int32] = [], lineNumbers: [String] = []
        var groupIndex: [String: Int32] = [:]
        while let (number, record) = records.next() {
            let n = number - 1
            let fields = record.map(\.trimmingSpaces)
            guard fields.count == header.count else {
                throw InstanceFileError(file: path, line: n + 1, column: 1, message: "expected \(header.count) fields, got \(fields.count)")
            }
            names.append(fields[column["name"] ?? 0])
            lineNumbers.append(String(n + 1))
            for key in dimensions {
                let c = column[key] ?? 0
                guard let v = Double(fields[c]), v >= 0, v <= VectorPackingFile.maximumSize else {
                    let col = fields[0..<c].reduce(1) { $0 + $1.count + 1 }
                    throw InstanceFileError(file: path, line: n + 1, column: col, message: "\(key) must be a number ≥ 0 and ≤ 10^15, got \"\(fields[c])\"")
                }
                sizes.append(v)
            }
            if let g = column["group"], !fields[g].isEmpty {
                let id = groupIndex[fields[g]] ?? Int32(groupIndex.count)
                groupIndex[fields[g]] = id
                groups.append(id)
            } else {
                groups.append(-1)
            }
        }
        if let e = records.error { throw InstanceFileError(file: path, line: e.line, column: 1, message: "a quoted field is never closed") }
        if names.isEmpty { throw InstanceFileError(file: path, line: 2, column: 1, message: "no VMs in the inventory") }
        let constraints = PackingConstraints(groups: groupIndex.isEmpty ? [] : groups, domainCount: domains)
        let capacity = hosts[0].capacity(columns: dimensions, unlimited: unlimited(sizes, dimensions: dimensions.count))
        let problem = PackingProblem(name: URL(fileURLWithPath: path).lastPathComponent, capacity: capacity,
                                     sizes: sizes, constraints: constraints)
        return NamedInstance(name: problem.name, problem: problem, optimum: nil, bestHeuristic: nil, itemNames: names,
                             source: path, itemLocations: lineNumbers)
    }

    /// An RVTools export or server list imported, then its machines in service as the items.
    static func imported(_ text: String, path: String, hosts: [HostType], domains: Int) throws -> NamedInstance {
        let inventory: ImportedInventory
        do { inventory = try ImportedInventory.parse(text, path: path) } catch {
            throw InstanceFileErrors(error.errors.map { InstanceFileError(file: $0.file, line: $0.line, column: $0.column, message: $0.message) })
        }
        let dimensions = HostType.limitedColumns(hosts)
        if dimensions.contains("disk_gib") && !inventory.hasDisk {
            throw InstanceFileError(file: path, line: 1, column: 1,
                                    message: "the \(inventory.format.label) has no disk column for --host disk_gib (docs/inventory-format.md)")
        }
        if let iops = dimensions.first(where: { $0 == "iops" }) {
            throw InstanceFileError(file: path, line: 1, column: 1,
                                    message: "the \(inventory.format.label) has no \(iops) column; leave \(iops) out of --host or write the inventory with cloudplan import")
        }
        guard !inventory.vms.isEmpty else {
            throw InstanceFileError(file: path, line: 2, column: 1, message: "no machine in service in the inventory (\(inventory.excluded.count) left out)")
        }
        var sizes: [Double] = []
        sizes.reserveCapacity(inventory.vms.count * dimensions.count)
        for vm in inventory.vms {
            for key in dimensions {
                switch key {
                case "vcpu": sizes.append(Double(vm.vcpu))
                case "memory_gib": sizes.append(vm.memoryGiB)
                default: sizes.append(vm.provisionedGiB)
                }
            }
        }
        let capacity = hosts[0].capacity(columns: dimensions, unlimited: unlimited(sizes, dimensions: dimensions.count))
        let problem = PackingProblem(name: URL(fileURLWithPath: path).lastPathComponent, capacity: capacity, sizes: sizes,
                                     constraints: PackingConstraints(groups: [], domainCount: domains))
        var instance = NamedInstance(name: problem.name, problem: problem, optimum: nil, bestHeuristic: nil,
                                     itemNames: inventory.vms.map(\.name), source: path, itemLocations: inventory.vms.map { String($0.line) })
        instance.excluded = inventory.excluded
        return instance
    }

    /// A capacity per dimension that no packing of these items reaches: their total plus one.
    public static func unlimited(_ sizes: [Double], dimensions d: Int) -> [Double] {
        var totals = [Double](repeating: 1, count: d)
        for (i, x) in sizes.enumerated() { totals[i % d] += x }
        return totals
    }
}
