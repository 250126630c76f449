import Planning

/// The plan's findings in the reader's words, each tied to its check: a required HA check that
/// fails, a failure that stops every copy of replicated services, a storage array whose loss
/// stops systems, backup copies that do not fit their windows, recovery targets missed.
extension PlanDocument {
    public static func findings(_ plan: PlanResult, localizer l: Localizer) -> [Finding] {
        var out: [Finding] = []
        for p in plan.pools {
            for c in [p.ha.bladeFailures, p.ha.chassisFailure] where !c.ok {
                let what = scope(c, localizer: l)
                let id = "ha.\(p.name).\(c.bladesFailing == nil ? "chassis" : "blades")"
                if c.required {
                    out.append(Finding(check: id, severity: .failed, l.prose(
                        "pool {1}: losing {2} leaves VMs without a blade to restart on in {3} of {4} cases (up to {5} VMs); the HA policy asks that it never does.",
                        .code(p.name), .text(what), .strong(NumberFormat.integer(c.failingCases)),
                        .text(NumberFormat.integer(c.casesChecked)), .text(NumberFormat.integer(c.stranded.count)))))
                }
                let whole = c.wholeGroupsStranded
                guard !whole.isEmpty else { continue }
                let shown = whole.prefix(3).joined(separator: ", ") + (whole.count > 3 ? l(" and {1} more", String(whole.count - 3)) : "")
                var text = l.prose("pool {1}: losing {2} stops every copy of {3} replicated services at once ({4}).",
                                   .code(p.name), .text(what), .strong(NumberFormat.integer(whole.count)), .text(shown))
                if c.bladesFailing == nil && p.pool.policy.spreadRedundancyAcross != .chassis {
                    text = text + l.prose(" Keeping the copies in different chassis ({1}) would avoid it.", .code("spread_redundancy_across: chassis"))
                }
                out.append(Finding(check: id + ".services", severity: c.required ? .failed : .warning, text))
            }
            let a = p.ha.arrayLoss
            if !a.ok {
                out.append(Finding(check: "ha.\(p.name).array", severity: a.required ? .failed : .warning, l.prose(
                    "pool {1}: losing one storage array stops {2} systems (worst array: {3} VMs).",
                    .code(p.name), .strong(NumberFormat.integer(a.systemsDown.count)), .text(NumberFormat.integer(a.vmsOnWorstArray)))))
            }
        }
        return out + continuityFindings(plan, localizer: l)
    }

    static func continuityFindings(_ plan: PlanResult, localizer l: Localizer) -> [Finding] {
        guard let c = plan.continuity else { return [] }
        var out: [Finding] = []
        for link in c.links where !link.fitsWindows {
            let route = "\(link.link) \(link.from) → \(link.to.name)"
            if !link.windowOK {
                out.append(Finding(check: "backup.\(link.link).\(link.from).window", severity: .failed, l.prose(
                    "backup over {1} ({2}): a copy takes {3} h of a {4} h window.", .code(route), .text(link.policy),
                    .strong(NumberFormat.grouped(link.transferHours, decimals: 1)), .text(NumberFormat.grouped(link.windowHours, decimals: 1)))))
            }
            if link.fullWindowOK == false, let full = link.fullTransferHours {
                out.append(Finding(check: "backup.\(link.link).\(link.from).full_window", severity: .failed, l.prose(
                    "backup over {1} ({2}): the full copy takes {3} h of a {4} h window.", .code(route), .text(link.policy),
                    .strong(NumberFormat.grouped(full, decimals: 1)), .text(NumberFormat.grouped(link.fullWindowHours ?? 0, decimals: 1)))))
            }
        }
        let missed = c.systems.filter { $0.rpoOK == false || $0.rtoOK == false }
        if !missed.isEmpty {
            let names = missed.prefix(5).map { "\($0.tenant)/\($0.system)" }.joined(separator: ", ")
                + (missed.count > 5 ? l(" and {1} more", String(missed.count - 5)) : "")
            out.append(Finding(check: "dr.targets", severity: .failed, l.prose(
                "after a site disaster, {1} systems would lose more data or stay down longer than the targets allow ({2}).",
                .strong(NumberFormat.integer(missed.count)), .text(names))))
        }
        return out
    }
}
