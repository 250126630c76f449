import Testing
import TestSupport
@testable import Placement

/// Best fit, worst fit and the bin-centric rules at scale (issue 16, item 4) choose exactly what
/// the plain scans choose: the scans are written here as the oracles.
@Suite struct ScaledHeuristicTests {
    /// Best or worst fit by scanning every open bin: least (most) normalised room, lowest bin
    /// among equals.
    static func naiveScanFit(_ p: PackingProblem, order: [Int32], best: Bool) -> Packing {
        var state = BinState(p)
        _ = state.placePinned()
        let d = p.dimensions
        let inverse = p.capacity.map { 1 / $0 }
        for i32 in order {
            let i = Int(i32)
            if !p.constraints.pinned.isEmpty && p.constraints.pinned[i] >= 0 { continue }
            var chosen = -1, chosenRoom = 0.0
            for b in 0..<state.binCount where state.canPlace(i, b) {
                var room = 0.0
                for k in 0..<d { room += (p.capacity[k] - state.loads[b * d + k]) * inverse[k] }
                if chosen < 0 || (best ? room < chosenRoom : room > chosenRoom) { chosen = b; chosenRoom = room }
            }
            if chosen < 0 {
                for _ in 0..<Swift.max(p.constraints.domainCount, 1) {
                    let b = state.openBin()
                    if state.canPlace(i, b) { chosen = b; break }
                }
            }
            state.place(i, chosen)
        }
        return state.packing
    }

    /// The bin-centric rules by scoring every remaining item for every choice.
    static func naiveBinCentric(_ p: PackingProblem, dotProduct: Bool) -> Packing {
        var state = BinState(p)
        _ = state.placePinned()
        let d = p.dimensions
        let inverse = p.capacity.map { 1 / $0 }
        var remaining = (0..<p.itemCount).filter { state.assignment[$0] < 0 }
        var bin = 0
        while !remaining.isEmpty && bin < 10 * p.itemCount + 10 {
            if bin >= state.binCount { state.openBin() }
            while true {
                var bestPosition = -1, bestScore = 0.0
                for (position, i) in remaining.enumerated() where state.canPlace(i, bin) {
                    var score = 0.0
                    for k in 0..<d {
                        let s = p.sizes[i * d + k] * inverse[k], r = (p.capacity[k] - state.loads[bin * d + k]) * inverse[k]
                        score += dotProduct ? s * r : (r - s) * (r - s)
                    }
                    if bestPosition < 0 || (dotProduct ? score > bestScore : score < bestScore) { bestPosition = position; bestScore = score }
                }
                if bestPosition < 0 { break }
                state.place(remaining[bestPosition], bin)
                remaining.remove(at: bestPosition)
            }
            bin += 1
        }
        return state.packing
    }

    /// Seeded instances of 1-4 dimensions, few sizes (many ties) or many, with groups, failure
    /// domains and item limits: the same assignment as the scans.
    @Test(arguments: 0..<40)
    func sameChoicesAsTheScans(_ seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 1_000_003 &+ 11)
        let d = 1 + rng.below(4), n = 20 + rng.below(180)
        let sizesPerDimension = seed % 3 == 0 ? 3 : 40
        var sizes: [Double] = []
        for _ in 0..<n { for _ in 0..<d { sizes.append(Double(5 * (1 + rng.below(sizesPerDimension)))) } }
        var constraints = PackingConstraints()
        if seed % 4 == 1 { constraints.groups = (0..<n).map { _ in rng.below(3) == 0 ? Int32(rng.below(n / 4 + 1)) : -1 } }
        if seed % 8 == 5 { constraints.domainCount = 3 + rng.below(3) }
        if seed % 5 == 2 { constraints.maxItemsPerBin = 2 + rng.below(4) }
        if seed % 8 == 5 {
            // At most one member per domain: a group that large has a packing.
            constraints.groups = (0..<n).map { _ in rng.below(3) == 0 ? Int32(rng.below(n / 4 + 1)) : -1 }
            var members: [Int32: Int] = [:]
            for (i, g) in constraints.groups.enumerated() where g >= 0 {
                members[g, default: 0] += 1
                if members[g]! > constraints.domainCount { constraints.groups[i] = -1 }
            }
        }
        let p = PackingProblem(capacity: [Double](repeating: 250, count: d), sizes: sizes, constraints: constraints)
        for best in [true, false] {
            let order = SortKey.sum.decreasingOrder(p)
            let fast = try Packer.scanFit(p, order: order, best: best)
            #expect(fast.assignment == Self.naiveScanFit(p, order: order, best: best).assignment, "seed \(seed) best \(best)")
        }
        for dot in [true, false] {
            let fast = try #require(try Packer.binCentric(p, dotProduct: dot, deadline: nil))
            #expect(fast.assignment == Self.naiveBinCentric(p, dotProduct: dot).assignment, "seed \(seed) dot \(dot)")
        }
    }

    /// 40,000 VMs of 2 vCPU / 2 GiB on 8 vCPU / 16 GiB hosts: 10,000 hosts of 4 VMs each, for
    /// every rule (the lower bound, reached).
    @Test(arguments: [PackingHeuristic.bestFitDecreasing, .worstFitDecreasing, .dotProduct, .l2Norm])
    func fortyThousandVMs(_ h: PackingHeuristic) throws {
        let p = PackingProblem(capacity: [8, 16], sizes: [Double](repeating: 2, count: 80_000))
        let packing = try Packer.pack(p, heuristic: h)
        #expect(packing.binCount == 10_000)
        var counts = [Int](repeating: 0, count: packing.binCount)
        for b in packing.assignment { counts[Int(b)] += 1 }
        #expect(counts.allSatisfy { $0 == 4 })
    }
}
