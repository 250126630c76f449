import CapacityModel
import Placement

/// Whether every VM restarts after a class of failures (any k blades, any one chassis), and
/// which VMs are stranded when not.
public struct FailureCheck: Sendable {
    /// What fails: "any 1 blade", "any 2 blades", "any 1 chassis".
    public var description: String
    /// Whether the pool's policy requires this check to pass.
    public var required: Bool
    /// Failure cases examined.
    public var casesChecked: Int
    /// Failure cases that exist (C(blades, k), or the number of chassis).
    public var casesTotal: Int
    /// Cases in which some VM found no room.
    public var failingCases: Int
    /// The blades (or chassis) of the case that strands the most VMs.
    public var worstCase: [Int]
    /// Names of the VMs stranded in the worst case, in restart order.
    public var stranded: [String]

    public var exhaustive: Bool { casesChecked == casesTotal }
    public var ok: Bool { failingCases == 0 }
}

/// Runs failure cases against a layout.
struct FailureChecker {
    let bladeProblem: BladeProblem
    let failoverProblem: PackingProblem
    let packing: Packing
    let failover: FailoverPlacement
    /// Most cases to examine before sampling.
    static let caseLimit = 3_000

    init(bladeProblem: BladeProblem, packing: Packing) {
        self.bladeProblem = bladeProblem
        self.failoverProblem = bladeProblem.failoverProblem()
        self.packing = packing
        failover = FailoverPlacement(failoverProblem, packing: packing)
    }

    /// Whether one case strands anything; returns the stranded VM indices.
    func strandedVMs(failing bins: [Int]) -> [Int] {
        failover.replace(failedBins: bins, order: bladeProblem.restartsBefore).stranded
    }

    /// Any `k` blades failing. Exhaustive when C(blades, k) ≤ caseLimit; otherwise the subsets of
    /// the most loaded blades and a seeded sample of the rest.
    func blades(k: Int, required: Bool) -> FailureCheck {
        let m = packing.binCount
        let label = "any \(k) blade\(k == 1 ? "" : "s")"
        guard k > 0, k < m else {
            // Losing every blade strands everything; losing none strands nothing.
            let all = k >= m && k > 0
            return FailureCheck(description: label, required: required, casesChecked: 1, casesTotal: 1,
                                failingCases: all ? 1 : 0, worstCase: all ? Array(0..<m) : [],
                                stranded: all ? bladeProblem.vms.map(\.name) : [])
        }
        let total = Combinatorics.binomial(m, k)
        let cases: [[Int]]
        if total <= Self.caseLimit {
            cases = Combinatorics.subsets(of: m, size: k)
        } else {
            cases = sampledCases(k: k)
        }
        return run(cases, label: label, required: required, total: total)
    }

    /// Every chassis failing in turn (chassis c holds the blades b with b % chassisCount == c).
    func chassis(count: Int, required: Bool) -> FailureCheck {
        let cases = (0..<count).map { c in (0..<packing.binCount).filter { $0 % count == c } }
        var check = run(cases, label: "any 1 chassis", required: required, total: count)
        if let worst = cases.firstIndex(of: check.worstCase) { check.worstCase = [worst] }
        return check
    }

    private func run(_ cases: [[Int]], label: String, required: Bool, total: Int) -> FailureCheck {
        var failing = 0
        var worst: ([Int], [Int]) = ([], [])
        for c in cases {
            let stranded = strandedVMs(failing: c)
            if !stranded.isEmpty {
                failing += 1
                if stranded.count > worst.1.count { worst = (c, stranded) }
            }
        }
        return FailureCheck(description: label, required: required, casesChecked: cases.count, casesTotal: total,
                            failingCases: failing, worstCase: worst.0,
                            stranded: worst.1.map { bladeProblem.vms[$0].name })
    }

    /// The k-subsets of the most loaded blades, then seeded random subsets, up to the limit.
    private func sampledCases(k: Int) -> [[Int]] {
        let loads = packing.loads(failoverProblem)
        let d = failoverProblem.dimensions
        let m = packing.binCount
        let peak = (0..<m).map { b in (0..<d).map { loads[b * d + $0] / failoverProblem.capacity[$0] }.max() ?? 0 }
        let byLoad = (0..<m).sorted { peak[$0] > peak[$1] || (peak[$0] == peak[$1] && $0 < $1) }
        var top = k
        while top < m && Combinatorics.binomial(top + 1, k) <= Self.caseLimit / 2 { top += 1 }
        var cases = Combinatorics.subsets(of: top, size: k).map { $0.map { byLoad[$0] }.sorted() }
        var seen = Set(cases)
        var rng = SplitMix64(seed: UInt64(m &* 1_000_003 &+ k))
        var attempts = 0
        while cases.count < Self.caseLimit && attempts < Self.caseLimit * 10 {
            attempts += 1
            var pick = Set<Int>()
            while pick.count < k { pick.insert(Int(rng.next() % UInt64(m))) }
            let c = pick.sorted()
            if seen.insert(c).inserted { cases.append(c) }
        }
        return cases
    }
}

/// Small combinatorial helpers.
enum Combinatorics {
    /// C(n, k), saturating at Int.max / 2.
    static func binomial(_ n: Int, _ k: Int) -> Int {
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
    static func subsets(of n: Int, size k: Int) -> [[Int]] {
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

/// SplitMix64: a tiny deterministic generator for sampling failure cases (no GSL needed here).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
