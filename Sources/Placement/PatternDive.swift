/// One-dimensional packing by diving over the pattern relaxation (Gilmore and Gomory's, as in
/// `LPBound`): the relaxation over the items left is solved by column generation, its basic
/// patterns at value one or more become bins (as many copies as the whole part says), one
/// fractional pattern is rounded up to a bin, and the relaxation is solved again over what is
/// left, until nothing is. A level whose fixed bins plus the round-up of the relaxation's bound
/// reach the target ends the dive; the next dive chooses the fractional pattern at random among
/// the largest few, so that the dives differ.
///
/// On the classical instances with the integer round-up property (Falkenauer's, Scholl's,
/// Wäscher's, most of Schoenfield's Hard28) a dive reaches the round-up of the bound where the
/// moves of a local search stop one bin short: what those need is the right choice of whole
/// bins, which the relaxation's duals price.
///
/// Invariants: the master's demand (the items left) never goes below zero; every bin fixed holds
/// only sizes still wanted, at most as many copies as are wanted, and fits a bin (`realise`).
/// - Complexity: per relaxation, per column O(m²) for the pivot plus O(nonzeros of the pool)
///   for pricing the patterns already known, and O(C · Σ log d_i) for the knapsack when none of them prices; m
///   distinct sizes, capacity C. A dive solves at most one relaxation per bin.
struct PatternDive {
    /// The distinct sizes, largest first, and how many items have each.
    let sizes: [Int]
    let demand: [Int]
    let capacity: Int
    /// Every pattern generated so far, as its nonzero entries (size index, copies), for the
    /// later relaxations to price before they run a knapsack: a pattern holds a few sizes of
    /// many, and pricing the pool runs at every pivot.
    private var pool: [[(size: Int, copies: Int)]] = []
    /// The same patterns (copies of each size), so that each is kept once.
    private var known: Set<[Int]> = []
    private var rng: SplitMix64

    /// The fractional pattern rounded up is drawn among those within this much of the largest
    /// value (the first dive takes the largest).
    static let choiceWindow = 0.25

    /// Columns one relaxation may enter (a guard against cycling).
    static let columnLimit = 20_000

    /// The largest knapsack table (cells) the dive prices with: above it (Scholl's hard set,
    /// capacity 100,000: 20 million cells, some 20 ms a pricing) the relaxations are too slow to
    /// dive in a second. Wäscher's instances (1.1 million) are below it.
    static let knapsackCellLimit = 4_000_000

    /// Whether the dive is worth trying on these weights: its knapsack table within
    /// `knapsackCellLimit`. O(n).
    static func applies(weights: [Int], capacity: Int) -> Bool {
        let distinct = PatternMaster.distinctSizes(weights)
        return PatternMaster.knapsackCells(sizes: distinct.sizes, demand: distinct.demand, capacity: capacity)
            <= knapsackCellLimit
    }

    /// The master problem each dive starts from: the first relaxation's, when it is given.
    private var firstMaster: PatternMaster

    init(weights: [Int], capacity: Int, relaxation: PatternMaster? = nil, seed: UInt64) {
        (sizes, demand) = PatternMaster.distinctSizes(weights)
        self.capacity = capacity
        rng = SplitMix64(seed: seed &* 0x2545f4914f6cdd1d | 1)
        if let relaxation, relaxation.sizes == sizes, relaxation.demand == demand, relaxation.capacity == capacity {
            firstMaster = relaxation
            for r in 0..<relaxation.m where relaxation.isBin(r) { remember(relaxation.basis[r]) }
        } else {
            firstMaster = PatternMaster(sizes: sizes, demand: demand, capacity: capacity)
        }
    }

    /// Dives until one packs in fewer than `target` bins or `deadline`/`diveLimit` passes; each
    /// success lowers the target, until `lowerBound`. The best bins found (patterns, one a bin),
    /// nil if no dive beat `target`.
    mutating func run(target initial: Int, lowerBound: Int, deadline: UInt64?, diveLimit: Int) -> [[Int]]? {
        var best: [[Int]]?
        var target = initial
        var dives = 0
        while target > lowerBound, dives < diveLimit {
            if let deadline, Clock.nanoseconds() >= deadline { break }
            if let bins = dive(target: target, deadline: deadline, randomised: dives > 0), bins.count < target {
                best = bins
                target = bins.count
            }
            dives += 1
        }
        return best
    }

