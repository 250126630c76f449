/// Minimum bin slack construction for whole-number one-dimensional instances, after Gupta and
/// Ho's MBS (1999) in the variant of Fleszar and Hindi (2002) that always puts the largest item
/// left into the bin: each bin takes the largest remaining item, then the subset of the other
/// remaining items that fills the room best (a subset-sum over them, `SubsetSum`).
/// Strong where first fit decreasing is weak: items of a third of a bin or so, which FFD pairs
/// badly.
/// - Complexity: O(bins · n · C / 64).
enum MinimumBinSlack {
    static func pack(weights: [Int], capacity: Int) -> Packing {
        var left = (0..<weights.count).sorted { (weights[$0], $1) > (weights[$1], $0) }.map(Int32.init)
        var assignment = [Int32](repeating: -1, count: weights.count)
        var subsets = SubsetSum()
        var bin: Int32 = 0
        while let largest = left.first {
            assignment[Int(largest)] = bin
            let others = Array(left.dropFirst())
            let room = capacity - weights[Int(largest)]
            var chosen = Set<Int>()
            if room > 0, !others.isEmpty {
                subsets.run(others.map { weights[Int($0)] }, capacity: room)
                chosen = Set(subsets.subset(summingTo: subsets.largest(atMost: room)))
            }
            for k in chosen { assignment[Int(others[k])] = bin }
            left = others.enumerated().filter { !chosen.contains($0.offset) }.map(\.element)
            bin += 1
        }
        return Packing(assignment: assignment, binCount: Int(bin))
    }
}
