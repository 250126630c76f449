extension ScenarioBuilder {
    /// `economics.cost_lines`: a list of lines, each
    /// `{line, source, before: RATES | reported_remainder, after: RATES, after_one_off: RATES, one_off_years}`;
    /// the `reported_remainder` line's `after` is `{percent_of_before: P}`.
    /// where RATES maps a `CostDriver` name to yen. Line names are unique.
    func readCostLines(_ node: YAMLNode, leaseYears: Double) -> [CostLine]? {
        guard let items = node.list() else { return nil }
        var lines: [CostLine] = []
        var seen: [String: SourceLocation] = [:]
        var ok = true
        var remainders = 0
        for item in items {
            guard let line = readCostLine(item, leaseYears: leaseYears) else { ok = false; continue }
            if let first = seen[line.name] {
                item.error("cost line '\(line.name)' is listed twice (first at \(first))")
                ok = false
                continue
            }
            if line.before == .reportedRemainder {
                remainders += 1
                if remainders > 1 {
                    item.error("only one cost line can take 'before: reported_remainder' (the rest of the reported bill)")
                    ok = false
                    continue
                }
            }
            seen[line.name] = line.location
            lines.append(line)
        }
        return ok ? lines : nil
    }

    func readCostLine(_ node: YAMLNode, leaseYears: Double) -> CostLine? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        return readCostLine(r, leaseYears: leaseYears)
    }

    /// The line's keys from `r` (the caller finishes it, having read its own keys).
    func readCostLine(_ r: MappingReader, leaseYears: Double) -> CostLine? {
        let name = r.string("line")
        let source = r.string("source")
        var before: BeforeCostRule? = .rates(.none)
        if let b = r.optional("before") {
            if case .scalar = b.node {
                if b.string() == "reported_remainder" {
                    before = .reportedRemainder
                } else {
                    b.error("expected a mapping of rates (e.g. {per_tenant: 1_000_000}) or reported_remainder, got \(b.shortDescription)")
                    before = nil
                }
            } else {
                before = readCostRates(b).map(BeforeCostRule.rates)
            }
        }
        var afterPercent: Double? = 0
        var after: CostRates? = CostRates.none
        if let a = r.optional("after") {
            (after, afterPercent) = readRates(a, withPercentOfBefore: before == .reportedRemainder)
        }
        let oneOff = r.optional("after_one_off").map(readCostRates) ?? CostRates.none
        let years = r.number("one_off_years", default: leaseYears, min: 0.5, max: 50)
        var licensing: CoreLicensing?? = .some(nil)
        if let node = r.optional("licensing") { licensing = readLicensing(node).map { .some($0) } }
        let category = r.optional("category").map { $0.choice(CostCategory.self) }
        guard let name, let source, let before, let after, let afterPercent, let oneOff, let years, let licensing else { return nil }
        if let c = category, c == nil { return nil }
        if source.isEmpty || !source.hasPrefix("[") {
            r.optional("source")?.warning("a source should start with its tag: [doc], [derived] or [EST]")
        }
        var line = CostLine(name: name, source: source, before: before, after: after, afterOneOff: oneOff,
                            oneOffYears: years, location: r.location)
        line.afterPercentOfBefore = afterPercent
        line.licensing = licensing
        line.category = (category ?? nil) ?? (licensing == nil ? .other : .licence)
        return line
    }

    /// `licensing: {minimum_cores_per_processor, minimum_cores_per_server}` (each 0-1024, default 0).
    func readLicensing(_ node: YAMLNode) -> CoreLicensing? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let processor = r.integer("minimum_cores_per_processor", default: 0, min: 0, max: 1_024)
        let server = r.integer("minimum_cores_per_server", default: 0, min: 0, max: 1_024)
        guard let processor, let server else { return nil }
        return CoreLicensing(minimumCoresPerProcessor: processor, minimumCoresPerServer: server)
    }

    /// A mapping of driver names to yen (≥ 0).
    func readCostRates(_ node: YAMLNode) -> CostRates? { readRates(node, withPercentOfBefore: false).rates }

    /// Rates, and with `withPercentOfBefore` (the remainder line's after) also `percent_of_before`
    /// (0-1000, default 0). Each nil when wrong (reported).
    func readRates(_ node: YAMLNode, withPercentOfBefore: Bool) -> (rates: CostRates?, percentOfBefore: Double?) {
        guard let r = node.mapping() else { return (nil, 0) }
        var rates: [CostDriver: Yen] = [:]
        var ok = true
        let percent = withPercentOfBefore ? r.number("percent_of_before", default: 0, min: 0, max: 1000) : 0
        for driver in CostDriver.allCases {
            guard let node = r.optional(driver.rawValue) else { continue }
            guard let value = node.number(min: 0, max: 1e10, what: "yen per unit") else { ok = false; continue }
            rates[driver] = Yen(value)
        }
        r.finish()
        if r.keys.contains(where: { CostDriver(rawValue: $0) == nil && !(withPercentOfBefore && $0 == "percent_of_before") }) { ok = false }
        return (ok ? CostRates(rates) : nil, percent)
    }

    /// `economics.finance`: `{financing: purchase|lease, lease_rate_percent, residual_percent,
    /// discount_percent, shapley_exact_up_to, shapley_permutations}`.
    func readFinance(_ node: YAMLNode) -> FinanceSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let financing = r.optional("financing").map { $0.choice(HardwareFinancing.self) } ?? .purchase
        let rate = r.number("lease_rate_percent", default: 0, min: 0, max: 50)
        let residual = r.number("residual_percent", default: 0, min: 0, max: 100, exclusiveMin: false)
        let discount = r.number("discount_percent", default: 0, min: -10, max: 50)
        let exact = r.integer("shapley_exact_up_to", default: 0, min: 0, max: 16)
        let permutations = r.integer("shapley_permutations", default: 0, min: 0, max: 1_000_000)
        guard let financing, let rate, let residual, let discount, let exact, let permutations else { return nil }
        if residual >= 100 {
            r.optional("residual_percent")?.error("a residual of \(residual)% leaves nothing to pay for the lease")
            return nil
        }
        return FinanceSettings(financing: financing, leaseRatePerYear: rate / 100, residualFraction: residual / 100,
                               discountRatePerYear: discount / 100, shapleyExactUpTo: exact,
                               shapleyPermutations: permutations)
    }
}
