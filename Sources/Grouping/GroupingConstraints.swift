import CapacityModel

/// What a prefecture would require of a group (issue 34): at most so many tenants or residents,
/// tenants that must share a group or must not, one prefecture per group or neighbouring ones.
public struct GroupingConstraints: Sendable {
    public var maximumTenants: Int?
    public var maximumPopulation: Int?
    /// Sets of tenant indices that must be in one group (a group holds all of a set or none).
    public var together: [[Int]] = []
    /// Sets of tenant indices no two of which may share a group.
    public var apart: [[Int]] = []
    public var samePrefecture = false
    /// Every two members in one prefecture or in neighbouring ones (`PrefectureAdjacency`).
    public var neighbouringPrefectures = false

    public init(maximumTenants: Int? = nil, maximumPopulation: Int? = nil, together: [[Int]] = [], apart: [[Int]] = [],
                samePrefecture: Bool = false, neighbouringPrefectures: Bool = false) {
        self.neighbouringPrefectures = neighbouringPrefectures
        self.maximumTenants = maximumTenants
        self.maximumPopulation = maximumPopulation
        self.together = together
        self.apart = apart
        self.samePrefecture = samePrefecture
    }

    /// Whether `group` (tenant indices) may be a group. O(group² + constraint sets).
    public func allows(_ group: [Int], tenants: [Tenant]) -> Bool {
        if let m = maximumTenants, group.count > m { return false }
        if let m = maximumPopulation, group.count > 1, group.reduce(0, { $0 + tenants[$1].population }) > m { return false }
        let members = Set(group)
        for set in together {
            let inside = set.filter(members.contains).count
            if inside != 0 && inside != set.count { return false }
        }
        for set in apart where set.filter(members.contains).count > 1 { return false }
        if samePrefecture, let first = group.first, group.contains(where: { tenants[$0].prefecture != tenants[first].prefecture }) { return false }
        if neighbouringPrefectures {
            for (k, a) in group.enumerated() {
                for b in group[(k + 1)...] where !PrefectureAdjacency.neighbours(tenants[a], tenants[b]) { return false }
            }
        }
        return true
    }
}
