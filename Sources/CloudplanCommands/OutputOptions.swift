import ArgumentParser
import Reports

/// Report formats.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, markdown, csv
}

/// --format and --output, shared by the commands that write reports.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Report format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (whole or not at all) instead of standard output.",
                                                    valueName: "file"))
    var output: String?

    /// Writes `text` to the output file, or to standard output.
    func emit(_ text: String) throws {
        if let output {
            do {
                try OutputFile.write(text, to: output)
            } catch {
                printError("\(error)")
                throw ExitCode(CLIExit.outputFailed)
            }
        } else {
            print(text, terminator: "")
        }
    }
}

/// Exit codes of the command line.
enum CLIExit {
    /// The scenario or input file has problems (listed on standard error).
    static let invalidInput: Int32 = 1
    /// The output file could not be written.
    static let outputFailed: Int32 = 2
    /// The input is valid but cannot be satisfied (a pool cannot meet its HA policy, say).
    static let infeasible: Int32 = 3
}
