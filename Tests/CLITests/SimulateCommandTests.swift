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
