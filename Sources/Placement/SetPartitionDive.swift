import Dispatch

/// Vector packing by its set-partitioning relaxation: column generation (`ItemSetMaster` priced
/// by `ItemSetPricer`) gives a lower bound and a fractional packing, and a dive rounds it: the
/// sets at value one and the largest fractional ones become bins, and the relaxation is solved
/// again over the items left, until none are.
///
/// On the instances with two or three items per bin (Caprara and Toth's classes 6, 7 and 9, as
/// in Panigrahy et al.'s sets) the relaxation's round-up is the optimum and the dive reaches it,
/// where moves of a few items between bins stall: what those need is the right choice of whole
/// triples. The first relaxation's bound holds for the whole problem; the later ones, over the
/// items left after fixing, do not.
///
/// - Complexity: O(m²) memory for m items; per column, O(m²) for the pivot; pricing as
///   `ItemSetPricer`.
enum SetPartitionDive {
    /// What the dive ended with: a packing of every item (nil if the time ran out before the
    /// first relaxation was solved), and the lower bound (nil if the first relaxation's pricing
    /// was never exact).
    struct Outcome {
        var packing: Packing?
        var bound: Int?
    }

    /// Pricing rounds one relaxation may take (a guard against cycling when there is no
    /// deadline; the instances measured converge in a few hundred).
    static let roundLimit = 20_000

    /// Basic sets above this value become bins at once.
    static let fixingValue = 0.6

    /// Passes over the known columns after each pricing round.
    static let poolPasses = 2

    /// Weight of the centre in Wentges smoothing.
    static let smoothing = 0.8

    /// A relaxation is solved, for the dive, once its value is within this share of its bound:
    /// the last rounds, each an exact pricing of ten milliseconds or more at 250 items that finds
    /// a few columns, moved the dive little. On the 229 Panigrahy and new-class instances missed
    /// at 1 s: 0 (converge fully) reached 43, 0.003 49, 0.01 50, 0.03 50.
    static let closeGap = 0.01

    /// Fit tests per anchor in a quick pricing round. On the class 7 instances of 250 items in
    /// 3 dimensions (Panigrahy et al.) the relaxation converged in time for 4 of 10 at 200 and
    /// 2,000, 8 at 500.
    static let quickAnchorNodes = 500

    /// A quick round stops after max(`quickColumnsLeast`, m / `quickColumnsShare`) columns.
    static let quickColumnsLeast = 32
    static let quickColumnsShare = 4

    /// Shares of the time limit: the first relaxation may run until `relaxationShare`, the dive
    /// until `diveShare` (the tabu search gets the rest). Above `largeItemCount` items the
    /// relaxation rarely converges in time (Panigrahy et al.'s classes 6, 7 and 9 at 500 items
    /// need seconds), so it gets less. Measured on the 244 Panigrahy and new-class instances
    /// missed at 1 s with 0.4 / 0.6 everywhere (13 reached, 552 bins over the optima): 0.5 / 0.85
    /// reached 18, 0.6 / 0.9 27, 0.7 / 0.95 33 (but 582 over: the 500-item ones lose tabu
    /// time), and 0.7 / 0.95 up to 300 items with 0.4 / 0.6 above 32 (548 over).
    static func timeShares(items: Int) -> (relaxationShare: Double, diveShare: Double) {
        items > largeItemCount ? (0.4, 0.6) : (0.7, 0.95)
    }
    static let largeItemCount = 300

    /// The largest problem the dense basis is used for (m² doubles: 18 MB at 1,500 items).
    static let itemLimit = 1_500

    /// Whether the dive applies: several dimensions, no groups or pins (the sets know nothing of
    /// them), few enough items, and few per bin (at most `itemsPerBinLimit` on average in a
    /// packing of `lowerBound` bins): with many, the sets that fit a bin are too many to price.
    static func applies(to problem: PackingProblem, lowerBound: Int) -> Bool {
        problem.dimensions > 1 && problem.constraints.groups.isEmpty && problem.constraints.pinned.isEmpty
            && problem.itemCount >= 2 && problem.itemCount <= itemLimit
            && problem.itemCount <= itemsPerBinLimit * Swift.max(lowerBound, 1)
    }

