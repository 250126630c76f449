import Foundation
import Testing
import TestSupport

/// The exact outputs of `plan` and `simulate --no-timing` on the bundled scenarios (the fast
/// cases of Tests/Golden/cases.tsv; `scripts/golden.sh check` runs them all on a release build).
@Suite struct GoldenTests {
    @Test func fastCasesPrintTheirGoldenText() throws {
        let cases = try Golden.cases().filter(\.fast)
        #expect(cases.count >= 8)
        for c in cases {
            let r = try CLI.run(c.arguments)
            #expect(!r.signalled && r.status == 0, "cloudplan \(c.arguments.joined(separator: " ")): \(r.stderr)")
            let expected = try Golden.expected(c)
            #expect(r.stdout == expected, "\(c.name) differs from cloudplan \(c.arguments.joined(separator: " ")); if deliberate, run make golden")
        }
    }

    /// Every case of the manifest has its golden file, and every golden file is in the manifest.
    @Test func manifestAndFilesAgree() throws {
        let names = Set(try Golden.cases().map(\.name))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Golden.directory)).subtracting(["cases.tsv"])
        #expect(names == files)
    }
}
