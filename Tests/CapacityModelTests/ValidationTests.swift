import Foundation
import Testing
@testable import CapacityModel

/// Each test writes a scenario with known problems and checks the diagnostics: message, key
/// path, file, line and column.
@Suite struct ValidationTests {
    func check(_ text: String, file: String = "s.yaml", extra: [String: String] = [:]) throws -> [Diagnostic] {
        let dir = try TestFiles.workspace()
        for (name, content) in extra { try TestFiles.write(content, to: dir + "/" + name) }
        try TestFiles.write(text, to: dir + "/" + file)
        let (scenario, diagnostics) = TestFiles.load(dir + "/" + file)
        if diagnostics.contains(where: { $0.severity == .error }) { #expect(scenario == nil) }
        return diagnostics.map { d in
            var d = d
            d.location.file = d.location.file.replacingOccurrences(of: dir + "/", with: "")
            return d
        }
    }

    @Test func minimalScenarioIsValid() throws {
        let d = try check(minimalScenario)
        #expect(d.isEmpty, "\(d)")
    }

    /// Failure models whose failures would be an event storm (issue 29: constant 1e-300 h
    /// failures and repairs never ended) are refused at the key, one message each, and the
    /// repair time beside them is still read (no false "unknown key").
    @Test func failureTimesUnderAnHourAreRefusedAtTheirKey() throws {
        let text = minimalScenario + "simulation:\n  site_failures: {time_to_failure: {distribution: weibull, scale_hours: 0.5, shape: 1}, time_to_repair: {distribution: constant, hours: 1}}\n"
        var d = try check(text)
        #expect(d.count == 1, "\(d)")
        #expect(d.first?.keyPath == "simulation.site_failures.time_to_failure")
        #expect(d.first?.message.contains("0.5 h (its scale) is under 1 hour") == true)
        let rate = minimalScenario + "simulation:\n  site_failures: {annual_failure_rate: 1e9, time_to_repair: {distribution: constant, hours: 1}}\n"
        d = try check(rate)
        #expect(d.count == 1 && d.first?.keyPath == "simulation.site_failures.annual_failure_rate", "\(d)")
        let fine = minimalScenario + "simulation:\n  site_failures: {annual_failure_rate: 8760, time_to_repair: {distribution: constant, hours: 1e-300}}\n"
        #expect(try check(fine).isEmpty)
    }

    @Test func unknownKeyGetsASuggestion() throws {
        let text = minimalScenario.replacingOccurrences(of: "    policy: standard", with: "    policy: standard\n    polcy: x")
        let d = try check(text)
        #expect(d.count == 1)
        #expect(d[0].description == "s.yaml:19:5: error: pools[0].polcy: unknown key 'polcy' (did you mean 'policy'?); known keys here: blade, blade_candidates, blades, chassis, name, per_prefecture, policy, prefecture, rack, site, storage, tenants")
    }

    @Test func wrongTypeNegativeAndMissingAreAllReported() throws {
        var text = minimalScenario.replacingOccurrences(of: "population: 10000", with: "population: many")
        text = text.replacingOccurrences(of: "population: 30000", with: "population: -5")
        text = text.replacingOccurrences(of: "    site: prefectural-dc\n", with: "")
        let d = try check(text)
        let lines = d.map(\.description)
        #expect(lines.contains("s.yaml:8:61: error: tenants[0].population: expected a whole number, got \"many\""))
        #expect(lines.contains("s.yaml:9:60: error: tenants[1].population: must not be negative (got -5)"))
        #expect(lines.contains("s.yaml:11:5: error: pools[0]: missing required key 'site'"))
        #expect(d.count == 3)
    }

    @Test func undefinedReferencesNameTheCandidates() throws {
        let text = minimalScenario.replacingOccurrences(of: "blade: blade-2s12c-96g", with: "blade: blade-2s12c-69g")
        let d = try check(text)
        #expect(d.count == 1)
        #expect(d[0].location.line == 14 && d[0].location.column == 12)
        #expect(d[0].message.hasPrefix("no blade model named 'blade-2s12c-69g' (did you mean 'blade-2s12c-96g'?)"))
    }

    @Test func zeroOrNegativeCapacityInAnIncludedFileIsLocatedThere() throws {
        let hardware = try String(contentsOfFile: TestFiles.root + "/Scenarios/library/hardware-2010.yaml", encoding: .utf8)
        let broken = hardware.replacingOccurrences(of: "      slots: 16", with: "      slots: 0")
        let lineNumber = broken.components(separatedBy: "\n").firstIndex { $0 == "      slots: 0" }! + 1
        let text = minimalScenario.replacingOccurrences(of: "library/hardware-2010.yaml", with: "hw.yaml")
        let d = try check(text, extra: ["hw.yaml": broken])
        #expect(d.contains { $0.location.file == "hw.yaml" && $0.location.line == lineNumber && $0.keyPath == "hardware.chassis[0].slots" && $0.message.contains("at least 1") })
        // One error per mistake: the pool's reference to that chassis is not reported as well.
        #expect(!d.contains { $0.message.contains("no chassis model named") })
        #expect(d.count == 1, "\(d)")
    }

    @Test func vmLargerThanEveryBladeIsReported() throws {
        let big = """
        cloudplan: 1
        catalog:
          systems:
            - id: huge
              profile: counter
              tiers:
                - {name: db, vcpu: 64, memory_gib: 512, disk_gib: 100}
        """
        let text = minimalScenario.replacingOccurrences(of: "  - library/policies.yaml\n", with: "  - library/policies.yaml\n  - big.yaml\n")
            .replacingOccurrences(of: "systems: [resident-registry, tax]", with: "systems: [huge]")
        let d = try check(text, extra: ["big.yaml": big])
        #expect(d.count == 1)
        #expect(d.first?.keyPath == "catalog.systems.huge.tiers.db")
        #expect(d.first?.location == SourceLocation(file: "big.yaml", line: 7, column: 11))
        #expect(d.first?.message.contains("Alpha (00001) needs VMs of 64 vCPU and 512 GiB, larger than blade 'blade-2s12c-96g'") == true)
        #expect(d.first?.message.contains("No blade model in the scenario is large enough") == true)
    }

    @Test func yamlSyntaxErrorsAreLocated() throws {
        let text = minimalScenario.replacingOccurrences(of: "  - {code: \"00001\", name: Alpha,", with: "  - {code: \"00001\", name: [Alpha,")
        let d = try check(text)
        #expect(d.count == 1)
        #expect(d[0].location.line >= 8 && d[0].message.hasPrefix("YAML syntax error"))
    }

    @Test func duplicateKeysAndIdsAreReported() throws {
        let dup = minimalScenario.replacingOccurrences(of: "name: Test\n", with: "name: Test\nname: Again\n")
        #expect(try check(dup).contains { $0.message.hasPrefix("duplicate key") })
        let twice = minimalScenario.replacingOccurrences(of: "  - library/policies.yaml\n", with: "  - library/policies.yaml\n  - extra.yaml\n")
        let extra = "cloudplan: 1\nsites:\n  - {id: prefectural-dc, power_price_yen_per_kwh: 10}\n"
        let d = try check(twice, extra: ["extra.yaml": extra])
        #expect(d.count == 1 && d[0].location.file == "extra.yaml" && d[0].location.line == 3)
        #expect(d[0].message.hasPrefix("duplicate site id 'prefectural-dc' (first defined at"))
    }

    @Test func includeCyclesAndMissingIncludesAreReported() throws {
        let text = minimalScenario.replacingOccurrences(of: "  - library/policies.yaml\n", with: "  - library/policies.yaml\n  - a.yaml\n  - missing.yaml\n")
        let d = try check(text, extra: ["a.yaml": "cloudplan: 1\ninclude: [s.yaml]\n"])
        #expect(d.contains { $0.location.file == "a.yaml" && $0.message.hasPrefix("include cycle") })
        #expect(d.contains { $0.message.hasPrefix("included file missing.yaml not found") })
    }

    @Test func emptyBinaryAndNonMappingFilesAreRejected() throws {
        #expect(try check("").map(\.message) == ["the file is empty"])
        #expect(try check("- a\n- b\n").first?.message.hasPrefix("expected a mapping") == true)
        let dir = try TestFiles.workspace()
        try Data([0x63, 0x6c, 0x0a, 0xff, 0xfe, 0x00]).write(to: URL(fileURLWithPath: dir + "/bin.yaml"))
        let (_, d) = TestFiles.load(dir + "/bin.yaml")
        #expect(d.count == 1 && d[0].location.line == 2 && d[0].message.contains("UTF-8"))
        let (_, missing) = TestFiles.load(dir + "/nothing-here.yaml")
        #expect(missing.map(\.message) == ["file not found"])
    }

    @Test func everyProblemInOneFileIsReportedAtOnce() throws {
        var text = minimalScenario
        text = text.replacingOccurrences(of: "cloudplan: 1", with: "cloudplan: 2")
        text = text.replacingOccurrences(of: "name: Alpha", with: "nmae: Alpha")
        text = text.replacingOccurrences(of: "rack: rack-42u", with: "rack: rack-24u")
        text = text.replacingOccurrences(of: "  site: town-hall-server-room", with: "  site: town-hall-server-room\n  servers_per_vm: 0")
        let d = try check(text)
        #expect(d.count >= 4)
        #expect(d.contains { $0.message.hasPrefix("unsupported format version 2") })
        #expect(d.contains { $0.message.hasPrefix("unknown key 'nmae' (did you mean 'name'?)") })
        #expect(d.contains { $0.message.hasPrefix("no rack model named 'rack-24u'") })
        #expect(d.contains { $0.keyPath == "baseline.servers_per_vm" && $0.message.hasPrefix("must be positive") })
        #expect(d.map(\.location) == d.map(\.location).sorted())
    }
}
