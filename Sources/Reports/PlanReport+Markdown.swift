import CapacityModel
import Economics
import Planning

extension PlanReport {
    /// A sizing report for procurement: what to buy, what it replaces, what it costs, who pays
    /// what, and how it behaves when a blade or a chassis fails.
    public static func markdown(_ plan: PlanResult, scenario: Scenario) -> String {
        let b = plan.before, a = plan.after
        var md = "# Sizing report: \(plan.scenarioName)\n\n"
        if !scenario.description.isEmpty { md += scenario.description.trimmingTrailingNewlines() + "\n\n" }
        md += "Scenario file: `\(plan.scenarioFile)`; demand calendar of \(scenario.referenceYear).\n\n"
        let findings = self.findings(plan)
        if !findings.isEmpty { md += "## Findings\n\n" + findings.map { "- " + $0 + "\n" }.joined() + "\n" }
        md += "## Summary\n\n"
        md += "| | before (dedicated servers) | after (shared pool) |\n|---|---:|---:|\n"
        md += "| servers / blades | \(NumberFormat.integer(b.physicalServers)) | \(NumberFormat.integer(a.blades)) |\n"
        md += "| cores | \(NumberFormat.integer(b.cores)) | \(NumberFormat.integer(a.cores)) |\n"
        md += "| CPU utilisation at design demand | \(NumberFormat.percent(b.cpuUtilisation)) | \(NumberFormat.percent(a.cpuUtilisation)) |\n"
        md += "| memory allocated / installed | - | \(NumberFormat.percent(a.memoryUtilisation)) |\n"
        md += "| chassis / racks / storage arrays | - | \(a.chassis) / \(a.racks) / \(a.storageArrays) |\n"
        md += "| IT power, kW | \(NumberFormat.grouped(b.itPower.kilowatts, decimals: 1)) | \(NumberFormat.grouped(a.averageITPower.kilowatts, decimals: 1)) average, \(NumberFormat.grouped(a.designITPower.kilowatts, decimals: 1)) at design demand |\n"
        md += "| purchase, ¥M | - | \(NumberFormat.millions(a.purchase.value)) |\n"
        md += "| yearly cost, ¥M | \(NumberFormat.millions(b.yearlyCost.total.value)) | \(NumberFormat.millions(a.yearlyCost.total.value)) |\n\n"
        md += "**Server reduction: \(NumberFormat.grouped(plan.serverReductionPercent, decimals: 1))%** (\(b.physicalServers) → \(a.blades)). "
        md += "Yearly cost reduction: \(NumberFormat.grouped(costReduction(plan), decimals: 1))%. "
        md += "HA: \(plan.haOK ? "every required failure check passes" : "**some required failure checks fail**").\n\n"
        // Every cost line (the planner's and the scenario's, `costLineRows`): the items add up to the totals.
        md += "## Yearly cost by item (¥M)\n\n| item | before | after |\n|---|---:|---:|\n"
        for r in plan.costLineRows {
            md += "| \(Markdown.text(r.line)) | \(NumberFormat.millions(r.before.value)) | \(NumberFormat.millions(r.after.value)) |\n"
        }
        md += "| total | \(NumberFormat.millions(b.yearlyCost.total.value)) | \(NumberFormat.millions(a.yearlyCost.total.value)) |\n"
        md += "\n## Pools\n\n"
        md += "| pool | tenants | VMs | blades | without reserve | lower bound | chassis | arrays | racks | CPU | memory | layout | HA |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n"
        for p in plan.pools {
            md += "| \(Markdown.text(p.name)) | \(p.tenantCodes.count) | \(p.virtualMachines.count) | \(p.blades)\(p.bladesFixed ? " (fixed)" : "") | \(p.bladesWithoutReserve) | \(p.bladeLowerBound) | \(p.chassis) | \(p.storageArrays) | \(p.racks) | \(NumberFormat.percent(p.cpuUtilisation)) | \(NumberFormat.percent(p.memoryUtilisation)) | \(p.layout.rawValue) | \(p.ha.ok ? "ok" : "**fail**") |\n"
        }
        md += "\n## Failure checks\n\n"
        md += "Each check takes the VMs off the failed blades and restarts them, highest restart priority first, on the surviving blades up to the failover utilisation of the pool's policy; a VM that finds no room is stranded.\n\n"
        md += "| pool | rule | check | cases | failing | stranded VMs (worst case) |\n|---|---|---|---:|---:|---|\n"
        for p in plan.pools {
            for c in [p.ha.bladeFailures, p.ha.chassisFailure] {
                let stranded = c.stranded.isEmpty ? "none" : c.stranded.prefix(8).joined(separator: ", ") + (c.stranded.count > 8 ? " … (\(c.stranded.count))" : "")
                md += "| \(Markdown.text(p.name)) | \(p.ha.admission) | \(c.description)\(c.required ? " (required)" : "") | \(c.casesChecked)\(c.exhaustive ? "" : " of \(c.casesTotal)") | \(c.failingCases) | \(stranded) |\n"
            }
        }
        md += continuityMarkdown(plan)
        md += "\n## Who pays what\n\n"
        let s = scenario.economics.sharing
        md += "The pool's yearly cost is split \(NumberFormat.percent(s.equal, decimals: 0)) equally (均等割), \(NumberFormat.percent(s.population, decimals: 0)) by population (人口割) and \(NumberFormat.percent(s.usage, decimals: 0)) by resource use (the `agreed` rule)\(scenario.economics.shareRule == .agreed ? "" : "; the shares below follow the `\(scenario.economics.shareRule.rawValue)` rule instead, and every rule is compared further down"). The standalone cost is what the tenant costs a year on its own: its dedicated servers and its before cost lines.\n\n"
        md += "| code | tenant | pool | population | VMs | servers before | standalone ¥M/yr | share ¥M/yr | saving | reported before ¥M/yr |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for t in plan.tenants {
            md += "| \(Markdown.text(t.code)) | \(Markdown.text(t.name)) | \(Markdown.text(t.pool)) | \(NumberFormat.integer(t.population)) | \(t.virtualMachines) | \(t.physicalServersBefore) | \(NumberFormat.millions(t.standaloneCost.total.value)) | \(NumberFormat.millions(t.costShare.value)) | \(NumberFormat.grouped(t.savingPercent, decimals: 1))% | \(t.reportedCostBefore.map { NumberFormat.millions($0.value, decimals: 1) } ?? "-") |\n"
        }
        md += "\n" + economicsMarkdown(plan)
        md += "## Assumptions\n\n"
        for p in plan.pools.prefix(1) {
            let policy = p.pool.policy, blade = p.pool.blade
            md += "- Blade `\(blade.id)`: \(blade.cores) cores, \(NumberFormat.grouped(blade.memoryGiB)) GiB, ¥\(NumberFormat.grouped(blade.price.value)).\n"
            md += "- Policy `\(policy.id)`: CPU at most \(NumberFormat.percent(policy.targetCPUUtilisation, decimals: 0)) of usable cores at design demand (\(NumberFormat.percent(policy.ha.failoverUtilisation, decimals: 0)) after a failure), memory at most \(NumberFormat.percent(policy.targetMemoryUtilisation, decimals: 0)), vCPU:core up to \(NumberFormat.grouped(policy.cpuOvercommit, decimals: 1)), replicas on different \(policy.spreadRedundancyAcross.plural).\n"
        }
        md += "- Design demand is each VM's load at the hours of the year when some blade's mix of profiles peaks (\(plan.pools.first.map { "\($0.demandHours.count) hours in the first pool" } ?? "")), so systems busy in different seasons share headroom.\n"
        md += "- Before: every VM ran on dedicated servers of model `\(scenario.baseline.server.id)` (more than one when its vCPUs or memory exceed one server), at site `\(scenario.baseline.site.id)`.\n"
        md += "- Costs cover hardware over a \(NumberFormat.grouped(scenario.economics.leaseYears, decimals: 0))-year lease, maintenance at \(NumberFormat.percent(scenario.economics.maintenanceFractionPerYear, decimals: 0)) a year, energy × PUE, rack space and the operations costs the scenario states; and the scenario's cost lines (software, packages, migration, services, WAN lines), each with its source above.\n"
        return md
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
