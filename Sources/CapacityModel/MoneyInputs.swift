/// One money or rate input a plan's cost rests on: a price, a rate, a cost line's rate, a
/// site's energy price or PUE, the discount rate; or any other input written with a range.
public struct MoneyInput: Sendable {
    /// The key path, as `Assumption.keyPath` writes it (`hardware.blades[blade-2s12c-96g].price_yen`).
    public var keyPath: String
    /// The value the plan uses, in the key's own unit (yen, percent, yen per kWh, a ratio).
    public var value: Double
    /// The declared range; nil: a point value.
    public var range: Assumption?
    /// Where the value comes from: the input's own `source`, else the one of what holds it (a
    /// model's `price_source`, a cost line's `source`); nil when none is given.
    public var source: String?

    /// Whether reports mark it an estimate: no source, or a source tagged `[EST]` or `[unstated]`.
    public var isEstimate: Bool {
        guard let s = source?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return true }
        return s.hasPrefix("[EST") || s.hasPrefix(HardwarePrice.unstated)
    }
}

extension Scenario {
    /// Every money or rate input the plan's cost uses, then every other input declared with a
    /// range or source (`assumptions`) that is not among them (hardware and sites excepted), each once. Only the hardware
    /// models and sites the pools and the baseline use are listed. O(pools + cost lines × drivers
    /// + assumptions).
    public var moneyInputs: [MoneyInput] {
        let declared = Dictionary(assumptions.map { ($0.keyPath, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [MoneyInput] = []
        var seen = Set<String>()
        func add(_ path: String, _ value: Double, _ held: String? = nil) {
            guard seen.insert(path).inserted else { return }
            let a = declared[path]
            out.append(MoneyInput(keyPath: path, value: value, range: a, source: a?.source ?? held))
        }
        let e = economics
        add("economics.maintenance_percent_per_year", 100 * e.maintenanceFractionPerYear)
        add("economics.pool_operations_yen_per_year", e.poolOperationsYenPerYear.value)
        add("economics.baseline_operations_yen_per_server_per_year", e.baselineOperationsYenPerServer.value)
        add("economics.finance.discount_percent", 100 * e.finance.discountRatePerYear)
        if e.finance.financing == .lease {
            add("economics.finance.lease_rate_percent", 100 * e.finance.leaseRatePerYear)
            add("economics.finance.residual_percent", 100 * e.finance.residualFraction)
        }
        for line in e.costLines { addCostLine(line, add) }
        for pool in pools {
            add("hardware.blades[\(pool.blade.id)].price_yen", pool.blade.price.value, pool.blade.priceSource)
            add("hardware.chassis[\(pool.chassis.id)].price_yen", pool.chassis.price.value, pool.chassis.priceSource)
            add("hardware.storage_arrays[\(pool.storage.id)].price_yen", pool.storage.price.value, pool.storage.priceSource)
            add("hardware.racks[\(pool.rack.id)].price_yen", pool.rack.price.value, pool.rack.priceSource)
        }
        add("hardware.baseline_servers[\(baseline.server.id)].price_yen", baseline.server.price.value, baseline.server.priceSource)
        for site in pools.map(\.site) + [baseline.site] {
            add("sites[\(site.id)].pue", site.pue)
            add("sites[\(site.id)].power_price_yen_per_kwh", site.powerPriceYenPerKWh)
            add("sites[\(site.id)].rack_space_yen_per_year", site.rackSpaceYenPerYear.value)
        }
        // Models and sites of a library that no pool or baseline uses do not enter the plan.
        for a in assumptions where !(a.keyPath.hasPrefix("hardware.") || a.keyPath.hasPrefix("sites[")) { add(a.keyPath, a.value) }
        return out
    }

    /// A cost line's rates (before, after, one-off, the remainder's after percent), each with
    /// the line's source unless it has its own.
    private func addCostLine(_ line: CostLine, _ add: (String, Double, String?) -> Void) {
        let path = "economics.cost_lines[\(line.name)]"
        if case .rates(let r) = line.before {
            for d in CostDriver.allCases { if let v = r.rates[d] { add(path + ".before." + d.rawValue, v.value, line.source) } }
        }
        for d in CostDriver.allCases { if let v = line.after.rates[d] { add(path + ".after." + d.rawValue, v.value, line.source) } }
        for d in CostDriver.allCases {
            if let v = line.afterOneOff.rates[d] { add(path + ".after_one_off." + d.rawValue, v.value, line.source) }
        }
        if line.before == .reportedRemainder {
            add(path + ".after.percent_of_before", line.afterPercentOfBefore, line.source)
        }
    }
}
