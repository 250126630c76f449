import ArgumentParser
import CapacityModel
import Foundation
import Placement
import PlacementIO
import Reports

/// Formats of `cloudplan pack`: the names `plan` and `simulate` use (`table`, the earlier name
/// of `text`, is still accepted).
enum PackFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv

    init?(argument: String) {
        self.init(rawValue: argument == "table" ? "text" : argument)
    }
}

extension PlacementChoice: ExpressibleByArgument {}

extension SortKey: ExpressibleByArgument {}

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack a VM inventory (CSV) or bin packing instances (JSON, BPPLIB text) into the fewest bins.",
        discussion: """
            FILE is either a VM inventory CSV (columns name, vcpu, memory_gib, disk_gib, iops and an optional \
            group: VMs of one group go on different hosts), packed onto --host, or a JSON file of instances in \
            the format of data/vector-packing/*.json.gz (gzip or plain), or one-dimensional instances in the \
            classical sets' plain text (BPPLIB: n, capacity, weights; OR-Library: several named instances). \
            Several --host options choose the mix \
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

    @Option(parsing: .unconditional, help: "Seed of the improvement stage, a whole number ≥ 0.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Flag(help: "Include each item's bin in the JSON report (with --format json).")
    var assignments = false

    @Option(name: .shortAndLong, help: "Report format: \(PackFormat.nameList).")
    var format: PackFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (whole or not at all).", valueName: "file"))
    var output: String?

    /// Longest time limit accepted per instance, seconds (a day).
    static let maximumTimeLimit = 86_400.0

    func validate() throws {
        if !(timeLimit >= 0 && timeLimit <= Self.maximumTimeLimit) {
            throw ValidationError("--time-limit must be a number of seconds from 0 to 86400")
        }
        if reserve < 0 || reserve > 16 { throw ValidationError("--reserve must be between 0 and 16") }
        if jobs < 1 || jobs > 1_024 { throw ValidationError("--jobs must be between 1 and 1024") }
        if domains < 0 || domains > 100_000 { throw ValidationError("--domains must be between 0 and 100000") }
        if assignments && format != .json {
            throw ValidationError("--assignments adds each item's bin to the JSON report: use it with --format json")
        }
    }

    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        let parsedHosts = try parseHosts()
        var loaded = try load(hosts: parsedHosts)
        if let filter = instances { loaded = loaded.filter { $0.name.contains(filter) } }
        let text: String
        if parsedHosts.count > 1 {
            let results = try packMixed(loaded, parsedHosts)
            switch format {
            case .text: text = PackReport.mixTable(results)
            case .json: text = PackReport.mixJSON(results, assignments: assignments).serialised()
            case .csv: text = PackReport.mixCSV(results)
            }
        } else {
            try refuseOversized(loaded, capacities: loaded.map { [$0.problem.capacity] }, mixed: false)
            let runner = PackingRun(method: policy.method(key: sortKey), timeLimit: timeLimit, reserve: reserve, jobs: jobs, seed: seed)
            let results: [PackingRun.Result]
            // Say up front when a run may be long (1,200 instances at 1 s on one thread: 20 min).
            let worst = Double(loaded.count) * timeLimit / Double(Swift.max(jobs, 1))
            if worst > 30 && !progressOptions.quiet {
                printError("pack: \(loaded.count) instances at up to \(NumberFormat.grouped(timeLimit, decimals: 1)) s each on \(jobs) thread\(jobs == 1 ? "" : "s"): up to about \(NumberFormat.grouped(worst / 60, decimals: 1)) min (--time-limit, --jobs and --instances shorten it)")
            }
            do {
                let line = progressOptions.line("pack", unit: "instances", total: loaded.count)
                results = try runner.run(loaded) { line.update($0) }
            } catch {
                printError("error: \(error)")
                throw ExitCode(CLIExit.infeasible)
            }
            switch format {
            case .text: text = PackReport.table(results)
            case .json: text = PackReport.json(results, policy: policy.rawValue, timeLimit: timeLimit, assignments: assignments).serialised()
            case .csv: text = PackReport.csv(results)
            }
        }
        try emitReport(text, to: output)
    }

    func parseHosts() throws -> [HostType] {
        var parsed: [HostType] = []
        for spec in hosts {
            switch HostType.parse(spec) {
            case .success(let h): parsed.append(h)
            case .failure(let e):
                printError("\(e)")
                throw ExitCode(CLIExit.invalidInput)
            }
        }
        return parsed
    }

    /// Every file's instances: inventories (CSV) against the host types, vector-packing JSON as is.
    func load(hosts: [HostType]) throws -> [NamedInstance] {
        var loaded: [NamedInstance] = []
        do {
            for file in files {
                if file.hasSuffix(".csv") || file.hasSuffix(".csv.gz") {
                    guard !hosts.isEmpty else {
                        // A missing option is wrong use of the command line (64), not a bad file.
                        printError("error: \(file) is an inventory: give --host with the host's capacities (such as --host vcpu=24,memory_gib=192)")
                        throw ExitCode(CLIExit.usage)
                    }
                    loaded.append(try InventoryFile.read(file, hosts: hosts, domains: domains))
                } else {
                    loaded.append(contentsOf: try VectorPackingFile.read(file))
                }
            }
        } catch let e as InstanceFileError {
            printError("\(e)")
            throw ExitCode(CLIExit.invalidInput)
        } catch let e as InstanceFileErrors {
            for error in e.errors { printError("\(error)") }
            throw ExitCode(CLIExit.invalidInput)
        }
        for instance in loaded {
            for e in instance.excluded { printError("\(instance.source):\(e.line):1: note: \(e.name) left out: \(e.reason)") }
        }
        return loaded
    }

    /// An item larger than every bin it could go into has no packing: exit 3, naming each such
    /// item where it is written (at most 10 per instance).
    func refuseOversized(_ loaded: [NamedInstance], capacities: [[[Double]]], mixed: Bool) throws {
        var any = false
        for (instance, caps) in zip(loaded, capacities) {
            let what = instance.itemNames.isEmpty ? "the capacity" : (mixed ? "every host type" : "the host")
            let p = instance.problem, d = p.dimensions
            var shown = 0
            for i in 0..<p.itemCount {
                let fitsSome = caps.contains { cap in (0..<d).allSatisfy { p.sizes[i * d + $0] <= cap[$0] * (1 + PackingProblem.tolerance) } }
                guard !fitsSome else { continue }
                any = true
                shown += 1
                if shown > 10 { continue }
                let place = i < instance.itemLocations.count ? instance.itemLocations[i] : "item \(i)"
                let item = i < instance.itemNames.count ? "VM \(instance.itemNames[i])" : place
                if Int(place) != nil {
                    printError("\(instance.source):\(place):1: error: \(item) is larger than \(what)")
                } else {
                    printError("\(instance.source):1:1: error: \(item) is larger than \(what)")
                }
            }
            if shown > 10 { printError("\(instance.source): error: \(shown - 10) more items are larger than \(what)") }
        }
        if any { throw ExitCode(CLIExit.infeasible) }
    }

    /// Several host types: the cheapest mix, per instance.
    func packMixed(_ loaded: [NamedInstance], _ hosts: [HostType]) throws -> [HostMixResult] {
        let columns = HostType.limitedColumns(hosts)
        let typesOf = loaded.map { instance -> [HeterogeneousPacking.BinType] in
            let unlimited = InventoryFile.unlimited(instance.problem.sizes, dimensions: columns.count)
            return hosts.enumerated().map { i, h in
                HeterogeneousPacking.BinType(name: h.name.isEmpty ? "host\(i + 1)" : h.name,
                                             capacity: h.capacity(columns: columns, unlimited: unlimited), price: h.price)
            }
        }
        try refuseOversized(loaded, capacities: typesOf.map { $0.map(\.capacity) }, mixed: true)
        var results: [HostMixResult] = []
        for (instance, types) in zip(loaded, typesOf) {
            if reserve > 0 {
                results.append(HostMixResult(instance: instance, types: types, solution: try cheapestWithReserve(instance, types)))
                continue
            }
            let p = instance.problem
            guard let s = HeterogeneousPacking.pack(sizes: p.sizes, dimensions: p.dimensions, types: types,
                                                    constraints: p.constraints, timeLimit: timeLimit) else {
                printError("\(instance.source): error: \(instance.name): no host type can hold the VMs under their constraints")
                throw ExitCode(CLIExit.infeasible)
            }
            let problems = HeterogeneousPacking.violations(s, sizes: p.sizes, dimensions: p.dimensions, types: types)
            guard problems.isEmpty else {
                printError("\(instance.name): error: internal error: infeasible mix (\(problems.prefix(3).joined(separator: "; ")))")
                throw ExitCode(CLIExit.infeasible)
            }
            results.append(HostMixResult(instance: instance, types: types, solution: s))
        }
        return results
    }

    /// With a reserve, one host type per instance: each type that can hold every VM is packed
    /// with the reserve (losing any K hosts strands no VM, checked case by case), and the
    /// cheapest wins (ties: fewer hosts, then the earlier type).
    func cheapestWithReserve(_ instance: NamedInstance, _ types: [HeterogeneousPacking.BinType]) throws
        -> HeterogeneousPacking.Solution {
        let runner = PackingRun(method: policy.method(key: sortKey), timeLimit: timeLimit, reserve: reserve, jobs: 1, seed: seed)
        var best: (cost: Double, solution: HeterogeneousPacking.Solution)?
        var reasons: [String] = []
        for (t, type) in types.enumerated() {
            var candidate = instance
            candidate.problem = PackingProblem(name: instance.name, capacity: type.capacity, sizes: instance.problem.sizes,
                                               constraints: instance.problem.constraints)
            guard candidate.problem.oversizedItems.isEmpty else { continue }
            let result: PackingRun.Result
            do {
                guard let r = try runner.run([candidate]).first else { continue }
                result = r
            } catch {
                reasons.append("\(type.name): \(error)")
                continue
            }
            let cost = Double(result.bins) * type.price
            if let b = best, (b.cost, b.solution.binTypes.count) <= (cost, result.bins) { continue }
            best = (cost, HeterogeneousPacking.Solution(
                assignment: result.assignment, binTypes: [Int](repeating: t, count: result.bins), cost: cost,
                method: "only \(type.name) with reserve \(reserve) (\(result.method))"))
        }
        guard let best else {
            printError("\(instance.source): error: \(instance.name): no host type meets --reserve \(reserve) (\(reasons.joined(separator: "; ")))")
            throw ExitCode(CLIExit.infeasible)
        }
        return best.solution
    }
}