    /// The most items per bin (at the lower bound) for which the dive is tried. Panigrahy et
    /// al.'s classes 4 and 5 in ten dimensions (10-14 per bin) priced for seconds and gained
    /// nothing; class 1 (3-4 per bin) gains.
    static let itemsPerBinLimit = 6

    /// How a dive chooses the sets to fix after each relaxation.
    enum FixingRule: CaseIterable {
        /// Every basic set above `fixingValue` (disjoint, since an item's sets sum to one, give
        /// or take the perturbation), or the largest if none is: few relaxations.
        case aboveValue
        /// The largest basic set only: a relaxation per bin, but each fixing follows it closely.
        case largest
    }

    /// Solves the relaxation (to within `closeGap`) and dives from it (`FixingRule.aboveValue`).
    /// While the best packing is above the bound and `deadline` has not passed: the relaxation
    /// is solved to the end (a better bound) and dived from again, then a dive fixing one set at
    /// a time (`FixingRule.largest`). A dive cut short by `deadline` packs the items left by first
    /// fit decreasing. The best packing is kept.
    static func run(_ problem: PackingProblem, start: Packing, relaxationDeadline: UInt64?, deadline: UInt64?) -> Outcome {
        // The start's bins are the first columns: duals near the optimum's sooner.
        var pool: [[Int32]] = start.binContents().filter { $0.count > 1 }.map { $0.map(Int32.init) }
        var centre = [Double](repeating: 0, count: problem.itemCount)
        var master = ItemSetMaster(items: Array(0..<problem.itemCount))
        let pricer = ItemSetPricer(problem, rows: master.items)
        let lp = optimize(&master, pricer, pool: &pool, centre: &centre, prove: true, gap: closeGap, deadline: relaxationDeadline)
        var outcome = Outcome(packing: nil, bound: lp.bound.map { Int(($0 - 1e-6).rounded(.up)) })
        // Rounding a relaxation far from its optimum packs no better than the start.
        guard lp.converged else { return outcome }
        func tryDive(_ rule: FixingRule) {
            var diveCentre = centre
            let packing = dive(problem, from: master, rule: rule, pool: &pool, centre: &diveCentre, deadline: deadline)
            if packing.binCount < outcome.packing?.binCount ?? .max { outcome.packing = packing }
        }
        func missed() -> Bool {
            let late = deadline.map { DispatchTime.now().uptimeNanoseconds >= $0 } ?? false
            return !late && outcome.packing!.binCount > outcome.bound ?? 0
        }
        tryDive(.aboveValue)
        // Missed: the relaxation solved to the end may prove the dive optimal (the columns the
        // dive found help), and its solution is another start.
        if missed() {
            let full = optimize(&master, pricer, pool: &pool, centre: &centre, prove: true, gap: 0, deadline: deadline)
            if let bound = full.bound.map({ Int(($0 - 1e-6).rounded(.up)) }) { outcome.bound = Swift.max(outcome.bound ?? 0, bound) }
            if full.converged && missed() { tryDive(.aboveValue) }
        }
        if missed() { tryDive(.largest) }
        return outcome
    }

    /// One dive from the solved relaxation `master`: fix sets by `rule`, solve the relaxation
    /// over the items left (not proved), until none are left or `deadline` passes.
    static func dive(_ problem: PackingProblem, from master: ItemSetMaster, rule: FixingRule, pool: inout [[Int32]],
                     centre: inout [Double], deadline: UInt64?) -> Packing {
        var master = master
        var residual = master.items
        var bins: [[Int]] = []
        var converged = true
        while true {
            let fixed = setsToFix(master, rule: rule, converged: converged)
            for rows in fixed { bins.append(rows.map { master.items[Int($0)] }) }
            var taken = Set<Int>()
            for rows in fixed { for r in rows { taken.insert(master.items[Int(r)]) } }
            residual.removeAll { taken.contains($0) }
            if fixed.isEmpty || residual.isEmpty || !converged { break }
            master = ItemSetMaster(items: residual)
            converged = optimize(&master, ItemSetPricer(problem, rows: residual), pool: &pool, centre: &centre,
                                 prove: false, deadline: deadline).converged
        }
        return packing(problem, bins: bins, rest: residual)
    }

