import Planning
import Simulation

/// A plan's yearly cost once the simulation has priced what happened (issue 31): plus the
/// expected downtime cost (`risk_cost_yen_per_year`), less the energy power management saved
/// (`energy_saved_yen_per_year`), each with its 95% interval over the replications. The total
/// is the figure `CostVerdict` compares between variants.
public struct OutcomeCost: Sendable {
    /// The plan's yearly cost after consolidation, yen (exact).
    public var yearlyCost: Double
    public var risk: Estimate
    public var energySaved: Estimate
    /// yearlyCost + risk − energySaved, replication by replication.
    public var total: Estimate

    /// Nil when the simulation did not price either figure.
    public init?(plan: PlanResult, simulation r: SimulationResult) {
        guard let risk = r.perReplication.first(where: { $0.figure == .riskCostYen })?.values,
              let saved = r.perReplication.first(where: { $0.figure == .energySavedYen })?.values else { return nil }
        let cost = plan.after.yearlyCost.total.value
        let any = -Double.infinity...Double.infinity
        yearlyCost = cost
        self.risk = Estimate(risk, range: 0...Double.infinity)
        energySaved = Estimate(saved, range: 0...Double.infinity)
        total = CostVerdict(names: [""], yearlyCost: [cost], risk: [risk], energySaved: [saved]).variants.first?.total ?? Estimate([], range: any)
    }
}
