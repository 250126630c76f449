import CapacityModel
import Economics
import Foundation

/// Prices each sized pool in each procurement form of `procurement_forms` (issue 33). Owned
/// forms reprice the pool's bill of materials under their financing; `saas` drops the hardware
/// and pays its fees; `iaas` places every VM on the cheapest instance type. Every form keeps the
/// scenario's cost lines it does not replace, counted on its own resources.
/// - Complexity: O(pools × (VMs × instance types + cost lines)).
struct ProcurementFormPricer {
    let scenario: Scenario
    let settings: ProcurementFormSettings

    /// Hours in a year of 365 days (cloud prices are hourly, storage monthly).
    static let hoursPerYear = 8_760.0

    func compare(pools: [PoolPlan], tenants: [TenantPlan]) -> ProcurementComparison {
        var results: [ProcurementFormResult] = []
        var baselines: [ProcurementComparison.PoolBaseline] = []
        for pool in pools {
            let members = pool.pool.tenantIndices
            let residents = members.reduce(0) { $0 + scenario.tenants[$1].population }
            let bases = Planner.shareBases(pool, populations: members.map { scenario.tenants[$0].population }, catalog: scenario.catalog)
            var forms = settings.forms.map { price(pool, form: $0, residents: residents, bases: bases) }
            markCheapestAndBreakeven(&forms)
            let baseline = tenants.filter { $0.pool == pool.name }.reduce(Yen.zero) { $0 + $1.standaloneCost.total }
            let target = Yen((baseline.value * (1 - settings.targetCutPercent / 100)).rounded())
            for i in forms.indices { forms[i].meetsTarget = forms[i].yearlyCost <= target }
            results += forms
            baselines.append(.init(pool: pool.name, residents: residents, baselineYenPerYear: baseline, targetYenPerYear: target))
        }
        return ProcurementComparison(forms: results, pools: baselines, referenceYenPerResident: settings.referenceYenPerResident,
                                     referenceSource: settings.referenceSource, targetCutPercent: settings.targetCutPercent,
                                     usdJPY: settings.usdJPY, usdJPYSource: settings.usdJPYSource)
    }

    /// One pool in one form: its lines, totals, NPV and shares (`bases`: the members' claims,
    /// in member order, the same for every form).
    func price(_ pool: PoolPlan, form: ProcurementForm, residents: Int, bases: [ShareBasis]) -> ProcurementFormResult {
        var instances: [InstanceCount] = []
        let lines: [FormLineAmount]
        switch form {
        case .buy, .lease: lines = ownedLines(pool, form: form)
        case .saas: lines = serviceLines(pool, service: settings.saas ?? FormLines())
        case .iaas:
            let cloud = settings.iaas!
            let placed = CloudPlacement(pool: pool, scenario: scenario, cloud: cloud)
            instances = placed.counts
            lines = cloudLines(pool, cloud: cloud, placed: placed, residents: residents)
        }
        let total = lines.reduce(Yen.zero) { $0 + $1.yenPerYear }
        let rule = scenario.economics.shareRule == .shapley ? ShareRule.agreed : scenario.economics.shareRule
        let weights = rule.weights(agreed: scenario.economics.sharing) ?? scenario.economics.sharing
        let split = weights.split(total, among: bases)
        var result = ProcurementFormResult(
            pool: pool.name, form: form, lines: lines, yearlyCost: total,
            npv: npv(total, hardware: form == .buy ? lines.first { $0.name == "hardware" }?.yenPerYear ?? .zero : .zero,
                     purchase: form == .buy ? pool.bill.purchase : .zero),
            horizonYears: horizonYears, residents: residents,
            costPerResident: residents == 0 ? 0 : total.value / Double(residents),
            licence: lines.filter { $0.category == .licence }.reduce(.zero) { $0 + $1.yenPerYear },
            network: lines.filter { $0.category == .network }.reduce(.zero) { $0 + $1.yenPerYear },
            breakevenUSDJPY: nil, shareRule: rule,
            shares: zip(pool.pool.tenantIndices, split).map { (scenario.tenants[$0].code, $1) })
        result.instances = instances
        if form == .iaas { result.availabilityPercent = settings.iaas?.catalog.availabilityPercent }
        return result
    }

