import ArgumentParser
import Reports

/// Report formats.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, markdown, csv
    /// One self-contained file with inline SVG charts, printable on A4.
    case html
    /// An Excel workbook (plan, simulate, compare, sweep): the summary first, a sheet per table.
    case xlsx
}

/// --format and --output, shared by the commands that write reports.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Report format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (whole or not at all) instead of standard output.",
                                                    valueName: "file"))
    var output: String?

    @Option(help: "Language of text, markdown and html reports: \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", ")) (JSON and CSV keys stay English).")
    var lang: ReportLanguage = .en

    /// The words of the reports in `--lang`.
    var localizer: Localizer { Localizer(lang) }

    /// Writes `text` to the output file, or to standard output.
    func emit(_ text: String) throws { try emitReport(text, to: output) }

    /// Writes a report document in the chosen human-readable format (text, markdown, html, xlsx).
    func emit(_ document: ReportDocument) throws { try emitDocument(document, format: format, localizer: localizer, to: output) }
}

/// Writes `document` as `format` (text for the formats that are not documents) to `path` or
/// standard output; an XLSX workbook is bytes, written the same way (exit 2 on failure).
func emitDocument(_ document: ReportDocument, format: OutputFormat, localizer: Localizer, to path: String?) throws {
    switch format {
    case .markdown: try emitReport(document.rendered(as: .markdown, localizer: localizer), to: path)
    case .html: try emitReport(document.rendered(as: .html, localizer: localizer), to: path)
    case .xlsx:
        let bytes: [UInt8]
        do {
            bytes = try XLSXRenderer.render(document, localizer: localizer)
        } catch {
            printError("cannot write the workbook: \(error)")
            throw ExitCode(CLIExit.outputFailed)
        }
        do {
            if let path { try OutputFile.write(bytes: bytes, to: path) } else { try OutputFile.writeStandardOutput(bytes: bytes) }
        } catch {
            printError("\(error)")
            throw ExitCode(CLIExit.outputFailed)
        }
    default: try emitReport(document.rendered(as: .text, localizer: localizer), to: path)
    }
}

extension ReportLanguage: ExpressibleByArgument {}

/// Writes a report to `path` (whole or not at all), or to standard output when nil; exit 2 if
/// the file cannot be written.
func emitReport(_ text: String, to path: String?) throws {
    if let path {
        do {
            try OutputFile.write(text, to: path)
        } catch {
            printError("\(error)")
            throw ExitCode(CLIExit.outputFailed)
        }
    } else {
        writeStandardOutput(text)
    }
}

/// Writes `text` to standard output; exit 2 with the reason if it cannot (a full disk, `/dev/full`).
func writeStandardOutput(_ text: String) {
    do {
        try OutputFile.writeStandardOutput(text)
    } catch {
        printError("\(error)")
        CloudplanCommand.exit(withError: ExitCode(CLIExit.outputFailed))
    }
}

/// A seed on the command line: `--seed -1` reaches the check (instead of reading as an option)
/// and is refused with the rule.
enum SeedArgument {
    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else {
            throw ValidationError("--seed must be a whole number ≥ 0 (at most \(UInt64.max)), got '\(text)'")
        }
        return seed
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
    /// Wrong use of the command line (what ArgumentParser's validation exits with, EX_USAGE).
    static let usage: Int32 = 64
}
