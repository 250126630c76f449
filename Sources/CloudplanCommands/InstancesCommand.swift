import ArgumentParser
import PlacementIO
import Reports

/// A family `instances` can draw: a classical one-dimensional one or a vector packing one.
enum InstanceFamily: ExpressibleByArgument {
    case oneDimensional(BinPackingFamily)
    case vector(VectorPackingFamily)

    init?(argument: String) {
        if let family = BinPackingFamily(rawValue: argument) { self = .oneDimensional(family) }
        else if let family = VectorPackingFamily(rawValue: argument) { self = .vector(family) }
        else { return nil }
    }

    static var allValueStrings: [String] {
        BinPackingFamily.allCases.map(\.rawValue) + VectorPackingFamily.allCases.map(\.rawValue)
    }

    var name: String {
        switch self {
        case .oneDimensional(let family): family.rawValue
        case .vector(let family): family.rawValue
        }
    }

    func instances(count: Int?, seed: UInt64) -> [NamedInstance] {
        switch self {
        case .oneDimensional(let family): family.instances(count: count, seed: seed)
        case .vector(let family): family.instances(count: count, seed: seed)
        }
    }
}

/// `cloudplan instances FAMILY`: a new set of a classical bin packing family (one-dimensional or
/// vector), drawn by its published rule from a seed (the same seed, the same bytes).
struct InstancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instances",
        abstract: "Generate a set of a classical bin packing family (JSON that `pack` reads).",
        discussion: """
            Families: \(InstanceFamily.allValueStrings.joined(separator: ", ")). Each is drawn by \
            its published rule (docs/packing-quality.md names the sources); --count sets the instances per \
            size class (default: as many as the published set has; the vector families have 10 for each \
            number of items and of dimensions). Instances whose construction proves the optimum \
            (falkenauer-t, hard-perfect, the vector triplets) carry it.
            """)

    @Argument(help: "The family.")
    var family: InstanceFamily

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
        try emitReport(InstanceSetJSON.render(set, set: family.name, seed: seed), to: output)
    }
}
