import CapacityModel
import Economics
import Planning

/// Renders a `PlanResult` in the formats of `cloudplan plan`. The JSON layout is documented in
/// docs/plan-json.md; keep the two in step.
public enum PlanReport {
    public static let formatVersion = 1

    public static func json(_ plan: PlanResult) -> JSONValue {
        .object([
            ("format", .string("cloudplan-plan")),
            ("format_version", .integer(formatVersion)),
            ("scenario", .object([("name", .string(plan.scenarioName)), ("file", .string(plan.scenarioFile))])),
            ("before", before(plan.before)),
            ("after", after(plan.after)),
            ("server_reduction_percent", .rounded(plan.serverReductionPercent, 2)),
            ("yearly_cost_reduction_percent", .rounded(costReduction(plan), 2)),
            ("ha", .object([
                ("ok", .bool(plan.haOK)),
                ("pools", .array(plan.pools.map { .object([("pool", .string($0.name))] + ha($0.ha)) })),
            ])),
            ("pools", .array(plan.pools.map(pool))),
            ("tenants", .array(plan.tenants.map(tenant))),
        ] + rightsizing(plan) + runway(plan) + procurement(plan) + economicsSections(plan) + continuitySections(plan) + [("findings", findings(PlanDocument.findings(plan, localizer: Localizer())))])
    }

    /// `findings`: each failed or worrying check (`check` id, `severity`, `text` in English):
    /// the same list every report format shows on page one.
    static func findings(_ f: [Finding]) -> JSONValue {
        .array(f.map { .object([("check", .string($0.check)), ("severity", .string($0.severity.rawValue)), ("text", .string($0.text.plain))]) })
    }

    static func costReduction(_ plan: PlanResult) -> Double {
        let b = plan.before.yearlyCost.total.value
        return b == 0 ? 0 : 100 * (b - plan.after.yearlyCost.total.value) / b
    }

    static func yen(_ y: Yen) -> JSONValue { .integer(Int(y.value.rounded())) }
    static func kw(_ w: Watts) -> JSONValue { .rounded(w.kilowatts, 3) }

    static func cost(_ c: YearlyCost) -> JSONValue {
        .object([("hardware_yen", yen(c.hardware)), ("maintenance_yen", yen(c.maintenance)), ("energy_yen", yen(c.energy)),
                 ("space_yen", yen(c.space)), ("operations_yen", yen(c.operations)), ("lines_yen", yen(c.lines)),
                 ("total_yen", yen(c.total))])
    }

    static func before(_ b: BeforeSummary) -> JSONValue {
        .object([
            ("physical_servers", .integer(b.physicalServers)),
            ("cores", .integer(b.cores)),
            ("reference_cores", .rounded(b.referenceCores, 3)),
            ("cpu_utilisation", .rounded(b.cpuUtilisation, 4)),
            ("it_power_kw", kw(b.itPower)),
            ("yearly_cost", cost(b.yearlyCost)),
        ])
    }

    static func after(_ a: AfterSummary) -> JSONValue {
        .object([
            ("blades", .integer(a.blades)),
            ("chassis", .integer(a.chassis)),
            ("racks", .integer(a.racks)),
            ("storage_arrays", .integer(a.storageArrays)),
            ("cores", .integer(a.cores)),
            ("reference_cores", .rounded(a.referenceCores, 3)),
            ("virtual_machines", .integer(a.virtualMachines)),
            ("cpu_utilisation", .rounded(a.cpuUtilisation, 4)),
            ("memory_utilisation", .rounded(a.memoryUtilisation, 4)),
            ("design_it_power_kw", kw(a.designITPower)),
            ("average_it_power_kw", kw(a.averageITPower)),
            ("design_facility_power_kw", kw(a.designFacilityPower)),
            ("purchase_yen", yen(a.purchase)),
            ("yearly_cost", cost(a.yearlyCost)),
        ])
    }

