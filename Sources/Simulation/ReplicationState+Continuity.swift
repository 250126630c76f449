/// Disaster recovery's effect on service: a system restored at its pool's partner serves again.
extension ReplicationState {
    /// Tenant-system `ts` serves at its DR partner from `now`: its current outage ends here
    /// (counted against its cause); it stays up until its VMs at home are all back (failback).
    mutating func serveAtPartner(_ ts: Int, at now: Double) {
        guard !tsAtPartner[ts] else { return }
        if tsDownInstances[ts] > 0 { outcome.addDowntime(now - tsDownSince[ts], ts: ts, cause: tsDownCause[ts]) }
        tsAtPartner[ts] = tsDownInstances[ts] > 0
    }
}
