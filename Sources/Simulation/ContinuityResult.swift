/// Backup and disaster recovery across the replications (`continuity:`), each figure with its
/// 95% interval, beside the plan's analytic value where it has one. Hours and GiB.
public struct ContinuityResult: Sendable {
    public struct System: Sendable {
        public var tenantCode: String
        public var system: String
        public var pool: String
        public var partner: String?
        /// Whether its copies go to the partner (it has an RPO at all).
        public var offsite: Bool
        /// Time between completed copies at the partner, hours: each replication's median,
        /// 95th percentile and longest, averaged.
        public var rpoP50Hours: Estimate
        public var rpoP95Hours: Estimate
        public var rpoMaxHours: Estimate
        /// Copies completed at the partner, and those that overran their window, a replication.
        public var copies: Estimate
        public var windowOverruns: Estimate
        /// Site losses of its pool over all replications, restores at the partner after them,
        /// and losses after which it was not restored (left out, no room, no copy, or the site
        /// back first, or still recovering at the horizon).
        public var disasters: Int
        public var restores: Int
        public var notRestored: Int
        /// Hours from the site loss to serving at the partner (over replications with a restore).
        public var rtoHours: Estimate
        /// Data the newest copy lacked at the site losses, GiB a replication.
        public var dataLostGiB: Estimate
        /// The plan's figures for the same system (nil where it has none).
        public var plannedRPOHours: Double?
        public var plannedRTOHours: Double?
    }

    public struct Link: Sendable {
        public var link: String
        public var from: String
        public var to: String
        /// GiB carried over the horizon over what the whole bandwidth (mbps × efficiency) could carry.
        public var utilisation: Estimate
        /// Copies on it that overran their window, a replication.
        public var windowOverruns: Estimate
    }

    public struct Outages: Sendable {
        public var link: String
        public var outages: Estimate
        public var outageHours: Estimate
    }

    public var systems: [System]
    public var links: [Link]
    public var outages: [Outages]
}

extension ContinuityResult {
    /// Asks `s` for every estimate, in an order that depends only on the model (see
    /// `SimulationResult.build`). O(systems + channels + lines).
    init?<S: OutcomeStatistics>(model: SimulationModel, horizon: Double, statistics s: inout S) {
        guard let continuity = model.continuity, let plan = model.plan.continuity else { return nil }
        func estimate(range: ClosedRange<Double> = 0...Double.infinity, _ value: (ContinuityOutcome) -> Double) -> Estimate {
            s.estimate(range: range) { o in o.continuity.map { value($0) } ?? .nan }
        }
        func total(_ value: (ContinuityOutcome) -> Int32) -> Int { s.total { o in o.continuity.map { Int(value($0)) } ?? 0 } }
        systems = plan.systems.enumerated().map { i, row in
            System(tenantCode: row.tenant, system: row.system, pool: row.pool, partner: row.partner, offsite: continuity.systems[i].offsite,
                   rpoP50Hours: estimate { $0.rpoP50Seconds[i] / 3_600 }, rpoP95Hours: estimate { $0.rpoP95Seconds[i] / 3_600 },
                   rpoMaxHours: estimate { $0.rpoMaxSeconds[i] / 3_600 }, copies: estimate { Double($0.copies[i]) },
                   windowOverruns: estimate { Double($0.overruns[i]) }, disasters: total { $0.disasters[i] },
                   restores: total { $0.restores[i] }, notRestored: total { $0.notRestored[i] },
                   rtoHours: estimate { $0.rtoSeconds[i] / 3_600 }, dataLostGiB: estimate { $0.dataLostGiB[i] },
                   plannedRPOHours: row.rpoHours, plannedRTOHours: row.rtoHours)
        }
        links = continuity.channels.enumerated().map { c, channel in
            let capacityGiB = channel.wholeBitsPerSecond / (8 * 1_073_741_824) * horizon
            return Link(link: channel.link, from: channel.from, to: channel.to,
                        utilisation: estimate(range: 0...1) { $0.channelCarriedGiB[c] / capacityGiB },
                        windowOverruns: estimate { Double($0.channelOverruns[c]) })
        }
        outages = continuity.outageLines.enumerated().map { l, line in
            Outages(link: line.link, outages: estimate { Double($0.linkOutages[l]) },
                    outageHours: estimate { $0.linkOutageSeconds[l] / 3_600 })
        }
    }
}
