import ArgumentParser
import PlacementIO
import Reports

extension BinPackingFamily: ExpressibleByArgument {}

/// `cloudplan instances FAMILY`: a new set of a classical one-dimensional bin packing family,
/// drawn by its published rule from a seed (the same seed, the same bytes).
struct InstancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instances",
        abstract: "Generate a set of a classical one-dimensional bin packing family (JSON that `pack` reads).",
        discussion: """
            Families: \(BinPackingFamily.allCases.map(\.rawValue).joined(separator: ", ")). Each is drawn by \
            its published rule (docs/packing-quality.md names the sources); --count sets the instances per \
            size class (default: as many as the published set has). Instances whose construction proves \
            the optimum (falkenauer-t, hard-perfect) carry it.
            """)

    @Argument(help: "The family.")
    var family: BinPackingFamily

    @Option(help: "Instances per size class (default: the published set's count).")
    var count: Int?

    @Option(parsing: .unconditional, help: "Seed, a whole number ≥ 0.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the set to this file (whole or not at all).", valueName: "file"))
    var output: String?

    func validate() throws {
        if let count, !(1...10_000).contains(count) { throw ValidationError("--count must be between 1 and 10000") }
    }

    func run() throws {
        let set = family.instances(count: count, seed: seed)
        try emitReport(InstanceSetJSON.render(set, set: family.rawValue, seed: seed), to: output)
    }
}
