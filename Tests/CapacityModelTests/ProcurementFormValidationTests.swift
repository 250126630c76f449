import Foundation
import Testing
@testable import CapacityModel

/// Issue 33: mistakes in `procurement_forms` and `cloud_catalogs` are one located message each.
@Suite struct ProcurementFormValidationTests {
    func check(_ forms: String, users: Bool = true) throws -> [Diagnostic] {
        let dir = try TestFiles.workspace()
        var text = minimalScenario.replacingOccurrences(of: "  - library/policies.yaml\n", with: "  - library/policies.yaml\n  - library/cloud-2025.yaml\n")
        if users { text = text.replacingOccurrences(of: "population: 10000}", with: "population: 10000, users: 5}")
            .replacingOccurrences(of: "population: 30000,", with: "population: 30000, users: 9,") }
        text += """
        economics:
          cost_lines:
            - {line: hypervisor, source: "[EST] t", after: {per_core: 1000}}
            - {line: cals, source: "[EST] t", after: {per_user: 100}}
        procurement_forms:
        \(forms)
        """
        try TestFiles.write(text, to: dir + "/s.yaml")
        let (scenario, diagnostics) = TestFiles.load(dir + "/s.yaml")
        if diagnostics.contains(where: { $0.severity == .error }) { #expect(scenario == nil) }
        return diagnostics.filter { $0.severity == .error }
    }

    static let good = """
      forms: [buy, iaas]
      usd_jpy: 150
      iaas: {catalog: aws-tokyo-2025, commitment: three_year, replaces: [hypervisor]}
    """

    @Test func theBundledCatalogAndAGoodBlockAreValid() throws {
        #expect(try check(Self.good).isEmpty)
    }

    @Test func eachMistakeIsOneLocatedError() throws {
        let cases: [(String, String, String)] = [
            (Self.good.replacingOccurrences(of: "aws-tokyo-2025", with: "aws-tokio-2025"), "procurement_forms.iaas.catalog", "no cloud catalog named 'aws-tokio-2025' (did you mean 'aws-tokyo-2025'?)"),
            (Self.good.replacingOccurrences(of: "[hypervisor]", with: "[hypervisr]"), "procurement_forms.iaas.replaces[0]", "no cost line named 'hypervisr'"),
            (Self.good.replacingOccurrences(of: "[buy, iaas]", with: "[buy, iaas, buy]"), "procurement_forms.forms[2]", "listed twice"),
            (Self.good.replacingOccurrences(of: "[buy, iaas]", with: "[buy, rent]"), "procurement_forms.forms[1]", "rent"),
            (Self.good.replacingOccurrences(of: "three_year", with: "five_year"), "procurement_forms.iaas.commitment", "five_year"),
            (Self.good.replacingOccurrences(of: "usd_jpy: 150", with: "usd_jpy: -3"), "procurement_forms.usd_jpy", "must be at least 1 (got -3)"),
            (Self.good.replacingOccurrences(of: "[buy, iaas]", with: "[buy, saas]"), "procurement_forms", "needs a 'saas:' section"),
        ]
        for (text, key, words) in cases {
            let d = try check(text)
            #expect(d.count == 1, "\(key): \(d)")
            #expect(d.first?.keyPath == key, "\(d)")
            #expect(d.first?.message.contains(words) == true, "\(d)")
            #expect((d.first?.location.line ?? 0) > 20, "located in the main file's forms block: \(d)")
        }
    }

    /// A line counting users with tenants that give none: one error at the line, naming them.
    @Test func perUserLinesNeedUsers() throws {
        let d = try check(Self.good, users: false)
        #expect(d.count == 1, "\(d)")
        #expect(d.first?.message.contains("counts users, but 2 tenants give no 'users:' (00001, 00002)") == true, "\(d)")
    }
}
