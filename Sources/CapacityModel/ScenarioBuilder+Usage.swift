import Inventories

/// `tenants[].usage`: a measured usage history, read and summarised when the scenario is read.
extension ScenarioBuilder {
    /// `usage: FILE` or `usage: {file, host_mhz, host_core_score, timezone}` (the file relative to
    /// the scenario); each VM joined by name with the tenant's `before_inventory` for what it is
    /// allocated. Every mistake of the file, and every VM the inventory lacks, is one error here.
    func readUsage(_ node: YAMLNode, inventory: BeforeInventory?, hasInventory: Bool) -> MeasuredUsage? {
        var settings = UsageSettings()
        let relative: String?
        if case .scalar = node.node {
            relative = node.string()
        } else {
            guard let r = node.mapping() else { return nil }
            defer { r.finish() }
            relative = r.string("file")
            settings.hostMHzPerCore = r.optional("host_mhz").flatMap { $0.number(min: 1, max: 100_000) }
            settings.hostCoreScore = r.optional("host_core_score").flatMap { $0.number(min: CoreScore.range.lowerBound, max: CoreScore.range.upperBound) } ?? 1
            if let zone = r.optional("timezone") { settings.timeZone = zone.choice(UsageTimeZone.self) ?? .utc }
        }
        guard let relative else { return nil }
        if !hasInventory {
            node.error("measured usage needs the tenant's before_inventory (an RVTools or server-list export): each VM's allocation is joined from it by name")
            return nil
        }
        guard let inventory else { return nil }  // its own errors are reported at before_inventory
        for (name, a) in inventory.machines { settings.vcpu[name] = a.vcpu }
        let path = Self.resolve(relative, against: includeStack.first ?? "")
        let series: UsageSeries
        do { series = try UsageSeries.read(path, settings: settings) } catch {
            for e in error.errors {
                node.error("usage \(relative)\(error.unreadable ? "" : ", line \(e.line)"): \(e.message)\(error.unreadable ? " (looked for \(path))" : "")")
            }
            return nil
        }
        var vms: [MeasuredUsage.VM] = []
        var missing = false
        for (s, raw) in zip(UsageSummary.of(series), series.vms) {
            guard let a = inventory.machines[s.vm] else {
                node.error("usage \(relative): VM '\(s.vm)' is not in service in the before_inventory \(inventory.file)")
                missing = true
                continue
            }
            guard let cpu = s.cpu else {
                node.error("usage \(relative): VM '\(s.vm)' has no CPU sample")
                missing = true
                continue
            }
            let percentiles = UsagePercentile.allCases
            vms.append(MeasuredUsage.VM(name: s.vm, allocatedVCPU: a.vcpu, allocatedMemoryGiB: a.memoryGiB, diskGiB: a.diskGiB,
                                        cpu: Dictionary(uniqueKeysWithValues: percentiles.map { ($0, cpu.at($0)) }),
                                        memory: s.memory.map { m in Dictionary(uniqueKeysWithValues: percentiles.map { ($0, m.at($0)) }) } ?? [:],
                                        samples: s.samples, series: Self.regularGrid(raw, interval: s.intervalSeconds),
                                        intervalSeconds: Double(Swift.max(s.intervalSeconds, 1))))
        }
        return missing ? nil : MeasuredUsage(file: path, vms: vms, monthly: series.monthlyCPU(zone: settings.timeZone))
    }

    /// `vm`'s CPU on a grid of `interval` seconds from its first sample, each slot the last
    /// sample at or before it (0 before any), at most 1,000,000 slots. O(samples + slots).
    static func regularGrid(_ vm: UsageSeries.VM, interval: Int64) -> [Float] {
        guard let first = vm.times.first, let last = vm.times.last, interval > 0 else { return [] }
        let slots = Int(Swift.min((last - first) / interval + 1, 1_000_000))
        var grid = [Float](repeating: 0, count: slots)
        var k = 0, current: Float = 0
        for slot in 0..<slots {
            let t = first + Int64(slot) * interval
            while k < vm.times.count && vm.times[k] <= t {
                if let c = vm.cpuReferenceCores[k] { current = Float(c) }
                k += 1
            }
            grid[slot] = current
        }
        return grid
    }
}
