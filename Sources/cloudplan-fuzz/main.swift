import ArgumentParser
import Foundation
import Fuzzing

/// `cloudplan-fuzz`: seeded mutation fuzzing of the scenario loader, the inventory and instance
/// readers and the gzip reader, for a bounded time. Exit 0 when no rule broke, 1 when some did
/// (each mutant saved in the workspace), 2 on a hang; a crash ends the process with its signal
/// and leaves `current.txt` naming the input (see scripts/fuzz.sh).
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cloudplan-fuzz",
                                                    abstract: "Fuzz cloudplan's input readers with seeded mutations.")

    @Option(help: "Seconds to run (0-86,400).") var seconds: Double = 60
    @Option(help: "Seed of the mutations.") var seed: UInt64 = 1
    @Option(help: "Targets, comma-separated: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")).")
    var targets: String = FuzzTarget.allCases.map(\.rawValue).joined(separator: ",")
    @Option(help: "The repository whose Scenarios/ and data/ are the seeds.") var repository: String = "."
    @Option(help: "Working folder (emptied first).") var workspace: String = ".build/fuzz"
    @Option(help: "Peak memory allowed, MiB.") var memoryLimit: Int = 1_024

    func run() throws {
        guard (0...86_400).contains(seconds) else { throw ValidationError("--seconds must be between 0 and 86,400") }
        var chosen: [FuzzTarget] = []
        for name in targets.split(separator: ",") {
            guard let t = FuzzTarget(rawValue: String(name)) else { throw ValidationError("unknown target '\(name)'") }
            chosen.append(t)
        }
        guard !chosen.isEmpty else { throw ValidationError("--targets names no target") }
        let campaign = FuzzCampaign(seed: seed, seconds: seconds, targets: chosen, repositoryRoot: repository, workspace: workspace)
        // Written at once (not buffered), so that progress reaches a log file as it happens.
        let summary = try campaign.run { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        print("cloudplan-fuzz: \(summary.inputs) inputs (\(summary.accepted) accepted, \(summary.rejected) rejected), "
              + "\(summary.violations.count) violations; slowest \(String(format: "%.2f", summary.slowestSeconds)) s (\(summary.slowest)); "
              + "peak memory \(summary.peakMemoryBytes / 1_048_576) MiB")
        if summary.peakMemoryBytes > memoryLimit * 1_048_576 {
            print("cloudplan-fuzz: peak memory over \(memoryLimit) MiB")
            throw ExitCode(1)
        }
        if !summary.violations.isEmpty { throw ExitCode(1) }
    }
}

FuzzCommand.main()
