import SimKernel

/// The hardware's condition and what it does to the VMs: a blade that goes down stops its VMs
/// (HA is told to restart them); an array that goes down stops its VMs wherever they are; an
/// array that comes back lets them boot again.
extension ReplicationState {
    /// The requests among the changes, which the shared state carries out itself when it hears
    /// them (before the processes do).
    mutating func hear(_ change: StateChange, _ kernel: inout Kernel) {
        switch change {
        case .bladeConditionChanged(let b): refresh(blade: b, &kernel)
        case .storageReturning(let a): storageReturned(a, at: kernel.now)
        case .bladeUp, .bladeDown, .restartsNeeded, .placementNeeded, .bootNeeded, .arrayFailed, .siteFailed, .siteRepaired: break
        }
    }

    /// Whether blade `b` can take VMs: it, its chassis and its site are up, it has arrived and
    /// it is powered on.
    func isAvailable(blade b: Int) -> Bool {
        isAvailable(ignoringPowerOf: b) && bladePower[b] == .on
    }

    /// Whether blade `b` would be available if it were powered on.
    func isAvailable(ignoringPowerOf b: Int) -> Bool {
        let pool = Int(model.bladePool[b])
        return !bladeFailed[b] && !chassisFailed[Int(model.bladeChassis[b])] && !siteFailed[Int(model.poolSite[pool])]
            && (bladeDelivered.isEmpty || bladeDelivered[b])
    }

    func isUp(array a: Int) -> Bool {
        !arrayFailed[a] && !siteFailed[Int(model.poolSite[Int(model.arrayPool[a])])]
    }

    /// Brings a blade's cached availability in line with its own, its chassis' and its site's
    /// condition, accounting for blade downtime; records `.bladeUp` or stops the blade's VMs.
    mutating func refresh(blade b: Int, _ kernel: inout Kernel) {
        let available = isAvailable(blade: b)
        guard available != bladeAvailable[b] else { return }
        bladeAvailable[b] = available
        demandChanged(blade: b)
        let pool = Int(model.bladePool[b])
        if available {
            outcome.bladeDownSeconds[pool] += kernel.now - bladeDownSince[b]
            poolBladesDown[pool] -= 1
            changes.append(.bladeUp(b))
        } else {
            bladeDownSince[b] = kernel.now
            poolBladesDown[pool] += 1
            poolDayBladesDownMax[pool] = Swift.max(poolDayBladesDownMax[pool], poolBladesDown[pool])
            hostLost(b, &kernel)
        }
    }

    /// Every VM on a blade that just went down stops; those whose storage is up wait for HA to
    /// detect it (`.restartsNeeded`).
    mutating func hostLost(_ b: Int, _ kernel: inout Kernel) {
        let pool = Int(model.bladePool[b])
        let cause: DowntimeCause = siteFailed[Int(model.poolSite[pool])] ? .site
            : chassisFailed[Int(model.bladeChassis[b])] ? .chassis : .blade
        var anyToRestart = false
        for v32 in bladeVMs[b] {
            let v = Int(v32)
            switch vmState[v] {
            case .running:
                stopServing(v, at: kernel.now, cause: cause)
                markDown(v, at: kernel.now)
                vmState[v] = .awaitingDetection
            case .booting:
                cancelBoot(v, &kernel)
                vmState[v] = .awaitingDetection
            case .storageDown:
                break
            case .awaitingDetection, .stranded, .notJoined:
                assertionFailure("a VM waiting for a blade or not yet joined cannot be on one")
            }
            vmBlade[v] = -1
            if vmState[v] == .awaitingDetection {
                pending[pool].append(v32)
                anyToRestart = true
            }
        }
        bladeVMs[b].removeAll(keepingCapacity: true)
        bladeAllocVCPU[b] = 0
        bladeAllocMemory[b] = 0
        for p in 0..<profileCount { bladeWeights[b * profileCount + p] = 0 }
        demandChanged(blade: b)
        changes.append(.bladeDown(b))
        if anyToRestart { changes.append(.restartsNeeded(pool: pool)) }
    }

    mutating func cancelBoot(_ v: Int, _ kernel: inout Kernel) {
        if let id = vmBootEvent[v] { kernel.cancel(id) }
        vmBootEvent[v] = nil
    }

    /// The VMs of an array that just failed stop wherever they are and wait for it.
    mutating func storageLost(_ a: Int, _ kernel: inout Kernel) {
        let cause: DowntimeCause = siteFailed[Int(model.poolSite[Int(model.arrayPool[a])])] ? .site : .array
        for v32 in model.arrayVMs[a] {
            let v = Int(v32)
            switch vmState[v] {
            case .notJoined:
                continue
            case .running:
                stopServing(v, at: kernel.now, cause: cause)
                markDown(v, at: kernel.now)
                removeDemand(v)
            case .booting:
                cancelBoot(v, &kernel)
            case .stranded:
                endStranded(v, at: kernel.now)
            case .awaitingDetection, .storageDown:
                break
            }
            if vmState[v] != .storageDown { vmStorageDownSince[v] = kernel.now }
            vmState[v] = .storageDown
        }
        for p in 0..<pending.count { pending[p].removeAll { vmState[Int($0)] == .storageDown } }
    }

    /// The VMs of a repaired array boot again on their blade (`.bootNeeded`), or wait for HA to
    /// place them (`.placementNeeded`).
    mutating func storageReturned(_ a: Int, at now: Double) {
        var pools = Set<Int>()
        for v32 in model.arrayVMs[a] where vmState[Int(v32)] == .storageDown {
            let v = Int(v32)
            vmStorageWait[v] += now - vmStorageDownSince[v]
            let b = Int(vmBlade[v])
            if b >= 0 && bladeAvailable[b] {
                changes.append(.bootNeeded(vm: v))
            } else {
                strand(v)
                pools.insert(Int(model.vmPool[v]))
            }
        }
        for p in pools.sorted() { changes.append(.placementNeeded(pool: p)) }
    }
}
