extension Scenario {
    /// The pool each tenant belongs to, by tenant index (a tenant is in one pool). O(tenants).
    public var poolOfTenant: [Int: Pool] {
        var out: [Int: Pool] = [:]
        for pool in pools { for t in pool.tenantIndices where out[t] == nil { out[t] = pool } }
        return out
    }
}