    /// The cheapest form a year, and each `iaas` form's break-even rate against the cheapest owned one.
    func markCheapestAndBreakeven(_ forms: inout [ProcurementFormResult]) {
        if let i = forms.indices.min(by: { (forms[$0].yearlyCost, $0) < (forms[$1].yearlyCost, $1) }) { forms[i].cheapest = true }
        guard let owned = forms.filter({ $0.form.isOwned }).map(\.yearlyCost).min() else { return }
        for i in forms.indices where forms[i].form == .iaas {
            let usd = forms[i].lines.compactMap(\.usdPerYear).reduce(0, +)
            let yen = forms[i].lines.filter { $0.usdPerYear == nil }.reduce(Yen.zero) { $0 + $1.yenPerYear }
            let rate = usd > 0 ? (owned.value - yen.value) / usd : .nan
            forms[i].breakevenUSDJPY = rate > 0 && rate.isFinite ? rate : nil
        }
    }

    /// Whole years priced: the scenario's simulation horizon, else the lease, rounded up.
    var horizonYears: Int { Int((scenario.simulation.horizonYears ?? scenario.economics.leaseYears).rounded(.up)) }

    /// NPV at the scenario's discount rate of `yearly` at the end of each year of the horizon;
    /// a bought pool pays `purchase` at the start of each lease term instead of its yearly
    /// write-off `hardware`.
    func npv(_ yearly: Yen, hardware: Yen, purchase: Yen) -> Yen {
        let n = horizonYears, lease = Swift.max(1, Int(scenario.economics.leaseYears.rounded()))
        var flows = [Yen](repeating: yearly - hardware, count: n + 1)
        flows[0] = .zero
        var year = 0
        while year < n {
            flows[year] = flows[year] + purchase
            year += lease
        }
        return Yen(Finance.netPresentValue(rate: scenario.economics.finance.discountRatePerYear, flows: flows).value.rounded())
    }

    // MARK: Lines

    /// Buy or lease: the pool's own bill (hardware under the form's financing, maintenance,
    /// energy, space, operations) and its cost lines as planned.
    func ownedLines(_ pool: PoolPlan, form: ProcurementForm) -> [FormLineAmount] {
        var economics = scenario.economics
        if form == .lease { economics.finance = settings.lease } else { economics.finance.financing = .purchase }
        let bill = CostModel.poolCost(pool.bill, site: pool.pool.site, economics: economics)
        let hardwareSource = "[derived] the pool's bill of materials, \(form == .buy ? "bought and written off" : "leased") over \(String(format: "%g", economics.leaseYears)) years"
        var out = [line("hardware", bill.hardware, source: hardwareSource),
                   line("maintenance", bill.maintenance, source: "[derived] economics.maintenance_percent_per_year"),
                   line("energy", bill.energy, source: "[derived] the site's PUE and power price"),
                   line("space", bill.space, source: "[derived] the site's rack space price"),
                   line("operations", bill.operations, source: "[derived] economics.pool_operations_yen_per_year")]
        for (costLine, amount) in zip(scenario.economics.costLines, pool.lineAmounts) {
            out.append(FormLineAmount(name: costLine.name, category: costLine.category, yenPerYear: amount, usdPerYear: nil,
                                      source: costLine.source, builtIn: false))
        }
        return out
    }

    /// SaaS: the scenario's lines it keeps (no servers, no VMs of ours), its own lines and its operations.
    func serviceLines(_ pool: PoolPlan, service: FormLines) -> [FormLineAmount] {
        var q = CostLineAmounts.afterQuantities(scenario, tenants: pool.pool.tenantIndices, vms: pool.virtualMachines,
                                                blades: 0, model: pool.pool.blade)
        q.virtualMachines = 0
        return keptLines(q, shapes: [], dropped: Set(service.replaces)) + ownLines(service, q: q, shapes: [])
    }

