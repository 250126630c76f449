import SimKernel

/// The hardware's condition and what it does to the VMs: a blade that goes down stops its VMs
/// (HA is told to restart them); an array that goes down stops its VMs wherever they are; an
/// array that comes back lets them boot again. `ComponentFailures` calls these when its
/// components fail and are repaired; they are the only writers of `condition`'s components.
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

    func isUp(array a: Int) -> Bool { condition.isUp(array: a) }

    // MARK: Failures and repairs

    mutating func failBlade(_ b: Int, _ kernel: inout Kernel) {
        condition.setBlade(b, failed: true)
        refresh(blade: b, &kernel)
    }

    mutating func repairBlade(_ b: Int, _ kernel: inout Kernel) {
        condition.setBlade(b, failed: false)
        refresh(blade: b, &kernel)
    }

    mutating func failChassis(_ c: Int, _ kernel: inout Kernel) {
        condition.setChassis(c, failed: true)
        for b in model.chassisBlades[c] { refresh(blade: Int(b), &kernel) }
    }

    /// Its blades return one at a time: HA restarts onto each before the next is back.
    mutating func repairChassis(_ c: Int) {
        condition.setChassis(c, failed: false)
        for b in model.chassisBlades[c] { changes.append(.bladeConditionChanged(Int(b))) }
    }

    /// The array's VMs stop (if it was up); its copies are lost (`.arrayFailed`).
    mutating func failArray(_ a: Int, _ kernel: inout Kernel) {
        let wasUp = isUp(array: a)
        condition.setArray(a, failed: true)
        if wasUp { storageLost(a, &kernel) }
        changes.append(.arrayFailed(a))
    }

    mutating func repairArray(_ a: Int, at now: Double) {
        condition.setArray(a, failed: false)
        if isUp(array: a) { storageReturned(a, at: now) }
    }

    /// A site takes its pools' arrays and blades down at once.
    mutating func failSite(_ s: Int, _ kernel: inout Kernel) {
        let arraysUp = model.sitePools[s].flatMap { model.poolArrays[Int($0)] }.filter { isUp(array: $0) }
        condition.setSite(s, failed: true)
        for a in arraysUp { storageLost(a, &kernel) }
        for p in model.sitePools[s] { for b in model.poolBlades[Int(p)] { refresh(blade: b, &kernel) } }
        changes.append(.siteFailed(s))
    }

    /// A repaired site's blades come back first, one at a time; its arrays' VMs start after.
    mutating func repairSite(_ s: Int) {
        condition.setSite(s, failed: false)
        for p in model.sitePools[s] { for b in model.poolBlades[Int(p)] { changes.append(.bladeConditionChanged(b)) } }
        for p in model.sitePools[s] {
            for a in model.poolArrays[Int(p)] where isUp(array: a) { changes.append(.storageReturning(array: a)) }
        }
        changes.append(.siteRepaired(s))
    }

    // MARK: Blades

    /// Brings blade `b`'s hardware reasons in line with its own, its chassis' and its site's
    /// condition; records `.bladeUp` if that made it available, or stops its VMs if it lost it.
    mutating func refresh(blade b: Int, _ kernel: inout Kernel) {
        let reasons = condition.bladeOut[b].subtracting(.hardware).union(condition.hardwareReasons(of: b))
        switch condition.set(b, to: reasons, at: kernel.now) {
        case .regained:
            demandChanged(blade: b)
            changes.append(.bladeUp(b))
        case .lost:
            demandChanged(blade: b)
            hostLost(b, &kernel)
        case .unchanged:
            break
        }
    }

    /// Blade `b` loses the reason `reason` (it arrived, or power management brought it back).
    /// If it is available now, the VMs the plan put on it move back (live migration: the plan's
    /// layout leaves room on the other blades for those who joined or moved meanwhile) and
    /// `.bladeUp` is recorded; if it, its chassis or its site is down, it counts as down.
    /// O(VMs the plan put on it).
    mutating func bladeReturns(_ b: Int, from reason: BladeOutOfService, _ kernel: inout Kernel) {
        guard condition.set(b, to: condition.bladeOut[b].subtracting(reason), at: kernel.now) == .regained else { return }
        demandChanged(blade: b)
        for v32 in model.bladeHomeVMs[b] {
            let v = Int(v32)
            if vmState[v] == .running && Int(vmBlade[v]) != b && fits(v, on: b) { move(v, to: b) }
        }
        changes.append(.bladeUp(b))
    }

    /// A new day for the pool's count of the most blades down at once.
    mutating func startDay(pool: Int) { condition.startDay(pool: pool) }

    /// Every VM on a blade that just went down stops; those whose storage is up wait for HA to
    /// detect it (`.restartsNeeded`).
    mutating func hostLost(_ b: Int, _ kernel: inout Kernel) {
        let pool = Int(model.bladePool[b])
        let cause: DowntimeCause = condition.siteFailed[Int(model.poolSite[pool])] ? .site
            : condition.chassisFailed[Int(model.bladeChassis[b])] ? .chassis : .blade
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

    // MARK: Storage

    /// The VMs of an array that just failed stop wherever they are and wait for it.
    mutating func storageLost(_ a: Int, _ kernel: inout Kernel) {
        let cause: DowntimeCause = condition.siteFailed[Int(model.poolSite[Int(model.arrayPool[a])])] ? .site : .array
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
            if b >= 0 && condition.bladeAvailable[b] {
                changes.append(.bootNeeded(vm: v))
            } else {
                strand(v)
                pools.insert(Int(model.vmPool[v]))
            }
        }
        for p in pools.sorted() { changes.append(.placementNeeded(pool: p)) }
    }
}
