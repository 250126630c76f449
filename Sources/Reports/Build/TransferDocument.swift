import Planning

/// `cloudplan transfer` as a `ReportDocument`: the figures and the arithmetic behind them.
public enum TransferDocument {
    public static func build(_ e: TransferEstimate, localizer l: Localizer) -> ReportDocument {
        let table = ReportTable(id: "transfer", title: "",
                                columns: [.init("volume_gib", l("volume"), unit: .gib), .init("mbps", l("link (Mbps)")),
                                          .init("efficiency", l("efficiency")), .init("share", l("share")), .init("streams", l("streams")),
                                          .init("rate_mbps", l("effective rate (Mbps)")), .init("hours", l("time"), unit: .hours)],
                                rows: [[.number(e.volumeGiB, decimals: 3), .number(e.link.mbps, decimals: 3), .percent(e.link.efficiency, decimals: 1),
                                        .percent(e.share, decimals: 1), .integer(e.streams), .number(e.bitsPerSecond / 1e6, decimals: 3),
                                        .number(e.hours, decimals: 3)]])
        var parts: [ReportPart] = [.table(table), .paragraph(Prose(e.arithmetic))]
        if let w = e.windowHours {
            parts.append(.paragraph(e.windowOK == true ? Prose(l("It fits the {1} h window.", e.fmt(w))) : l.prose("{1}", .strong(l("It does not fit the {1} h window.", e.fmt(w))))))
        }
        return ReportDocument(title: l("Transfer"), language: l.language, sections: [ReportSection(id: "transfer", title: "", parts: parts)])
    }
}
