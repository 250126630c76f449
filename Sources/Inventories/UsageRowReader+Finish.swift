/// The series from the rows read: CPU in reference cores, memory in GiB, each VM in time order.
extension UsageRowReader {
    /// KiB a GiB (vCenter's memory "KB" are KiB).
    static let kibPerGiB = 1_048_576.0

    mutating func finish() throws(InventoryErrors) -> UsageSeries {
        if errors.isEmpty && samples.isEmpty {
            errors.append(InventoryError(file: path, line: 2, column: 1, message: "no samples after the header\(skipped > 0 ? " (\(skipped) rows of other metrics or per-CPU instances)" : "")"))
        }
        guard errors.isEmpty else { throw InventoryErrors(errors) }
        let all = samples.values.flatMap { $0.values.flatMap(\.keys) }
        let memory: Metric? = all.contains(.memoryConsumed) ? .memoryConsumed : all.contains(.memoryActive) ? .memoryActive
            : all.contains(.memoryGiB) ? .memoryGiB : nil
        var vms: [UsageSeries.VM] = []
        for name in samples.keys.sorted() {
            let byTime = samples[name]!
            let times = byTime.keys.sorted()
            var cpu: [Double?] = [], mem: [Double?] = []
            for t in times {
                let s = byTime[t]!
                cpu.append(cpuReferenceCores(s, vm: name))
                mem.append(memory.flatMap { m in s[m].map { m == .memoryGiB ? $0 : $0 / Self.kibPerGiB } })
            }
            vms.append(UsageSeries.VM(name: name, times: times, cpuReferenceCores: cpu, memoryGiB: mem))
        }
        guard errors.isEmpty else { throw InventoryErrors(errors) }
        let metric = memory.map { m in m == .memoryConsumed ? "mem.consumed.average" : m == .memoryActive ? "mem.active.average" : "memory_gib" } ?? "none"
        return UsageSeries(format: format, vms: vms, memoryMetric: metric, rowsSkipped: skipped)
    }

    /// A time's CPU in reference cores: given as such, from MHz (÷ the host's MHz a core ×
    /// its score), or from percent of the VM's vCPUs (× vCPUs × the score); MHz first.
    /// A setting the conversion needs and lacks is one error for the file (or for the VM).
    mutating func cpuReferenceCores(_ s: Samples, vm: String) -> Double? {
        if let r = s[.cpuReference] { return r }
        let score = settings.hostCoreScore
        if let mhz = s[.cpuMHz] {
            guard let clock = settings.hostMHzPerCore else {
                once(vm, key: format == .vcenter ? "metricid" : "cpu_mhz",
                     "CPU in MHz needs the measured host's clock per core: give --host-mhz (and --host-core-score)", perVM: false)
                return nil
            }
            return mhz / clock * score
        }
        if let percent = s[.cpuPercent] {
            guard let vcpu = settings.vcpu[vm] ?? vcpuOfVM[vm] else {
                once(vm, key: format == .vcenter ? "metricid" : "cpu_percent",
                     "CPU in percent of \(vm)'s vCPUs needs their number: give --inventory (an RVTools or server-list export naming \(vm))\(format == .plain ? " or a vcpu column" : "")",
                     perVM: true)
                return nil
            }
            return percent / 100 * vcpu * score
        }
        return nil
    }

    /// One error at the first line of `vm`, reported once for the file (or once per VM).
    mutating func once(_ vm: String, key: String, _ message: String, perVM: Bool) {
        let id = perVM ? vm + "\u{0}" + message : message
        guard reportedOnce.insert(id).inserted else { return }
        error(firstLine[vm] ?? 2, key, message)
    }
}