    /// The sets to make bins of, by `rule`; if the relaxation did not converge, only those above
    /// `fixingValue` (its largest set may be far from the optimum's).
    static func setsToFix(_ master: ItemSetMaster, rule: FixingRule, converged: Bool) -> [[Int32]] {
        let x = master.simplex.x
        var fixed: [[Int32]] = []
        var largest = -1
        for r in 0..<master.m where x[r] > 1e-6 {
            if rule == .aboveValue && x[r] > fixingValue { fixed.append(master.basis[r]) }
            if largest < 0 || x[r] > x[largest] { largest = r }
        }
        if rule == .aboveValue && !converged { return fixed }
        if fixed.isEmpty, largest >= 0, converged || x[largest] > fixingValue { fixed.append(master.basis[largest]) }
        return fixed
    }

    /// Column generation to convergence, or until the master's value is within `gap` (a share)
    /// of the bound, or the deadline: columns from the pool first, then from the pricer. With
    /// `prove`, convergence is an exact pricing round finding nothing;
    /// without (the dive's relaxations, whose value bounds nothing), a quick one. `centre` is
    /// the smoothing centre by item, read when not proving and written back. Returns whether it
    /// converged, the best Farley bound seen (from exact rounds), and the columns entered.
    static func optimize(_ master: inout ItemSetMaster, _ pricer: ItemSetPricer, pool: inout [[Int32]],
                         centre: inout [Double], prove: Bool, gap: Double = closeGap, deadline: UInt64?) -> (converged: Bool, bound: Double?, columns: Int) {
        // The columns known to this master: those of the pool over its rows, then those priced.
        var known = usableColumns(master, pool: pool)
        var columns = enterNegative(&master, columns: known, passes: 3, deadline: deadline)
        var bound: Double?
        // Wentges smoothing: price at a point between the duals of the best bound seen (the
        // centre) and the master's; the raw duals of a degenerate master jump about. The first
        // relaxation starts from the volume duals, the dive's from the centre before (by item).
        var (center, centerValue) = prove ? volumeCenter(master, pricer, deadline: deadline)
                                          : (master.items.map { centre[$0] }, -Double.infinity)
        defer { for (r, i) in master.items.enumerated() { centre[i] = center[r] } }
        for _ in 0..<roundLimit {
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return (false, bound, columns) }
            master.refreshDuals()
            let y = master.duals
            // Close enough: the master's value within `gap` of the bound.
            if let bound, gap > 0, y.reduce(0, +) - bound <= gap * bound { return (true, bound, columns) }
            var entered = 0
            for smoothed in [true, false] {
                let point = smoothed ? zip(center, y).map { smoothing * $0 + (1 - smoothing) * $1 } : y
                // Quick rounds (a few nodes per anchor) while they find columns, then an exact one
                // when the optimum must be proved (the dive's relaxations need not be).
                var round = pricer.price(point, anchorNodeLimit: quickAnchorNodes,
                                         columnLimit: Swift.max(quickColumnsLeast, master.m / quickColumnsShare), deadline: deadline)
                if round.columns.isEmpty && prove {
                    round = pricer.price(point, deadline: deadline)
                    // Too many sets fit a bin to price them all and none found is worth
                    // entering: the relaxation cannot be solved in time, and the tabu search
                    // gets the time instead.
                    if round.nodeLimited && round.columns.isEmpty { return (false, bound, columns) }
                }
                let total = point.reduce(0) { $0 + Swift.max($1, 0) }
                let estimate = total / Swift.max(round.greatestValue, 1)
                if round.exact { bound = Swift.max(bound ?? 0, estimate) }
                if round.exact, estimate > centerValue { (center, centerValue) = (point.map { Swift.max($0, 0) }, estimate) }
                for rows in round.columns where master.reducedCost(rows) < -1e-9 {
                    guard master.enter(rows) else { continue }
                    pool.append(rows.map { Int32(master.items[Int($0)]) })
                    known.append(rows)
                    entered += 1
                    if entered & 63 == 0, let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { break }
                }
                if entered > 0 { break }
                if !smoothed && (round.exact || !prove) { return (true, bound, columns) }
            }
            columns += entered
            if entered == 0 { return (false, bound, columns) }
            columns += enterNegative(&master, columns: known, passes: poolPasses, deadline: deadline)
        }
        return (false, bound, columns)
    }

    /// The first centre: of the duals that charge each item its share of one dimension's
    /// capacity (or of their mean over dimensions), the one of best Farley bound, and that bound.
    static func volumeCenter(_ master: ItemSetMaster, _ pricer: ItemSetPricer, deadline: UInt64?) -> ([Double], Double) {
        let d = pricer.d
        var best: ([Double], Double) = ([Double](repeating: 0, count: master.m), 0)
        for k in 0...d {
            let y = (0..<master.m).map { r in
                k < d ? pricer.sizes[r * d + k] / pricer.limit[k]
                      : (0..<d).reduce(0.0) { $0 + pricer.sizes[r * d + $1] / pricer.limit[$1] } / Double(d)
            }
            let round = pricer.price(y, deadline: deadline)
            guard round.exact else { continue }
            let value = y.reduce(0, +) / Swift.max(round.greatestValue, 1)
            if value > best.1 { best = (y, value) }
        }
        return best
    }

    /// The pool's sets whose items are all rows of `master`, as rows (ascending).
    static func usableColumns(_ master: ItemSetMaster, pool: [[Int32]]) -> [[Int32]] {
        guard !pool.isEmpty else { return [] }
        var row = [Int32: Int32]()
        for (r, i) in master.items.enumerated() { row[Int32(i)] = Int32(r) }
        return pool.compactMap { set in
            var rows: [Int32] = []
            for i in set { guard let r = row[i] else { return nil }; rows.append(r) }
            return rows.sorted()
        }
    }

    /// Enters the columns of negative reduced cost, in passes until one enters none (at most
    /// `passes`) or `deadline` passes: a column that left the basis may be worth bringing back
    /// after other pivots.
    static func enterNegative(_ master: inout ItemSetMaster, columns: [[Int32]], passes: Int, deadline: UInt64?) -> Int {
        var entered = 0
        for _ in 0..<passes {
            var pass = 0
            for rows in columns where master.reducedCost(rows) < -1e-9 {
                if master.enter(rows) { pass += 1 }
                if pass & 63 == 63, let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return entered + pass }
            }
            entered += pass
            if pass == 0 { break }
        }
        return entered
    }

    /// The fixed sets as bins, then the items left by first fit decreasing (by the sum of sizes
    /// over capacity) into the bins with room or new ones.
    static func packing(_ problem: PackingProblem, bins: [[Int]], rest: [Int]) -> Packing {
        let d = problem.dimensions
        let limit = problem.fitLimits()
        var assignment = [Int32](repeating: -1, count: problem.itemCount)
        var loads: [Double] = []
        for (b, items) in bins.enumerated() {
            loads.append(contentsOf: [Double](repeating: 0, count: d))
            for i in items {
                assignment[i] = Int32(b)
                for k in 0..<d { loads[b * d + k] += problem.size(i, k) }
            }
        }
        func weight(_ i: Int) -> Double { (0..<d).reduce(0) { $0 + problem.size(i, $1) / problem.capacity[$1] } }
        for i in rest.sorted(by: { (weight($0), $1) > (weight($1), $0) }) {
            let count = loads.count / d
            let b = (0..<count).first { b in (0..<d).allSatisfy { loads[b * d + $0] + problem.size(i, $0) <= limit[$0] } } ?? count
            if b == count { loads.append(contentsOf: [Double](repeating: 0, count: d)) }
            for k in 0..<d { loads[b * d + k] += problem.size(i, k) }
            assignment[i] = Int32(b)
        }
        return Packing(assignment: assignment, binCount: loads.count / d)
    }
}
