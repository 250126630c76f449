import ArgumentParser
import CapacityModel
import Planning
import Reports

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "How long a volume takes over a link (the LGWAN performance test), the arithmetic shown.",
        discussion: """
            time = GiB × 2^30 × 8 / (Mbps × 10^6 × efficiency × share) + latency; N streams sharing \
            the link each take N times as long. Give the link with --mbps (and --efficiency, \
            --share, --latency-ms), or take it from a scenario's continuity.links with \
            --scenario FILE --link ID ('office' for the town-hall link). Exit 1 on bad input, 3 \
            when --window-hours is given and the transfer does not fit it.
            """)

    @Option(help: ArgumentHelp("Volume to send, GiB (2^30 bytes).", valueName: "GiB"))
    var gib: Double

    @Option(help: ArgumentHelp("Link bandwidth, megabits per second (10^6 bit/s).", valueName: "Mbps"))
    var mbps: Double?

    @Option(help: "Share of the bandwidth a transfer achieves, (0, 1] (default 0.7, or the link's).")
    var efficiency: Double?

    @Option(help: "Share of the link the transfer may use, (0, 1] (default 1; with --link, its backup share).")
    var share: Double?

    @Option(name: .customLong("latency-ms"), help: "One-way latency, milliseconds, added once (default 10, or the link's).")
    var latency: Double?

    @Option(help: "Equal transfers sharing the link at once.")
    var streams: Int = 1

    @Option(name: .customLong("window-hours"), help: "A window to check the transfer against, hours.")
    var window: Double?

    @Option(help: ArgumentHelp("A scenario whose continuity.links holds the link.", valueName: "file"))
    var scenario: String?

    @Option(help: ArgumentHelp("The link's id in the scenario ('office' for continuity.office_link).", valueName: "id"))
    var link: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw ValidationError(message) } }
        try check(gib.isFinite && gib >= 0 && gib <= 1e12, "--gib must be a number of GiB between 0 and 10^12")
        // Below 1 kbit/s the arithmetic prints 0 Mbps and an infinite time: no link is that slow.
        try check(mbps.map { $0.isFinite && $0 >= 0.001 && $0 <= 1e7 } ?? true, "--mbps must be from 0.001 (1 kbit/s) to 10^7")
        try check(efficiency.map { $0 > 0 && $0 <= 1 } ?? true, "--efficiency must lie in (0, 1]")
        try check(share.map { $0 > 0 && $0 <= 1 } ?? true, "--share must lie in (0, 1]")
        try check(latency.map { $0.isFinite && $0 >= 0 && $0 <= 1e7 } ?? true, "--latency-ms must be between 0 and 10^7")
        try check((1...1_000_000).contains(streams), "--streams must be between 1 and 1,000,000")
        try check(window.map { $0.isFinite && $0 > 0 } ?? true, "--window-hours must be positive")
        try check((scenario == nil) == (link == nil), "--scenario and --link go together")
        try check(mbps != nil || link != nil, "give the link: --mbps, or --scenario FILE --link ID")
        try check(mbps == nil || link == nil, "give either --mbps or --link, not both")
    }

    func run() throws {
        var parameters = LinkParameters(mbps: mbps ?? 100)
        var defaultShare = 1.0
        if let scenario, let link {
            let s = try ScenarioInput.load(scenario)
            guard let c = s.continuity else {
                printError("\(scenario): error: continuity: the scenario has no continuity section, so no links")
                throw ExitCode(CLIExit.invalidInput)
            }
            if link == "office" {
                parameters = c.officeLink
            } else if let l = c.links.first(where: { $0.id == link }) {
                parameters = l.parameters
            } else {
                printError("\(scenario): error: continuity.links: no link named '\(link)'; defined: \((c.links.map(\.id) + ["office"]).joined(separator: ", "))")
                throw ExitCode(CLIExit.invalidInput)
            }
            defaultShare = parameters.backupShare
        }
        if let efficiency { parameters.efficiency = efficiency }
        if let latency { parameters.latencyMilliseconds = latency }
        let estimate = TransferEstimate(volumeGiB: gib, link: parameters, share: share ?? defaultShare,
                                        streams: streams, windowHours: window)
        switch output.format {
        case .text: try output.emit(TransferReport.text(estimate))
        case .markdown, .html, .xlsx: try output.emit(TransferDocument.build(estimate, localizer: output.localizer))
        case .json: try output.emit(TransferReport.json(estimate).serialised())
        case .csv: try output.emit(TransferReport.csv(estimate))
        }
        if estimate.windowOK == false { throw ExitCode(CLIExit.infeasible) }
    }
}
