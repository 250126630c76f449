/// Which sums of a few whole-number weights are reachable up to a capacity, and a subset for
/// each: a bitset of capacity + 1 bits shifted and or-ed once per weight, recording for each sum
/// the first weight that reached it (so a subset is read back by following those weights down).
///
/// Reused between calls: the buffers grow to the largest capacity seen and nothing is allocated
/// per call after that.
/// - Complexity: O(k · C / 64 + C) for k weights and capacity C.
struct SubsetSum {
    private var words: [UInt64] = []
    /// For each reachable sum, the index of the weight that first reached it.
    private var first: [Int32] = []
    private var capacity = 0
    private var weights: [Int] = []

    /// Computes the sums reachable with `weights` (each used at most once) up to `capacity`.
    mutating func run(_ weights: [Int], capacity: Int) {
        self.capacity = capacity
        // Copied into its own buffer, so that a caller's buffer stays uniquely referenced.
        self.weights.removeAll(keepingCapacity: true)
        self.weights.append(contentsOf: weights)
        let count = capacity / 64 + 1
        if words.count < count { words = [UInt64](repeating: 0, count: count) }
        if first.count < capacity + 1 { first = [Int32](repeating: -1, count: capacity + 1) }
        for i in 0..<count { words[i] = 0 }
        words[0] = 1
        let topBits = (capacity % 64) + 1
        let topMask: UInt64 = topBits == 64 ? .max : (1 << UInt64(topBits)) - 1
        words.withUnsafeMutableBufferPointer { bits in
            first.withUnsafeMutableBufferPointer { reach in
                for (index, w) in weights.enumerated() where w <= capacity && w >= 0 {
                    let q = w / 64, r = UInt64(w % 64)
                    var i = count - 1
                    while i >= q {
                        var shifted = bits[i - q] << r
                        if r > 0 && i - q - 1 >= 0 { shifted |= bits[i - q - 1] >> (64 - r) }
                        if i == count - 1 { shifted &= topMask }
                        var added = shifted & ~bits[i]
                        if added != 0 {
                            bits[i] |= added
                            while added != 0 {
                                let bit = added.trailingZeroBitCount
                                reach[i * 64 + bit] = Int32(index)
                                added &= added - 1
                            }
                        }
                        i -= 1
                    }
                }
            }
        }
    }

    func reachable(_ sum: Int) -> Bool {
        sum >= 0 && sum <= capacity && words[sum / 64] >> UInt64(sum % 64) & 1 == 1
    }

    /// The largest reachable sum ≤ `limit`.
    func largest(atMost limit: Int) -> Int {
        var s = Swift.min(limit, capacity)
        while s > 0 {
            let word = words[s / 64] & (s % 64 == 63 ? .max : (1 << UInt64(s % 64 + 1)) - 1)
            if word != 0 { return (s / 64) * 64 + 63 - word.leadingZeroBitCount }
            s = (s / 64) * 64 - 1
        }
        return 0
    }

    /// Indices (into the weights of the last run) of a subset summing to a reachable `sum`.
    func subset(summingTo sum: Int) -> [Int] {
        var out: [Int] = []
        var s = sum
        while s > 0 {
            let i = Int(first[s])
            out.append(i)
            s -= weights[i]
        }
        return out
    }
}
