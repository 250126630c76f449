import Foundation
import Testing

/// `cloudplan compare` (issue 14, item 1).
@Suite struct CompareCommandTests {
    static let base = ["compare", "Scenarios/checks/one-blade.yaml", "--replications", "4", "--horizon", "1y", "--format", "json"]

    /// The JSON contract, and a scenario against itself (here as a --set that changes nothing):
    /// every difference 0, none significant.
    @Test func aScenarioAgainstItselfDiffersByNothing() throws {
        let r = try CLI.run(Self.base + ["--set", "pools[0].blades=1"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["format"] as? String == "cloudplan-comparison")
        #expect((json["scenarios"] as! [String]).count == 2)
        let figures = json["figures"] as! [[String: Any]]
        #expect(figures.contains { $0["name"] as? String == "stranded_vm_hours" })
        for f in figures {
            for key in ["name", "unit", "values", "difference", "difference_ci_low", "difference_ci_high", "significant"] {
                #expect(f[key] != nil, "\(f["name"] ?? "?") lacks \(key)")
            }
            let values = f["values"] as! [[String: Any]]
            #expect(values.count == 2 && values.allSatisfy { $0["mean"] != nil && $0["ci_low"] != nil && $0["ci_high"] != nil })
            #expect((f["difference"] as? NSNumber)?.doubleValue == 0 || f["difference"] is NSNull, "\(f["name"] ?? "?")")
            #expect(f["significant"] as? Bool == false)
        }
    }

    /// A second blade: downtime falls significantly; `blades` differs by exactly 1.
    @Test func aSpareBladeShows() throws {
        let r = try CLI.run(Self.base + ["--variant", "two:pools[0].blades=2", "--replications", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let figures = json["figures"] as! [[String: Any]]
        func figure(_ name: String) -> [String: Any] { figures.first { $0["name"] as? String == name }! }
        #expect((figure("blades")["difference"] as! NSNumber).doubleValue == 1)
        let downtime = figure("downtime_minutes")
        #expect(downtime["significant"] as? Bool == true && (downtime["difference_ci_high"] as! NSNumber).doubleValue < 0, "\(downtime)")
    }

    @Test func badVariantsAreOneErrorEach() throws {
        let missing = try CLI.run(["compare", "Scenarios/okitama.yaml", "--set", "pools[5].blades=20"])
        #expect(missing.status == 1 && missing.stderr.contains("pools has no entry [5]"), "\(missing.stderr)")
        let malformed = try CLI.run(["compare", "Scenarios/okitama.yaml", "--set", "pools[0].blades"])
        #expect(malformed.status != 0 && malformed.stderr.contains("KEY=VALUE"), "\(malformed.stderr)")
        let alone = try CLI.run(["compare", "Scenarios/okitama.yaml"])
        #expect(alone.status != 0 && alone.stderr.contains("nothing to compare"), "\(alone.stderr)")
    }

    /// plan and simulate take --set too: the value is read as if written in the file.
    @Test func planAndSimulateTakeSet() throws {
        let r = try CLI.run(["plan", "Scenarios/okitama.yaml", "--set", "pools[0].blades=25", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((json["pools"] as! [[String: Any]])[0]["blades"] as? Int == 25)
        let bad = try CLI.run(["simulate", "Scenarios/okitama.yaml", "--set", "pools[okinawa].blades=25"])
        #expect(bad.status == 1 && bad.stderr.contains("pools has no entry [okinawa]"), "\(bad.stderr)")
    }
}
