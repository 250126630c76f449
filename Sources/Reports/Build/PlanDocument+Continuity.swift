import Planning

/// Backup and disaster recovery: one row per link load (the office copies summed in a
/// sentence), one per partner; the per-system rows are in the JSON (`dr.systems`).
extension PlanDocument {
    static let officeLink = "office"

    /// A link's verdict, as `LinkLoad.fitsWindows` (the JSON's `window_ok` and `full_window_ok`).
    static func verdict(_ link: LinkLoad, localizer l: Localizer) -> ReportValue {
        switch (link.windowOK, link.fullWindowOK != false) {
        case (true, true): .verdict(true, l("yes"))
        case (false, true): .verdict(false, l("NO"))
        case (true, false): .verdict(false, l("NO (full)"))
        case (false, false): .verdict(false, l("NO (both)"))
        }
    }

    static func continuity(_ c: ContinuityPlan, localizer l: Localizer) -> ReportSection {
        let links = c.links.filter { $0.link != officeLink }
        let hours = { (x: Double?) -> ReportValue in x.map { .number($0, decimals: 1) } ?? .missing }
        let linkTable = ReportTable(
            id: "backup_links", title: l("Backup over the links (a night's copy, or one interval's for continuous replication)"),
            columns: [.init("link", l("link")), .init("from", l("from")), .init("to", l("to")), .init("policy", l("policy")),
                      .init("jobs", l("jobs")), .init("volume_gib", l("volume"), unit: .gib), .init("transfer_hours", l("copy"), unit: .hours),
                      .init("window_hours", l("window"), unit: .hours), .init("full_transfer_hours", l("full copy"), unit: .hours),
                      .init("full_window_hours", l("full window"), unit: .hours), .init("window_ok", l("fits")),
                      .init("utilisation", l("link use"))],
            rows: links.map { x in
                [.text(x.link), .text(x.from), .text(x.to.name), .text(x.policy), .integer(x.jobs), .number(x.volumeGiB, decimals: 1),
                 .number(x.transferHours, decimals: 2), .number(x.windowHours, decimals: 2), hours(x.fullTransferHours),
                 hours(x.fullWindowHours), verdict(x, localizer: l), .percent(x.utilisation, decimals: 1)]
            }, printLimit: 100)
        var parts: [ReportPart] = [.table(linkTable)]
        let office = c.links.filter { $0.link == officeLink }
        if let slowest = office.max(by: { $0.transferHours / $0.windowHours < $1.transferHours / $1.windowHours }) {
            let late = office.filter { !$0.windowOK }.count
            parts.append(.paragraph(l.prose("Office copies (a municipal copy to each town hall): {1}; the slowest, to {2}, takes {3} h of a {4} h window; {5}.",
                                            .text(NumberFormat.integer(office.count)), .text(slowest.to.name),
                                            .text(NumberFormat.grouped(slowest.transferHours, decimals: 2)),
                                            .text(NumberFormat.grouped(slowest.windowHours, decimals: 2)),
                                            late == 0 ? .text(l("all fit")) : .strong(l("{1} do not fit", String(late))))))
        }
        parts.append(.table(partnerTable(c, localizer: l)))
        if c.rpoTargetHours != nil || c.rtoTargetHours != nil {
            let missed = c.systems.filter { $0.rpoOK == false || $0.rtoOK == false }.count
            parts.append(.paragraph(missed == 0 ? Prose(l("Every system meets the RPO and RTO targets."))
                                    : l.prose("{1} systems miss the RPO or RTO target.", .strong(NumberFormat.integer(missed)))))
        }
        return ReportSection(id: "continuity", title: l("Backup and disaster recovery"), parts: parts)
    }

    static func partnerTable(_ c: ContinuityPlan, localizer l: Localizer) -> ReportTable {
        ReportTable(
            id: "dr_partners", title: l("Site disaster: restore at the partner (detection {1} h)", NumberFormat.grouped(c.detectionHours, decimals: 1)),
            columns: [.init("pool", l("pool")), .init("partner", l("partner")), .init("capacity", l("capacity")),
                      .init("free_vcpu", l("free"), unit: .vcpu), .init("free_memory_gib", l("free"), unit: .gib),
                      .init("needed_vcpu", l("needed"), unit: .vcpu), .init("needed_memory_gib", l("needed"), unit: .gib),
                      .init("restored", l("restored")), .init("systems", l("systems")),
                      .init("worst_rpo_hours", l("worst RPO"), unit: .hours), .init("worst_rto_hours", l("worst RTO"), unit: .hours)],
            rows: c.partners.map { p in
                let mine = c.systems.filter { $0.pool == p.pool }
                let rpo = mine.compactMap(\.rpoHours).max(), rto = mine.compactMap(\.rtoHours).max()
                return [.text(p.pool), .text(p.partner),
                        .text(p.capacity.rawValue + (p.capacity == .reserve ? " " + l("{1} blades", String(p.reserveBlades)) : "")),
                        .number(p.freeVCPU, decimals: 0), .number(p.freeMemoryGiB, decimals: 0),
                        .number(p.neededVCPU, decimals: 0), .number(p.neededMemoryGiB, decimals: 0),
                        .integer(p.restored), .integer(p.systems),
                        rpo.map { .number($0, decimals: 2) } ?? .missing, rto.map { .number($0, decimals: 2) } ?? .missing]
            }, printLimit: 100)
    }
}
