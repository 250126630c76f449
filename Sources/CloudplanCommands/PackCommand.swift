import ArgumentParser
import Foundation
import Placement
import PlacementIO
import Reports

/// Formats of `cloudplan pack`.
enum PackFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension PlacementChoice: ExpressibleByArgument {}

extension SortKey: ExpressibleByArgument {}

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack a VM inventory (CSV) or vector bin packing instances (JSON) into the fewest bins.",
        discussion: """
            FILE is either a VM inventory CSV (columns name, vcpu, memory_gib, disk_gib, iops and an optional \
            group: VMs of one group go on different hosts), packed onto --host, or a JSON file of instances in \
            the format of data/vector-packing/*.json.gz (gzip or plain). Several --host options choose the mix \
            of host types that costs least (give price= for each). Every assignment is checked for feasibility \
            before it is written. The JSON report is described in docs/pack-json.md.
            """)

    @Argument(help: ArgumentHelp("Inventory CSV or instance JSON files.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("host"), help: ArgumentHelp(
        "Host capacities for an inventory: vcpu=32,memory_gib=256[,disk_gib=…][,iops=…][,price=…][,name=…]. Repeat for several types.",
        valueName: "spec"))
    var hosts: [String] = []

    @Option(help: "Method: \(PlacementChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: PlacementChoice = .best

    @Option(help: "Sort key of the decreasing heuristics: sum, max or product.")
    var sortKey: SortKey = .sum

    @Option(help: "Seconds per instance for the best method (the improvement stage stops at the lower bound).")
    var timeLimit: Double = 1

    @Option(help: "Keep room so that losing any K bins strands no item (checked case by case).")
    var reserve: Int = 0

    @Option(help: "Failure domains (chassis) for an inventory's groups: bins go round-robin into this many domains, and group members into different ones (0: different bins suffice).")
    var domains: Int = 0

    @Option(help: "Instances packed in parallel.")
    var jobs: Int = 1

    @Option(help: "Only instances whose name contains this text.")
    var instances: String?

    @Option(help: "Seed of the improvement stage.")
    var seed: UInt64 = 1

    @Flag(help: "Include each item's bin in the JSON.")
    var assignments = false

    @Option(name: .shortAndLong, help: "Report format: table, json or csv.")
    var format: PackFormat = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (whole or not at all).", valueName: "file"))
    var output: String?

    func validate() throws {
        if timeLimit < 0 || !timeLimit.isFinite { throw ValidationError("--time-limit must be a number of seconds ≥ 0") }
        if reserve < 0 || reserve > 16 { throw ValidationError("--reserve must be between 0 and 16") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if domains < 0 { throw ValidationError("--domains must be ≥ 0") }
    }

    func run() throws {
        var parsedHosts: [HostType] = []
        for spec in hosts {
            switch HostType.parse(spec) {
            case .success(let h): parsedHosts.append(h)
            case .failure(let e):
                printError("\(e)")
                throw ExitCode(CLIExit.invalidInput)
            }
        }
        var loaded: [NamedInstance] = []
        do {
            for file in files {
                if file.hasSuffix(".csv") || file.hasSuffix(".csv.gz") {
                    guard let host = parsedHosts.first else {
                        printError("\(file):1:1: error: an inventory needs --host with the host's capacities")
                        throw ExitCode(CLIExit.invalidInput)
                    }
                    loaded.append(try InventoryFile.read(file, host: host, domains: domains))
                } else {
                    loaded.append(contentsOf: try VectorPackingFile.read(file))
                }
            }
        } catch let e as InstanceFileError {
            printError("\(e)")
            throw ExitCode(CLIExit.invalidInput)
        }
        if let filter = instances { loaded = loaded.filter { $0.name.contains(filter) } }
        let text: String
        if parsedHosts.count > 1 {
            text = try packMixed(loaded, parsedHosts)
        } else {
            let runner = PackingRun(method: policy.method(key: sortKey), timeLimit: timeLimit, reserve: reserve, jobs: jobs, seed: seed)
            let results: [PackingRun.Result]
            do {
                results = try runner.run(loaded)
            } catch {
                printError("error: \(error)")
                throw ExitCode(CLIExit.infeasible)
            }
            switch format {
            case .table: text = PackReport.table(results)
            case .json: text = PackReport.json(results, policy: policy.rawValue, timeLimit: timeLimit, assignments: assignments).serialised()
            case .csv: text = PackReport.csv(results)
            }
        }
        try emitReport(text, to: output)
    }

    /// Several host types: the cheapest mix, per instance.
    func packMixed(_ loaded: [NamedInstance], _ hosts: [HostType]) throws -> String {
        let types = hosts.enumerated().map { i, h in
            HeterogeneousPacking.BinType(name: h.name.isEmpty ? "host\(i + 1)" : h.name,
                                         capacity: [h.vcpu, h.memoryGiB, h.diskGiB, h.iops].map { $0.isInfinite ? 1e18 : $0 },
                                         price: h.price)
        }
        var rows: [JSONValue] = []
        var table = TextTable(["instance", "bins", "cost", "method", "mix"])
        for instance in loaded {
            let p = instance.problem
            guard let s = HeterogeneousPacking.pack(sizes: p.sizes, dimensions: p.dimensions, types: types,
                                                    constraints: p.constraints, timeLimit: timeLimit) else {
                printError("\(instance.name): error: some item fits no host type")
                throw ExitCode(CLIExit.infeasible)
            }
            let problems = HeterogeneousPacking.violations(s, sizes: p.sizes, dimensions: p.dimensions, types: types)
            guard problems.isEmpty else {
                printError("\(instance.name): error: internal error: infeasible mix (\(problems.prefix(3).joined(separator: "; ")))")
                throw ExitCode(CLIExit.infeasible)
            }
            var counts = [Int](repeating: 0, count: types.count)
            for t in s.binTypes { counts[t] += 1 }
            let mix = types.indices.filter { counts[$0] > 0 }.map { "\(counts[$0]) × \(types[$0].name)" }.joined(separator: ", ")
            table.add([instance.name, String(s.binTypes.count), NumberFormat.grouped(s.cost), s.method, mix])
            var fields: [(String, JSONValue)] = [
                ("name", .string(instance.name)), ("bins", .integer(s.binTypes.count)), ("cost", .rounded(s.cost, 2)),
                ("method", .string(s.method)),
                ("mix", .array(types.indices.filter { counts[$0] > 0 }.map {
                    .object([("host", .string(types[$0].name)), ("count", .integer(counts[$0]))])
                })),
            ]
            if assignments {
                fields.append(("bin_hosts", .array(s.binTypes.map { .string(types[$0].name) })))
                fields.append(("assignment", .array(zip(instance.itemNames.isEmpty ? (0..<p.itemCount).map(String.init) : instance.itemNames,
                                                        s.assignment).map { .object([("item", .string($0)), ("bin", .integer(Int($1)))]) })))
            }
            rows.append(.object(fields))
        }
        switch format {
        case .json: return JSONValue.object([("format", .string("cloudplan-pack-mix")), ("format_version", .integer(1)),
                                             ("instances", .array(rows))]).serialised()
        case .table, .csv: return table.render()
        }
    }
}
