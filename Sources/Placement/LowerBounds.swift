/// Lower bounds on the number of bins any packing needs.
public enum LowerBounds {
    /// max over dimensions of ⌈Σ sizes / capacity⌉.
    /// - Complexity: O(n · d).
    public static func volume(_ problem: PackingProblem) -> Int {
        let d = problem.dimensions
        var sums = [Double](repeating: 0, count: d)
        for i in 0..<problem.itemCount { for k in 0..<d { sums[k] += problem.sizes[i * d + k] } }
        var bound = problem.itemCount > 0 ? 1 : 0
        for k in 0..<d {
            // Finite and within Int even for a denormal capacity (the item count bounds it anyway).
            let ratio = Swift.min(sums[k] / problem.capacity[k], Double(problem.itemCount))
            bound = Swift.max(bound, Int((ratio - 1e-9).rounded(.up)))
        }
        return bound
    }

    /// Martello and Toth's L2 bound for one-dimensional bin packing, applied to each dimension
    /// separately: for every threshold α ≤ C/2, items > C − α need a bin each; items in
    /// (C/2, C − α] too; what items in [α, C/2] do not fit beside them needs more bins.
    /// (Martello & Toth, "Lower bounds and reduction procedures for the bin packing problem", 1990.)
    /// - Complexity: O(d · n) (a radix sort of each dimension) plus O(d · distinct sizes · log n).
    public static func martelloToth(_ problem: PackingProblem) -> Int {
        var best = 0
        for k in 0..<problem.dimensions {
            let c = problem.capacity[k]
            best = Swift.max(best, l2(sizes: sortedSizes(problem, dimension: k), capacity: c))
        }
        return best
    }

    /// Dimension `k`'s sizes in increasing order: non-negative doubles order as their bit
    /// patterns (−0 is read as +0), sorted by `RadixSort`. O(n).
    static func sortedSizes(_ problem: PackingProblem, dimension k: Int) -> [Double] {
        var bits = (0..<problem.itemCount).map { (problem.size($0, k) + 0.0).bitPattern }
        RadixSort.sort(&bits)
        return bits.map(Double.init(bitPattern:))
    }

    /// L2 on one sorted dimension.
    static func l2(sizes: [Double], capacity c: Double) -> Int {
        let n = sizes.count
        guard n > 0 else { return 0 }
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + sizes[i] }
        // Candidate thresholds: 0 and every distinct size ≤ C/2.
        var alphas: [Double] = [0]
        for s in sizes where s <= c / 2 && s != alphas.last { alphas.append(s) }
        func countAbove(_ x: Double) -> Int {       // items strictly greater than x
            var lo = 0, hi = n
            while lo < hi { let m = (lo + hi) / 2; if sizes[m] > x { hi = m } else { lo = m + 1 } }
            return n - lo
        }
        func firstAtLeast(_ x: Double) -> Int {
            var lo = 0, hi = n
            while lo < hi { let m = (lo + hi) / 2; if sizes[m] >= x { hi = m } else { lo = m + 1 } }
            return lo
        }
        var best = 0
        let eps = c * 1e-12
        for a in alphas {
            let bigStart = n - countAbove(c - a + eps)          // J1: s > C − α
            let midStart = n - countAbove(c / 2 + eps)          // J1 ∪ J2: s > C/2
            let smallStart = firstAtLeast(a - eps)              // J3: α ≤ s ≤ C/2
            let j1 = n - bigStart
            let j2 = bigStart - midStart
            let j2Sum = prefix[bigStart] - prefix[midStart]
            let j3Sum = prefix[midStart] - prefix[smallStart]
            let spare = Double(j2) * c - j2Sum
            let extra = Swift.max(0, Int((Swift.min((j3Sum - spare) / c, Double(n)) - 1e-9).rounded(.up)))
            best = Swift.max(best, j1 + j2 + extra)
        }
        return best
    }

    /// Items that pairwise cannot share a bin need a bin each: a greedy clique in the conflict
    /// graph (two items conflict when together they exceed the capacity in some dimension, or
    /// belong to the same redundancy group with every bin its own domain). The greedy pass looks
    /// at the `candidateLimit` items largest in some dimension, which bounds its cost on huge
    /// instances (the bound stays valid: any clique is).
    /// - Complexity: O(min(n, candidateLimit)² · d).
    public static func conflictClique(_ problem: PackingProblem, candidateLimit: Int = 4_000) -> Int {
        let n = problem.itemCount, d = problem.dimensions
        guard n > 0 else { return 0 }
        let groups = problem.constraints.groups
        let sameDomainForbidden = problem.constraints.domainCount == 0
        func conflict(_ a: Int, _ b: Int) -> Bool {
            if sameDomainForbidden, !groups.isEmpty, groups[a] >= 0, groups[a] == groups[b] { return true }
            for k in 0..<d where problem.sizes[a * d + k] + problem.sizes[b * d + k] > problem.capacity[k] * (1 + 1e-12) {
                return true
            }
            return false
        }
        let order = SortKey.max.decreasingOrder(problem).prefix(candidateLimit).map(Int.init)
        var clique: [Int] = []
        for i in order where clique.allSatisfy({ conflict($0, i) }) { clique.append(i) }
        return clique.count
    }

    /// Members of one redundancy group sit in distinct failure domains, hence in distinct bins:
    /// the largest group needs as many bins as it has members.
    /// - Complexity: O(n).
    public static func largestGroup(_ problem: PackingProblem) -> Int {
        var members: [Int32: Int] = [:]
        for g in problem.constraints.groups where g >= 0 { members[g, default: 0] += 1 }
        return members.values.max() ?? 0
    }

    /// The best of the bounds above.
    public static func best(_ problem: PackingProblem) -> Int {
        Swift.max(volume(problem), martelloToth(problem), conflictClique(problem), largestGroup(problem))
    }
}
