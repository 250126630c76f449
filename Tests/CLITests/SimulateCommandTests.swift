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

    /// `--detail tenants` summarises each tenant with exactly the figures `--detail systems` gives
    /// its least available system (seeded run, compared by value), and counts its systems and those
    /// with downtime; `auto` writes every system for a scenario this small.
    @Test func tenantSummaryReadsLikeTheSystemDetail() throws {
        let base = ["simulate", "Scenarios/okitama.yaml", "--replications", "2", "--horizon", "180d", "--format", "json", "--no-timing"]
        func tenants(_ detail: String) throws -> (String, [[String: Any]]) {
            let run = try CLI.run(base + ["--detail", detail])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (json["tenant_detail"] as? String ?? "", try #require(json["tenants"] as? [[String: Any]]))
        }
        let (autoMode, _) = try tenants("auto")
        let (fullMode, full) = try tenants("systems")
        let (summaryMode, summary) = try tenants("tenants")
        #expect(autoMode == "systems" && fullMode == "systems" && summaryMode == "tenants")
        #expect(full.count == summary.count && full.count == 7)
        var downtimeSeen = false
        for (whole, brief) in zip(full, summary) {
            #expect(whole["code"] as? String == brief["code"] as? String && brief["systems"] == nil)
            let systems = try #require(whole["systems"] as? [[String: Any]])
            let mean = { (s: [String: Any], key: String) -> Double in ((s[key] as? [String: Any])?["mean"] as? Double) ?? .nan }
            #expect(brief["systems_count"] as? Int == systems.count)
            let down = systems.filter { mean($0, "downtime_minutes") > 0 }.count
            downtimeSeen = downtimeSeen || down > 0
            #expect(brief["systems_with_downtime"] as? Int == down)
            // The lowest mean availability, the first of equals.
            var least = systems[0]
            for s in systems.dropFirst() where mean(s, "availability") < mean(least, "availability") { least = s }
            let picked = try #require(brief["least_available"] as? [String: Any])
            #expect(picked["system"] as? String == least["system"] as? String)
            for key in ["availability", "downtime_minutes", "outages"] {
                #expect(NSDictionary(dictionary: try #require(picked[key] as? [String: Any]))
                        .isEqual(to: try #require(least[key] as? [String: Any])), "\(key)")
            }
            #expect(picked["downtime_minutes_per_year"] as? Double == least["downtime_minutes_per_year"] as? Double)
        }
        #expect(downtimeSeen, "180 days of okitama should take some system down")
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
