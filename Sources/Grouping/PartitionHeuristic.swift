import Stochastics

extension PartitionSearch {
    /// A good partition of n players (any n) by local search from several starts: one group of
    /// every player (when allowed), then, up to `greedyUpTo` players, greedy merging from
    /// singletons (the first start merges the best pair each time; the others pick at random,
    /// seeded, among the three best merges). Local search moves one player to another group or
    /// to a group of its own while that lowers the total. Groups are sorted member lists; `cost`
    /// is asked for each group it needs (memoise it). Never worse than every player alone.
    /// - Complexity: O(n · groups) group costs per local-search pass (at most `passes`) per start;
    ///   greedy starts add O(n²) for the first merges and O(n) per merge.
    /// `prefetch`, when given, is told the groups about to be asked for, so that it can plan
    /// them in parallel.
    public static func heuristic(players n: Int, starts: Int = 3, seed: UInt64, passes: Int = 4, greedyUpTo: Int = 80,
                                 prefetch: ([[Int]]) -> Void = { _ in }, cost: ([Int]) -> Double) -> (groups: [[Int]], cost: Double) {
        prefetch((0..<n).map { [$0] } + [Array(0..<n)])
        var best: (groups: [[Int]], cost: Double) = ((0..<n).map { [$0] }, (0..<n).reduce(0.0) { $0 + cost([$1]) })
        if n > 1, cost(Array(0..<n)).isFinite {
            var groups = [Array(0..<n)]
            localSearch(&groups, passes: passes, prefetch: prefetch, cost: cost)
            let total = groups.reduce(0.0) { $0 + cost($1) }
            if total < best.cost - 1e-9 { best = (groups, total) }
        }
        for start in 0..<(n <= greedyUpTo ? Swift.max(1, starts) : 0) {
            if start == 0 {
                prefetch((0..<n).flatMap { i in ((i + 1)..<n).map { [i, $0] } })
            }
            let random = start == 0 ? nil : RandomStream(seed: seed, stream: start)
            var groups = greedyMerge(players: n, random: random, prefetch: prefetch, cost: cost)
            localSearch(&groups, passes: passes, prefetch: prefetch, cost: cost)
            let total = groups.reduce(0.0) { $0 + cost($1) }
            if total < best.cost - 1e-9 { best = (groups, total) }
        }
        best.groups.sort { $0[0] < $1[0] }
        return best
    }

    /// Merges the pair of groups with the largest saving c(A) + c(B) − c(A ∪ B) > 0 until none
    /// saves; with `random`, one of the three largest savings at random.
    static func greedyMerge(players n: Int, random: RandomStream?, prefetch: ([[Int]]) -> Void, cost: ([Int]) -> Double) -> [[Int]] {
        var saving: [Int: [Int: Double]] = [:]   // by group id pairs (i < j)
        var ids = Array(0..<n)
        var nextID = n
        var members: [Int: [Int]] = Dictionary(uniqueKeysWithValues: (0..<n).map { ($0, [$0]) })
        func pairSaving(_ a: Int, _ b: Int) -> Double {
            let ga = members[a]!, gb = members[b]!
            let merged = (ga + gb).sorted()
            let s = cost(ga) + cost(gb) - cost(merged)
            return s.isNaN ? -.infinity : s
        }
        for x in 0..<ids.count {
            for y in (x + 1)..<ids.count { saving[ids[x], default: [:]][ids[y]] = pairSaving(ids[x], ids[y]) }
        }
        while true {
            var candidates: [(Double, Int, Int)] = []
            for (a, row) in saving { for (b, s) in row where s > 1e-6 { candidates.append((s, a, b)) } }
            guard !candidates.isEmpty else { break }
            candidates.sort { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) }
            var pick = candidates[0]
            if let random, candidates.count > 1 {
                pick = candidates[random.integer(below: Swift.min(3, candidates.count))]
            }
            let (_, a, b) = pick
            let merged = (members[a]! + members[b]!).sorted()
            members[a] = nil
            members[b] = nil
            saving[a] = nil
            saving[b] = nil
            for k in saving.keys { saving[k]![a] = nil; saving[k]![b] = nil }
            ids.removeAll { $0 == a || $0 == b }
            let id = nextID
            nextID += 1
            members[id] = merged
            prefetch(ids.map { (members[$0]! + merged).sorted() })
            for other in ids { saving[other, default: [:]][id] = pairSaving(other, id) }
            ids.append(id)
        }
        return ids.map { members[$0]! }
    }

    /// Moves single players between groups (or to a group of their own) while the total falls.
    static func localSearch(_ groups: inout [[Int]], passes: Int, prefetch: ([[Int]]) -> Void, cost: ([Int]) -> Double) {
        for _ in 0..<passes {
            var improved = false
            var g = 0
            while g < groups.count {
                var moved = false
                prefetch(groups[g].flatMap { p in
                    groups.indices.filter { $0 != g }.map { (groups[$0] + [p]).sorted() } + [groups[g].filter { $0 != p }].filter { !$0.isEmpty }
                })
                for p in groups[g] where groups[g].count > 1 || groups.count > 1 {
                    let from = groups[g], without = from.filter { $0 != p }
                    let base = cost(from)
                    var bestDelta = -1e-6, bestTarget: Int?
                    for h in groups.indices where h != g {
                        let to = groups[h]
                        let delta = (without.isEmpty ? 0 : cost(without)) + cost((to + [p]).sorted()) - base - cost(to)
                        if delta < bestDelta { bestDelta = delta; bestTarget = h }
                    }
                    if from.count > 1 {
                        let delta = cost(without) + cost([p]) - base
                        if delta < bestDelta { bestDelta = delta; bestTarget = -1 }
                    }
                    guard let target = bestTarget else { continue }
                    if target == -1 {
                        groups[g] = without
                        groups.append([p])
                    } else {
                        groups[target] = (groups[target] + [p]).sorted()
                        groups[g] = without
                    }
                    groups.removeAll { $0.isEmpty }
                    moved = true
                    improved = true
                    break
                }
                if !moved { g += 1 }
            }
            if !improved { break }
        }
    }
}
