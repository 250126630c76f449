import Foundation
import Testing
import TestSupport
@testable import CapacityModel

/// `--set KEY=VALUE`: a value put at a key path of the main file before it is read.
@Suite struct ScenarioOverrideTests {
    static let okitama = Repository.root + "/Scenarios/okitama.yaml"

    func load(_ sets: [String]) throws -> Scenario {
        let overrides = try sets.map { text -> ScenarioOverride in try ScenarioOverride.parse(text).get() }
        return try ScenarioLoader(overrides: overrides).load(path: Self.okitama)
    }

    @Test func setsByIndexByIdAndAddsMissingKeys() throws {
        let base = try load([])
        #expect(base.pools[0].fixedBlades == nil)
        let s = try load(["pools[0].blades=20", "tenants[06202].population=1000",
                          "simulation.power_management={mode: dpm, check_minutes: 30}"])
        #expect(s.pools[0].fixedBlades?.count == 20)
        #expect(s.tenants.first { $0.code == "06202" }?.population == 1_000)
        #expect(s.tenants.filter { $0.code != "06202" }.map(\.population) == base.tenants.filter { $0.code != "06202" }.map(\.population))
        #expect(s.simulation.powerManagement.mode == .dpm && s.simulation.powerManagement.checkMinutes == 30)
        let byName = try load(["pools[okitama].blades=22"])
        #expect(byName.pools[0].fixedBlades?.count == 22)
    }

    @Test func malformedPathsAreRefused() {
        for text in ["pools[0].blades", "pools[0.blades=1", "[0].blades=1", "pools..blades=1", "pools[].blades=1"] {
            guard case .failure(let e) = ScenarioOverride.parse(text) else {
                Issue.record("\(text) accepted")
                continue
            }
            #expect(e.description.hasPrefix("--set \(text)"), "\(e)")
        }
    }

    /// A missing list entry is one located error naming what is there; a wrong value is the
    /// scenario's own message at its key.
    @Test func missingEntriesAndBadValuesAreErrors() throws {
        do {
            _ = try load(["pools[3].blades=20"])
            Issue.record("pools[3] accepted")
        } catch let error as ScenarioError {
            #expect(error.diagnostics.count == 1)
            #expect("\(error)".contains("pools has no entry [3] (it has 1)"), "\(error)")
        }
        do {
            _ = try load(["pools[0].blades=-2"])
            Issue.record("blades -2 accepted")
        } catch let error as ScenarioError {
            #expect(error.diagnostics.count == 1 && error.diagnostics[0].keyPath.contains("blades"), "\(error)")
        }
    }
}