    /// One dive towards fewer than `target` bins: the bins, or nil when a level's bound shows it
    /// cannot get there, or the deadline passes. One master problem serves the whole dive: each
    /// bin fixed lowers its demand (`PatternMaster.lower(by:)`), and the next relaxation starts
    /// from the basis the last one ended with.
    mutating func dive(target: Int, deadline: UInt64?, randomised: Bool) -> [[Int]]? {
        var master = firstMaster
        var bins: [[Int]] = []
        while master.demand.contains(where: { $0 > 0 }) {
            guard let bound = relax(&master, deadline: deadline) else { return nil }
            if bins.isEmpty { firstMaster = master }
            if bins.count + Int((bound - 1e-7).rounded(.up)) >= target { return nil }
            var whole: [[Int]] = []
            var fractional: [(value: Double, pattern: [Int])] = []
            for r in 0..<master.m where master.isBin(r) && master.x[r] > 1e-9 {
                let value = master.x[r]
                let copies = Int((value + 1e-6).rounded(.down))
                for _ in 0..<copies { whole.append(master.basis[r]) }
                let part = value - Double(copies)
                if part > 1e-6 { fractional.append((part, master.basis[r])) }
            }
            if !fractional.isEmpty { whole.append(choose(fractional, randomised: randomised)) }
            let before = bins.count
            for pattern in whole {
                let bin = Self.realise(pattern, demand: master.demand)
                guard bin.contains(where: { $0 > 0 }) else { continue }
                master.lower(by: bin)
                bins.append(bin)
            }
            // Every basic pattern's slots may have gone to sizes no longer wanted: the basis says
            // nothing more, and the dive ends rather than solve the same relaxation again.
            if bins.count == before { return nil }
        }
        return bins
    }

    /// The bin a pattern makes of the items still wanted: the copies of a size beyond its
    /// demand hand their slots down to the next smaller size (as the exchange columns let the
    /// relaxation do), and what reaches the smallest size beyond its demand stays empty. The
    /// bin fits, since each slot holds an item no larger than the one the pattern put there.
    /// O(m).
    static func realise(_ pattern: [Int], demand: [Int]) -> [Int] {
        var bin = pattern
        var carried = 0
        for i in bin.indices {
            bin[i] += carried
            carried = Swift.max(0, bin[i] - demand[i])
            bin[i] -= carried
        }
        return bin
    }

    /// The fractional pattern to round up: the largest value (ties to the fuller pattern), or
    /// when randomised one drawn among those within `choiceWindow` of it.
    private mutating func choose(_ fractional: [(value: Double, pattern: [Int])], randomised: Bool) -> [Int] {
        let ranked = fractional.map { ($0.value, load($0.pattern), $0.pattern) }
            .sorted { ($0.0, $0.1) > ($1.0, $1.1) }
        guard randomised else { return ranked[0].2 }
        let close = ranked.prefix { $0.0 >= ranked[0].0 - Self.choiceWindow }.count
        return ranked[rng.below(close)].2
    }

    private func load(_ pattern: [Int]) -> Int {
        zip(pattern, sizes).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private mutating func remember(_ pattern: [Int]) {
        if known.insert(pattern).inserted {
            pool.append(pattern.enumerated().filter { $0.element > 0 }.map { (size: $0.offset, copies: $0.element) })
        }
    }

    /// Solves the relaxation of `master`'s demand by column generation from its basis: patterns
    /// already known are priced first (capped at the demand), a bounded knapsack when none
    /// prices. The best valid bound on the bins the demand needs, nil if the deadline passes
    /// before any is known.
    mutating func relax(_ master: inout PatternMaster, deadline: UInt64?) -> Double? {
        let demand = master.demand
        var made: [[Int]] = []
        let run = master.generateColumns(deadline: deadline, columnLimit: Self.columnLimit, stopAtRoundUp: false,
                                         known: { [pool] in Self.bestKnown(in: pool, $0, demand: demand) },
                                         generated: { made.append($0) })
        for pattern in made { remember(pattern) }
        return run.bound
    }

    /// The known pattern of greatest dual value above one, capped at `demand`, if any (dense).
    /// O(nonzeros of the pool + m).
    private static func bestKnown(in pool: [[(size: Int, copies: Int)]], _ duals: [Double], demand: [Int]) -> [Int]? {
        var best = -1
        var bestValue = 1 + 1e-9
        for (k, pattern) in pool.enumerated() {
            var value = 0.0
            for (i, copies) in pattern where demand[i] > 0 {
                value += duals[i] * Double(Swift.min(copies, demand[i]))
            }
            if value > bestValue { bestValue = value; best = k }
        }
        guard best >= 0 else { return nil }
        var capped = [Int](repeating: 0, count: demand.count)
        for (i, copies) in pool[best] { capped[i] = Swift.min(copies, demand[i]) }
        return capped
    }

    /// The items of `weights` assigned to the bins (patterns over `sizes`), as a packing.
    func packing(of bins: [[Int]], weights: [Int]) -> Packing {
        var bySize: [Int: [Int32]] = [:]
        for (i, w) in weights.enumerated() { bySize[w, default: []].append(Int32(i)) }
        var contents: [[Int32]] = []
        for bin in bins {
            var items: [Int32] = []
            for (k, copies) in bin.enumerated() where copies > 0 {
                for _ in 0..<copies { items.append(bySize[sizes[k]]!.removeLast()) }
            }
            contents.append(items)
        }
        // Items of weight zero (no size) go in the first bin.
        if let zeros = bySize[0], !zeros.isEmpty {
            if contents.isEmpty { contents.append([]) }
            contents[0] += zeros
        }
        return Packing(binContents: contents, itemCount: weights.count)
    }
}
