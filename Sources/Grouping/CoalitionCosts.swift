import CapacityModel
import Foundation
import Planning

/// The yearly cost of any group of a scenario's tenants, planned by the real planner and
/// remembered (issue 34). A group's cost is the cost game's: the cheaper of planning its members
/// as a pool of their own (the site, hardware, policy and cost lines of its first member's pool)
/// and each member staying on its dedicated servers. A group the constraints forbid costs ∞.
/// Safe to share between threads.
public final class CoalitionCosts: @unchecked Sendable {
    let planner: Planner
    let calendar: DemandCalendar
    /// Each tenant's yearly cost alone (dedicated servers and before lines), by tenant index.
    let standalone: [Double]
    /// The pool each tenant belongs to in the scenario (its template when grouped).
    let poolOf: [Int: Pool]
    let constraints: GroupingConstraints
    private let lock = NSLock()
    private var costs: [[Int]: Double] = [:]
    /// Groups cheaper planned than alone (their plans are not kept: a prefecture's thousands
    /// would fill the memory; `plan` plans a group again when it is asked for).
    private var pooled: Set<[Int]> = []
    private var planned = 0

    /// - Parameters: the scenario's planner, its calendar and tenants' standalone costs (from its
    ///   plan), the constraints.
    public init(planner: Planner, calendar: DemandCalendar, standalone: [Double], constraints: GroupingConstraints) {
        self.planner = planner
        self.calendar = calendar
        self.standalone = standalone
        poolOf = planner.scenario.poolOfTenant
        self.constraints = constraints
    }

    /// Pool plans run so far (each group at most once).
    public var coalitionsPlanned: Int { lock.withLock { planned } }

    /// The cost of `group` (tenant indices, sorted), planning it the first time.
    public func cost(_ group: [Int]) -> Double {
        if let c = lock.withLock({ costs[group] }) { return c }
        let (c, plan) = evaluate(group)
        lock.withLock {
            if costs[group] == nil {
                costs[group] = c
                if plan != nil { pooled.insert(group) }
            }
        }
        return c
    }

    /// Whether `group` is cheaper planned as a pool than its members alone (planning it if unknown).
    public func isPooled(_ group: [Int]) -> Bool {
        _ = cost(group)
        return lock.withLock { pooled.contains(group) }
    }

    /// The pool plan of `group` when planning it is cheaper than its members alone (planned
    /// again: plans are not kept).
    public func plan(_ group: [Int]) -> PoolPlan? {
        guard isPooled(group) else { return nil }
        return evaluate(group, counted: false).1
    }

    /// Plans the groups not yet known, two at a time.
    public func prefetch(_ groups: [[Int]]) {
        let missing = lock.withLock { Array(Set(groups.filter { costs[$0] == nil })) }.sorted { $0.lexicographicallyPrecedes($1) }
        guard missing.count > 1 else { missing.forEach { _ = cost($0) }; return }
        let results = parallelMap(missing) { group -> (Double, Bool) in
            let r = self.evaluate(group)
            return (r.0, r.1 != nil)
        }
        lock.withLock {
            for (group, r) in zip(missing, results) where costs[group] == nil {
                costs[group] = r.0
                if r.1 { pooled.insert(group) }
            }
        }
    }

    /// Every group planned so far with its cost, pooled or not.
    public var known: [(group: [Int], cost: Double, pooled: Bool)] {
        lock.withLock { costs.map { ($0.key, $0.value, pooled.contains($0.key)) } }.sorted { $0.group.lexicographicallyPrecedes($1.group) }
    }

    /// The yearly cost of `group` as one pool of its own, whether or not its members would be
    /// cheaper alone, constraints aside (∞ when it cannot be planned). Not remembered or counted.
    public func poolCost(_ group: [Int]) -> Double {
        guard let pool = pool(of: group) else { return .infinity }
        return (try? planner.poolPlan(pool, calendar: calendar))?.yearlyCost.total.value ?? .infinity
    }

    /// `group` as a pool with its first member's pool as the template (nil without one).
    private func pool(of group: [Int]) -> Pool? {
        guard let first = group.first, var pool = poolOf[first] else { return nil }
        pool.tenantIndices = group
        pool.tenantCodes = group.map { planner.scenario.tenants[$0].code }
        pool.fixedBlades = nil
        return pool
    }

    private func evaluate(_ group: [Int], counted: Bool = true) -> (Double, PoolPlan?) {
        guard !group.isEmpty else { return (0, nil) }
        guard constraints.allows(group, tenants: planner.scenario.tenants) else { return (.infinity, nil) }
        let alone = group.reduce(0.0) { $0 + standalone[$1] }
        guard let pool = pool(of: group) else { return (alone, nil) }
        if counted { lock.withLock { planned += 1 } }
        let plan = try? planner.poolPlan(pool, calendar: calendar)
        let cost = plan?.yearlyCost.total.value ?? .infinity
        return cost < alone ? (cost, plan) : (alone, nil)
    }
}