    /// IaaS: instances, storage, backup, transfer and licence-included surcharges in the
    /// catalog's currency; the scenario's lines counted on the instances; the form's own lines.
    func cloudLines(_ pool: PoolPlan, cloud: CloudFormSettings, placed: CloudPlacement, residents: Int) -> [FormLineAmount] {
        let c = cloud.catalog, src = "\(c.source) (\(c.date))"
        let months = 12.0
        let compute = placed.onHosts ? "dedicated hosts" : "instances"
        var out = [foreign("\(compute) (\(cloud.commitment.rawValue))", placed.instanceHourly * Self.hoursPerYear, c.currency, .other, src),
                   foreign("block storage", placed.diskGiB * c.blockStorageGiBMonth * months, c.currency, .other, src),
                   foreign("provisioned IOPS", placed.extraIOPS * c.iopsMonth * months, c.currency, .other, src),
                   foreign("backup storage", placed.backupGiB * c.backupGiBMonth * months, c.currency, .other, src),
                   foreign("data transfer out", Double(residents) * cloud.egressGiBPerResidentPerYear * c.transferOutGiB,
                           c.currency, .network, src)]
        if !cloud.licenceIncluded.isEmpty {
            out.append(foreign("licence-included images", placed.vcpus * c.licenceIncludedVCPUHour * Self.hoursPerYear,
                               c.currency, .licence, src))
        }
        var q = CostLineAmounts.afterQuantities(scenario, tenants: pool.pool.tenantIndices, vms: pool.virtualMachines,
                                                blades: 0, model: pool.pool.blade)
        q.virtualMachines = placed.counts.reduce(0) { $0 + $1.count }
        let shapes = placed.shapes
        return out + keptLines(q, shapes: shapes, dropped: Set(cloud.lines.replaces + cloud.licenceIncluded))
            + ownLines(cloud.lines, q: q, shapes: shapes)
    }

    /// The scenario's cost lines not in `dropped`, counted with `q` and servers of `shapes`.
    func keptLines(_ q: CostQuantities, shapes: [ServerShape], dropped: Set<Int>) -> [FormLineAmount] {
        scenario.economics.costLines.enumerated().compactMap { i, l in
            dropped.contains(i) ? nil : line(l.name, l.afterPerYear(q, shapes: shapes), category: l.category, source: l.source, builtIn: false)
        }
    }

    /// A form's own lines and its operations.
    func ownLines(_ form: FormLines, q: CostQuantities, shapes: [ServerShape]) -> [FormLineAmount] {
        var out = form.lines.map { f -> FormLineAmount in
            let amount = f.line.afterPerYear(q, shapes: shapes)
            return f.currency == .jpy ? line(f.line.name, amount, category: f.line.category, source: f.line.source, builtIn: false)
                : foreign(f.line.name, amount.value, f.currency, f.line.category, f.line.source, builtIn: false)
        }
        out.append(line("operations", form.operationsYenPerYear, source: "[derived] the form's operations_yen_per_year"))
        return out
    }

    /// A yen line; `builtIn`: named by the pricer (hardware, operations…), not by the scenario.
    func line(_ name: String, _ yen: Yen, category: CostCategory = .other, source: String, builtIn: Bool = true) -> FormLineAmount {
        FormLineAmount(name: name, category: category, yenPerYear: Yen(yen.value.rounded()), usdPerYear: nil, source: source,
                       builtIn: builtIn)
    }

    /// A foreign-currency amount to the cent, and its yen at the scenario's rate.
    func foreign(_ name: String, _ amount: Double, _ currency: Currency, _ category: CostCategory, _ source: String,
                 builtIn: Bool = true) -> FormLineAmount {
        guard currency == .usd else { return line(name, Yen(amount), category: category, source: source, builtIn: builtIn) }
        let cents = (amount * 100).rounded() / 100
        return FormLineAmount(name: name, category: category, yenPerYear: Yen((cents * settings.usdJPY).rounded()),
                              usdPerYear: cents, source: source, builtIn: builtIn)
    }
}
