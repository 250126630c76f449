import SimKernel

/// Demand that follows the tenants' populations (`population_change_percent`), a year at a time.
extension Replication {
    /// Year `number` begins: every VM's demand is rescaled to the populations of that year,
    /// and the blades' demand weights are summed again from the VMs that run on them (the same
    /// VMs `addDemand` counts: running, not replaying a trace).
    mutating func yearBegins(_ number: Int, _ kernel: inout Kernel) {
        vmDemandScale = model.demandScale(afterYears: Double(number))
        for i in bladeWeights.indices { bladeWeights[i] = 0 }
        for v in 0..<model.vmCount where vmState[v] == .running { addDemand(v) }
        let next = Double(number + 1) * SimDuration.year
        if next < horizon {
            kernel.schedule(at: next, kind: SimulationEvent.yearBegins.rawValue, subject: UInt32(number + 1))
        }
    }
}
