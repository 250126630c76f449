import ArgumentParser
import CapacityModel
import Simulation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem.",
        discussion: """
            Each problem is printed as FILE:LINE:COLUMN: error: KEY.PATH: MESSAGE. Exit 0 when every \
            file is valid, 1 otherwise. Checks that need sizing (whether a fixed blade count packs the \
            VMs, and the HA policy) are not made here: cloudplan plan makes them.
            """)

    @Argument(help: ArgumentHelp("Scenario files.", valueName: "file"))
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
    var quiet = false

    @Option(name: .customLong("include-from"), help: ArgumentHelp(
        "A folder includes may also come from (repeatable); by default they must be inside the scenario's folder.",
        valueName: "folder"))
    var includeFolders: [String] = []

    func run() throws {
        var failed = 0
        for file in files {
            if ScenarioLoader().isLibraryFile(file) {
                if !validateLibrary(file) { failed += 1 }
                continue
            }
            let sink = DiagnosticSink()
            let scenario = ScenarioLoader(includeFolders: includeFolders).load(path: file, sink: sink)
            for d in sink.sorted { printError(d.description) }
            // Traces are read as simulate reads them: a bad trace fails here, not only there.
            var tracesOK = true
            if let scenario, !sink.hasErrors, !scenario.simulation.traces.isEmpty {
                do { _ = try TraceLoader.load(scenario.simulation.traces) } catch {
                    printError("\(error)")
                    tracesOK = false
                }
            }
            if let scenario, !sink.hasErrors, tracesOK {
                if !quiet {
                    writeStandardOutput("\(file): ok: \(scenario.tenants.count) tenants, \(scenario.pools.count) pools, \(scenario.catalog.systems.count) systems; not checked without sizing (cloudplan plan checks it): the HA policy\(scenario.pools.contains { $0.fixedBlades != nil } ? ", whether the fixed blade counts hold the VMs" : "")\n")
                }
            } else {
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(CLIExit.invalidInput) }
    }

    /// A library file (catalog, hardware, sites, policies; no tenants or pools) checked on its own.
    func validateLibrary(_ file: String) -> Bool {
        let sink = DiagnosticSink()
        let summary = ScenarioLoader(includeFolders: includeFolders).loadLibrary(path: file, sink: sink)
        for d in sink.sorted { printError(d.description) }
        guard let summary, !sink.hasErrors else { return false }
        if !quiet {
            writeStandardOutput("\(file): ok: library file: \(summary.systems) systems, \(summary.profiles) profiles, \(summary.hardwareModels) hardware models, \(summary.sites) sites, \(summary.policies) policies (checked on its own; a scenario that includes it is checked with it)\n")
        }
        return true
    }
}
