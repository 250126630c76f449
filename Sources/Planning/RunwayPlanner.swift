import CapacityModel
import Inventories
import Stochastics

/// How long a pool's installed blades last as its measured demand grows (issue 32): the trend
/// and season of its measured tenants' monthly CPU fitted (`SeasonalForecast`), the largest
/// growth of that demand its blades still hold under the HA policy found by re-planning, and the
/// first month the forecast passes it, at the forecast's median and at its p95.
public struct PoolRunway: Sendable, Hashable {
    public var pool: String
    /// The history: months fitted, the first and last (`2026-04`).
    public var months: Int
    public var firstMonth: String
    public var lastMonth: String
    /// The fitted trend a month, as a percent of the fitted level at the last month.
    public var trendPercentPerMonth: Double
    /// Mean absolute percentage error of a fit on all but the last 6 months, on those (nil: too short).
    public var backtestMAPEPercent: Double?
    /// The largest factor on the measured demand (at the last month's level) that the installed
    /// blades hold; `RunwayPlanner.maximumScale` when it holds more.
    public var capacityScale: Double
    public var installedBlades: Int
    /// The first month the median (p50) or the upper 95% (p95) forecast needs more blades; nil
    /// beyond `RunwayPlanner.horizonMonths`.
    public var monthExhaustedP50: String?
    public var monthExhaustedP95: String?
    /// Months from the last month of history to those.
    public var monthsLeftP50: Int?
    public var monthsLeftP95: Int?
}

enum RunwayPlanner {
    /// Months ahead the forecast is searched.
    static let horizonMonths = 120
    /// Growth beyond which the blades are taken as never running out.
    static let maximumScale = 16.0

    /// The runway of `plan`'s pool, when its measured tenants share at least 12 consecutive
    /// months of history (nil otherwise). - Complexity: about 15 pool plans.
    static func runway(_ plan: PoolPlan, scenario: Scenario, calendar: DemandCalendar, moves: Int) -> PoolRunway? {
        guard let (tenants, first, values) = monthlySeries(plan.pool, scenario: scenario),
              let model = try? SeasonalForecast(values) else { return nil }
        let last = Double(values.count - 1), base = model.mean(last)
        guard base > 0 else { return nil }
        func fits(_ scale: Double) -> Bool {
            let planned = try? PoolPlanner(scenario: scenario, pool: plan.pool, calendar: calendar, improvementMoves: moves,
                                           demandScale: Dictionary(uniqueKeysWithValues: tenants.map { ($0, scale) })).plan()
            return planned.map { $0.blades <= plan.blades && $0.ha.ok } ?? false
        }
        var lo = 1.0, hi = 2.0
        while hi < maximumScale && fits(hi) { lo = hi; hi *= 2 }
        let scale: Double
        if hi >= maximumScale && fits(Swift.min(hi, maximumScale)) {
            scale = maximumScale
        } else {
            for _ in 0..<8 { let mid = (lo + hi) / 2; if fits(mid) { lo = mid } else { hi = mid } }
            scale = lo
        }
        func exhausted(_ q: Double) -> Int? {
            (1...horizonMonths).first { k in model.quantile(last + Double(k), q) > scale * base }
        }
        let p50 = scale >= maximumScale ? nil : exhausted(0.5), p95 = scale >= maximumScale ? nil : exhausted(0.95)
        let lastMonth = first + values.count - 1
        return PoolRunway(pool: plan.name, months: values.count, firstMonth: MonthlyUsage.label(first), lastMonth: MonthlyUsage.label(lastMonth),
                          trendPercentPerMonth: 100 * model.coefficients[1] / base,
                          backtestMAPEPercent: SeasonalForecast.backtestMAPE(values), capacityScale: scale, installedBlades: plan.blades,
                          monthExhaustedP50: p50.map { MonthlyUsage.label(lastMonth + $0) }, monthExhaustedP95: p95.map { MonthlyUsage.label(lastMonth + $0) },
                          monthsLeftP50: p50, monthsLeftP95: p95)
    }

    /// Each timeline month's demand factor of the pool's forecast tenants: the median forecast
    /// of the month after the history's last plus m, over the fitted level at the last month
    /// (the timeline starts when the history ends). Nil without 12 months of history.
    static func forecastScales(_ pool: Pool, scenario: Scenario, months: Int) -> (tenants: [Int], scales: [Double])? {
        guard let (tenants, _, values) = monthlySeries(pool, scenario: scenario), let model = try? SeasonalForecast(values) else { return nil }
        let last = Double(values.count - 1), base = model.mean(last)
        guard base > 0 else { return nil }
        return (tenants, (0..<months).map { m in Swift.max(0.01, model.mean(last + 1 + Double(m)) / base) })
    }

    /// The pool's measured monthly CPU: Σ over its measured tenants with at least 12 consecutive
    /// months (the others' demand is held as measured), over the longest run of consecutive
    /// months they all have: those tenants, the first month and the values. Nil when no tenant
    /// has 12 months, or they share fewer.
    static func monthlySeries(_ pool: Pool, scenario: Scenario) -> ([Int], Int, [Double])? {
        let forecast = pool.tenantIndices.filter { t in (scenario.tenants[t].measured?.monthly).map { longestRun($0.map(\.month)).count >= 12 } ?? false }
        let histories = forecast.map { scenario.tenants[$0].measured!.monthly }
        guard !histories.isEmpty else { return nil }
        var common = Set(histories[0].map(\.month))
        for h in histories.dropFirst() { common.formIntersection(h.map(\.month)) }
        let best = longestRun(common.sorted())
        guard best.count >= 12 else { return nil }
        let values = (best.start..<(best.start + best.count)).map { m in
            histories.reduce(0.0) { acc, h in acc + (h.first { $0.month == m }?.cpuP95ReferenceCores ?? 0) }
        }
        return (forecast, best.start, values)
    }

    /// The longest run of consecutive months of ascending `months` (count 0 when empty).
    static func longestRun(_ months: [Int]) -> (start: Int, count: Int) {
        guard let firstMonth = months.first else { return (0, 0) }
        var best = (start: firstMonth, count: 1), run = (start: firstMonth, count: 1)
        for (a, b) in zip(months, months.dropFirst()) {
            run = b == a + 1 ? (run.start, run.count + 1) : (b, 1)
            if run.count > best.count { best = run }
        }
        return best
    }
}
