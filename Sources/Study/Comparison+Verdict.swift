import Planning
import Simulation

/// Which variant of a comparison costs least once its risk is priced (issue 31): each
/// variant's yearly cost (the plan's, exact) plus its expected downtime cost (simulated,
/// `risk_cost_yen_per_year`) less the energy power management saved (simulated,
/// `energy_saved_yen_per_year`), compared replication by replication under common random numbers.
public struct CostVerdict: Sendable {
    public struct Variant: Sendable {
        public var name: String
        /// Yearly cost + risk cost − energy saved, yen a year, over the replications.
        public var total: Estimate
        /// Variant − first, paired (the first's is all 0).
        public var difference: Estimate
    }

    public var variants: [Variant]
    /// The variant whose total is lower than every other's with 95% confidence (paired), or nil.
    public var preferred: Int?
    /// Without a preferred variant: the replications the least expensive and its closest rival
    /// would need for their paired difference to be resolved at 95%, at the current spread
    /// (nil when they do not differ at all).
    public var replicationsNeeded: Int?
    public var replications: Int

    /// What `total` adds up, for readers.
    public static let figure = "yearly_cost_yen + risk_cost_yen_per_year - energy_saved_yen_per_year"

    /// - Parameters: per variant, the plan's yearly cost, and the risk cost and the energy saved
    ///   of each replication (`energySaved` empty: none saved).
    public init(names: [String], yearlyCost: [Double], risk: [[Double]], energySaved: [[Double]] = []) {
        let totals = yearlyCost.indices.map { i in
            risk[i].indices.map { r in yearlyCost[i] + risk[i][r] - (i < energySaved.count ? energySaved[i][r] : 0) }
        }
        let any = -Double.infinity...Double.infinity
        variants = names.indices.map { i in
            Variant(name: names[i], total: Estimate(totals[i], range: any),
                    difference: Estimate(zip(totals[i], totals[0]).map { $0 - $1 }, range: any))
        }
        replications = totals.first?.count ?? 0
        func paired(_ i: Int, _ j: Int) -> Estimate { Estimate(zip(totals[i], totals[j]).map { $0 - $1 }, range: any) }
        let order = variants.indices.sorted { variants[$0].total.mean < variants[$1].total.mean }
        guard let best = order.first else { return }
        let beatsAll = variants.indices.allSatisfy { j in
            j == best || { let d = paired(best, j); return !d.halfWidth.isNaN && d.high < 0 }()
        }
        if beatsAll && variants.count > 1 { preferred = best; return }
        if order.count > 1 {
            let d = paired(best, order[1])
            if d.mean != 0, !d.halfWidth.isNaN {
                replicationsNeeded = Swift.max(replications + 1, Int((Double(replications) * (d.halfWidth / d.mean) * (d.halfWidth / d.mean)).rounded(.up)))
            }
        }
    }
}

extension Study {
    /// The cost verdict of compared studies (their plans' yearly cost and each replication's
    /// risk cost); nil without simulations.
    static func costVerdict(_ names: [String], _ results: [StudyResult]) -> CostVerdict? {
        let sims = results.compactMap(\.simulation)
        guard sims.count == results.count,
              let f = sims.first?.perReplication.firstIndex(where: { $0.figure == .riskCostYen }),
              let e = sims.first?.perReplication.firstIndex(where: { $0.figure == .energySavedYen }) else { return nil }
        return CostVerdict(names: names, yearlyCost: results.map { $0.plan.after.yearlyCost.total.value },
                           risk: sims.map { $0.perReplication[f].values }, energySaved: sims.map { $0.perReplication[e].values })
    }
}
