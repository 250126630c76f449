import CapacityModel
import Economics
import Planning

extension PlanReport {
    /// The terminal summary: totals, pools, and tenants (all of them up to `tenantLimit`).
    public static func text(_ plan: PlanResult, tenantLimit: Int = 60) -> String {
        var out = "cloudplan plan: \(plan.scenarioName) (\(plan.scenarioFile))\n\n"
        let findings = self.findings(plan)
        if !findings.isEmpty { out += "Findings:\n" + findings.map { "- " + $0 }.joined(separator: "\n") + "\n\n" }
        var summary = TextTable(["", "before", "after"])
        let b = plan.before, a = plan.after
        summary.add(["physical servers / blades", NumberFormat.integer(b.physicalServers), NumberFormat.integer(a.blades)])
        summary.add(["cores", NumberFormat.integer(b.cores), NumberFormat.integer(a.cores)])
        summary.add(["CPU utilisation at design demand", NumberFormat.percent(b.cpuUtilisation), NumberFormat.percent(a.cpuUtilisation)])
        summary.add(["chassis / racks / storage arrays", "-", "\(a.chassis) / \(a.racks) / \(a.storageArrays)"])
        summary.add(["IT power (kW)", NumberFormat.grouped(b.itPower.kilowatts, decimals: 1),
                     NumberFormat.grouped(a.averageITPower.kilowatts, decimals: 1) + " avg, "
                        + NumberFormat.grouped(a.designITPower.kilowatts, decimals: 1) + " design"])
        summary.add(["yearly cost (¥M)", NumberFormat.millions(b.yearlyCost.total.value), NumberFormat.millions(a.yearlyCost.total.value)])
        summary.add(["purchase (¥M)", "-", NumberFormat.millions(a.purchase.value)])
        out += summary.render()
        out += "\nserver reduction: \(NumberFormat.grouped(plan.serverReductionPercent, decimals: 1))%"
        out += "   yearly cost reduction: \(NumberFormat.grouped(costReduction(plan), decimals: 1))%"
        out += "   HA: \(plan.haOK ? "ok" : "NOT OK")\n\n"
        out += poolTable(plan).render()
        let problems = haProblems(plan)
        if !problems.isEmpty { out += "\n" + problems.joined(separator: "\n") + "\n" }
        if plan.tenants.count <= tenantLimit {
            out += "\n" + tenantTable(plan).render()
        } else {
            out += "\n\(plan.tenants.count) tenants: use --format csv or markdown for the per-tenant table.\n"
        }
        if plan.tenants.count <= tenantLimit { out += economicsText(plan) }
        out += continuityText(plan)
        return out
    }

    static func poolTable(_ plan: PlanResult) -> TextTable {
        var t = TextTable(["pool", "tenants", "VMs", "blades", "no reserve", "bound", "chassis", "arrays", "racks",
                           "CPU", "memory", "HA", "¥M/year"])
        for p in plan.pools {
            t.add([p.name, String(p.tenantCodes.count), String(p.virtualMachines.count), p.bladesFixed ? "\(p.blades) fixed" : String(p.blades),
                   String(p.bladesWithoutReserve), String(p.bladeLowerBound), String(p.chassis), String(p.storageArrays),
                   String(p.racks), NumberFormat.percent(p.cpuUtilisation), NumberFormat.percent(p.memoryUtilisation),
                   p.ha.ok ? "ok" : "FAIL", NumberFormat.millions(p.yearlyCost.total.value)])
        }
        return t
    }

    static func tenantTable(_ plan: PlanResult) -> TextTable {
        var t = TextTable(["code", "tenant", "population", "VMs", "servers before", "standalone ¥M/yr", "share ¥M/yr", "saving"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
        for x in plan.tenants {
            t.add([x.code, x.name, NumberFormat.integer(x.population), String(x.virtualMachines),
                   String(x.physicalServersBefore), NumberFormat.millions(x.standaloneCost.total.value),
                   NumberFormat.millions(x.costShare.value), NumberFormat.grouped(x.savingPercent, decimals: 1) + "%"])
        }
        return t
    }

    /// What a reader must see first: a required HA check that fails, and a failure that stops
    /// every replica of a service at once (not just its standby).
    static func findings(_ plan: PlanResult) -> [String] {
        var lines: [String] = []
        for p in plan.pools {
            for c in [p.ha.bladeFailures, p.ha.chassisFailure] where !c.ok {
                if c.required { lines.append("pool \(p.name): the HA policy is not met: \(c.summary)") }
                let whole = c.wholeGroupsStranded
                guard !whole.isEmpty else { continue }
                let shown = whole.prefix(3).joined(separator: ", ") + (whole.count > 3 ? " and \(whole.count - 3) more" : "")
                let advice = c.description.contains("chassis") && p.pool.policy.spreadRedundancyAcross != .chassis
                    ? "; spread_redundancy_across: chassis would keep the replicas apart" : ""
                lines.append("pool \(p.name): losing \(c.description) stops every replica of \(whole.count) replicated service\(whole.count == 1 ? "" : "s") at once (\(shown))\(advice)")
            }
        }
        return lines + continuityFindings(plan)
    }

    /// One line per failed HA check (required or not).
    static func haProblems(_ plan: PlanResult) -> [String] {
        var lines: [String] = []
        for p in plan.pools {
            for c in [p.ha.bladeFailures, p.ha.chassisFailure] where !c.ok {
                let shown = c.stranded.prefix(5).joined(separator: ", ")
                let more = c.stranded.count > 5 ? " and \(c.stranded.count - 5) more" : ""
                lines.append("\(p.name): losing \(c.description) strands VMs in \(c.failingCases) of \(c.casesChecked) cases\(c.required ? " (REQUIRED)" : " (informational)"); worst case: \(shown)\(more)")
            }
        }
        return lines
    }
}
