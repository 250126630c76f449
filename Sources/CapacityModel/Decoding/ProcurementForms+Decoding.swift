extension InstanceCatalog {
    /// One entry of `cloud_catalogs:` (a library section): the catalog's provider, region,
    /// source, date and currency, its availability promise, its instance types and its storage,
    /// backup, transfer and licence-included prices. docs/scenario-format.md, "Procurement forms".
    static func decode(_ node: YAMLNode) -> InstanceCatalog? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id"), provider = r.string("provider"), region = r.string("region")
        let source = r.string("source"), date = r.string("date")
        let currency = r.required("currency", "USD or JPY")?.choice(Currency.self)
        let availability = r.required("availability_percent", "percent")?.number(min: 50, max: 100, what: "a percentage from 50 to 100")
        let availabilitySource = r.string("availability_source")
        let types = r.required("instance_types", "a list of instance types")?.list()?.compactMap(InstanceType.decode)
        let storage = r.nonNegative("block_storage_per_gib_month")
        let iopsIncluded = r.nonNegative("iops_included_per_volume", default: 0)
        let iops = r.nonNegative("per_iops_month", default: 0)
        let backup = r.nonNegative("backup_per_gib_month")
        let transfer = r.nonNegative("transfer_out_per_gib")
        let licence = r.nonNegative("licence_included_per_vcpu_hour", default: 0)
        let hosts = r.optional("dedicated_hosts")?.list()?.compactMap(DedicatedHostType.decode)
        guard let id, let provider, let region, let source, let date, let currency, let availability, let availabilitySource,
              let types, let storage, let iopsIncluded, let iops, let backup, let transfer, let licence else { return nil }
        if types.isEmpty {
            r.optional("instance_types")?.error("a catalog needs at least one instance type")
            return nil
        }
        var seen = Set<String>()
        for t in types where !seen.insert(t.id).inserted {
            r.optional("instance_types")?.error("instance type '\(t.id)' is listed twice")
            return nil
        }
        var catalog = InstanceCatalog(id: id, provider: provider, region: region, source: source, date: date, currency: currency,
                                      availabilityPercent: availability, availabilitySource: availabilitySource, instanceTypes: types,
                                      blockStorageGiBMonth: storage, includedIOPSPerVolume: iopsIncluded, iopsMonth: iops,
                                      backupGiBMonth: backup, transferOutGiB: transfer, licenceIncludedVCPUHour: licence,
                                      location: r.location)
        catalog.dedicatedHosts = hosts ?? []
        return catalog
    }
}

extension InstanceType {
    /// `{id, vcpu, memory_gib, core_score, on_demand_per_hour, one_year_per_hour, three_year_per_hour}`.
    static func decode(_ node: YAMLNode) -> InstanceType? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let vcpu = r.integer("vcpu", min: 1, max: 4_096)
        let memory = r.positive("memory_gib")
        let score = r.optional("core_score").map { $0.number(min: 0.01, max: 100, exclusiveMin: false, what: "reference cores per vCPU") } ?? 1
        let prices = HourlyPrices.decode(r)
        guard let id, let vcpu, let memory, let score, let prices else { return nil }
        return InstanceType(id: id, vcpu: vcpu, memoryGiB: memory, coreScore: score, prices: prices)
    }
}

extension HourlyPrices {
    /// `on_demand_per_hour` (required), `one_year_per_hour`, `three_year_per_hour` of `r`.
    static func decode(_ r: MappingReader) -> HourlyPrices? {
        let onDemand = r.positive("on_demand_per_hour")
        let oneYear = r.optional("one_year_per_hour").map { $0.positive() }
        let threeYear = r.optional("three_year_per_hour").map { $0.positive() }
        guard let onDemand else { return nil }
        if let o = oneYear, o == nil { return nil }
        if let t = threeYear, t == nil { return nil }
        return HourlyPrices(onDemand: onDemand, oneYear: oneYear ?? nil, threeYear: threeYear ?? nil)
    }
}

extension DedicatedHostType {
    /// `{id, sockets, cores_per_socket, memory_gib, core_score, on_demand_per_hour, one_year_per_hour, three_year_per_hour}`.
    static func decode(_ node: YAMLNode) -> DedicatedHostType? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let sockets = r.integer("sockets", min: 1, max: 16)
        let cores = r.integer("cores_per_socket", min: 1, max: 1_024)
        let memory = r.positive("memory_gib")
        let score = r.optional("core_score").map { $0.number(min: 0.01, max: 100, exclusiveMin: false, what: "reference cores per core") } ?? 1
        let prices = HourlyPrices.decode(r)
        guard let id, let sockets, let cores, let memory, let score, let prices else { return nil }
        return DedicatedHostType(id: id, sockets: sockets, coresPerSocket: cores, memoryGiB: memory, coreScore: score, prices: prices)
    }
}

