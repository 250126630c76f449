import ArgumentParser
import CapacityModel
import Foundation
import InputData
import Reports
import Sweep

/// Where a sweep's work goes with `--emit`: a batch engine's files instead of a run.
enum BatchEngine: String, ExpressibleByArgument, CaseIterable, Sendable {
    case slurm, k8s
}

/// `cloudplan sweep`: every variant of a sweep file under common random numbers, on this
/// machine, as one shard of many, or as a batch engine's job files.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every variant of a sweep file (docs/sweep-format.md), here or as shards on Slurm or Kubernetes.",
        discussion: """
            The variants are the product of the sweep's parameters (key paths, as --set takes them) \
            over each base scenario, and its explicit variants; every work item is one replication of \
            one variant, all under common random numbers. Without --shard, runs them all and writes \
            one table (text, JSON, Markdown or CSV; --runs FILE adds the per-run rows as JSON Lines). \
            With --shard I/N, runs the I-th of N contiguous slices of the work list and writes its \
            part (JSON Lines) for cloudplan merge, whose table is byte-identical to the unsharded run's \
            for any N. With --emit slurm or --emit k8s, writes the job files that run --shards N parts \
            and merge them (and creates the work folder's parts and logs folders).
            """)

    @Argument(help: ArgumentHelp("The sweep file.", valueName: "sweep"))
    var sweepFile: String

    @Option(help: ArgumentHelp("Run one slice of the work list: I/N with 0 ≤ I < N (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX); writes a part for cloudplan merge.",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Also write the per-run rows (JSON Lines, the format of a part) to this file.", valueName: "file"))
    var runs: String?

    @Option(help: "Write the files that run the sweep on a batch engine instead of running it: \(BatchEngine.allCases.map(\.rawValue).joined(separator: ", ")).")
    var emit: BatchEngine?

    @Option(help: "Shards of --emit (default 4).")
    var shards: Int = 4

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("--emit: the shared folder for parts, logs and results (default: ./sweep-NAME).", valueName: "folder"))
    var workFolder: String?

    @Option(name: .customLong("cloudplan"), help: ArgumentHelp("--emit: the cloudplan executable the jobs run (default: this one).", valueName: "path"))
    var executable: String?

    @Option(name: .customLong("sweep-path"), help: ArgumentHelp("--emit: the sweep file as the jobs see it (default: this sweep file's absolute path).", valueName: "path"))
    var sweepPath: String?

    @Option(help: "--emit k8s: the container image with cloudplan and the sweep's files.")
    var image: String = "cloudplan:latest"

    @Option(name: .customLong("volume-claim"), help: "--emit k8s: the persistent volume claim mounted at the work folder.")
    var volumeClaim: String = "cloudplan-work"

    @Option(help: "Work items run in parallel (default: all cores); the results do not depend on it.")
    var jobs: Int?

    @Option(name: .shortAndLong, help: "Table format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (not with --shard or --emit).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the table, the part or the job file to this file (whole or not at all) instead of standard output.",
                                                    valueName: "file"))
    var output: String?

    @Option(name: .customLong("include-from"), help: ArgumentHelp("A folder includes may also come from (repeatable).", valueName: "folder"))
    var includeFolders: [String] = []

    @Option(help: "Language of text, markdown and html tables: \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var lang: ReportLanguage = .en

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if let shard, SweepShard.parse(shard) == nil { throw ValidationError("--shard must be I/N with 0 ≤ I < N (such as 2/7), got '\(shard)'") }
        if shard != nil && emit != nil { throw ValidationError("--shard runs a part and --emit writes job files: give one of them") }
        if format != nil && (shard != nil || emit != nil) { throw ValidationError("--format is for the table; a part (--shard) is JSON Lines and --emit writes job files") }
        if runs != nil && (shard != nil || emit != nil) { throw ValidationError("--runs goes with a whole run; with --shard the part is the output") }
        if !(1...100_000).contains(shards) { throw ValidationError("--shards must be between 1 and 100000") }
        if let jobs, jobs < 1 || jobs > 1_024 { throw ValidationError("--jobs must be between 1 and 1024") }
        for (option, value) in [("--work-dir", workFolder), ("--cloudplan", executable), ("--sweep-path", sweepPath),
                                ("--image", image), ("--volume-claim", volumeClaim), ("the sweep file's path", emit != nil ? sweepFile : nil)] {
            if let value, BatchScripts.hasControlCharacters(value) {
                throw ValidationError("\(option) is written into job scripts: it may not hold a line break or control character")
            }
        }
    }

    func run() throws {
        let sweep = try Self.load(sweepFile, includeFolders: includeFolders, shard: shard.flatMap(SweepShard.parse) ?? .whole)
        if let emit { return try emitJobs(emit, sweep: sweep) }
        let shard = shard.flatMap(SweepShard.parse) ?? .whole
        let items = shard.items(of: sweep.manifest.workItems)
        let progress = progressOptions.line("sweep", unit: "runs", total: items.count)
        let rows: [SweepRun]
        do {
            rows = try SweepRunner.run(sweep, shard: shard, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount) { progress.update($0) }
        } catch {
            printError("\(sweepFile): error: \(error)")
            throw ExitCode(CLIExit.infeasible)
        }
        let part = SweepPart(manifest: sweep.manifest, shard: shard, runs: rows)
        if self.shard != nil { return try emitReport(part.jsonLines(), to: output) }
        if let runs { try emitReport(part.jsonLines(), to: runs) }
        guard case .success(let results) = SweepMerge.merge([(sweepFile, part)]) else {
            fatalError("a whole run's own part is always complete")
        }
        try SweepReport.emit(results, format: format ?? .text, localizer: Localizer(lang), to: output)
    }

    /// The sweep file and every variant's scenario, loaded; exit 1 after every diagnostic.
    static func load(_ path: String, includeFolders: [String], shard: SweepShard = .whole) throws -> Sweep {
        let sink = DiagnosticSink()
        let definition = SweepLoader(knownOutputs: SweepFigure.all.map(\.name)).load(path: path, sink: sink)
        var sweep: Sweep?
        if let definition {
            do {
                // A shard loads only the variants its work items run (the manifest needs none).
                let needed = { (m: SweepManifest) -> Range<Int> in
                    let items = shard.items(of: m.workItems)
                    guard !items.isEmpty else { return 0..<0 }
                    return m.workItem(items.lowerBound).variant..<(m.workItem(items.upperBound - 1).variant + 1)
                }
                sweep = try Sweep.prepare(definition, cloudplanVersion: CloudplanCommand.version, includeFolders: includeFolders,
                                          needed: needed, sink: sink)
            } catch .unreadable(let file) {
                sink.error(SourceLocation(file: file, line: 1, column: 1), "", "cannot read the file")
            } catch {}
        }
        for d in sink.sorted { printError(d.description) }
        guard let sweep, !sink.hasErrors else { throw ExitCode(CLIExit.invalidInput) }
        return sweep
    }

    /// Writes the Slurm script or Kubernetes manifest, after creating the work folder's
    /// `parts` and `logs` (Slurm opens the log files before a task starts).
    func emitJobs(_ engine: BatchEngine, sweep: Sweep) throws {
        let work = Self.absolute(workFolder ?? "sweep-\(sweep.manifest.sweep)")
        let settings = BatchScripts.Settings(
            cloudplan: executable.map(Self.absolute) ?? Self.absolute(CommandLine.arguments[0]), sweepFile: sweepPath ?? Self.absolute(sweepFile),
            workFolder: work, shards: shards, jobsPerShard: jobs ?? 1, sweepName: sweep.manifest.sweep,
            sweepSHA256: sweep.manifest.sweepSHA256, image: image, volumeClaim: volumeClaim)
        switch engine {
        case .slurm:
            do {
                for sub in ["parts", "logs"] { try FileManager.default.createDirectory(atPath: work + "/" + sub, withIntermediateDirectories: true) }
            } catch {
                printError("\(work): error: cannot create the work folder: \(error.localizedDescription)")
                throw ExitCode(CLIExit.outputFailed)
            }
            try emitReport(BatchScripts.slurm(settings), to: output)
        case .k8s:
            try emitReport(BatchScripts.kubernetes(settings), to: output)
        }
    }

    /// `path` made absolute against the current folder.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardizedFileURL.path
    }
}

