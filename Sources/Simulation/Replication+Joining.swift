import SimKernel

/// Tenants that join the pool after the start (`joins_after_years`).
///
/// The plan sized and placed every tenant for full membership, so a joiner's VMs normally start
/// on their planned blades at once. Where a planned blade is down or full of restarted VMs, HA
/// places the VM like a restart (the most free memory within failover limits), or it waits
/// stranded; where its array is down it waits for the array. Its availability is measured from
/// the join, so a system that cannot start then counts an outage from that moment.
extension Replication {
    mutating func tenantSystemJoins(_ ts: Int, _ kernel: inout Kernel) {
        let now = kernel.now
        var pools = Set<Int>()
        for v32 in model.tsVMs[ts] {
            let v = Int(v32)
            let home = Int(model.vmHomeBlade[v])
            let pool = Int(model.vmPool[v])
            vmDownSince[v] = now
            let homeTakesIt = bladeAvailable[home] && fits(v, on: home)
            if !isUp(array: Int(model.vmArray[v])) {
                if homeTakesIt { assign(v, to: home) }
                vmState[v] = .storageDown
            } else if homeTakesIt {
                assign(v, to: home)
                vmState[v] = .running
                addDemand(v)
                instanceRunning[Int(model.vmInstance[v])] += 1
            } else {
                vmState[v] = .stranded
                pending[pool].append(v32)
                pools.insert(pool)
            }
        }
        // Instances that could not reach their quorum are down from the join.
        var seen = Set<Int32>()
        for v32 in model.tsVMs[ts] {
            let inst = model.vmInstance[Int(v32)]
            if seen.insert(inst).inserted && instanceRunning[Int(inst)] < model.instanceQuorum[Int(inst)] {
                instanceDown(Int(inst), at: now)
            }
        }
        for p in pools.sorted() { placePending(pool: p, &kernel) }
    }

    /// Whether VM `v` fits on blade `b` within its failover allocation limits.
    func fits(_ v: Int, on b: Int) -> Bool {
        bladeAllocVCPU[b] + model.vmVCPU[v] <= model.bladeFailoverVCPU[b] + 1e-9
            && bladeAllocMemory[b] + model.vmMemory[v] <= model.bladeFailoverMemory[b] + 1e-9
    }

    /// Puts VM `v` on blade `b` and adds its allocation (not its demand).
    mutating func assign(_ v: Int, to b: Int) {
        vmBlade[v] = Int32(b)
        bladeVMs[b].append(Int32(v))
        bladeAllocVCPU[b] += model.vmVCPU[v]
        bladeAllocMemory[b] += model.vmMemory[v]
    }
}
