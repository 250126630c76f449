import Foundation
import Testing

@Suite struct SimulateCommandTests {
    @Test func sameSeedSameBytesWhateverTheJobs() throws {
        let base = ["simulate", "Scenarios/okitama.yaml", "--replications", "3", "--horizon", "90d", "--format", "json", "--no-timing"]
        let a = try CLI.run(base + ["--jobs", "1"])
        let b = try CLI.run(base + ["--jobs", "2"])
        let c = try CLI.run(base + ["--jobs", "2"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout && b.stdout == c.stdout)
        let other = try CLI.run(base + ["--seed", "99"])
        #expect(other.stdout != a.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as! [String: Any]
        #expect(json["replications"] as? Int == 3)
        #expect(((json["performance"] as! [String: Any])["events"] as! Int) > 0)
        let tenants = json["tenants"] as! [[String: Any]]
        #expect(tenants.count == 7)
        let system = (tenants[1]["systems"] as! [[String: Any]])[0]
        let availability = (system["availability"] as! [String: Any])["mean"] as! Double
        #expect(availability > 0.99 && availability <= 1)
        let pool = (json["pools"] as! [[String: Any]])[0]
        let series = pool["series"] as! [String: Any]
        #expect(((series["utilisation_p95"] as! [String: Any])["mean"] as! [Any]).count == 90)
    }

    /// `--power-management dpm` on a pool with seven blades more than it needs (okitama fixed at
    /// 28): blades go to standby and the JSON says what that saved; the energy with every blade
    /// on is the energy with standby plus the saving (one blade model, no blade above full load).
    @Test func powerManagementReportsItsSaving() throws {
        let dir = NSTemporaryDirectory() + "cloudplan-dpm-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: "Scenarios/library", toPath: dir + "/library")
        let text = try String(contentsOfFile: "Scenarios/okitama.yaml", encoding: .utf8)
        let fixed = text.replacingOccurrences(of: "    policy: standard\n", with: "    policy: standard\n    blades: 28\n")
        #expect(fixed != text)
        try fixed.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        var outcome: [String: [String: Any]] = [:]
        func pool(_ mode: String) throws -> [String: Any] {
            let r = try CLI.run(["simulate", dir + "/s.yaml", "--replications", "2", "--horizon", "60d", "--format", "json",
                                 "--no-timing", "--series", "none", "--power-management", mode])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            outcome[mode] = json["cost_with_outcome"] as? [String: Any]
            return (json["pools"] as! [[String: Any]])[0]
        }
        func mean(_ o: Any?) -> Double { ((o as! [String: Any])["mean"] as! NSNumber).doubleValue }
        let off = try pool("off"), dpm = try pool("dpm")
        // Issue 31: the saved energy priced as the plan prices power (MWh × 1,000 × PUE 1.8 ×
        // ¥16/kWh of the prefectural data center), a year (60 days of 365), and taken off the total.
        let savedYen = mean(outcome["dpm"]?["energy_saved_yen_per_year"])
        let fromMWh = mean((dpm["power_management"] as! [String: Any])["energy_saved_mwh"]) * 1_000 * 1.8 * 16 * 365 / 60
        #expect(savedYen > 0 && abs(savedYen - fromMWh) <= 0.0005 * 1_000 * 1.8 * 16 * 365 / 60 + 1, "\(savedYen) vs \(fromMWh)")
        #expect(mean(outcome["off"]?["energy_saved_yen_per_year"]) == 0)
        let total = mean(outcome["dpm"]?["total_cost_yen_per_year"]), cost = (outcome["dpm"]?["yearly_cost_yen"] as? NSNumber)?.doubleValue ?? .nan
        #expect(abs(total - (cost + mean(outcome["dpm"]?["risk_cost_yen_per_year"]) - savedYen)) <= 2)
        let power = dpm["power_management"] as! [String: Any]
        #expect(mean(power["power_offs"]) > 0 && mean(power["standby_blade_hours"]) > 0)
        #expect(mean((off["power_management"] as! [String: Any])["power_offs"]) == 0)
        let saved = mean(power["energy_saved_mwh"])
        #expect(saved > 0 && mean(dpm["energy_mwh"]) < mean(off["energy_mwh"]))
        #expect(abs(mean(off["energy_mwh"]) - mean(dpm["energy_mwh"]) - saved) < 0.01, "rounded to 0.001 MWh each")
        let bad = try CLI.run(["simulate", dir + "/s.yaml", "--power-management", "sometimes"])
        #expect(bad.status != 0 && bad.stderr.contains("off") && bad.stderr.contains("dpm"), "\(bad.stderr)")
    }

    /// Progress lines appear on a terminal (util-linux `script` gives the run one) for a run over
    /// two seconds, not with --quiet, and never when standard error is a pipe.
    @Test func progressOnlyOnATerminal() throws {
        let out = NSTemporaryDirectory() + "cloudplan-progress-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: out) }
        // CLOUDPLAN_PROGRESS_AFTER=0: the line shows at once (this run takes less than the usual 2 s).
        let command = "\(CLI.executable) simulate Scenarios/okitama.yaml --replications 6 --horizon 1y --jobs 1 --format json --output \(out)"
        let terminal = try CLI.run(["/usr/bin/script", "-qec", "CLOUDPLAN_PROGRESS_AFTER=0 " + command, "/dev/null"], shell: true)
        #expect(terminal.stdout.contains("simulate: 6/6 replications"), "\(terminal.stdout) \(terminal.stderr)")
        let quiet = try CLI.run(["/usr/bin/script", "-qec", "CLOUDPLAN_PROGRESS_AFTER=0 " + command + " --quiet", "/dev/null"], shell: true)
        #expect(!quiet.stdout.contains("replications,") && quiet.status == 0, "\(quiet.stdout)")
        let piped = try CLI.run(command.split(separator: " ").dropFirst().map(String.init))
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
        // plan counts pools (okitama has one; CLOUDPLAN_PROGRESS_AFTER=0 shows even a short run).
        let plan = "CLOUDPLAN_PROGRESS_AFTER=0 \(CLI.executable) plan Scenarios/nishi-iburi.yaml --format json --output \(out)"
        let planned = try CLI.run(["/usr/bin/script", "-qec", plan, "/dev/null"], shell: true)
        #expect(planned.stdout.contains("plan: 1/1 pools"), "\(planned.stdout) \(planned.stderr)")
        let quietPlan = try CLI.run(["/usr/bin/script", "-qec", plan + " --quiet", "/dev/null"], shell: true)
        #expect(!quietPlan.stdout.contains("pools,") && quietPlan.status == 0, "\(quietPlan.stdout)")
    }

    @Test func timingIsReportedUnlessAskedNotTo() throws {
        let r = try CLI.run(["simulate", "Scenarios/nishi-iburi.yaml", "--replications", "2", "--horizon", "30d", "--format", "json", "--series", "week"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let performance = json["performance"] as! [String: Any]
        #expect(performance["wall_seconds"] is Double || performance["wall_seconds"] is Int)
        #expect(performance["events_per_second"] != nil)
        let series = (json["pools"] as! [[String: Any]])[0]["series"] as! [String: Any]
        #expect(series["interval"] as? String == "week")
        #expect(((series["utilisation_max"] as! [String: Any])["mean"] as! [Any]).count == 5)
    }

    @Test func badArgumentsAreRefused() throws {
        let r = try CLI.run(["simulate", "Scenarios/okitama.yaml", "--horizon", "5 years"])
        #expect(r.status != 0 && r.stderr.contains("horizon"))
        let z = try CLI.run(["simulate", "Scenarios/okitama.yaml", "--replications", "0"])
        #expect(z.status != 0 && z.stderr.contains("--replications must be between 1 and 1000000"))
    }
}
