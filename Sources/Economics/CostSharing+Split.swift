import CapacityModel

/// One tenant's claim on a shared bill.
public struct ShareBasis: Sendable, Hashable {
    public var population: Int
    /// The tenant's share (0-1) of the pool's resources, however the caller measures it.
    public var usage: Double

    public init(population: Int, usage: Double) {
        self.population = population
        self.usage = usage
    }
}

extension CostSharing {
    /// Each tenant's fraction of a shared bill: equal × 1/n + population × p_i/Σp + usage × u_i/Σu.
    /// Fractions sum to 1 (when the weights do). A zero total population or usage falls back to
    /// an equal split for that part.
    /// - Complexity: O(n).
    public func fractions(_ bases: [ShareBasis]) -> [Double] {
        let n = Double(bases.count)
        guard n > 0 else { return [] }
        let totalPopulation = Double(bases.reduce(0) { $0 + $1.population })
        let totalUsage = bases.reduce(0) { $0 + $1.usage }
        return bases.map { b in
            let byPopulation = totalPopulation > 0 ? Double(b.population) / totalPopulation : 1 / n
            let byUsage = totalUsage > 0 ? b.usage / totalUsage : 1 / n
            return equal / n + population * byPopulation + usage * byUsage
        }
    }

    /// Splits `total` by `fractions(bases)`, rounding each share to whole yen so that the shares
    /// sum exactly to the rounded total (largest remainders get the odd yen; ties by order).
    public func split(_ total: Yen, among bases: [ShareBasis]) -> [Yen] {
        let whole = total.value.rounded()
        return Apportion.wholeYen(fractions(bases).map { $0 * whole }, total: total)
    }
}
