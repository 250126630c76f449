import CapacityModel
import Economics
import Planning

extension PlanReport {
    /// `procurement_forms[]` (one entry per pool and form, in the scenario's form order) and
    /// `procurement_reference` (the per-resident reference line, each pool's baseline and
    /// target, the exchange rate); nothing without `procurement_forms:` (docs/plan-json.md).
    static func procurement(_ plan: PlanResult) -> [(String, JSONValue)] {
        guard let p = plan.procurement else { return [] }
        let forms: JSONValue = .array(p.forms.map(procurementForm))
        let reference: JSONValue = .object([
            ("yen_per_resident_per_year", .rounded(p.referenceYenPerResident, 0)),
            ("source", .string(p.referenceSource)),
            ("target_cut_percent", .rounded(p.targetCutPercent, 2)),
            ("usd_jpy", .rounded(p.usdJPY, 4)), ("usd_jpy_source", .string(p.usdJPYSource)),
            ("pools", .array(p.pools.map { b in
                .object([("pool", .string(b.pool)), ("residents", .integer(b.residents)),
                         ("baseline_yen_per_year", yen(b.baselineYenPerYear)), ("target_yen_per_year", yen(b.targetYenPerYear)),
                         ("baseline_yen_per_resident", b.residents == 0 ? .null : .rounded(b.baselineYenPerYear.value / Double(b.residents), 0))])
            })),
        ])
        return [("procurement_forms", forms), ("procurement_reference", reference)]
    }

    static func procurementForm(_ f: ProcurementFormResult) -> JSONValue {
        .object([
            ("pool", .string(f.pool)), ("form", .string(f.form.rawValue)), ("cheapest", .bool(f.cheapest)),
            ("yearly_cost_yen", yen(f.yearlyCost)), ("npv_yen", yen(f.npv)), ("horizon_years", .integer(f.horizonYears)),
            ("yearly_cost_p5_yen", f.yearlyCostP5.map { .rounded($0, 0) } ?? .null),
            ("yearly_cost_p95_yen", f.yearlyCostP95.map { .rounded($0, 0) } ?? .null),
            ("residents", .integer(f.residents)), ("cost_per_resident_yen", .rounded(f.costPerResident, 0)),
            ("licence_yen_per_year", yen(f.licence)), ("network_yen_per_year", yen(f.network)),
            ("breakeven_usd_jpy", f.breakevenUSDJPY.map { .rounded($0, 4) } ?? .null), ("meets_target", .bool(f.meetsTarget)),
            ("availability_percent", f.availabilityPercent.map { .rounded($0, 3) } ?? .null),
            ("instances", .array(f.instances.map { .object([("type", .string($0.type)), ("count", .integer($0.count))]) })),
            ("share_rule", .string(f.shareRule.rawValue)),
            ("shares", .array(f.shares.map { .object([("tenant", .string($0.code)), ("yen_per_year", yen($0.yen))]) })),
            ("lines", .array(f.lines.map { l in
                .object([("name", .string(l.name)), ("category", .string(l.category.rawValue)),
                         ("yen_per_year", yen(l.yenPerYear)), ("usd_per_year", l.usdPerYear.map { .rounded($0, 2) } ?? .null),
                         ("source", .string(l.source))])
            })),
        ])
    }
}