    static func check(_ c: FailureCheck) -> JSONValue {
        .object([
            ("description", .string(c.description)),
            ("required", .bool(c.required)),
            ("ok", .bool(c.ok)),
            ("cases_checked", .integer(c.casesChecked)),
            ("cases_total", .count(c.casesTotal)),
            ("exhaustive", .bool(c.exhaustive)),
            ("failing_cases", .integer(c.failingCases)),
            ("worst_case", .array(c.worstCase.map { .integer($0) })),
            ("stranded_vms", .array(c.stranded.map { .string($0) })),
            ("services_stopped", .array(c.wholeGroupsStranded.map { .string($0) })),
        ])
    }

    static func ha(_ h: HAReport) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("ok", .bool(h.ok)),
            ("admission", .string(h.admission)),
            ("blade_failures", check(h.bladeFailures)),
            ("chassis_failure", check(h.chassisFailure)),
            ("array_loss", arrayLoss(h.arrayLoss)),
        ]
        if let r = h.requiredReservedFraction {
            fields.append(("reserved_fraction", .rounded(h.reservedFraction ?? 0, 4)))
            fields.append(("required_reserved_fraction", .rounded(r, 4)))
        }
        return fields
    }

    static func pool(_ p: PoolPlan) -> JSONValue {
        .object([
            ("name", .string(p.name)),
            ("site", .string(p.pool.site.id)),
            ("policy", .string(p.pool.policy.id)),
            ("blade_model", .string(p.pool.blade.id)),
            ("chassis_model", .string(p.pool.chassis.id)),
            ("storage_model", .string(p.pool.storage.id)),
            ("tenants", .array(p.tenantCodes.map { .string($0) })),
            ("virtual_machines", .integer(p.virtualMachines.count)),
            ("blades", .integer(p.blades)),
            ("blades_allocated_basis", p.bladesAllocatedBasis.map(JSONValue.integer) ?? .null),
            ("blade_alternatives", p.bladeAlternatives.isEmpty ? .null : .array(p.bladeAlternatives.map { a in
                .object([("model", .string(a.model)), ("blades", .integer(a.blades)), ("yearly_cost_yen", yen(a.yearlyCost)),
                         ("licence_yen_per_year", yen(a.licence))])
            })),
            ("blades_fixed", .bool(p.bladesFixed)),
            ("blades_without_reserve", .integer(p.bladesWithoutReserve)),
            ("blade_lower_bound", .integer(p.bladeLowerBound)),
            ("chassis", .integer(p.chassis)),
            ("storage_arrays", .integer(p.storageArrays)),
            ("racks", .integer(p.racks)),
            ("allocated_vcpu", .rounded(p.allocatedVCPU, 0)),
            ("allocated_memory_gib", .rounded(p.allocatedMemoryGiB, 0)),
            ("design_cpu_cores", .rounded(p.designCPUCores, 3)),
            ("usable_cores", .rounded(p.usableCores, 3)),
            ("usable_reference_cores", .rounded(p.usableReferenceCores, 3)),
            ("core_score", .rounded(p.pool.blade.coreScore, 4)),
            ("core_score_source", .string(p.pool.blade.coreScoreSource)),
            ("cpu_utilisation", .rounded(p.cpuUtilisation, 4)),
            ("memory_utilisation", .rounded(p.memoryUtilisation, 4)),
            ("busiest_blade_cpu_utilisation", .rounded(p.busiestBladeCPU, 4)),
            ("storage", .object([
                ("required_gib", .rounded(p.storage.requiredGiB, 1)),
                ("usable_gib", .rounded(p.storage.usableGiB, 1)),
                ("design_iops", .rounded(p.storage.designIOPS, 1)),
                ("frontend_iops", .rounded(p.storage.frontendIOPS, 1)),
                ("limited_by", .string(p.storage.limitedBy.rawValue)),
            ])),
            ("design_it_power_kw", kw(p.designITPower)),
            ("average_it_power_kw", kw(p.averageITPower)),
            ("pue", .rounded(p.facilityPUE, 3)),
            ("purchase_yen", yen(p.purchase)),
            ("yearly_cost", cost(p.yearlyCost)),
            ("demand_hours", .array(p.demandHours.map { .integer($0) })),
            ("placement_method", .string(p.placementMethod)),
            ("layout", .string(p.layout.rawValue)),
            ("ha", .object(ha(p.ha))),
        ])
    }

    static func tenant(_ t: TenantPlan) -> JSONValue {
        .object([
            ("code", .string(t.code)),
            ("name", .string(t.name)),
            ("prefecture", .string(t.prefecture)),
            ("population", .integer(t.population)),
            ("pool", .string(t.pool)),
            ("virtual_machines", .integer(t.virtualMachines)),
            ("physical_servers_before", .integer(t.physicalServersBefore)),
            ("standalone_cost_yen", yen(t.standaloneCost.total)),
            ("cost_share_yen", yen(t.costShare)),
            ("share_fraction", .rounded(t.shareFraction, 6)),
            ("saving_percent", .rounded(t.savingPercent, 2)),
            ("reported_cost_before_yen", t.reportedCostBefore.map(yen) ?? .null),
            ("standalone_yen_per_year", yen(t.standaloneCost.total)),
            ("shares", shares(t)),
            ("reported", tenantReported(t)),
        ])
    }
}

