import Dispatch
import Foundation
import Inventories
import Placement
import Synchronization

/// Packs a list of instances (in parallel, results in input order), checks every answer, and
/// records what is known about its quality.
public struct PackingRun: Sendable {
    public var method: PackingMethod
    /// Seconds per instance for the `.best` method.
    public var timeLimit: Double
    /// Bins whose loss every layout must survive (0: none).
    public var reserve: Int
    public var jobs: Int
    public var seed: UInt64

    public init(method: PackingMethod, timeLimit: Double, reserve: Int = 0, jobs: Int = 1, seed: UInt64 = 1) {
        self.method = method
        self.timeLimit = timeLimit
        self.reserve = reserve
        self.jobs = Swift.max(1, jobs)
        self.seed = seed
    }

    public struct Result: Sendable {
        public var name: String
        public var items: Int
        public var dimensions: Int
        public var bins: Int
        public var lowerBound: Int
        /// bins == lowerBound: proven optimal.
        public var optimal: Bool
        /// Seconds spent packing (and checking the reserve), excluding reading and writing.
        public var solveSeconds: Double
        public var method: String
        /// First fit decreasing (sum key) on the same instance, for comparison.
        public var ffdBins: Int
        public var knownOptimum: Int?
        public var bestPublishedHeuristic: Int?
        public var assignment: [Int32]
        public var itemNames: [String]
        /// With a reserve: the failure check of the final layout.
        public var reserveReport: FailureCoverage.Report?
        /// Bins before the reserve was added.
        public var binsWithoutReserve: Int
        /// Machines of an imported inventory that were not packed.
        public var excluded: [ImportedInventory.Excluded] = []
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// - Parameter progress: called with the number of instances done after each one (any thread).
    public func run(_ instances: [NamedInstance], progress: (@Sendable (Int) -> Void)? = nil) throws -> [Result] {
        let done = Mutex(0)
        let results = Mutex<[Int: Result]>([:])
        let errors = Mutex<[Int: String]>([:])
        let next = Mutex(0)
        let total = instances.count
        DispatchQueue.concurrentPerform(iterations: Swift.min(jobs, Swift.max(total, 1))) { _ in
            while true {
                let k: Int = next.withLock { n in defer { n += 1 }; return n }
                if k >= total { break }
                do {
                    let r = try solve(instances[k])
                    results.withLock { $0[k] = r }
                    let count = done.withLock { n in n += 1; return n }
                    progress?(count)
                } catch {
                    errors.withLock { $0[k] = "\(instances[k].name): \(error)" }
                }
            }
        }
        if let first = errors.withLock({ $0.sorted { $0.key < $1.key }.first }) { throw Failure(description: first.value) }
        return results.withLock { all in (0..<total).map { all[$0]! } }
    }

    func solve(_ instance: NamedInstance) throws -> Result {
        let problem = instance.problem
        let start = DispatchTime.now().uptimeNanoseconds
        let solution = try PlacementEngine.solve(problem, method: method, timeLimit: timeLimit, seed: seed)
        var packing = solution.packing
        var report: FailureCoverage.Report?
        if reserve > 0 {
            guard let (reserved, r) = ReservePacking.withReserve(problem, packing: packing, failures: reserve) else {
                throw Failure(description: "no layout survives the loss of \(reserve) bins")
            }
            packing = reserved
            report = r
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Nothing is reported that has not been checked.
        let violations = packing.violations(of: problem)
        guard violations.isEmpty else {
            throw Failure(description: "internal error: infeasible packing (\(violations.prefix(3).map(\.description).joined(separator: "; ")))")
        }
        let ffd = try Packer.pack(problem, heuristic: .firstFitDecreasing, sortKey: .sum).binCount
        var result = Result(name: instance.name, items: problem.itemCount, dimensions: problem.dimensions, bins: packing.binCount,
                      lowerBound: solution.lowerBound, optimal: reserve == 0 && solution.optimal,
                      solveSeconds: seconds, method: solution.method, ffdBins: ffd, knownOptimum: instance.optimum,
                      bestPublishedHeuristic: instance.bestHeuristic, assignment: packing.assignment,
                      itemNames: instance.itemNames, reserveReport: report, binsWithoutReserve: solution.bins)
        result.excluded = instance.excluded
        return result
    }
}
