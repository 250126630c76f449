import Foundation
@testable import CapacityModel
import TestSupport

/// Paths and temporary files for the scenario tests.
enum TestFiles {
    static var root: String { Repository.root }

    static func scenario(_ name: String) -> String { Repository.scenario(name) }

    /// A fresh temporary directory holding a copy of Scenarios/library and the population table.
    static func workspace() throws -> String {
        let w = try Workspace("tests")
        try w.copy("Scenarios/library", to: "library")
        try w.copy("data/municipalities-2020.csv")
        return w.path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Loads a scenario, returning the scenario (if valid) and every diagnostic.
    static func load(_ path: String) -> (Scenario?, [Diagnostic]) {
        let sink = DiagnosticSink()
        let s = ScenarioLoader().load(path: path, sink: sink)
        return (s, sink.sorted)
    }
}

/// A small valid scenario used as the base of validation tests; line numbers matter to the tests.
let minimalScenario = """
cloudplan: 1
name: Test
include:
  - library/municipal-core-2010.yaml
  - library/hardware-2010.yaml
  - library/policies.yaml
tenants:
  - {code: "00001", name: Alpha, prefecture: P, population: 10000}
  - {code: "00002", name: Beta, prefecture: P, population: 30000, systems: [resident-registry, tax]}
pools:
  - name: pool
    site: prefectural-dc
    tenants: all
    blade: blade-2s12c-96g
    chassis: enclosure-10u-16
    storage: array-48x600g-r5
    rack: rack-42u
    policy: standard
baseline:
  server: dedicated-1s4c-16g
  site: town-hall-server-room

"""
