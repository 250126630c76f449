import Foundation
import Testing

/// `simulate --precision` on the command line (issue 14, item 2).
@Suite struct PrecisionCommandTests {
    /// The same bytes for 1 and 2 jobs; the report says what it reached, with the keys of
    /// docs/simulation-json.md; the options are checked as the help says.
    @Test func precisionRunsAreReproducibleAndReported() throws {
        let args = ["simulate", "Scenarios/okitama.yaml", "--horizon", "7d", "--replications", "3", "--precision", "0.2",
                    "--max-replications", "12", "--precision-figure", "blade_failures", "--no-timing", "--format", "json"]
        let one = try CLI.run(args + ["--jobs", "1"]), two = try CLI.run(args + ["--jobs", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
        let precision = try #require(json["precision"] as? [String: Any])
        let reached = precision["replications"] as! Int
        #expect(reached >= 3 && reached <= 12 && json["replications"] as? Int == reached)
        let figure = (precision["figures"] as! [[String: Any]])[0]
        #expect(figure["name"] as? String == "blade_failures" && figure["unit"] as? String == "count")
        let relative = (figure["relative_half_width"] as? NSNumber)?.doubleValue
        #expect((precision["met"] as? Bool) == (relative.map { $0 <= 0.2 } ?? false) || reached == 12)
        for bad in [["--precision", "0"], ["--precision", "1.5"], ["--max-replications", "5"], ["--precision", "0.1", "--max-replications", "1"],
                    ["--precision", "0.1", "--precision-figure", "nonsense"]] {
            let r = try CLI.run(["simulate", "Scenarios/okitama.yaml"] + bad)
            #expect(r.status == 64 && r.stderr.contains("Error:"), "\(bad): \(r.stderr)")
        }
    }
}
