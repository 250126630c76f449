import Planning

/// The report of `cloudplan transfer`: the figures and the arithmetic behind them.
public enum TransferReport {
    public static func json(_ e: TransferEstimate) -> JSONValue {
        .object([
            ("format", .string("cloudplan-transfer")),
            ("format_version", .integer(1)),
            ("volume_gib", .rounded(e.volumeGiB, 6)),
            ("mbps", .rounded(e.link.mbps, 6)),
            ("efficiency", .rounded(e.link.efficiency, 6)),
            ("share", .rounded(e.share, 6)),
            ("latency_ms", .rounded(e.link.latencyMilliseconds, 6)),
            ("streams", .integer(e.streams)),
            ("rate_mbps", .rounded(e.bitsPerSecond / 1e6, 6)),
            ("seconds", .rounded(e.sharedSeconds, 3)),
            ("hours", .rounded(e.hours, 6)),
            ("window_hours", e.windowHours.map { .rounded($0, 6) } ?? .null),
            ("window_ok", e.windowOK.map(JSONValue.bool) ?? .null),
            ("arithmetic", .string(e.arithmetic)),
        ])
    }

    public static func text(_ e: TransferEstimate) -> String {
        var lines = ["\(e.fmt(e.volumeGiB)) GiB over \(e.fmt(e.link.mbps)) Mbps at \(e.fmt(e.bitsPerSecond / 1e6)) Mbps effective: \(e.fmt(e.hours)) h",
                     e.arithmetic]
        if let w = e.windowHours {
            lines.append(e.windowOK == true ? "fits the \(e.fmt(w)) h window" : "does not fit the \(e.fmt(w)) h window")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ e: TransferEstimate) -> String {
        "volume_gib,mbps,efficiency,share,latency_ms,streams,seconds,hours,window_ok\n"
            + "\(e.fmt(e.volumeGiB)),\(e.fmt(e.link.mbps)),\(e.fmt(e.link.efficiency)),\(e.fmt(e.share)),\(e.fmt(e.link.latencyMilliseconds)),\(e.streams),\(e.fmt(e.sharedSeconds)),\(e.fmt(e.hours)),\(e.windowOK.map { String($0) } ?? "")\n"
    }
}
