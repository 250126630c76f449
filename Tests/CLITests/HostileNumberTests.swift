import Foundation
import Testing
import TestSupport

/// Numbers the model cannot compute with are refused where they are written (issue 10, item 1):
/// each of these one-line edits used to pass `validate` and then trap in `plan` or `simulate`.
@Suite struct HostileNumberTests {
    static let edits: [(file: String, from: String, to: String, key: String)] = [
        ("Scenarios/okitama.yaml", "pool_operations_yen_per_year: 24_000_000", "pool_operations_yen_per_year: 1e300",
         "economics.pool_operations_yen_per_year"),
        ("Scenarios/okitama.yaml", "servers_per_vm: 1", "servers_per_vm: 1e300", "baseline.servers_per_vm"),
        ("Scenarios/okitama.yaml", "baseline_operations_yen_per_server_per_year: 600_000",
         "baseline_operations_yen_per_server_per_year: 99999999999999999999_000", "economics.baseline_operations_yen_per_server_per_year"),
        ("Scenarios/okitama.yaml", "reported_cost_before_million_yen: 131,", "reported_cost_before_million_yen: 1e300,",
         "reported_cost_before_million_yen"),
        ("Scenarios/library/hardware-2010.yaml", "power_peak_w: 330", "power_peak_w: 9223372036854775808", "power_peak_w"),
        ("Scenarios/library/hardware-2010.yaml", "cv: 0.5}", "cv: 1e300}", "time_to_repair.cv"),
    ]

    @Test func hugeNumbersAreLocatedErrorsNotTraps() throws {
        for edit in Self.edits {
            let dir = try CLI.workspace()
            let path = dir + "/" + edit.file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let range = text.range(of: edit.from) else {
                Issue.record("\(edit.file) has no '\(edit.from)'")
                continue
            }
            try Data(text.replacingCharacters(in: range, with: edit.to).utf8).write(to: URL(fileURLWithPath: path))
            for command in [["validate"], ["plan"], ["simulate", "--replications", "1", "--horizon", "1d"]] {
                let r = try CLI.run(command + ["Scenarios/okitama.yaml"], in: dir)
                #expect(!r.signalled && r.status == 1, "\(command[0]) with \(edit.to): status \(r.status) \(r.stderr.prefix(300))")
                #expect(r.stderr.contains(": error: ") && r.stderr.contains(edit.key) && r.stderr.contains("must be at most"),
                        "\(edit.to): \(r.stderr.prefix(300))")
                #expect(r.stderr.split(separator: "\n").count == 1, "one error for one mistake: \(r.stderr)")
            }
        }
    }
}
