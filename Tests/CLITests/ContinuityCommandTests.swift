import Foundation
import Testing
import TestSupport

/// `plan` of the bundled trial, `cloudplan transfer`, and the continuity section's diagnostics.
@Suite struct ContinuityCommandTests {
    @Test func trialPlanHasTheContractKeysAndTheArithmeticHolds() throws {
        let r = try CLI.run(["plan", "Scenarios/trial-2009.yaml", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let links = try #require((json["backup"] as? [String: Any])?["links"] as? [[String: Any]])
        #expect(links.count >= 3)
        for l in links {
            for key in ["from", "to", "mbps", "efficiency", "volume_gib", "transfer_hours", "window_hours", "window_ok"] {
                #expect(l[key] != nil, "backup.links[] lacks \(key)")
            }
            let volume = try #require(l["volume_gib"] as? Double), mbps = try #require(l["mbps"] as? Double)
            let efficiency = try #require(l["efficiency"] as? Double), share = try #require(l["backup_share"] as? Double)
            let hours = try #require(l["transfer_hours"] as? Double)
            let expected = volume * 1_073_741_824 * 8 / (mbps * 1e6 * efficiency * share) / 3_600
            #expect(abs(hours - expected) <= 1e-4 + 1e-4 * expected, "\(l)")
        }
        let systems = try #require((json["dr"] as? [String: Any])?["systems"] as? [[String: Any]])
        #expect(systems.count > 67)
        for key in ["tenant", "system", "rpo_hours", "rto_hours"] { #expect(systems[0][key] != nil) }
        let pools = try #require((json["ha"] as? [String: Any])?["pools"] as? [[String: Any]])
        #expect(pools.allSatisfy { $0["array_loss"] != nil })
    }

    @Test func transferShowsTheArithmeticAndChecksTheWindow() throws {
        let r = try CLI.run(["transfer", "--gib", "100", "--mbps", "100", "--efficiency", "0.5", "--latency-ms", "0", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        // 100 × 2^30 × 8 / (100 × 10^6 × 0.5) = 17,179.869184 s.
        #expect(abs((json["seconds"] as? Double ?? 0) - 17_179.869) < 0.001)
        let shared = try CLI.run(["transfer", "--gib", "100", "--mbps", "100", "--efficiency", "0.5", "--latency-ms", "0",
                                  "--streams", "2", "--window-hours", "9", "--format", "json"])
        #expect(shared.status == 3)
        let twice = try #require(try JSONSerialization.jsonObject(with: Data(shared.stdout.utf8)) as? [String: Any])
        #expect(abs((twice["seconds"] as? Double ?? 0) - 2 * 17_179.869) < 0.002)
        #expect(twice["window_ok"] as? Bool == false)
        let bad = try CLI.run(["transfer", "--gib", "5", "--scenario", "Scenarios/trial-2009.yaml", "--link", "lgwan-nowhere"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no link named 'lgwan-nowhere'"))
    }

    @Test func continuityMistakesAreReportedOneEachAtTheirLine() throws {
        let text = try String(contentsOfFile: Repository.scenario("trial-2009.yaml"), encoding: .utf8)
        let broken = text
            .replacingOccurrences(of: "system_policies: {resident-registry: replicated}", with: "system_policies: {resident-registry: replicatd}")
            .replacingOccurrences(of: "      - {pool: kyoto, partner: saga}", with: "      - {pool: kyoto, partner: sagaa}")
        #expect(broken != text)
        let dir = try CLI.workspace()
        let path = dir + "/Scenarios/broken-trial.yaml"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", path])
        #expect(r.status == 1)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 2, "\(r.stderr)")
        #expect(errors.contains { $0.contains("no backup policy named 'replicatd'") && $0.contains("broken-trial.yaml:") })
        #expect(errors.contains { $0.contains("no pool named 'sagaa'") })
    }
}
