
/// The ways a pool's yearly bill is divided among its members, reported side by side.
public enum ShareRule: String, CaseIterable, Sendable, Hashable, Codable {
    /// 均等割: the same for every member.
    case equal
    /// 人口割: in proportion to residents.
    case population
    /// By measured use: the mean of the member's shares of the pool's vCPU, memory, disk and daily
    /// backup volume.
    case usage
    /// The scenario's own formula (`economics.cost_sharing`: equal, population and usage weights;
    /// base + per capita when only equal and population are weighted). The rule `cost_share_yen` uses.
    case agreed
    /// The Shapley value of the cost game (each coalition planned on its own).
    case shapley

    /// The weights of a formula rule; nil for Shapley.
    public func weights(agreed: CostSharing) -> CostSharing? {
        switch self {
        case .equal: CostSharing(equal: 1, population: 0, usage: 0)
        case .population: CostSharing(equal: 0, population: 1, usage: 0)
        case .usage: CostSharing(equal: 0, population: 0, usage: 1)
        case .agreed: agreed
        case .shapley: nil
        }
    }
}
