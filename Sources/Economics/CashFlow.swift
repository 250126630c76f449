import CapacityModel

/// Year-by-year money over two terms (this lease and the next), before and after, and their net
/// present values. flows[0] is the start (purchases and one-off costs); flows[y] the end of year y.
public struct CashFlow: Sendable, Hashable {
    public var before: [Yen]
    public var after: [Yen]
    public var discountRatePerYear: Double
    public var npvBefore: Yen { Finance.netPresentValue(rate: discountRatePerYear, flows: before) }
    public var npvAfter: Yen { Finance.netPresentValue(rate: discountRatePerYear, flows: after) }

    /// - Parameters:
    ///   - before: the tenants' yearly bills alone (their hardware already spread over its life).
    ///   - after: the pools' yearly bills (hardware spread or leased, one-offs spread).
    ///   - purchase: the pools' hardware price; bought at the start of each term, or leased.
    ///   - oneOff: the pools' one-off costs (migration, construction, training), paid at the start.
    ///   - oneOffPerYear: the part of `after.lines` that is those one-offs spread over their years.
    /// Years = 2 × the lease rounded up; a purchase's second term is bought at the end of year n.
    public static func twoTerms(before: YearlyCost, after: YearlyCost, purchase: Yen, oneOff: Yen,
                                oneOffPerYear: Yen, economics: EconomicsSettings) -> CashFlow {
        let n = Int(economics.leaseYears.rounded(.up))
        let running = after.total - oneOffPerYear
            - (economics.finance.financing == .purchase ? after.hardware : .zero)
        var flowsAfter = [Yen](repeating: running, count: 2 * n + 1)
        flowsAfter[0] = oneOff
        if economics.finance.financing == .purchase {
            flowsAfter[0] = flowsAfter[0] + purchase
            flowsAfter[n] = flowsAfter[n] + purchase
        }
        var flowsBefore = [Yen](repeating: before.total, count: 2 * n + 1)
        flowsBefore[0] = .zero
        return CashFlow(before: flowsBefore, after: flowsAfter, discountRatePerYear: economics.finance.discountRatePerYear)
    }
}
