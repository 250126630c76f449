import Testing
@testable import Planning

/// The gallop-then-bisect search over blade counts against a linear scan.
@Suite struct BladeCountSearchTests {
    /// For every threshold from the start to past the ceiling, with feasibility monotone in the
    /// count, the search returns the first passing count exactly as a scan would, the ceiling
    /// included (it was skipped when a galloping step overshot it), and nil past it.
    @Test func findsTheFirstPassingCountUpToTheCeiling() {
        for start in [1, 5, 100, 1_537] {
            for ceiling in [start, start + 1, start + 49, start + 250] {
                for threshold in start...(ceiling + 3) {
                    var tried: [Int] = []
                    let found = PoolPlanner.searchCount(from: start, ceiling: ceiling) { m -> Int? in
                        tried.append(m)
                        return m >= threshold ? m : nil
                    }
                    #expect(found == (threshold <= ceiling ? threshold : nil), "start \(start) ceiling \(ceiling) threshold \(threshold)")
                    #expect(tried.allSatisfy { $0 >= start && $0 <= ceiling })
                    #expect(tried.count <= 2 * (Int.bitWidth - (ceiling - start + 1).leadingZeroBitCount) + 2)
                }
            }
        }
    }
}
