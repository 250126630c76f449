import SimKernel

/// Failures and repairs of blades, chassis, arrays and sites.
extension Replication {
    func isAvailable(blade b: Int) -> Bool {
        let pool = Int(model.bladePool[b])
        return !bladeFailed[b] && !chassisFailed[Int(model.bladeChassis[b])] && !siteFailed[Int(model.poolSite[pool])]
    }

    func isUp(array a: Int) -> Bool {
        !arrayFailed[a] && !siteFailed[Int(model.poolSite[Int(model.arrayPool[a])])]
    }

    mutating func bladeFails(_ b: Int, _ kernel: inout Kernel) {
        bladeFailed[b] = true
        outcome.bladeFailures += 1
        refresh(blade: b, &kernel)
        scheduleRepair(model.bladeFailures[b], .bladeRepaired, b, &kernel)
    }

    mutating func bladeRepaired(_ b: Int, _ kernel: inout Kernel) {
        bladeFailed[b] = false
        refresh(blade: b, &kernel)
        scheduleFailure(model.bladeFailures[b], .bladeFails, b, &kernel)
    }

    mutating func chassisFails(_ c: Int, _ kernel: inout Kernel) {
        chassisFailed[c] = true
        outcome.chassisFailures += 1
        for b in model.chassisBlades[c] { refresh(blade: Int(b), &kernel) }
        scheduleRepair(model.chassisFailures[c], .chassisRepaired, c, &kernel)
    }

    mutating func chassisRepaired(_ c: Int, _ kernel: inout Kernel) {
        chassisFailed[c] = false
        for b in model.chassisBlades[c] { refresh(blade: Int(b), &kernel) }
        scheduleFailure(model.chassisFailures[c], .chassisFails, c, &kernel)
    }

    mutating func arrayFails(_ a: Int, _ kernel: inout Kernel) {
        let wasUp = isUp(array: a)
        arrayFailed[a] = true
        outcome.arrayFailures += 1
        if wasUp { storageLost(a, &kernel) }
        scheduleRepair(model.arrayFailures[a], .arrayRepaired, a, &kernel)
    }

    mutating func arrayRepaired(_ a: Int, _ kernel: inout Kernel) {
        arrayFailed[a] = false
        if isUp(array: a) { storageReturned(a, &kernel) }
        scheduleFailure(model.arrayFailures[a], .arrayFails, a, &kernel)
    }

    mutating func siteFails(_ s: Int, _ kernel: inout Kernel) {
        let arraysUp = model.sitePools[s].flatMap { model.poolArrays[Int($0)] }.filter { isUp(array: $0) }
        siteFailed[s] = true
        outcome.siteFailures += 1
        for a in arraysUp { storageLost(a, &kernel) }
        for p in model.sitePools[s] { for b in model.poolBlades[Int(p)] { refresh(blade: b, &kernel) } }
        scheduleRepair(model.siteFailure, .siteRepaired, s, &kernel)
    }

    mutating func siteRepaired(_ s: Int, _ kernel: inout Kernel) {
        siteFailed[s] = false
        for p in model.sitePools[s] { for b in model.poolBlades[Int(p)] { refresh(blade: b, &kernel) } }
        for p in model.sitePools[s] {
            for a in model.poolArrays[Int(p)] where isUp(array: a) { storageReturned(a, &kernel) }
        }
        scheduleFailure(model.siteFailure, .siteFails, s, &kernel)
    }

    /// Brings a blade's cached availability in line with its own, its chassis' and its site's state.
    mutating func refresh(blade b: Int, _ kernel: inout Kernel) {
        let available = isAvailable(blade: b)
        guard available != bladeAvailable[b] else { return }
        bladeAvailable[b] = available
        let pool = Int(model.bladePool[b])
        if available {
            outcome.bladeDownSeconds[pool] += kernel.now - bladeDownSince[b]
            poolBladesDown[pool] -= 1
            for k in 0..<restartSlots { bladeSlots[b * restartSlots + k] = kernel.now }
            if model.settings.failback { failBack(to: b) }
            placePending(pool: pool, &kernel)
        } else {
            bladeDownSince[b] = kernel.now
            poolBladesDown[pool] += 1
            poolDayBladesDownMax[pool] = Swift.max(poolDayBladesDownMax[pool], poolBladesDown[pool])
            hostLost(b, &kernel)
        }
    }

    /// Every VM on a blade that just went down stops; HA will restart those whose storage is up.
    mutating func hostLost(_ b: Int, _ kernel: inout Kernel) {
        let pool = Int(model.bladePool[b])
        var anyToRestart = false
        for v32 in bladeVMs[b] {
            let v = Int(v32)
            switch vmState[v] {
            case .running:
                stopServing(v, at: kernel.now)
                vmDownSince[v] = kernel.now
                vmState[v] = .awaitingDetection
            case .booting:
                if let id = vmBootEvent[v] { kernel.cancel(id) }
                vmBootEvent[v] = nil
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
        if anyToRestart {
            kernel.schedule(after: model.poolDetectionSeconds[pool], kind: SimulationEvent.failureDetected.rawValue,
                            subject: UInt32(pool))
        }
    }

    /// The VMs of an array that just failed stop wherever they are and wait for it.
    mutating func storageLost(_ a: Int, _ kernel: inout Kernel) {
        for v32 in model.arrayVMs[a] {
            let v = Int(v32)
            switch vmState[v] {
            case .notJoined:
                continue
            case .running:
                stopServing(v, at: kernel.now)
                vmDownSince[v] = kernel.now
                removeDemand(v)
            case .booting:
                if let id = vmBootEvent[v] { kernel.cancel(id) }
                vmBootEvent[v] = nil
            case .stranded:
                endStranded(v, at: kernel.now)
            case .awaitingDetection, .storageDown:
                break
            }
            vmState[v] = .storageDown
        }
        for p in 0..<pending.count { pending[p].removeAll { vmState[Int($0)] == .storageDown } }
    }

    /// The VMs of a repaired array boot again on their blade, or wait for HA to place them.
    mutating func storageReturned(_ a: Int, _ kernel: inout Kernel) {
        var pools = Set<Int>()
        for v32 in model.arrayVMs[a] where vmState[Int(v32)] == .storageDown {
            let v = Int(v32)
            let b = Int(vmBlade[v])
            if b >= 0 && bladeAvailable[b] {
                startBoot(v, on: b, &kernel)
            } else {
                vmState[v] = .stranded
                pending[Int(model.vmPool[v])].append(v32)
                pools.insert(Int(model.vmPool[v]))
            }
        }
        for p in pools.sorted() { placePending(pool: p, &kernel) }
    }
}
