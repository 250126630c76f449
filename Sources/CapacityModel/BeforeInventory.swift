import Inventories

/// A tenant's real server list before consolidation (`tenants[].before_inventory`): RVTools'
/// vInfo export, a plain CSV server list (`ServerListFile`), or the inventory `cloudplan import`
/// writes, told apart by the header. The "before" then counts the hosts of the machines in service
/// in it, not the catalog's estimate of dedicated servers; machines left out (powered off,
/// templates, retired) are counted apart.
public struct BeforeInventory: Sendable, Hashable {
    /// The file, as resolved against the scenario.
    public var file: String
    /// Machines in service, and the distinct hosts they run on (each physical server is its own).
    public var vms: Int
    public var servers: Int
    public var vcpu: Double
    public var memoryGiB: Double
    /// Rows left out: powered off, templates, retired.
    public var excluded: Int = 0
    /// Each machine in service by name: vCPUs, memory GiB and provisioned disk GiB (for
    /// measured usage, joined by VM name).
    public var machines: [String: Allocation] = [:]

    /// What one machine is allocated.
    public struct Allocation: Sendable, Hashable {
        public var vcpu: Double
        public var memoryGiB: Double
        public var diskGiB: Double
    }

    /// Reads `path`; on failure every mistake, each with its line (0: the file itself).
    static func read(_ path: String) -> Result<BeforeInventory, BeforeInventoryError> {
        let imported: ImportedInventory
        do { imported = try ImportedInventory.read(path) } catch {
            return .failure(BeforeInventoryError(errors: error.errors.map { (line: error.unreadable ? 0 : $0.line, message: $0.message) }))
        }
        guard !imported.vms.isEmpty else {
            return .failure(BeforeInventoryError(errors: [(line: 2, message: "the inventory lists no machine in service (\(imported.excluded.count) left out)")]))
        }
        var inventory = BeforeInventory(file: path, vms: imported.vms.count, servers: Swift.max(imported.hosts.count, 1),
                                        vcpu: Double(imported.vcpu), memoryGiB: imported.memoryGiB, excluded: imported.excluded.count)
        for vm in imported.vms {
            inventory.machines[vm.name] = Allocation(vcpu: Double(vm.vcpu), memoryGiB: vm.memoryGiB, diskGiB: vm.provisionedGiB)
        }
        return .success(inventory)
    }
}

/// Why a before-inventory cannot be read: each mistake with its line of the inventory (0: the file).
struct BeforeInventoryError: Error {
    var errors: [(line: Int, message: String)]
}