/// `cloudplan merge`: the table of a sharded sweep from its parts.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the parts of a sharded sweep into its table, exactly as the unsharded run gives it.",
        discussion: """
            Takes the parts (cloudplan sweep --shard I/N --output FILE) in any order. Refuses, one \
            message per mistake and exit 1: a shard missing or given twice, a part cut short, parts of \
            another sweep file, scenario or cloudplan version, or runs that disagree on a plan.
            """)

    @Argument(help: ArgumentHelp("The part files.", valueName: "part"))
    var parts: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the part files to merge") }
    }

    func run() throws {
        var read: [(file: String, part: SweepPart)] = []
        var failed = false
        for file in parts {
            do {
                let text = String(decoding: try InputFile.readRegular(file), as: UTF8.self)
                read.append((file, try SweepPart.read(text, file: file)))
            } catch let error as InputFile.ReadError {
                printError(error.description)
                failed = true
            } catch let error as SweepPart.ReadError {
                printError(error.description)
                failed = true
            } catch {
                printError("\(file): error: cannot read the part: \(error.localizedDescription)")
                failed = true
            }
        }
        if failed { throw ExitCode(CLIExit.invalidInput) }
        switch SweepMerge.merge(read) {
        case .success(let results):
            try SweepReport.emit(results, format: output.format, localizer: output.localizer, to: output.output)
        case .failure(let problems):
            for m in problems.messages { printError(m) }
            throw ExitCode(CLIExit.invalidInput)
        }
    }
}

extension SweepReport {
    /// The table in `format`, to `path` or standard output.
    static func emit(_ r: SweepResults, format: OutputFormat, localizer: Localizer, to path: String?) throws {
        switch format {
        case .json: try emitReport(json(r).serialised(), to: path)
        case .csv: try emitReport(csv(r), to: path)
        default: try emitDocument(SweepDocument.build(r, localizer: localizer), format: format, localizer: localizer, to: path)
        }
    }
}
