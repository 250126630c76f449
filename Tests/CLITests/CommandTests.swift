import Foundation
import Testing

/// The command line, run as a user would.
@Suite struct CommandTests {
    @Test func helpListsTheSubcommands() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout == """
        OVERVIEW: Capacity planner and simulator for shared municipal clouds (自治体クラウド).

        Size blade servers and storage arrays for municipalities that share them, check
        what happens when hardware fails, and split the bill. Scenario files are YAML;
        see docs/scenario-format.md.

        USAGE: cloudplan <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          validate                Check scenario files and report every problem.
          plan                    Size blades, chassis and storage arrays for a
                                  scenario, with HA checks and costs.
          simulate                Simulate demand, failures and failover over the
                                  lease, with confidence intervals.
          compare                 Compare scenarios, or one scenario and variants of
                                  it, under common random numbers.
          sweep                   Run every variant of a sweep file
                                  (docs/sweep-format.md), here or as shards on Slurm or
                                  Kubernetes.
          merge                   Merge the parts of a sharded sweep into its table,
                                  exactly as the unsharded run gives it.
          group                   Propose the grouping of the tenants into shared pools
                                  that costs least a year.
          pack                    Pack a VM inventory (CSV) or bin packing instances
                                  (JSON, BPPLIB text) into the fewest bins.
          instances               Generate a set of a classical bin packing family
                                  (JSON that `pack` reads).
          import                  Turn a real inventory export into the VM inventory
                                  pack reads, or a usage history into per-VM
                                  percentiles.
          transfer                How long a volume takes over a link (the LGWAN
                                  performance test), the arithmetic shown.

          See 'cloudplan help <subcommand>' for detailed help.

        """)
    }

    @Test func validateAcceptsTheBundledScenarios() throws {
        let r = try CLI.run(["validate", "Scenarios/okitama.yaml", "Scenarios/nishi-iburi.yaml", "Scenarios/japan-all.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        Scenarios/okitama.yaml: ok: 7 tenants, 1 pools, 10 systems; not checked without sizing (cloudplan plan checks it): the HA policy
        Scenarios/nishi-iburi.yaml: ok: 6 tenants, 1 pools, 10 systems; not checked without sizing (cloudplan plan checks it): the HA policy
        Scenarios/japan-all.yaml: ok: 1741 tenants, 47 pools, 10 systems; not checked without sizing (cloudplan plan checks it): the HA policy

        """)
        #expect(r.stderr.isEmpty)
    }

    @Test func validateReportsEveryFileAndFails() throws {
        let dir = try CLI.workspace()
        let good = "Scenarios/okitama.yaml"
        let bad = "Scenarios/bad.yaml"
        let text = try String(contentsOfFile: dir + "/" + good, encoding: .utf8)
            .replacingOccurrences(of: "    policy: standard", with: "    policy: standrad")
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + bad))
        let r = try CLI.run(["validate", good, bad], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "Scenarios/okitama.yaml: ok: 7 tenants, 1 pools, 10 systems; not checked without sizing (cloudplan plan checks it): the HA policy\n")
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("policy: standrad") }! + 1
        #expect(r.stderr.hasPrefix("Scenarios/bad.yaml:\(line):13: error: pools[0].policy: no policy named 'standrad' (did you mean 'standard'?)"))
    }

    @Test func planJSONHasTheDocumentedFieldsAndIsReproducible() throws {
        let a = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "json"])
        let b = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "json"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as! [String: Any]
        let before = json["before"] as! [String: Any], after = json["after"] as! [String: Any]
        let servers = before["physical_servers"] as! Int, blades = after["blades"] as! Int
        #expect(servers > blades && blades > 0)
        #expect((after["chassis"] as! Int) >= 1 && (after["storage_arrays"] as! Int) >= 1)
        let reduction = json["server_reduction_percent"] as! Double
        #expect(abs(reduction - 100 * Double(servers - blades) / Double(servers)) < 0.01)
        #expect((json["ha"] as! [String: Any])["ok"] as! Bool)
        let tenants = json["tenants"] as! [[String: Any]]
        #expect(tenants.count == 7)
        let pool = (json["pools"] as! [[String: Any]])[0]
        let total = (pool["yearly_cost"] as! [String: Any])["total_yen"] as! Int
        #expect(tenants.reduce(0) { $0 + ($1["cost_share_yen"] as! Int) } == total)
        for t in tenants { #expect((t["standalone_cost_yen"] as! Int) > 0) }
    }

    @Test func everyFormatIsWrittenToAFile() throws {
        let dir = try CLI.workspace()
        for format in ["text", "json", "markdown", "csv"] {
            let out = "out.\(format)"
            let r = try CLI.run(["plan", "Scenarios/nishi-iburi.yaml", "--format", format, "--output", out], in: dir)
            #expect(r.status == 0 && r.stdout.isEmpty, "\(format): \(r.stderr)")
            let text = try String(contentsOfFile: dir + "/" + out, encoding: .utf8)
            #expect(text.count > 200)
        }
        let csv = try String(contentsOfFile: dir + "/out.csv", encoding: .utf8)
        #expect(csv.hasPrefix("code,name,prefecture,population,pool,virtual_machines,physical_servers_before,standalone_cost_yen,cost_share_yen"))
        #expect(csv.components(separatedBy: "\r\n").count == 8)   // header, 6 tenants, final empty
        let md = try String(contentsOfFile: dir + "/out.markdown", encoding: .utf8)
        #expect(md.hasPrefix("# Sizing report: Nishi-Iburi union joint computing (Hokkaido)"))
        // Unwritable output: exit 2, no file.
        let r = try CLI.run(["plan", "Scenarios/nishi-iburi.yaml", "--output", "no/such/dir/x.txt"], in: dir)
        #expect(r.status == 2 && r.stderr.contains("cannot write the output file"))
    }

    @Test func infeasiblePolicyExitsThree() throws {
        let dir = try CLI.workspace()
        let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
            .replacingOccurrences(of: "    storage: array-48x600g-r5", with: "    storage: tiny")
            .replacingOccurrences(of: "  - library/policies.yaml\n", with: "  - library/policies.yaml\n  - tiny.yaml\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/Scenarios/x.yaml"))
        let tiny = """
        cloudplan: 1
        hardware:
          storage_arrays:
            - {id: tiny, disks: 2, disk_size_gb: 10, disk_iops: 10, raid: raid1, raid_group_size: 2, rack_units: 1, price_yen: 1}
        """
        try Data(tiny.utf8).write(to: URL(fileURLWithPath: dir + "/Scenarios/tiny.yaml"))
        let r = try CLI.run(["plan", "Scenarios/x.yaml"], in: dir)
        #expect(r.status == 3)
        #expect(r.stderr.contains("Scenarios/x.yaml: error: pool 'okitama': VM "))
    }

    /// Okitama's VMs need 1,509 GiB, 19 blades' worth (79.2 GiB each): `validate` and `plan`
    /// refuse 18 fixed blades at the key without sizing (exit 1); 19 pass that bound but do not
    /// pack (20 are needed), which only sizing finds: `plan` exits 3 at the key, writing nothing.
    @Test func tooFewFixedBladesAreRefusedAtTheKey() throws {
        let dir = try CLI.workspace()
        for (blades, status) in [(18, Int32(1)), (19, Int32(3))] {
            let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
                .replacingOccurrences(of: "    policy: standard\n", with: "    policy: standard\n    blades: \(blades)\n")
            let line = text.components(separatedBy: "\n").firstIndex(of: "    blades: \(blades)")! + 1
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/Scenarios/x.yaml"))
            let validate = try CLI.run(["validate", "Scenarios/x.yaml"], in: dir)
            #expect(validate.status == (status == 1 ? 1 : 0), "\(validate.stderr)")
            let r = try CLI.run(["plan", "Scenarios/x.yaml", "--output", "plan.txt"], in: dir)
            #expect(r.status == status)
            let expected = status == 1 ? "pools.okitama.blades: 'blades: 18' is too few: the VMs' memory (1509 GiB) alone need at least 19 blades"
                : "pool 'okitama': 'blades: 19' is too few: the VMs need at least 20 blades"
            #expect(r.stderr.hasPrefix("Scenarios/x.yaml:\(line):13: error: \(expected)"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/plan.txt"))
        }
    }

    /// 20 fixed blades hold Okitama's VMs but losing 11 of the 20 single blades strands some:
    /// `plan` writes the report and exits 3, naming the pool's key and the failing check.
    @Test func failedRequiredHACheckExitsThree() throws {
        let dir = try CLI.workspace()
        let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
            .replacingOccurrences(of: "    policy: standard\n", with: "    policy: standard\n    blades: 20\n")
        let line = text.components(separatedBy: "\n").firstIndex(of: "    blades: 20")! + 1
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/Scenarios/x.yaml"))
        let r = try CLI.run(["plan", "Scenarios/x.yaml", "--format", "json", "--output", "plan.json"], in: dir)
        #expect(r.status == 3)
        #expect(r.stderr.hasPrefix("Scenarios/x.yaml:\(line):13: error: pool 'okitama': the HA policy 'standard' (tolerate 1 blade failure) is not met on 20 blades: losing any 1 blade strands VMs in 11 of 20 cases"), "\(r.stderr)")
        let json = try String(contentsOfFile: dir + "/plan.json", encoding: .utf8)
        #expect(json.contains("\"blades_fixed\": true"))
        let sized = try CLI.run(["plan", "Scenarios/okitama.yaml"], in: dir)
        #expect(sized.status == 0, "the sized plan passes")
    }
}
