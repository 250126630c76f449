extension ReplicationState {
    /// Every bookkeeping identity of the state at time `now`, with no change waiting to be
    /// heard, as messages (empty when consistent): the hardware condition's (`BladeConditions.violations`),
    /// blade allocations equal their VMs' sizes, running counts match, no VM is on a blade that
    /// is out of service, pending lists hold only waiting VMs, demand weights sum the running
    /// VMs. For tests; O(VMs + blades × profiles).
    func invariantViolations(at now: Double) -> [String] {
        var problems = condition.violations(at: now) + vmViolations()
        var vcpu = [Double](repeating: 0, count: model.bladeCount), memory = vcpu
        for v in 0..<model.vmCount where vmBlade[v] >= 0 {
            vcpu[Int(vmBlade[v])] += model.vmVCPU[v]
            memory[Int(vmBlade[v])] += model.vmMemory[v]
        }
        for b in 0..<model.bladeCount {
            if abs(vcpu[b] - bladeAllocVCPU[b]) > 1e-6 || abs(memory[b] - bladeAllocMemory[b]) > 1e-6 {
                problems.append("blade \(b) allocation \(bladeAllocVCPU[b])/\(bladeAllocMemory[b]) ≠ \(vcpu[b])/\(memory[b])")
            }
        }
        var running = [Int32](repeating: 0, count: instanceRunning.count)
        for v in 0..<model.vmCount where vmState[v] == .running { running[Int(model.vmInstance[v])] += 1 }
        if running != instanceRunning { problems.append("instance running counts differ") }
        // Demand weights: exactly the running, untraced VMs at this year's scale.
        var weights = [Double](repeating: 0, count: bladeWeights.count)
        for v in 0..<model.vmCount where vmState[v] == .running && model.vmTrace[v] < 0 && vmBlade[v] >= 0 {
            weights[Int(vmBlade[v]) * profileCount + Int(model.vmProfile[v])] += peakCores(v)
        }
        if let i = weights.indices.first(where: { abs(weights[$0] - bladeWeights[$0]) > 1e-6 }) {
            problems.append("blade \(i / profileCount) profile \(i % profileCount) demand weight \(bladeWeights[i]) ≠ \(weights[i])")
        }
        return problems
    }

    /// Each VM's state agrees with where it is: on a listed, available blade when placed;
    /// pending when waiting; storage-down only while its array is down.
    private func vmViolations() -> [String] {
        var problems: [String] = []
        for v in 0..<model.vmCount {
            let b = Int(vmBlade[v])
            if b >= 0 {
                if !bladeVMs[b].contains(Int32(v)) { problems.append("VM \(v) not listed on blade \(b)") }
                if !condition.bladeAvailable[b] { problems.append("VM \(v) on out-of-service blade \(b) (\(condition.bladeOut[b].time.name))") }
            }
            switch vmState[v] {
            case .running:
                if b < 0 { problems.append("running VM \(v) has no blade") }
            case .booting:
                if b < 0 || vmBootEvent[v] == nil { problems.append("booting VM \(v) without blade or event") }
            case .awaitingDetection, .stranded:
                if b >= 0 { problems.append("waiting VM \(v) holds blade \(b)") }
                if !pending[Int(model.vmPool[v])].contains(Int32(v)) { problems.append("waiting VM \(v) not pending") }
            case .storageDown:
                if isUp(array: Int(model.vmArray[v])) { problems.append("VM \(v) storage-down with its array up") }
            case .notJoined:
                if b >= 0 { problems.append("VM \(v) placed before its tenant joined") }
            }
        }
        return problems
    }
}
