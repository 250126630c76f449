import SimKernel

/// The state changes the processes ask for that are not hardware, power or deliveries: HA's
/// detection and restarts, a tenant joining, a new year's demand, copies reaching the partner.
/// Processes change `ReplicationState` only through these and the other extensions' methods.
extension ReplicationState {
    // MARK: HA (`HARestarts`)

    /// HA has detected the loss of VM `v`'s host: it may be restarted now.
    mutating func detected(_ v: Int) {
        if vmState[v] == .awaitingDetection { vmState[v] = .stranded }
    }

    /// VM `v` powers on on blade `b` (put there first if it is not), its boot due by `event`.
    mutating func beginBoot(_ v: Int, on b: Int, event: EventID) {
        if vmBlade[v] != Int32(b) { assign(v, to: b) }
        vmState[v] = .booting
        vmBootEvent[v] = event
    }

    /// A booting VM has booted: it runs and serves from `now`.
    mutating func completeBoot(_ v: Int, at now: Double) {
        vmBootEvent[v] = nil
        vmState[v] = .running
        addDemand(v)
        startServing(v, at: now)
    }

    /// Drops from the pool's pending list the VMs no longer waiting for detection or a blade.
    mutating func prunePending(pool: Int) {
        pending[pool].removeAll { let s = vmState[Int($0)]; return s != .awaitingDetection && s != .stranded }
    }

    // MARK: Joins (`TenantJoins`)

    /// Tenant-system `ts` joins at `now`: each VM on its home blade if that takes it (waiting
    /// for its storage if that is down), else stranded; instances below their quorum are down;
    /// the pools with stranded VMs are asked to place them.
    mutating func join(_ ts: Int, at now: Double) {
        var pools = Set<Int>()
        for v32 in model.tsVMs[ts] {
            let v = Int(v32)
            let home = Int(model.vmHomeBlade[v])
            markDown(v, at: now)
            let homeTakesIt = condition.bladeAvailable[home] && fits(v, on: home)
            if !isUp(array: Int(model.vmArray[v])) {
                if homeTakesIt { assign(v, to: home) }
                vmState[v] = .storageDown
            } else if homeTakesIt {
                assign(v, to: home)
                vmState[v] = .running
                addDemand(v)
                instanceRunning[Int(model.vmInstance[v])] += 1
            } else {
                strand(v)
                pools.insert(Int(model.vmPool[v]))
            }
        }
        var seen = Set<Int32>()
        for v32 in model.tsVMs[ts] {
            let inst = model.vmInstance[Int(v32)]
            if seen.insert(inst).inserted && instanceRunning[Int(inst)] < model.instanceQuorum[Int(inst)] {
                instanceDown(Int(inst), at: now, cause: .capacity)
            }
        }
        for p in pools.sorted() { changes.append(.placementNeeded(pool: p)) }
    }

    // MARK: Demand (`PopulationChange`)

    /// Year `years` begins: every VM's demand follows its tenant's population then.
    mutating func beginYear(_ years: Int) {
        vmDemandScale = model.demandScale(afterYears: Double(years))
        recomputeDemandWeights()
    }

    // MARK: Copies at the partner (`BackupJobs`)

    /// System `s`'s newest complete copy at the partner is now the one as of `asOf` (seconds).
    mutating func copyArrived(system s: Int, asOf: Double) { copySnapshot[s] = asOf }

    /// System `s`'s copies at the partner are lost (their array failed).
    mutating func copiesLost(system s: Int) { copySnapshot[s] = -.infinity }
}
