import CapacityModel
import Economics
import Planning

/// The economics sections of the plan JSON (issue 13): bill of materials, cost lines, each
/// tenant's shares under every rule, the core check, reported figures and money over time.
/// Documented in docs/plan-json.md.
extension PlanReport {
    static func economicsSections(_ plan: PlanResult) -> [(String, JSONValue)] {
        [
            ("bill_of_materials", .array(plan.billOfMaterials.map { i in
                .object([("pool", .string(i.pool)), ("item", .string(i.item)), ("model", .string(i.model)),
                         ("quantity", .integer(i.quantity)), ("unit_price_yen", yen(i.unitPrice)),
                         ("total_yen", yen(i.total)), ("source", .string(i.source))])
            })),
            ("cost_lines", .array(plan.costLineRows.map { r in
                .object([("line", .string(r.line)), ("before_yen_per_year", yen(r.before)),
                         ("after_yen_per_year", yen(r.after)), ("source", .string(r.source))])
            })),
            ("cost_games", .array(plan.economics.map { costGame($0, plan: plan) })),
            ("core", .array(plan.economics.flatMap { game in game.core.map { core($0.rule, $0.verdict, game: game, plan: plan) } })),
            ("reported", plan.reportedComparison.map { reported($0, plan: plan) } ?? .null),
            ("money", plan.cashFlow.map { money($0, plan: plan) } ?? .null),
        ]
    }

    /// Tenant codes of the members in a coalition (bit i = member i).
    static func codes(_ coalition: UInt32, game: PoolEconomics, plan: PlanResult) -> [JSONValue] {
        game.members.indices.filter { coalition & (1 << $0) != 0 }.map { j in
            .string(plan.tenants.first { $0.tenant == game.members[j] }?.code ?? "?")
        }
    }

    static func costGame(_ game: PoolEconomics, plan: PlanResult) -> JSONValue {
        let shapley: JSONValue = game.shapley.map { s in
            .object([
                ("exact", .bool(s.isExact)),
                ("permutations", s.permutations.map(JSONValue.integer) ?? .null),
                ("shares", .array(game.members.indices.map { j in
                    .object([("code", codes(1 << j, game: game, plan: plan).first ?? .null),
                             ("yen_per_year", .rounded(s.shares[j], 0)),
                             ("ci95_half_width_yen", s.halfWidth[j].isFinite ? .rounded(s.halfWidth[j], 0) : .null)])
                })),
            ])
        } ?? .null
        return .object([
            ("pool", .string(game.pool)),
            ("members", .integer(game.members.count)),
            ("coalitions_planned", .integer(game.coalitionCosts.count)),
            ("exhaustive", .bool(game.exhaustive)),
            ("shapley", shapley),
            ("coalitions", .array(game.coalitionCosts.map { c in
                .object([("members", .array(codes(c.coalition, game: game, plan: plan))),
                         ("yen_per_year", c.cost.isFinite ? .rounded(c.cost, 0) : .null)])
            })),
        ])
    }

    static func core(_ rule: ShareRule, _ v: CoreVerdict, game: PoolEconomics, plan: PlanResult) -> JSONValue {
        .object([
            ("pool", .string(game.pool)),
            ("rule", .string(rule.rawValue)),
            ("ok", .bool(v.ok)),
            ("blocking_coalition", v.blocking.map { .array(codes($0, game: game, plan: plan)) } ?? .null),
            ("blocking_pays_yen_per_year", v.blocking == nil ? .null : .rounded(v.blockingPays, 0)),
            ("blocking_alone_yen_per_year", v.blocking == nil ? .null : .rounded(v.blockingAlone, 0)),
            ("excess_yen_per_year", v.blocking == nil ? .null : .rounded(v.excess, 0)),
            ("coalitions_checked", .integer(v.coalitionsChecked)),
            ("exhaustive", .bool(v.exhaustive)),
        ])
    }

    static func reported(_ r: ReportedComparison, plan: PlanResult) -> JSONValue {
        .object([
            ("tenants", .array(r.tenants.map { t in .string(plan.tenants.first { $0.tenant == t }?.code ?? "?") })),
            ("before_yen_per_year", yen(r.reportedBefore)),
            ("after_yen_per_year", yen(r.reportedAfter)),
            ("reduction_percent", .rounded(r.reportedReductionPercent, 2)),
            ("modelled_before_yen_per_year", yen(r.modelledBefore)),
            ("modelled_after_yen_per_year", yen(r.modelledAfter)),
            ("modelled_reduction_percent", .rounded(r.modelledReductionPercent, 2)),
            ("rows_before_yen_per_year", yen(r.rowsBefore)),
            ("rows_after_yen_per_year", yen(r.rowsAfter)),
            ("total_source", r.totalSource.map(JSONValue.string) ?? .null),
            ("by_rule", .array(r.modelledAfterByRule.map { x in
                .object([("rule", .string(x.rule.rawValue)), ("modelled_after_yen_per_year", yen(x.after)),
                         ("modelled_reduction_percent", .rounded(ReportedComparison.reduction(r.modelledBefore, x.after), 2))])
            })),
        ])
    }

    static func money(_ c: CashFlow, plan: PlanResult) -> JSONValue {
        let settings = plan.economicsSettings
        return .object([
            ("financing", .string(settings?.finance.financing.rawValue ?? "purchase")),
            ("lease_years", .rounded(settings?.leaseYears ?? 0, 2)),
            ("lease_rate_percent", .rounded(100 * (settings?.finance.leaseRatePerYear ?? 0), 4)),
            ("residual_percent", .rounded(100 * (settings?.finance.residualFraction ?? 0), 4)),
            ("discount_percent", .rounded(100 * c.discountRatePerYear, 4)),
            ("cash_flow", .array(c.before.indices.map { y in
                .object([("year", .integer(y)), ("before_yen", yen(c.before[y])), ("after_yen", yen(c.after[y]))])
            })),
            ("npv_before_yen", yen(c.npvBefore)),
            ("npv_after_yen", yen(c.npvAfter)),
            ("npv_saving_yen", yen(c.npvBefore - c.npvAfter)),
        ])
    }

    /// A tenant's shares under every rule, with its saving against standing alone.
    static func shares(_ t: TenantPlan) -> JSONValue {
        let alone = t.standaloneCost.total
        return .array(t.shares.map { s in
            .object([("rule", .string(s.rule.rawValue)), ("yen_per_year", yen(s.yen)),
                     ("saving_yen_per_year", yen(alone - s.yen)),
                     ("saving_percent", .rounded(alone.value == 0 ? 0 : 100 * (alone - s.yen).value / alone.value, 2))])
        })
    }

    static func tenantReported(_ t: TenantPlan) -> JSONValue {
        guard t.reportedCostBefore != nil || t.reportedCostAfter != nil || t.reportedLabel != nil else { return .null }
        var pairs: [(String, JSONValue)] = [
            ("label", t.reportedLabel.map(JSONValue.string) ?? .null),
            ("before_yen_per_year", t.reportedCostBefore.map(yen) ?? .null),
            ("after_yen_per_year", t.reportedCostAfter.map(yen) ?? .null),
        ]
        if let b = t.reportedCostBefore, let a = t.reportedCostAfter {
            pairs.append(("reduction_percent", .rounded(ReportedComparison.reduction(b, a), 2)))
        } else {
            pairs.append(("reduction_percent", .null))
        }
        pairs.append(("modelled_reduction_percent", .rounded(ReportedComparison.reduction(t.standaloneCost.total, t.costShare), 2)))
        return .object(pairs)
    }
}