extension ScenarioBuilder {
    /// `procurement_forms:` of the main file: `{forms, usd_jpy, usd_jpy_source, lease, saas, iaas,
    /// reference_yen_per_resident, reference_source, target_cut_percent}`.
    func readProcurementForms(_ node: YAMLNode, economics: EconomicsSettings?) -> ProcurementFormSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let forms = readFormList(r)
        let rate = r.required("usd_jpy", "yen per US dollar")?.number(min: 1, max: 10_000, what: "yen per US dollar")
        let rateSource = r.optionalString("usd_jpy_source") ?? "[EST] no source given"
        let lines = economics?.costLines ?? []
        let lease = readFormLease(r, economics: economics)
        let saas = r.optional("saas").map { readFormLines($0, costLines: lines, extraKeys: []) }
        let iaas = r.optional("iaas").map { readCloudForm($0, costLines: lines) }
        let reference = r.positive("reference_yen_per_resident", default: ProcurementFormSettings.defaultReference)
        let referenceSource = r.optionalString("reference_source") ?? ProcurementFormSettings.defaultReferenceSource
        let cut = r.number("target_cut_percent", default: 30, min: 0, max: 100)
        guard let forms, let rate, let lease, let reference, let cut else { return nil }
        if let s = saas, s == nil { return nil }
        if let i = iaas, i == nil { return nil }
        if forms.contains(.saas), saas == nil { r.node.error("the form 'saas' needs a 'saas:' section (its fees)") }
        if forms.contains(.iaas), iaas == nil { r.node.error("the form 'iaas' needs an 'iaas:' section (its catalog)") }
        return ProcurementFormSettings(forms: forms, usdJPY: rate, usdJPYSource: rateSource, lease: lease,
                                       saas: saas ?? nil, iaas: iaas ?? nil, referenceYenPerResident: reference,
                                       referenceSource: referenceSource, targetCutPercent: cut, location: r.location)
    }

    /// `forms: [buy, lease, saas, iaas]` (each once; default all four).
    private func readFormList(_ r: MappingReader) -> [ProcurementForm]? {
        guard let node = r.optional("forms") else { return ProcurementForm.allCases }
        guard let items = node.list() else { return nil }
        var forms: [ProcurementForm] = []
        for item in items {
            guard let f = item.choice(ProcurementForm.self) else { return nil }
            if forms.contains(f) {
                item.error("the form '\(f.rawValue)' is listed twice")
                return nil
            }
            forms.append(f)
        }
        if forms.isEmpty { node.error("list at least one form (buy, lease, saas, iaas)") }
        return forms.isEmpty ? nil : forms
    }

    /// `lease: {rate_percent, residual_percent}`; default the scenario's finance when it leases.
    private func readFormLease(_ r: MappingReader, economics: EconomicsSettings?) -> FinanceSettings? {
        var lease = economics?.finance ?? FinanceSettings()
        lease.financing = .lease
        guard let node = r.optional("lease") else { return lease }
        guard let lr = node.mapping() else { return nil }
        defer { lr.finish() }
        let rate = lr.number("rate_percent", default: 100 * lease.leaseRatePerYear, min: 0, max: 50)
        let residual = lr.number("residual_percent", default: 100 * lease.residualFraction, min: 0, max: 99)
        guard let rate, let residual else { return nil }
        lease.leaseRatePerYear = rate / 100
        lease.residualFraction = residual / 100
        return lease
    }

    /// `{lines, replaces, operations_yen_per_year}` (plus `extraKeys`, read by the caller).
    func readFormLines(_ node: YAMLNode, costLines: [CostLine], extraKeys: [String]) -> FormLines? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        for k in extraKeys { _ = r.optional(k) }
        var lines: [FormCostLine] = []
        var ok = true
        var names = Set(costLines.map(\.name))
        for item in r.optional("lines")?.list() ?? [] {
            guard let line = readFormCostLine(item) else { ok = false; continue }
            if !names.insert(line.line.name).inserted {
                item.error("cost line '\(line.line.name)' is already defined (line names are unique across economics.cost_lines and the forms)")
                ok = false
                continue
            }
            lines.append(line)
        }
        let replaces = r.optional("replaces").map { lineIndices($0, costLines: costLines) }
        let operations = r.nonNegative("operations_yen_per_year", default: 0)
        guard ok, let operations else { return nil }
        if let x = replaces, x == nil { return nil }
        return FormLines(lines: lines, replaces: (replaces ?? nil) ?? [], operationsYenPerYear: Yen(operations))
    }

    /// A form's line: a cost line with only `after` rates, and its `currency` (default JPY).
    private func readFormCostLine(_ node: YAMLNode) -> FormCostLine? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let currency = r.optional("currency").map { $0.choice(Currency.self) } ?? .jpy
        for key in ["before", "after_one_off"] where r.has(key) {
            r.optional(key)?.error("a form's line has yearly 'after' rates only")
            return nil
        }
        guard let currency, let line = readCostLine(r, leaseYears: 1) else { return nil }
        return FormCostLine(line: line, currency: currency)
    }

    /// Names of `economics.cost_lines`, as indices.
    private func lineIndices(_ node: YAMLNode, costLines: [CostLine]) -> [Int]? {
        guard let names = node.stringList() else { return nil }
        var out: [Int] = []
        for (i, name) in names.enumerated() {
            guard let k = costLines.firstIndex(where: { $0.name == name }) else {
                let known = costLines.map(\.name)
                (node.list()?[i] ?? node).error("no cost line named '\(EditDistance.shown(name))' in economics.cost_lines\(EditDistance.hint(for: name, among: known))")
                return nil
            }
            out.append(k)
        }
        return out
    }

    /// `iaas: {catalog, commitment, ha, egress_gib_per_resident_per_year, licence_included, lines, replaces, operations_yen_per_year}`.
    private func readCloudForm(_ node: YAMLNode, costLines: [CostLine]) -> CloudFormSettings? {
        guard let r = node.mapping() else { return nil }
        let catalogID = r.string("catalog")
        let commitment = r.optional("commitment").map { $0.choice(CloudCommitment.self) } ?? .onDemand
        let ha = r.optional("ha").map { $0.choice(CloudHA.self) } ?? .provider
        let egress = r.nonNegative("egress_gib_per_resident_per_year", default: 0)
        let included = r.optional("licence_included").map { lineIndices($0, costLines: costLines) }
        let hostID = r.optionalString("dedicated_host")
        let lines = readFormLines(node, costLines: costLines,
                                  extraKeys: ["catalog", "commitment", "ha", "egress_gib_per_resident_per_year", "licence_included", "dedicated_host"])
        guard let catalogID, let commitment, let ha, let egress, let lines else { return nil }
        if let x = included, x == nil { return nil }
        guard let catalog = cloudCatalogs.first(where: { $0.id == catalogID }) else {
            if !brokenIDs.contains(catalogID) && !includeFailed {
                let known = cloudCatalogs.map(\.id)
                r.optional("catalog")?.error("no cloud catalog named '\(EditDistance.shown(catalogID))'\(EditDistance.hint(for: catalogID, among: known)); \(known.isEmpty ? "none is defined (cloud_catalogs: in an included library file)" : "defined: " + known.joined(separator: ", "))")
            }
            return nil
        }
        if let missing = catalog.instanceTypes.first(where: { $0.hourly(commitment) == nil }), commitment != .onDemand {
            r.optional("commitment")?.error("instance type '\(missing.id)' of catalog '\(catalog.id)' has no \(commitment.rawValue) price (\(commitment.rawValue)_per_hour)")
            return nil
        }
        var settings = CloudFormSettings(catalog: catalog, commitment: commitment, ha: ha, egressGiBPerResidentPerYear: egress,
                                         licenceIncluded: (included ?? nil) ?? [], lines: lines)
        guard let hostID else { return settings }
        guard let host = catalog.dedicatedHosts.first(where: { $0.id == hostID }) else {
            let known = catalog.dedicatedHosts.map(\.id)
            r.optional("dedicated_host")?.error("catalog '\(catalog.id)' has no dedicated host '\(EditDistance.shown(hostID))'\(EditDistance.hint(for: hostID, among: known)); \(known.isEmpty ? "it lists none (dedicated_hosts)" : "it lists " + known.joined(separator: ", "))")
            return nil
        }
        if host.hourly(commitment) == nil {
            r.optional("commitment")?.error("dedicated host '\(host.id)' has no \(commitment.rawValue) price")
            return nil
        }
        if ha == .zones || !settings.licenceIncluded.isEmpty {
            r.optional(ha == .zones ? "ha" : "licence_included")?.error("dedicated hosts are sized by the pool's HA policy and bring their own licences: give neither 'ha: zones' nor 'licence_included'")
            return nil
        }
        settings.dedicatedHost = host
        return settings
    }
}
