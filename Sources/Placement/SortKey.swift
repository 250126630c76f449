/// How items are ordered for the "decreasing" heuristics: by a scalar of their sizes normalised
/// by the bin capacity (Panigrahy et al. 2011, §3).
public enum SortKey: String, Sendable, CaseIterable {
    /// Σ_k size_k / capacity_k.
    case sum
    /// max_k size_k / capacity_k.
    case max
    /// Π_k (size_k / capacity_k) — ties of zero broken by sum.
    case product

    /// The key of item `i`.
    func key(_ problem: PackingProblem, _ i: Int) -> Double {
        let d = problem.dimensions
        var sum = 0.0, mx = 0.0, prod = 1.0
        for k in 0..<d {
            let s = problem.sizes[i * d + k] / problem.capacity[k]
            sum += s
            if s > mx { mx = s }
            prod *= s
        }
        switch self {
        case .sum: return sum
        case .max: return mx
        case .product: return prod > 0 ? prod : sum * 1e-300
        }
    }

    /// Item indices by decreasing key, ties by increasing index (deterministic).
    /// - Complexity: two O(n) passes of a radix sort on the 32-bit float keys (the indices, in
    ///   increasing order to start with, stay in that order within a key: the sort is stable).
    func decreasingOrder(_ problem: PackingProblem) -> [Int32] {
        let n = problem.itemCount
        var composite = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let key = Float(self.key(problem, i))
            // Non-negative floats order as their bit patterns; invert for decreasing order.
            let bits = UInt64(~key.bitPattern)
            composite[i] = (bits << 32) | UInt64(i)
        }
        RadixSort.sort(&composite, fromBit: 32)
        return composite.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }

    /// Members of larger redundancy groups first (they need distinct bins, so they open the
    /// bins the other items then fill), and within one group size by decreasing key.
    /// - Complexity: O(n log n).
    func groupsFirstOrder(_ problem: PackingProblem) -> [Int32] {
        let groups = problem.constraints.groups
        var members: [Int32: Int] = [:]
        for g in groups where g >= 0 { members[g, default: 0] += 1 }
        let groupSize: [Int] = (0..<problem.itemCount).map { groups.isEmpty || groups[$0] < 0 ? 0 : members[groups[$0], default: 0] }
        let byKey = decreasingOrder(problem)
        var rank = [Int32](repeating: 0, count: byKey.count)
        for (position, i) in byKey.enumerated() { rank[Int(i)] = Int32(position) }
        return byKey.sorted { a, b in
            let (ga, gb) = (groupSize[Int(a)], groupSize[Int(b)])
            return ga != gb ? ga > gb : rank[Int(a)] < rank[Int(b)]
        }
    }
}

/// LSD radix sort of 64-bit keys, 16 bits a pass, skipping passes whose digit never varies.
enum RadixSort {
    /// Sorts `keys` by their bits from `fromBit` up (0: the whole key), stably: keys equal in
    /// those bits keep their order. O(n) a pass of 16 bits.
    static func sort(_ keys: inout [UInt64], fromBit: Int = 0) {
        let n = keys.count
        if n < 256 {
            let mask: UInt64 = fromBit == 0 ? .max : ~((1 << UInt64(fromBit)) - 1)
            // Stable: equal high parts keep their order (the low bits of each key).
            if fromBit == 0 { keys.sort() } else {
                keys = keys.enumerated().sorted { ($0.element & mask, $0.offset) < ($1.element & mask, $1.offset) }.map(\.element)
            }
            return
        }
        var buffer = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        var inBuffer = false
        keys.withUnsafeMutableBufferPointer { a in
            buffer.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { c in
                    var src = a, dst = b
                    for shift in stride(from: fromBit, to: 64, by: 16) {
                        for j in 0..<(1 << 16) { c[j] = 0 }
                        for x in src { c[Int((x >> UInt64(shift)) & 0xFFFF)] += 1 }
                        if c[Int((src[0] >> UInt64(shift)) & 0xFFFF)] == n { continue }
                        var total = 0
                        for j in 0..<(1 << 16) { let t = c[j]; c[j] = total; total += t }
                        for x in src {
                            let digit = Int((x >> UInt64(shift)) & 0xFFFF)
                            dst[c[digit]] = x
                            c[digit] += 1
                        }
                        swap(&src, &dst)
                        inBuffer.toggle()
                    }
                }
            }
        }
        if inBuffer { keys = buffer }
    }
}
