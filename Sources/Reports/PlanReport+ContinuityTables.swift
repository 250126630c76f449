import Planning

/// Backup and disaster recovery in the text and Markdown reports: one row per link load, one
/// per partner; the per-system rows are in the JSON (`dr.systems`).
extension PlanReport {
    static func linkTable(_ c: ContinuityPlan) -> TextTable {
        var t = TextTable(["link", "from", "to", "policy", "jobs", "volume GiB", "hours", "window h", "full h", "full window h", "ok", "use"])
        for l in c.links where l.link != officeLink {
            t.add([l.link, l.from, l.to.name, l.policy, NumberFormat.integer(l.jobs), NumberFormat.grouped(l.volumeGiB, decimals: 1),
                   NumberFormat.grouped(l.transferHours, decimals: 2), NumberFormat.grouped(l.windowHours, decimals: 2),
                   l.fullTransferHours.map { NumberFormat.grouped($0, decimals: 1) } ?? "-",
                   l.fullWindowHours.map { NumberFormat.grouped($0, decimals: 1) } ?? "-",
                   verdict(l), NumberFormat.percent(l.utilisation)])
        }
        return t
    }

    /// A link's verdict, as `LinkLoad.fitsWindows` (the JSON's `window_ok` and `full_window_ok`):
    /// "yes", or what does not fit.
    static func verdict(_ l: LinkLoad) -> String {
        switch (l.windowOK, l.fullWindowOK != false) {
        case (true, true): "yes"
        case (false, true): "NO"
        case (true, false): "NO (full)"
        case (false, false): "NO (both)"
        }
    }

    /// Findings for backup and DR: each link whose copies do not fit their windows, and the
    /// systems that miss their RPO or RTO target.
    static func continuityFindings(_ plan: PlanResult) -> [String] {
        guard let c = plan.continuity else { return [] }
        var lines: [String] = []
        for l in c.links where !l.fitsWindows {
            let to = l.to.name
            if !l.windowOK {
                lines.append("backup \(l.link) \(l.from) → \(to) (\(l.policy)): a copy takes \(NumberFormat.grouped(l.transferHours, decimals: 1)) h of a \(NumberFormat.grouped(l.windowHours, decimals: 1)) h window")
            }
            if l.fullWindowOK == false, let full = l.fullTransferHours {
                lines.append("backup \(l.link) \(l.from) → \(to) (\(l.policy)): the full copy takes \(NumberFormat.grouped(full, decimals: 1)) h of a \(NumberFormat.grouped(l.fullWindowHours ?? 0, decimals: 1)) h window")
            }
        }
        let missed = c.systems.filter { $0.rpoOK == false || $0.rtoOK == false }
        if !missed.isEmpty {
            lines.append("\(missed.count) system\(missed.count == 1 ? "" : "s") miss the RPO or RTO target after a site disaster: \(missed.prefix(5).map { "\($0.tenant)/\($0.system)" }.joined(separator: ", "))\(missed.count > 5 ? " and \(missed.count - 5) more" : "")")
        }
        return lines
    }

    static let officeLink = "office"

    /// One line for the municipalities' office copies (one link each): how many, the slowest.
    static func officeSummary(_ c: ContinuityPlan) -> String {
        let office = c.links.filter { $0.link == officeLink }
        guard let slowest = office.max(by: { $0.transferHours / $0.windowHours < $1.transferHours / $1.windowHours }) else { return "" }
        let late = office.filter { !$0.windowOK }.count
        return "office copies: \(office.count) (municipal copy to each town hall); slowest \(slowest.to.name): \(NumberFormat.grouped(slowest.transferHours, decimals: 2)) h of a \(NumberFormat.grouped(slowest.windowHours, decimals: 2)) h window; \(late == 0 ? "all fit" : "\(late) do not fit")\n"
    }

    static func partnerTable(_ c: ContinuityPlan) -> TextTable {
        var t = TextTable(["pool", "partner", "capacity", "free vCPU / GiB", "needed vCPU / GiB", "restored", "worst RPO h", "worst RTO h"])
        for p in c.partners {
            let mine = c.systems.filter { $0.pool == p.pool }
            let rpo = mine.compactMap(\.rpoHours).max(), rto = mine.compactMap(\.rtoHours).max()
            t.add([p.pool, p.partner, p.capacity.rawValue + (p.capacity == .reserve ? " \(p.reserveBlades) blades" : ""),
                   "\(NumberFormat.grouped(p.freeVCPU)) / \(NumberFormat.grouped(p.freeMemoryGiB))",
                   "\(NumberFormat.grouped(p.neededVCPU)) / \(NumberFormat.grouped(p.neededMemoryGiB))",
                   "\(p.restored) of \(p.systems)", rpo.map { NumberFormat.grouped($0, decimals: 2) } ?? "-",
                   rto.map { NumberFormat.grouped($0, decimals: 2) } ?? "-"])
        }
        return t
    }

    /// The text section: links, then partners, then the verdict against the targets.
    static func continuityText(_ plan: PlanResult) -> String {
        guard let c = plan.continuity else { return "" }
        var out = "\nBackup over the links (a night's copy, or one interval's for continuous replication):\n" + linkTable(c).render() + officeSummary(c)
        out += "\nSite disaster: restore at the partner (detection \(NumberFormat.grouped(c.detectionHours, decimals: 1)) h):\n" + partnerTable(c).render()
        let missed = c.systems.filter { $0.rpoOK == false || $0.rtoOK == false }
        if c.rpoTargetHours != nil || c.rtoTargetHours != nil {
            out += missed.isEmpty ? "every system meets the RPO and RTO targets\n"
                : "\(missed.count) system\(missed.count == 1 ? "" : "s") miss the RPO or RTO target: \(missed.prefix(5).map { "\($0.tenant)/\($0.system)" }.joined(separator: ", "))\(missed.count > 5 ? " and \(missed.count - 5) more" : "")\n"
        }
        return out
    }

    static func continuityMarkdown(_ plan: PlanResult) -> String {
        guard let c = plan.continuity else { return "" }
        return "\n## Backup and disaster recovery\n\n" + linkTable(c).markdown() + "\n" + officeSummary(c) + "\n" + partnerTable(c).markdown()
    }
}
