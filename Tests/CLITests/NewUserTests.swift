import Foundation
import Testing
import TestSupport

/// What a new user hit (issue 9): each case runs the command as written and checks the
/// behaviour asked for.
@Suite struct NewUserTests {
    /// A copy of Scenarios/ and data/ with `file` replaced by `edit` of itself.
    static func workspace(editing file: String, _ edit: (String) -> String) throws -> String {
        let dir = try CLI.workspace()
        let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit of \(file) changed nothing")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: dir + "/" + file))
        return dir
    }

    static func errors(_ stderr: String) -> [String] { stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") } }

    // MARK: One error per mistake

    @Test func aWrongBladeValueIsOneError() throws {
        let dir = try Self.workspace(editing: "Scenarios/library/hardware-2010.yaml") {
            $0.replacingOccurrences(of: "memory_gib: 96\n", with: "memory_gib: 96GB\n")
        }
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(Self.errors(r.stderr).count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("hardware-2010.yaml:") && r.stderr.contains("memory_gib: expected a memory size from 1/64 GiB to 1 PiB, got \"96GB\""))
    }

    @Test func anUnknownTenantCodeIsOneError() throws {
        let codes = ["06202", "06209", "06213", "06381", "06382", "06402", "06403"]
        let dir = try Self.workspace(editing: "Scenarios/okitama.yaml") {
            $0.replacingOccurrences(of: "tenants: all", with: "tenants: [\(codes.map { "\"\($0)\"" }.joined(separator: ", ")), \"99999\"]")
        }
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(Self.errors(r.stderr).count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("pools[0].tenants[7]: no tenant with code '99999'"))
    }

    @Test func aMissingIncludeIsOneError() throws {
        let dir = try Self.workspace(editing: "Scenarios/okitama.yaml") {
            $0.replacingOccurrences(of: "library/municipal-core-2010.yaml", with: "library/missing.yaml")
        }
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(Self.errors(r.stderr).count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("include[0]: included file library/missing.yaml not found"))
        #expect(!r.stderr.contains("defines no systems"))
    }

    @Test func anUnknownSystemListsTheDefinedOnes() throws {
        let dir = try Self.workspace(editing: "Scenarios/okitama.yaml") {
            $0.replacingOccurrences(of: "systems: [resident-registry, tax, national-health-insurance]",
                                    with: "systems: [resident-registry, zeimu, national-health-insurance]")
        }
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
        #expect(r.stderr.contains("no system named 'zeimu' in the catalog; defined: resident-registry, tax, national-health-insurance"), "\(r.stderr)")
    }

    @Test func tabsAndSumsAreSaidPlainly() throws {
        let dir = try Self.workspace(editing: "Scenarios/okitama.yaml") {
            $0.replacingOccurrences(of: "\n    policy: standard", with: "\n\tpolicy: standard")
        }
        let tab = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
        #expect(tab.status == 1 && tab.stderr.contains("error: tabs are not allowed for indentation; indent with spaces"), "\(tab.stderr)")
        let sum = try Self.workspace(editing: "Scenarios/okitama.yaml") { $0.replacingOccurrences(of: "equal: 0.3", with: "equal: 0.2") }
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: sum)
        #expect(r.stderr.contains("must sum to 1 (got 0.9)"), "\(r.stderr)")
    }

    // MARK: Values that are silently wrong

    @Test func aFractionForAPercentAndALateJoinAreWarned() throws {
        let dir = try Self.workspace(editing: "Scenarios/okitama.yaml") {
            $0.replacingOccurrences(of: "maintenance_percent_per_year: {value: 10, low: 8,", with: "maintenance_percent_per_year: {value: 0.12, low: 0.1,")
        }
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: economics.maintenance_percent_per_year: 0.12% a year is very little maintenance"), "\(r.stderr)")
        let late = try Self.workspace(editing: "Scenarios/nishi-iburi.yaml") {
            $0.replacingOccurrences(of: "joins_after_years: 2}", with: "joins_after_years: 6}")
        }
        let j = try CLI.run(["validate", "Scenarios/nishi-iburi.yaml"], in: late)
        #expect(j.status == 0 && j.stderr.contains("joins after 6.0 years, at or after the end of the 5.0-year lease"), "\(j.stderr)")
    }

    @Test func libraryFilesAreValidatedOnTheirOwn() throws {
        let r = try CLI.run(["validate", "Scenarios/library/policies.yaml", "Scenarios/library/municipal-core-2010.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("policies.yaml: ok: library file: 0 systems, 0 profiles, 0 hardware models, 0 sites, 3 policies"), "\(r.stdout)")
        #expect(r.stdout.contains("municipal-core-2010.yaml: ok: library file: 10 systems, 7 profiles"))
        let dir = try Self.workspace(editing: "Scenarios/library/policies.yaml") {
            $0.replacingOccurrences(of: "placement: best", with: "placement: bset")
        }
        let bad = try CLI.run(["validate", "Scenarios/library/policies.yaml"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("policies.yaml:") && bad.stderr.contains("did you mean 'best'"))
    }

    // MARK: Command-line values

    @Test func seedAndHorizonAreCheckedAsTheHelpSays() throws {
        let seed = try CLI.run(["simulate", "Scenarios/checks/one-blade.yaml", "--seed", "-1"])
        #expect(seed.status == 64 && seed.stderr.contains("--seed must be a whole number ≥ 0"), "\(seed.stderr)")
        let hours = try CLI.run(["simulate", "Scenarios/checks/one-blade.yaml", "--horizon", "2000h", "--replications", "2",
                                 "--format", "json", "--no-timing"])
        #expect(hours.status == 0, "\(hours.stderr)")
        #expect(hours.stdout.contains("\"horizon_hours\": 2000"))
        let tooLong = try CLI.run(["simulate", "Scenarios/checks/one-blade.yaml", "--horizon", "101y"])
        #expect(tooLong.status == 64)
        let help = try CLI.run(["simulate", "--help"]).stdout
        let jobs = help.components(separatedBy: "  --jobs <jobs>").dropFirst().first?.components(separatedBy: "--horizon").first ?? ""
        #expect(jobs.components(separatedBy: "default").count == 2, "one default for --jobs: \(jobs)")
    }

    // MARK: pack

    @Test func packOptionsDoWhatTheySay() throws {
        let inventory = "data/inventories/example-vms.csv"
        let mix = ["--host", "name=small,vcpu=8,memory_gib=32,price=400000", "--host", "name=big,vcpu=24,memory_gib=192,price=1300000"]
        // --reserve holds with several types: the cheapest single type packed with the reserve.
        // No time limit: the heuristics alone, so that the runs compared do not depend on the
        // machine's load (the improvement stage is time-limited).
        let reserve = try CLI.run(["pack", inventory] + mix + ["--reserve", "1", "--format", "csv", "--time-limit", "0"])
        #expect(reserve.status == 0, "\(reserve.stderr)")
        var costs: [Double] = []
        for host in [mix[1], mix[3]] {
            let alone = try CLI.run(["pack", inventory, "--host", host, "--reserve", "1", "--format", "json", "--time-limit", "0"])
            let json = try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any]
            let bins = ((json?["instances"] as? [[String: Any]])?.first?["bins"] as? Int) ?? 0
            let ok = (((json?["instances"] as? [[String: Any]])?.first?["reserve"] as? [String: Any])?["ok"] as? Bool) ?? false
            #expect(bins > 0 && ok)
            costs.append(Double(bins) * (host.contains("small") ? 400_000 : 1_300_000))
        }
        let fields = reserve.stdout.split(separator: "\r\n").dropFirst().first?.split(separator: ",") ?? []
        #expect(fields.count == 5 && Double(fields[2]) == costs.min(), "\(reserve.stdout) vs \(costs)")
        let assignments = try CLI.run(["pack", inventory, "--host", "vcpu=24,memory_gib=192", "--assignments"])
        #expect(assignments.status == 64 && assignments.stderr.contains("use it with --format json"))
        let csv = try CLI.run(["pack", inventory] + mix + ["--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("name,bins,cost,method,mix\r\nexample-vms.csv,"), "\(csv.stdout)")
        let text = try CLI.run(["pack", inventory, "--host", "vcpu=24,memory_gib=192", "--format", "text"])
        #expect(text.status == 0 && text.stdout.contains("example-vms.csv"))
        let limit = try CLI.run(["pack", inventory, "--host", "vcpu=24,memory_gib=192", "--time-limit", "1e300"])
        #expect(limit.status == 64)
    }

    @Test func packReadsOneDimensionalNumbersAndShortInventories() throws {
        let w = try Workspace("pack")
        try w.write("{\"capacity\": 10, \"items\": [3, 7, 5, 5, 6, 4]}", to: "one.json")
        let one = try CLI.run(["pack", "one.json", "--format", "json"], in: w.path)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("\"bins\": 3") && one.stdout.contains("\"optimal\": true"))
        try w.write("name,vcpu,memory_gib\na,4,16\nb,4,16\nc,8,8\n", to: "short.csv")
        let short = try CLI.run(["pack", "short.csv", "--host", "vcpu=8,memory_gib=32", "--format", "json"], in: w.path)
        #expect(short.status == 0, "\(short.stderr)")
        #expect(short.stdout.contains("\"dimensions\": 2") && short.stdout.contains("\"bins\": 2"))
        // A disk of 9e17 GiB is not "unlimited": a host with 1e15 GiB of disk cannot take it.
        try w.write("name,vcpu,memory_gib,disk_gib\nhuge,1,1,9e17\n", to: "disk.csv")
        let disk = try CLI.run(["pack", "disk.csv", "--host", "vcpu=8,memory_gib=32,disk_gib=1e15"], in: w.path)
        #expect(disk.status == 1 && disk.stderr.contains("disk.csv:2:") && disk.stderr.contains("≤ 10^15"), "\(disk.stderr)")
    }

    @Test func packRefusesWhatCannotBePackedWithExitThree() throws {
        let w = try Workspace("pack")
        try w.write("name,vcpu,memory_gib\nsmall,2,8\nhuge,64,8\n", to: "inv.csv")
        let r = try CLI.run(["pack", "inv.csv", "--host", "vcpu=16,memory_gib=64"], in: w.path)
        #expect(r.status == 3)
        #expect(r.stderr.hasPrefix("inv.csv:3:1: error: VM huge is larger than the host"), "\(r.stderr)")
        let mixed = try CLI.run(["pack", "inv.csv", "--host", "vcpu=16,memory_gib=64", "--host", "vcpu=32,memory_gib=64"], in: w.path)
        #expect(mixed.status == 3 && mixed.stderr.contains("VM huge is larger than every host type"))
        // Numbers near the top of Double are refused where they are written, not trapped on.
        try w.write("{\"name\":\"ovf\",\"capacity\":[1.7e308],\"items\":[[1e308],[1e308],[1e308]]}", to: "ovf.json")
        let ovf = try CLI.run(["pack", "ovf.json"], in: w.path)
        #expect(!ovf.signalled && ovf.status == 1)
        #expect(ovf.stderr.contains("ovf.json:1:1: error: instance.capacity:"), "\(ovf.stderr)")
        try w.write("{\"instances\": [{\"capacity\": [10], \"items\": [[1], [\"x\"]]}]}", to: "bad.json")
        let bad = try CLI.run(["pack", "bad.json"], in: w.path)
        #expect(bad.status == 1 && bad.stderr.contains("instances[0].items[1]: expected a list of 1 numbers"), "\(bad.stderr)")
        try w.write("{\"instances\": [\n  {\"capacity\": [10],\n   \"items\": [[1],, [2]]}]}", to: "syntax.json")
        let syntax = try CLI.run(["pack", "syntax.json"], in: w.path)
        #expect(syntax.status == 1 && syntax.stderr.hasPrefix("syntax.json:3:"), "\(syntax.stderr)")
    }

    // MARK: Outputs under faults

    @Test func unwritableTargetsSayWhyAndKeepWhatWasThere() throws {
        let w = try Workspace("out")
        let file = try w.write("old", to: "plan.json")
        let root = Repository.root
        // A file size limit (SIGXFSZ) is a write error: exit 2, the old file intact, no temporary file.
        let limited = try CLI.run(["/bin/sh", "-c", "ulimit -f 4; exec \"$0\" plan Scenarios/okitama.yaml --format json --output \(file)", CLI.executable],
                                  in: root, shell: true)
        #expect(limited.status == 2 && limited.stderr.contains("File too large"), "\(limited.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "old")
        #expect(try w.contents() == ["plan.json"])
        let proc = try CLI.run(["plan", "Scenarios/okitama.yaml", "--output", "/proc/version"])
        #expect(proc.status == 2 && proc.stderr.contains("cannot create a file in /proc"), "\(proc.stderr)")
        var info = stat()
        if stat("/dev/full", &info) == 0, info.st_mode & S_IFMT == S_IFCHR {
            let full = try CLI.run(["plan", "Scenarios/okitama.yaml", "--output", "/dev/full"])
            #expect(full.status == 2 && full.stderr.contains("No space left on device"), "\(full.stderr)")
            #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/full is still a device")
        }
    }

    /// Killed at random moments while writing a report over an old one: the target is the old
    /// text or the whole new one, and no temporary file is left beside it.
    @Test func signalsWhileWritingLeaveNoTemporaryFile() throws {
        let w = try Workspace("signals")
        let file = try w.write("old", to: "plan.md")
        let whole = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "markdown"]).stdout
        var random = SeededGenerator(seed: 9)
        for (k, signal) in ([SIGINT, SIGTERM, SIGHUP] + [SIGINT, SIGTERM, SIGHUP] + [SIGTERM, SIGINT, SIGTERM, SIGHUP]).enumerated() {
            let delay = 0.05 + random.unit() * 0.4
            let r = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "markdown", "--output", file],
                                signal: signal, after: delay)
            let now = try String(contentsOfFile: file, encoding: .utf8)
            #expect(now == "old" || now == whole, "run \(k): a partial file")
            #expect(try w.contents() == ["plan.md"], "run \(k) (signal \(signal) after \(delay) s, status \(r.status))")
            try w.write("old", to: "plan.md")
        }
    }

    // MARK: Reports say what they mean

    /// Okitama's replicas are spread over blades only, so losing a chassis stops both replicas
    /// of seven databases: a finding at the top of the text and Markdown reports, in the JSON.
    @Test func aChassisLossThatStopsServicesIsAFinding() throws {
        let text = try CLI.run(["plan", "Scenarios/okitama.yaml"]).stdout
        // On page one, in plain words, before the detail.
        let summary = text.components(separatedBy: "Before and after\n").first ?? ""
        #expect(summary.contains("Checks:\n") && summary.contains("- warning: pool okitama: losing any one chassis stops every copy of 7 replicated services at once"), "\(summary)")
        #expect(summary.contains("Keeping the copies in different chassis (spread_redundancy_across: chassis) would avoid it."))
        let md = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "markdown"]).stdout
        #expect(md.contains("### Checks") && md.contains("- **warning**: pool `okitama`: losing any one chassis stops every copy of **7** replicated"))
        let json = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "json"]).stdout
        #expect(json.contains("\"services_stopped\": [\"06403/resident-registry/db#1\", "))
        #expect(!md.contains("chassiss"))
    }

    @Test func theSimulationTextSaysWhatItLeftOut() throws {
        let one = try CLI.run(["simulate", "Scenarios/nishi-iburi.yaml", "--replications", "1", "--horizon", "30d", "--no-timing"]).stdout
        #expect(one.contains("1 independent replication of 0.08 years") && one.contains("With one replication there are no confidence intervals"))
        #expect(!one.contains("±"))
        // A terminal shows at most 60 rows of a table and says where the rest are.
        let japan = try CLI.run(["simulate", "Scenarios/japan-all.yaml", "--replications", "1", "--horizon", "7d", "--no-timing", "--quiet"]).stdout
        #expect(japan.contains("more rows are in --format csv, xlsx or markdown."))
        #expect(!one.contains("more rows are in"))
        let csv = try CLI.run(["simulate", "Scenarios/nishi-iburi.yaml", "--replications", "1", "--horizon", "30d", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("tenant_code,tenant_name,system,joins_after_years,"))
        #expect(csv.contains("01571,豊浦町,resident-registry,2.000000,0.000,"))
    }
}
