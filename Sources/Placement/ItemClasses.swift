/// The unplaced items of a packing grouped by size vector, each class in index order, for the
/// bin-centric heuristics: items of one size score alike against a bin, so a choice scores each
/// class once. Classes are slices of one array (CSR), so building them allocates a few arrays
/// whatever the number of classes; removing any member is O(1) amortised (members are marked
/// and skipped), and an emptied class leaves `nonEmpty` in O(1) (its order is not kept: callers
/// break ties by item index).
struct ItemClasses {
    /// Members of class c: members[start[c] ..< start[c + 1]], by index; `front[c]` is the
    /// position of its first member not yet removed.
    private var members: [Int]
    private var start: [Int]
    private var front: [Int]
    private var removed: [Bool]
    /// Classes with members left, and where each class sits in it (−1: emptied).
    private(set) var nonEmpty: [Int]
    private var position: [Int]
    private(set) var remaining = 0

    /// - Complexity: O(n · d) expected (one hash of each size vector).
    init(_ problem: PackingProblem, unplaced: (Int) -> Bool) {
        let n = problem.itemCount, d = problem.dimensions
        removed = [Bool](repeating: true, count: n)
        var index: [ArraySlice<Double>: Int] = [:]
        var classOf = [Int](repeating: -1, count: n)
        var sizes: [Int] = []
        for i in 0..<n where unplaced(i) {
            let key = problem.sizes[i * d ..< (i + 1) * d]
            let c = index[key] ?? sizes.count
            if c == sizes.count {
                index[key] = c
                sizes.append(0)
            }
            classOf[i] = c
            sizes[c] += 1
            removed[i] = false
            remaining += 1
        }
        let classes = sizes.count
        start = [Int](repeating: 0, count: classes + 1)
        for c in 0..<classes { start[c + 1] = start[c] + sizes[c] }
        front = Array(start.dropLast())
        var fill = front
        members = [Int](repeating: 0, count: remaining)
        for i in 0..<n where classOf[i] >= 0 {
            members[fill[classOf[i]]] = i
            fill[classOf[i]] += 1
        }
        nonEmpty = Array(0..<classes)
        position = Array(0..<classes)
    }

    /// The first member of class `c` left (the class is not empty).
    func firstItem(_ c: Int) -> Int { members[front[c]] }

    /// The first member of class `c` left that `allowed` accepts, or nil.
    /// - Complexity: O(members skipped).
    func firstItem(_ c: Int, where allowed: (Int) -> Bool) -> Int? {
        for p in front[c]..<start[c + 1] where !removed[members[p]] && allowed(members[p]) { return members[p] }
        return nil
    }

    /// The lowest index left in any class (there is one).
    var firstRemaining: Int { nonEmpty.map(firstItem).min() ?? 0 }

    /// Takes item `i` out of its class `c`.
    mutating func remove(_ i: Int, from c: Int) {
        removed[i] = true
        remaining -= 1
        while front[c] < start[c + 1] && removed[members[front[c]]] { front[c] += 1 }
        guard front[c] == start[c + 1] else { return }
        let at = position[c], last = nonEmpty[nonEmpty.count - 1]
        nonEmpty[at] = last
        position[last] = at
        nonEmpty.removeLast()
        position[c] = -1
    }
}
