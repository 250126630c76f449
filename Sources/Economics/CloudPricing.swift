import CapacityModel

/// Placing VMs on a public cloud's instance types (issue 33): each VM on the cheapest type that
/// holds it. A VM of v vCPUs (sized in reference cores) and m GiB fits a type of V vCPUs of
/// score s and M GiB when V·s ≥ v and M ≥ m.
public enum InstancePlacement {
    /// Index into `types` of the cheapest type under `commitment` that fits (ties: the first
    /// listed); nil when none fits or none is offered so. O(types).
    public static func cheapest(vcpu: Double, memoryGiB: Double, types: [InstanceType],
                                commitment: CloudCommitment) -> Int? {
        var best: (index: Int, price: Double)?
        for (i, t) in types.enumerated() {
            guard Double(t.vcpu) * t.coreScore >= vcpu - 1e-9, t.memoryGiB >= memoryGiB - 1e-9,
                  let price = t.hourly(commitment) else { continue }
            if best == nil || price < best!.price { best = (i, price) }
        }
        return best?.index
    }
}

/// Servers of one shape: `count` servers of `sockets` processors of `coresPerSocket` cores
/// (a blade model, or a cloud instance as one processor of its vCPUs).
public struct ServerShape: Sendable, Hashable {
    public var count: Int
    public var sockets: Int
    public var coresPerSocket: Int

    public init(count: Int, sockets: Int, coresPerSocket: Int) {
        self.count = count
        self.sockets = sockets
        self.coresPerSocket = coresPerSocket
    }
}

extension CostLine {
    /// The yearly amount after for counts `q` whose servers come in several `shapes`: the
    /// hardware drivers (`per_server`, `per_socket`, `per_core`) are counted shape by shape,
    /// each with the licence minimums; `q`'s own server counts are ignored. O(shapes × drivers).
    public func afterPerYear(_ q: CostQuantities, shapes: [ServerShape]) -> Yen {
        var rest = q
        rest.servers = 0
        rest.sockets = 0
        rest.cores = 0
        var total = afterPerYear(rest)
        for s in shapes where s.count > 0 {
            var one = CostQuantities(tenants: 0, residents: 0, systems: 0, tenantSystems: 0, residentSystems: 0,
                                     virtualMachines: 0, servers: s.count, sockets: s.count * s.sockets,
                                     cores: s.count * s.sockets * s.coresPerSocket)
            one = licensed(one)
            for d in CostDriver.allCases where d.isHardware {
                let rate = (after.rates[d] ?? .zero) + (afterOneOff.rates[d] ?? .zero) / oneOffYears
                total = total + rate * one.count(d)
            }
        }
        return total
    }
}
