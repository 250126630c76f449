import ArgumentParser
import CapacityModel

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

    func run() throws {
        var failed = 0
        for file in files {
            let sink = DiagnosticSink()
            let scenario = ScenarioLoader().load(path: file, sink: sink)
            for d in sink.sorted { printError(d.description) }
            if let scenario, !sink.hasErrors {
                if !quiet {
                    print("\(file): ok: \(scenario.tenants.count) tenants, \(scenario.pools.count) pools, \(scenario.catalog.systems.count) systems; not checked without sizing (cloudplan plan checks it): the HA policy\(scenario.pools.contains { $0.fixedBlades != nil } ? ", whether the fixed blade counts hold the VMs" : "")")
                }
            } else {
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(CLIExit.invalidInput) }
    }
}
