import Testing
@testable import CapacityModel

/// Issue 13's scenario keys: every mistake one located message, and a valid block read as written.
@Suite struct EconomicsValidationTests {
    let validation = ValidationTests()

    static let economics = """
    economics:
      share_rule: shapley
      finance: {financing: lease, lease_rate_percent: 2.5, residual_percent: 10, discount_percent: 2,
                shapley_exact_up_to: 4}
      cost_lines:
        - line: packages
          source: "[EST] test"
          before: {per_tenant_system: 1_000, per_resident: 2}
          after: {per_system: 5_000}
          after_one_off: {fixed: 10_000}
          one_off_years: 4
        - line: other
          source: "[derived] test"
          before: reported_remainder

    """

    @Test func aValidEconomicsBlockIsReadAsWritten() throws {
        let dir = try TestFiles.workspace()
        try TestFiles.write(minimalScenario + Self.economics, to: dir + "/s.yaml")
        let (scenario, diagnostics) = TestFiles.load(dir + "/s.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let e = try #require(scenario).economics
        #expect(e.shareRule == .shapley && e.finance.financing == .lease && e.finance.shapleyExactUpTo == 4)
        #expect(abs(e.finance.leaseRatePerYear - 0.025) < 1e-12 && abs(e.finance.residualFraction - 0.1) < 1e-12)
        #expect(e.costLines.map(\.name) == ["packages", "other"])
        #expect(e.costLines[0].before == .rates(CostRates([.perTenantSystem: Yen(1_000), .perResident: Yen(2)])))
        #expect(e.costLines[0].afterOneOff.rates == [.fixed: Yen(10_000)] && e.costLines[0].oneOffYears == 4)
        #expect(e.costLines[1].before == .reportedRemainder && e.costLines[1].oneOffYears == 5)
    }

    @Test func mistakesAreLocatedOneEach() throws {
        var text = Self.economics
        text = text.replacingOccurrences(of: "per_resident: 2", with: "per_residnet: 2")
        text = text.replacingOccurrences(of: "per_system: 5_000", with: "per_system: -5")
        text = text.replacingOccurrences(of: "financing: lease", with: "financing: leas")
        text += "    - {line: other, source: \"[EST] again\"}\n"
        let d = try validation.check(minimalScenario + text).map(\.description)
        #expect(d.contains { $0.contains("economics.cost_lines[0].before.per_residnet: unknown key 'per_residnet' (did you mean 'per_resident'?)") }, "\(d)")
        #expect(d.contains { $0.contains("economics.cost_lines[0].after.per_system: must not be negative") }, "\(d)")
        #expect(d.contains { $0.contains("economics.finance.financing: unknown value \"leas\"") }, "\(d)")
        #expect(d.contains { $0.contains("cost line 'other' is listed twice (first at ") && $0.hasSuffix("s.yaml:33:7)") }, "\(d)")
        #expect(d.count == 4, "\(d)")
        #expect(d.allSatisfy { $0.hasPrefix("s.yaml:") })
    }

    @Test func shapleyWithoutAGameAndTwoRemaindersAreRefused() throws {
        var text = Self.economics.replacingOccurrences(of: ",\n            shapley_exact_up_to: 4", with: "")
        text = text.replacingOccurrences(of: "before: {per_tenant_system: 1_000, per_resident: 2}", with: "before: reported_remainder")
        let d = try validation.check(minimalScenario + text).map(\.description)
        #expect(d.contains { $0.contains("only one cost line can take 'before: reported_remainder'") }, "\(d)")
        let alone = try validation.check(minimalScenario + Self.economics.replacingOccurrences(of: ",\n            shapley_exact_up_to: 4", with: ""))
            .map(\.description)
        #expect(alone.contains { $0.contains("share_rule shapley needs finance.shapley_exact_up_to") }, "\(alone)")
    }
}

/// `simulation.demand_sampling` takes one of its two words; a typo is one located error.
@Suite struct DemandSamplingSettingTests {
    @Test func aTypoIsLocatedAndAWordIsRead() throws {
        let validation = ValidationTests()
        let bad = try validation.check(minimalScenario + "simulation: {demand_sampling: per_blades}\n").map(\.description)
        #expect(bad.count == 1 && bad[0].contains("simulation.demand_sampling: unknown value \"per_blades\""), "\(bad)")
        #expect(bad.allSatisfy { $0.hasPrefix("s.yaml:") })
        #expect(try validation.check(minimalScenario + "simulation: {demand_sampling: per_blade}\n").isEmpty)
    }
}
