import Foundation
import InputData
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

    var capacity: [Double] {
        // Unlimited dimensions get a capacity no inventory reaches.
        [vcpu, memoryGiB, diskGiB, iops].map { $0.isInfinite ? 1e18 : $0 }
    }
}

/// Reads a VM inventory CSV: a header with `name,vcpu,memory_gib,disk_gib,iops` and an optional
/// `group` column (VMs sharing a group must be on different hosts), in any order.
public enum InventoryFile {
    public static let required = ["name", "vcpu", "memory_gib", "disk_gib", "iops"]

    public static func read(_ path: String, host: HostType, domains: Int = 0) throws -> NamedInstance {
        let text: String
        do { text = try InputFile.text(path) } catch let e as InputFile.ReadError {
            throw InstanceFileError(file: path, line: 1, column: 1, message: e.reason)
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let headerLine = lines.first else { throw InstanceFileError(file: path, line: 1, column: 1, message: "empty file") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        var column: [String: Int] = [:]
        for (i, h) in header.enumerated() { column[h] = i }
        for key in required where column[key] == nil {
            throw InstanceFileError(file: path, line: 1, column: 1, message: "missing column '\(key)' (need \(required.joined(separator: ",")) and optionally group)")
        }
        var names: [String] = [], sizes: [Double] = [], groups: [Int32] = []
        var groupIndex: [String: Int32] = [:]
        for (n, raw) in lines.enumerated().dropFirst() where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = raw.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == header.count else {
                throw InstanceFileError(file: path, line: n + 1, column: 1, message: "expected \(header.count) fields, got \(fields.count)")
            }
            names.append(fields[column["name"]!])
            for key in ["vcpu", "memory_gib", "disk_gib", "iops"] {
                let c = column[key]!
                guard let v = Double(fields[c]), v >= 0, v.isFinite else {
                    let col = fields[0..<c].reduce(1) { $0 + $1.count + 1 }
                    throw InstanceFileError(file: path, line: n + 1, column: col, message: "\(key) must be a number ≥ 0, got \"\(fields[c])\"")
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
        if names.isEmpty { throw InstanceFileError(file: path, line: 2, column: 1, message: "no VMs in the inventory") }
        let constraints = PackingConstraints(groups: groupIndex.isEmpty ? [] : groups, domainCount: domains)
        let problem = PackingProblem(name: URL(fileURLWithPath: path).lastPathComponent, capacity: host.capacity,
                                     sizes: sizes, constraints: constraints)
        if let big = problem.oversizedItems.first {
            throw InstanceFileError(file: path, line: big + 2, column: 1, message: "VM \(names[big]) is larger than the host")
        }
        return NamedInstance(name: problem.name, problem: problem, optimum: nil, bestHeuristic: nil, itemNames: names)
    }
}
