import ArgumentParser

/// The `cloudplan` command line: one subcommand per file, no logic of its own.
public struct CloudplanCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "cloudplan",
        abstract: "Capacity planner and simulator for shared municipal clouds (自治体クラウド).",
        discussion: """
            Size blade servers and storage arrays for municipalities that share them, check what \
            happens when hardware fails, and split the bill. Scenario files are YAML; see \
            docs/scenario-format.md.
            """,
        version: version,
        subcommands: [ValidateCommand.self, PlanCommand.self, SimulateCommand.self, CompareCommand.self, SweepCommand.self, MergeCommand.self, GroupCommand.self, PackCommand.self, InstancesCommand.self, ImportCommand.self, TransferCommand.self])

    public init() {}
}
