/// The unplaced items of a packing grouped by size vector, each class in index order, for the
/// bin-centric heuristics: items of one size score alike against a bin, so a choice scores each
/// class once. Removing any member is O(1) amortised (members are marked and skipped).
struct ItemClasses {
    /// Members of each class, by index; `front[c]` is the first not yet removed.
    private var members: [[Int]] = []
    private var front: [Int] = []
    private var removed: [Bool]
    /// Classes with members left, in order of their first member.
    private(set) var nonEmpty: [Int] = []
    private(set) var remaining = 0

    /// - Complexity: O(n · d) expected (one hash of each size vector).
    init(_ problem: PackingProblem, unplaced: (Int) -> Bool) {
        let d = problem.dimensions
        removed = [Bool](repeating: true, count: problem.itemCount)
        var index: [ArraySlice<Double>: Int] = [:]
        for i in 0..<problem.itemCount where unplaced(i) {
            let key = problem.sizes[i * d ..< (i + 1) * d]
            let c: Int
            if let known = index[key] {
                c = known
            } else {
                c = members.count
                index[key] = c
                members.append([])
                front.append(0)
            }
            members[c].append(i)
            removed[i] = false
            remaining += 1
        }
        nonEmpty = Array(members.indices)
    }

    /// The first member of class `c` left (the class is not empty).
    func firstItem(_ c: Int) -> Int { members[c][front[c]] }

    /// The first member of class `c` left that `allowed` accepts, or nil.
    /// - Complexity: O(members skipped).
    func firstItem(_ c: Int, where allowed: (Int) -> Bool) -> Int? {
        for p in front[c]..<members[c].count where !removed[members[c][p]] && allowed(members[c][p]) { return members[c][p] }
        return nil
    }

    /// The lowest index left in any class (there is one).
    var firstRemaining: Int { nonEmpty.map(firstItem).min() ?? 0 }

    /// Takes item `i` out of its class `c`.
    mutating func remove(_ i: Int, from c: Int) {
        removed[i] = true
        remaining -= 1
        while front[c] < members[c].count && removed[members[c][front[c]]] { front[c] += 1 }
        if front[c] == members[c].count { nonEmpty.removeAll { $0 == c } }
    }
}
