import Foundation
import InputData

/// A tenant's real server list before consolidation (`tenants[].before_inventory`): the VM
/// inventory `cloudplan import rvtools` writes (or any CSV with `name` and, optionally, `host`,
/// `vcpu` and `memory_gib`). The "before" then counts the hosts in it, not the catalog's
/// estimate of dedicated servers.
public struct BeforeInventory: Sendable, Hashable {
    /// The file, as resolved against the scenario.
    public var file: String
    /// VMs listed, and the distinct hosts they run on (the VM count when there is no `host`).
    public var vms: Int
    public var servers: Int
    public var vcpu: Double
    public var memoryGiB: Double

    /// Reads `path`; nil with one message (and its line) for the first thing wrong.
    static func read(_ path: String) -> Result<BeforeInventory, BeforeInventoryError> {
        let text: String
        do { text = try InputFile.text(path) } catch let e { return .failure(BeforeInventoryError(line: 0, message: e.reason)) }
        var records = CSVRecords(text)
        guard let (_, header) = records.next() else { return .failure(BeforeInventoryError(line: 1, message: "the inventory is empty")) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let nameColumn = names.firstIndex(of: "name") else {
            return .failure(BeforeInventoryError(line: 1, message: "the inventory has no 'name' column (as cloudplan import rvtools writes it)"))
        }
        let host = names.firstIndex(of: "host"), vcpu = names.firstIndex(of: "vcpu"), memory = names.firstIndex(of: "memory_gib")
        var inventory = BeforeInventory(file: path, vms: 0, servers: 0, vcpu: 0, memoryGiB: 0)
        var hosts = Set<String>()
        while let (line, fields) = records.next() {
            guard fields.count == header.count else {
                return .failure(BeforeInventoryError(line: line, message: "expected \(header.count) fields as in the header, got \(fields.count)"))
            }
            func number(_ column: Int?, _ key: String) -> Result<Double, BeforeInventoryError> {
                guard let column else { return .success(0) }
                let text = fields[column].trimmingCharacters(in: .whitespaces)
                guard let v = Double(text), v.isFinite, v >= 0 else {
                    return .failure(BeforeInventoryError(line: line, message: "\(key) must be a number ≥ 0, got \"\(text)\""))
                }
                return .success(v)
            }
            guard !fields[nameColumn].trimmingCharacters(in: .whitespaces).isEmpty else {
                return .failure(BeforeInventoryError(line: line, message: "a VM without a name"))
            }
            switch (number(vcpu, "vcpu"), number(memory, "memory_gib")) {
            case (.success(let c), .success(let m)):
                inventory.vcpu += c
                inventory.memoryGiB += m
            case (.failure(let e), _), (_, .failure(let e)):
                return .failure(e)
            }
            inventory.vms += 1
            if let host { hosts.insert(fields[host].trimmingCharacters(in: .whitespaces)) }
        }
        if let e = records.error { return .failure(BeforeInventoryError(line: e.line, message: "a quoted field is never closed")) }
        guard inventory.vms > 0 else { return .failure(BeforeInventoryError(line: 2, message: "the inventory lists no VM")) }
        hosts.remove("")
        inventory.servers = host == nil ? inventory.vms : Swift.max(hosts.count, 1)
        return .success(inventory)
    }
}

/// Why a before-inventory cannot be read: a message and the line of the inventory (0: the file).
struct BeforeInventoryError: Error {
    var line: Int
    var message: String
}
