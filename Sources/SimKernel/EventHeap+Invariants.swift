extension EventHeap {
    /// Traps unless the heap order holds. Compiled into the hot paths only with
    /// `CLOUDPLAN_INTERNAL_CHECKS` (see Package.swift); tests call it directly.
    /// - Complexity: O(n).
    @usableFromInline func checkInvariants() {
        let start = hasHole ? 1 : 0
        precondition(slots <= capacity, "heap overflow")
        for i in Swift.max(start, 1)..<Swift.max(slots, 1) where i < slots {
            let parent = (i - 1) >> 2
            if hasHole && parent == 0 { continue }
            precondition(!base[i].precedes(base[parent]), "heap order violated at \(i)")
        }
    }
}
