import Foundation

/// Shard `index` of `count`: the work items from ⌊index·T/count⌋ to ⌊(index+1)·T/count⌋ of a list
/// of T work items: sweep runs or a grouping's scopes (contiguous, so that a shard plans few
/// variants; sizes differ by at most one).
public struct WorkShard: Sendable, Equatable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The whole list as one shard.
    public static let whole = WorkShard(index: 0, count: 1)

    /// Parses `I/N` (0 ≤ I < N); nil if it is not one.
    public static func parse(_ text: String) -> WorkShard? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1_000_000, i >= 0, i < n else { return nil }
        return WorkShard(index: i, count: n)
    }

    /// Its work items out of `total`.
    public func items(of total: Int) -> Range<Int> {
        let start = index * total / count, end = (index + 1) * total / count
        return start..<end
    }

    public var description: String { "\(index)/\(count)" }

    /// Why this is not a shard `parse` accepts, or nil.
    public var problem: String? {
        (1...1_000_000).contains(count) && (0..<count).contains(index) ? nil : "shard \(index)/\(count) (0 ≤ I < N ≤ 1,000,000)"
    }
}
