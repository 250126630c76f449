/// Minimum bin slack construction for whole-number one-dimensional instances, after Gupta and
/// Ho's MBS (1999) in the variant of Fleszar and Hindi (2002) that always puts the largest item
/// left into the bin: each bin takes the largest remaining item, then the subset of the other
/// remaining items that fills the room best (a subset-sum over them, `SubsetSum`).
/// Strong where first fit decreasing is weak: items of a third of a bin or so, which FFD pairs
/// badly.
/// - Complexity: O(bins · n · C / 64).
enum MinimumBinSlack {
    /// The packing, or nil when `deadline` (uptime ns) passes first: checked before each bin,
    /// one bin's subset-sum (O(n · C / 64)) being the most it overruns.
    static func pack(weights: [Int], capacity: Int, deadline: UInt64? = nil) -> Packing? {
        var left = (0..<weights.count).sorted { (weights[$0], $1) > (weights[$1], $0) }.map(Int32.init)
        var assignment = [Int32](repeating: -1, count: weights.count)
        var subsets = SubsetSum()
        var taken = [Int](repeating: 0, count: capacity + 1)
        var bin: Int32 = 0
        while let largest = left.first {
            if let deadline, Clock.nanoseconds() >= deadline { return nil }
            assignment[Int(largest)] = bin
            let others = Array(left.dropFirst())
            let room = capacity - weights[Int(largest)]
            var chosen = Set<Int>()
            if room > 0, !others.isEmpty {
                let candidates = Self.candidates(others, weights: weights, room: room, taken: &taken)
                subsets.run(candidates.map { weights[Int(others[$0])] }, capacity: room)
                chosen = Set(subsets.subset(summingTo: subsets.largest(atMost: room)).map { candidates[$0] })
            }
            for k in chosen { assignment[Int(others[k])] = bin }
            left = others.enumerated().filter { !chosen.contains($0.offset) }.map(\.element)
            bin += 1
        }
        return Packing(assignment: assignment, binCount: Int(bin))
    }

    /// Positions in `others` of the items the subset-sum needs: of each weight w, the first
    /// ⌊room / w⌋ (a further copy reaches no sum the first ones do not, so the subset found is
    /// the one all of them would give); none heavier than the room or weighing nothing.
    /// `taken` (counts by weight, all 0) is left all 0. O(others).
    static func candidates(_ others: [Int32], weights: [Int], room: Int, taken: inout [Int]) -> [Int] {
        var out: [Int] = []
        for (position, item) in others.enumerated() {
            let w = weights[Int(item)]
            guard w > 0, w <= room, taken[w] < room / w else { continue }
            taken[w] += 1
            out.append(position)
        }
        for position in out { taken[weights[Int(others[position])]] = 0 }
        return out
    }
}
