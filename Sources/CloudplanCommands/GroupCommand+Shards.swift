import ArgumentParser
import CapacityModel
import Foundation
import Grouping
import InputData
import Sweep

/// `group --per-pool` in shards: a part per slice of the pools (`--shard`), the report from the
/// parts (`--merge`), and the batch-engine files that do both (`--emit slurm|k8s`).
extension GroupCommand {
    func validateShards() throws {
        if let shard, WorkShard.parse(shard) == nil { throw ValidationError("--shard must be I/N with 0 ≤ I < N (such as 2/7), got '\(shard)'") }
        if shard != nil && !perPool { throw ValidationError("--shard slices the pools: it goes with --per-pool") }
        if shard != nil && (merge || emit != nil) { throw ValidationError("--shard writes a part: not with --merge or --emit") }
        if merge && parts.isEmpty { throw ValidationError("--merge needs the parts after the scenario (cloudplan group SCENARIO OPTIONS --merge part-*.jsonl)") }
        if !merge && !parts.isEmpty { throw ValidationError("only one scenario is grouped at a time; parts go with --merge") }
        if merge && emit != nil && emit != .scenario { throw ValidationError("--merge writes the report: not with --emit \(emit!.rawValue)") }
        if (emit == .slurm || emit == .k8s) && !perPool { throw ValidationError("--emit \(emit!.rawValue) runs the pools as shards: it goes with --per-pool") }
        if !(1...100_000).contains(shards) { throw ValidationError("--shards must be between 1 and 100000") }
        for (option, value) in [("--work-dir", workFolder), ("--cloudplan", executable), ("the scenario's path", emit == .slurm || emit == .k8s ? scenario : nil)] {
            if let value, BatchScripts.hasControlCharacters(value) {
                throw ValidationError("\(option) is written into job scripts: it may not hold a line break or control character")
            }
        }
    }

    /// The options that decide the result, as command-line words (in a fixed order): passed to
    /// the jobs of --emit and part of the parts' fingerprint.
    var optionWords: [String] {
        var words: [String] = []
        words += maximumTenants.map { ["--max-tenants", String($0)] } ?? []
        words += maximumPopulation.map { ["--max-population", String($0)] } ?? []
        for t in together { words += ["--together", t] }
        for a in apart { words += ["--apart", a] }
        for t in tenants { words += ["--tenants", t] }
        if samePrefecture { words.append("--same-prefecture") }
        if neighbouringPrefectures { words.append("--neighbouring-prefectures") }
        if stableOnly { words.append("--stable-only") }
        if perPool { words.append("--per-pool") }
        words += ["--exact-up-to", String(exactUpTo), "--starts", String(starts)]
        for s in settings { words += ["--set", s] }
        for f in includeFolders { words += ["--include-from", f] }
        return words
    }

    /// SHA-256 of the scenario's files and `optionWords`; exit 1 when a file cannot be read.
    func fingerprint(_ loaded: Scenario) throws -> String {
        guard let f = GroupingPart.fingerprint(files: [scenario] + loaded.includedFiles, settings: optionWords.joined(separator: "\u{0}")) else {
            printError("\(scenario):1:1: error: cannot read the scenario or one of its includes")
            throw ExitCode(CLIExit.invalidInput)
        }
        return f
    }

    /// The scopes of the parts, checked against this run's fingerprint and scope count; exit 1
    /// after every problem.
    func merged(_ loaded: Scenario, scopes count: Int) throws -> [(scope: String, result: GroupingResult)] {
        var read: [(file: String, part: GroupingPart)] = []
        var problems: [PartError] = []
        for file in parts {
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append(PartError(file: file, line: 1, message: "cannot read the file"))
                continue
            }
            switch GroupingPart.read(String(decoding: data, as: UTF8.self), file: file) {
            case .success(let p): read.append((file, p))
            case .failure(let e): problems.append(e)
            }
        }
        if problems.isEmpty, let first = read.first, first.part.scopeCount != count {
            problems.append(PartError(file: first.file, line: 1, message: "the part has \(first.part.scopeCount) scopes; this scenario with these options has \(count)"))
        }
        if problems.isEmpty {
            switch GroupingPart.merge(read, fingerprint: try fingerprint(loaded)) {
            case .success(let scopes): return scopes.map { ($0.name, $0.result) }
            case .failure(let e): problems = e.list
            }
        }
        for p in problems { printError(p.description) }
        throw ExitCode(CLIExit.invalidInput)
    }

    /// Writes the Slurm script or Kubernetes manifest (after creating the work folder's `parts`
    /// and `logs` for Slurm).
    func emitJobs(_ engine: GroupEmit, scenario loaded: Scenario) throws {
        let work = SweepCommand.absolute(workFolder ?? "group-\(loaded.name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" })")
        var s = BatchScripts.Settings(
            cloudplan: executable.map(SweepCommand.absolute) ?? SweepCommand.absolute(CommandLine.arguments[0]),
            sweepFile: SweepCommand.absolute(scenario), workFolder: work, shards: shards, jobsPerShard: 2,
            sweepName: loaded.name, sweepSHA256: try fingerprint(loaded))
        s.work = .grouping(options: optionWords + (noTiming ? ["--no-timing"] : []))
        if engine == .slurm {
            do {
                for sub in ["parts", "logs"] { try FileManager.default.createDirectory(atPath: work + "/" + sub, withIntermediateDirectories: true) }
            } catch {
                printError("\(work): error: cannot create the work folder: \(error.localizedDescription)")
                throw ExitCode(CLIExit.outputFailed)
            }
            try output.emit(BatchScripts.slurm(s))
        } else {
            try output.emit(BatchScripts.kubernetes(s))
        }
    }
}
