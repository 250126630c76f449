import Dispatch
import Synchronization

/// Maps `body` over `items` on all cores; results are in input order whatever the scheduling,
/// so output stays deterministic.
/// The first failure in input order is thrown (the same one whatever the scheduling).
package func parallelMap<T: Sendable, R: Sendable, E: Error>(_ items: [T], _ body: @Sendable (T) throws(E) -> R) throws(E) -> [R] {
    let results = Mutex<[Result<R, E>?]>([Result<R, E>?](repeating: nil, count: items.count))
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        let r: Result<R, E>
        do throws(E) { r = .success(try body(items[i])) } catch { r = .failure(error) }
        results.withLock { $0[i] = r }
    }
    var values: [R] = []
    values.reserveCapacity(items.count)
    for result in results.withLock({ $0 }) {
        // Every slot was filled: concurrentPerform returns after all iterations.
        guard let result else { continue }
        values.append(try result.get())
    }
    return values
}