extension PlanReport {
    /// `rightsizing[]` with measured usage (docs/plan-json.md); nothing without.
    static func rightsizing(_ plan: PlanResult) -> [(String, JSONValue)] {
        guard !plan.rightsizing.isEmpty else { return [] }
        return [("rightsizing", .array(plan.rightsizing.map { r in
            .object([
                ("vm", .string(r.vm)), ("tenant", .string(r.tenant)), ("pool", .string(r.pool)),
                ("allocated_vcpu", .rounded(r.allocatedVCPU, 0)),
                ("p95_reference_cores", .rounded(r.cpuReferenceCores, 4)), ("cpu_percentile", .string(r.cpuPercentile.rawValue)),
                ("recommended_vcpu", .rounded(r.recommendedVCPU, 0)),
                ("allocated_memory_gib", .rounded(r.allocatedMemoryGiB, 3)),
                ("p95_memory_gib", r.memoryGiB.map { .rounded($0, 3) } ?? .null), ("memory_percentile", .string(r.memoryPercentile.rawValue)),
                ("recommended_memory_gib", .rounded(r.recommendedMemoryGiB, 3)),
            ])
        }))]
    }
}

extension PlanReport {
    /// `forecast` and `runway[]` for pools whose measured tenants have 12 months of history
    /// (docs/usage-format.md); nothing otherwise.
    static func runway(_ plan: PlanResult) -> [(String, JSONValue)] {
        guard !plan.runway.isEmpty else { return [] }
        let mapes = plan.runway.compactMap(\.backtestMAPEPercent)
        let forecast: JSONValue = .object([
            ("method", .string("least squares: level, trend and yearly harmonics (one from 12 months, two from 24) of each pool's monthly p95 CPU; prediction intervals from Student's t")),
            ("backtest_mape_percent", mapes.isEmpty ? .null : .rounded(mapes.reduce(0, +) / Double(mapes.count), 2)),
            ("pools", .array(plan.runway.map { r in
                .object([("pool", .string(r.pool)), ("months", .integer(r.months)), ("first_month", .string(r.firstMonth)),
                         ("last_month", .string(r.lastMonth)), ("trend_percent_per_month", .rounded(r.trendPercentPerMonth, 3)),
                         ("backtest_mape_percent", r.backtestMAPEPercent.map { .rounded($0, 2) } ?? .null)])
            })),
        ])
        let runway: JSONValue = .array(plan.runway.map { r in
            .object([
                ("pool", .string(r.pool)), ("installed_blades", .integer(r.installedBlades)), ("capacity_scale", .rounded(r.capacityScale, 3)),
                ("month_exhausted", .object([("p50", r.monthExhaustedP50.map(JSONValue.string) ?? .null),
                                             ("p95", r.monthExhaustedP95.map(JSONValue.string) ?? .null)])),
                ("months_left", .object([("p50", r.monthsLeftP50.map(JSONValue.integer) ?? .null),
                                         ("p95", r.monthsLeftP95.map(JSONValue.integer) ?? .null)])),
            ])
        })
        return [("forecast", forecast), ("runway", runway)]
    }
}
