/// Checks that a packing keeps room for the items of failed bins: after losing any k bins (or
/// any one failure domain), every item of the lost bins must be re-placeable on the rest, as
/// `FailoverPlacement` re-places them.
public struct FailureCoverage {
    /// The outcome of a class of failure cases.
    public struct Report: Sendable, Hashable {
        /// Failure cases examined.
        public var casesChecked: Int
        /// Failure cases that exist (exact: C(bins, k) is beyond any `Int` for large pools).
        public var casesTotal: CaseCount
        /// Cases in which some item found no room.
        public var failingCases: Int
        /// The bins of the case that strands the most items.
        public var worstCase: [Int]
        /// The items stranded in that case, in re-placement order.
        public var stranded: [Int]

        public var exhaustive: Bool { CaseCount(casesChecked) == casesTotal }
        public var ok: Bool { failingCases == 0 }
    }

    /// Most cases examined before sampling.
    public static let caseLimit = 3_000

    let failover: FailoverPlacement
    let problem: PackingProblem
    let packing: Packing
    let order: (Int, Int) -> Bool

    /// - Parameters:
    ///   - problem: the items with the capacities allowed after a failure.
    ///   - order: re-placement order (restart priority); by item index if nil.
    public init(_ problem: PackingProblem, packing: Packing, order: ((Int, Int) -> Bool)? = nil) {
        self.problem = problem
        self.packing = packing
        self.order = order ?? { $0 < $1 }
        failover = FailoverPlacement(problem, packing: packing)
    }

    /// Items stranded when `bins` fail.
    public func stranded(failing bins: [Int]) -> [Int] {
        failover.replace(failedBins: bins, order: order).stranded
    }

    /// Any `k` bins failing: exhaustive when C(bins, k) ≤ caseLimit, otherwise every k-subset of
    /// the most loaded bins plus a seeded sample of the rest.
    /// - Parameter stopAtFailure: stop at the first failing case (the report then says only that
    ///   the check fails; when it passes, it is the full report).
    public func anyBins(_ k: Int, stopAtFailure: Bool = false) -> Report {
        let m = packing.binCount
        guard k > 0, k < m else {
            let all = k >= m && k > 0
            return Report(casesChecked: 1, casesTotal: CaseCount(1), failingCases: all ? 1 : 0, worstCase: all ? Array(0..<m) : [],
                          stranded: all ? Array(0..<problem.itemCount) : [])
        }
        let total = CaseCount.binomial(m, k)
        let cases = total <= CaseCount(Self.caseLimit) ? Combinatorics.subsets(of: m, size: k) : sampledCases(k)
        return run(cases, total: total, stopAtFailure: stopAtFailure)
    }

    /// Each failure domain failing in turn (domain c holds the bins b with b % domains == c).
    public func anyDomain(of domains: Int) -> Report {
        let cases = (0..<domains).map { c in (0..<packing.binCount).filter { $0 % domains == c } }
        var report = run(cases, total: CaseCount(domains))
        if let worst = cases.firstIndex(of: report.worstCase) { report.worstCase = [worst] }
        return report
    }

    func run(_ cases: [[Int]], total: CaseCount, stopAtFailure: Bool = false) -> Report {
        var failing = 0
        var checked = 0
        var worst: ([Int], [Int]) = ([], [])
        var scratch = failover.scratch()
        for c in cases {
            checked += 1
            let s = failover.replace(failedBins: c, order: order, scratch: &scratch).stranded
            if !s.isEmpty {
                failing += 1
                if s.count > worst.1.count { worst = (c, s) }
                if stopAtFailure { break }
            }
        }
        return Report(casesChecked: checked, casesTotal: total, failingCases: failing, worstCase: worst.0, stranded: worst.1)
    }

    /// k-subsets of the most loaded bins, then seeded random subsets, up to the limit.
    func sampledCases(_ k: Int) -> [[Int]] {
        let loads = packing.loads(problem)
        let d = problem.dimensions
        let m = packing.binCount
        let peak = (0..<m).map { b in
            (0..<d).reduce(d > 0 ? -Double.infinity : 0) { Swift.max($0, loads[b * d + $1] / problem.capacity[$1]) }
        }
        let byLoad = (0..<m).sorted { peak[$0] > peak[$1] || (peak[$0] == peak[$1] && $0 < $1) }
        var top = k
        while top < m && Combinatorics.binomial(top + 1, k) <= Self.caseLimit / 2 { top += 1 }
        var cases = Combinatorics.subsets(of: top, size: k).map { $0.map { byLoad[$0] }.sorted() }
        var seen = Set(cases)
        var state = UInt64(m) &* 1_000_003 &+ UInt64(k)
        var attempts = 0
        while cases.count < Self.caseLimit && attempts < Self.caseLimit * 10 {
            attempts += 1
            var pick = Set<Int>()
            while pick.count < k {
                state &+= 0x9e3779b97f4a7c15
                var z = state
                z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
                z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
                pick.insert(Int((z ^ (z >> 31)) % UInt64(m)))
            }
            let c = pick.sorted()
            if seen.insert(c).inserted { cases.append(c) }
        }
        return cases
    }
}

/// Packing with a reserve: enough room that any k bins may fail.
public enum ReservePacking {
    /// Adds bins to `packing` (spreading the items over them) until the loss of any `k` bins
    /// strands nothing; the check is `FailureCoverage.anyBins(k)`.
    /// - Returns: the packing and its coverage report; nil if no layout of up to 2 × bins + k works.
    public static func withReserve(_ problem: PackingProblem, packing: Packing, failures k: Int)
        -> (Packing, FailureCoverage.Report)? {
        guard k > 0 else { return (packing, FailureCoverage(problem, packing: packing).anyBins(0)) }
        let limit = 2 * packing.binCount + k
        // The m − k bins left after any k fail hold every item: m ≥ (volume bound) + k.
        var m = Swift.max(packing.binCount + 1, LowerBounds.volume(problem) + k)
        while m <= limit {
            // Spread over m bins, or keep the packing and leave k bins free.
            var candidates: [Packing] = []
            if let spread = FixedBinPacking.balanced(problem, bins: m) { candidates.append(spread) }
            if m - k >= packing.binCount {
                var spare = packing
                spare.binCount = m
                candidates.append(spare)
            }
            for c in candidates {
                // A layout that fails is dropped at its first failing case (the most loaded
                // bins come first); one that passes has had every case checked.
                let report = FailureCoverage(problem, packing: c).anyBins(k, stopAtFailure: true)
                if report.ok { return (c, report) }
            }
            m += 1
        }
        return nil
    }
}

/// Small combinatorial helpers.
public enum Combinatorics {
    /// C(n, k), saturating at Int.max / 2.
    public static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        let k = Swift.min(k, n - k)
        var result = 1
        for i in 0..<k {
            let (mul, overflow) = result.multipliedReportingOverflow(by: n - i)
            if overflow { return Int.max / 2 }
            result = mul / (i + 1)
        }
        return result
    }

    /// All k-subsets of 0..<n in lexicographic order.
    public static func subsets(of n: Int, size k: Int) -> [[Int]] {
        guard k > 0, k <= n else { return k == 0 ? [[]] : [] }
        var result: [[Int]] = []
        var current = Array(0..<k)
        while true {
            result.append(current)
            var i = k - 1
            while i >= 0 && current[i] == n - k + i { i -= 1 }
            if i < 0 { break }
            current[i] += 1
            for j in (i + 1)..<k { current[j] = current[j - 1] + 1 }
        }
        return result
    }
}
