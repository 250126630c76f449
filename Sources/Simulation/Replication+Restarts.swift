import SimKernel

/// HA restarts: after detection, failed VMs restart on surviving blades in restart-priority
/// order, each taking its boot time on one of the blade's restart slots; VMs that fit nowhere
/// wait (stranded) until capacity returns.
extension Replication {
    mutating func failureDetected(pool: Int, _ kernel: inout Kernel) {
        let detection = model.poolDetectionSeconds[pool]
        for v32 in pending[pool] {
            let v = Int(v32)
            if vmState[v] == .awaitingDetection && vmDownSince[v] + detection <= kernel.now + 1e-9 {
                vmState[v] = .stranded
            }
        }
        placePending(pool: pool, &kernel)
    }

    /// Tries to restart every detected VM of the pool, highest priority first.
    mutating func placePending(pool: Int, _ kernel: inout Kernel) {
        guard !pending[pool].isEmpty else { return }
        var ready = pending[pool].filter { vmState[Int($0)] == .stranded }
        guard !ready.isEmpty else { return }
        ready.sort { a, b in
            let x = Int(a), y = Int(b)
            if model.vmPriority[x] != model.vmPriority[y] { return model.vmPriority[x] < model.vmPriority[y] }
            if model.vmMemory[x] != model.vmMemory[y] { return model.vmMemory[x] > model.vmMemory[y] }
            return x < y
        }
        for v32 in ready {
            let v = Int(v32)
            if let b = chooseBlade(for: v, pool: pool) {
                endStranded(v, at: kernel.now)
                startBoot(v, on: b, &kernel)
            } else if vmStrandedSince[v].isNaN {
                vmStrandedSince[v] = kernel.now
            }
        }
        pending[pool].removeAll { let s = vmState[Int($0)]; return s != .awaitingDetection && s != .stranded }
    }

    /// The available blade with the most free memory that can take the VM at the failover limit
    /// and holds no other member of its redundancy group; nil if none can.
    func chooseBlade(for v: Int, pool: Int) -> Int? {
        var best = -1
        var bestFree = -Double.infinity
        let group = Int(model.vmGroup[v])
        for b in model.poolBlades[pool] where bladeAvailable[b] && fits(v, on: b) {
            if group >= 0, model.groupMembers[group].contains(where: { $0 != v && vmBlade[Int($0)] == b }) { continue }
            let free = (model.bladeFailoverMemory[b] - bladeAllocMemory[b]) / model.bladeFailoverMemory[b]
            if free > bestFree { best = b; bestFree = free }
        }
        return best >= 0 ? best : nil
    }

    /// Powers the VM on on blade `b`, on the blade's earliest free restart slot.
    mutating func startBoot(_ v: Int, on b: Int, _ kernel: inout Kernel) {
        if vmBlade[v] != Int32(b) { assign(v, to: b) }
        var slot = b * restartSlots
        for k in (b * restartSlots)..<((b + 1) * restartSlots) where bladeSlots[k] < bladeSlots[slot] { slot = k }
        let begin = Swift.max(kernel.now, bladeSlots[slot])
        let done = begin + model.vmBootSeconds[v]
        bladeSlots[slot] = done
        vmState[v] = .booting
        vmBootEvent[v] = kernel.queue.scheduleCancellable(
            Event(time: done, kind: SimulationEvent.restartCompleted.rawValue, subject: UInt32(v)))
    }

    mutating func restartCompleted(vm v: Int, _ kernel: inout Kernel) {
        guard vmState[v] == .booting else { return }
        vmBootEvent[v] = nil
        vmState[v] = .running
        addDemand(v)
        startServing(v, at: kernel.now)
        latencyTS.append(model.vmTenantSystem[v])
        latencySeconds.append(kernel.now - vmDownSince[v])
    }

    mutating func endStranded(_ v: Int, at now: Double) {
        if !vmStrandedSince[v].isNaN {
            outcome.strandedSeconds[Int(model.vmTenantSystem[v])] += now - vmStrandedSince[v]
            vmStrandedSince[v] = .nan
        }
    }

    /// With failback: running VMs whose home is `b` move back to it (live migration, no outage),
    /// if it has room.
    mutating func failBack(to b: Int) {
        let pool = Int(model.bladePool[b])
        for v in 0..<model.vmCount where model.vmHomeBlade[v] == Int32(b) && model.vmPool[v] == Int32(pool)
            && vmState[v] == .running && vmBlade[v] != Int32(b) {
            guard fits(v, on: b) else { continue }
            let from = Int(vmBlade[v])
            removeDemand(v)
            bladeVMs[from].removeAll { $0 == Int32(v) }
            bladeAllocVCPU[from] -= model.vmVCPU[v]
            bladeAllocMemory[from] -= model.vmMemory[v]
            assign(v, to: b)
            addDemand(v)
            outcome.failbacks += 1
        }
    }

    /// Peak cores of a VM's calendar-profile demand this year.
    func peakCores(_ v: Int) -> Double { model.vmPeakCores[v] * vmDemandScale[v] }

    mutating func addDemand(_ v: Int) {
        let b = Int(vmBlade[v])
        if b >= 0, model.vmTrace[v] < 0 { bladeWeights[b * profileCount + Int(model.vmProfile[v])] += peakCores(v) }
    }

    mutating func removeDemand(_ v: Int) {
        let b = Int(vmBlade[v])
        if b >= 0, model.vmTrace[v] < 0 { bladeWeights[b * profileCount + Int(model.vmProfile[v])] -= peakCores(v) }
    }
}
