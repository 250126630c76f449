import CapacityModel
import Foundation
import Sweep
import TestSupport

/// A small sweep over the closed-form one-blade scenario, in a workspace of its own.
struct SweepFixture {
    let workspace: Workspace
    let sweepPath: String

    static let sweepText = """
        cloudplan_sweep: 1
        name: one-blade-test
        scenarios: [one-blade.yaml]
        parameters:
          - name: blades
            key: pools[0].blades
            values: [1, 2, 3]
          - key: hardware.blades[blade].failures.time_to_failure.mean_hours
            name: mtbf
            range: {from: 500, to: 1000, step: 500}
        variants:
          - name: same-as-bundled
            set:
              pools[0].blades: 1
        replications: 4
        seed: 11
        horizon_years: 2
        outputs: [blades, mean_availability, downtime_minutes, blade_failures]

        """

    init(_ text: String = Self.sweepText) throws {
        workspace = try Workspace("sweep")
        try workspace.copy("Scenarios/checks/one-blade.yaml", to: "one-blade.yaml")
        sweepPath = try workspace.write(text, to: "sweep.yaml")
    }

    /// The sweep loaded, or the diagnostics.
    func load() -> (sweep: Sweep?, diagnostics: [Diagnostic]) {
        let sink = DiagnosticSink()
        guard let definition = SweepLoader(knownOutputs: SweepFigure.all.map(\.name)).load(path: sweepPath, sink: sink) else {
            return (nil, sink.sorted)
        }
        let sweep = try? Sweep.prepare(definition, cloudplanVersion: "test", sink: sink)
        return (sink.hasErrors ? nil : sweep, sink.sorted)
    }
}
