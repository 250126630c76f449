import Dispatch
import Synchronization

/// Maps `body` over `items` on all cores; results are in input order whatever the scheduling,
/// so output stays deterministic.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> R) rethrows -> [R] {
    if items.count <= 1 { return try items.map(body) }
    let results = Mutex<[Int: Result<R, any Error>]>([:])
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        let r = Result { try body(items[i]) }
        results.withLock { $0[i] = r }
    }
    let collected = results.withLock { $0 }
    return try (0..<items.count).map { i -> R in
        switch collected[i]! {
        case .success(let v): return v
        case .failure(let e): throw e
        }
    }
}
