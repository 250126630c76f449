import Placement
import PlacementIO

/// The cheapest host mix of each instance (`cloudplan pack` with several `--host` types).
public struct HostMixResult: Sendable {
    public var instance: NamedInstance
    public var types: [HeterogeneousPacking.BinType]
    public var solution: HeterogeneousPacking.Solution

    public init(instance: NamedInstance, types: [HeterogeneousPacking.BinType], solution: HeterogeneousPacking.Solution) {
        self.instance = instance
        self.types = types
        self.solution = solution
    }

    /// Hosts of each type used, for the types used, in type order.
    public var counts: [(type: String, count: Int)] {
        var counts = [Int](repeating: 0, count: types.count)
        for t in solution.binTypes { counts[t] += 1 }
        return types.indices.filter { counts[$0] > 0 }.map { (types[$0].name, counts[$0]) }
    }

    public var mixText: String { counts.map { "\($0.count) × \($0.type)" }.joined(separator: ", ") }
}

extension PackReport {
    public static func mixTable(_ results: [HostMixResult]) -> String {
        var table = TextTable(["instance", "bins", "cost", "method", "mix"])
        for r in results {
            table.add([r.instance.name, String(r.solution.binTypes.count), NumberFormat.grouped(r.solution.cost),
                       r.solution.method, r.mixText])
        }
        return table.render()
    }

    public static func mixCSV(_ results: [HostMixResult]) -> String {
        var rows = [["name", "bins", "cost", "method", "mix"]]
        for r in results {
            rows.append([r.instance.name, String(r.solution.binTypes.count), NumberFormat.plain(r.solution.cost, decimals: 2),
                         r.solution.method, r.counts.map { "\($0.count) \($0.type)" }.joined(separator: "; ")])
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func mixJSON(_ results: [HostMixResult], assignments: Bool) -> JSONValue {
        let rows: [JSONValue] = results.map { r in
            var fields: [(String, JSONValue)] = [
                ("name", .string(r.instance.name)), ("bins", .integer(r.solution.binTypes.count)),
                ("cost", .rounded(r.solution.cost, 2)), ("method", .string(r.solution.method)),
                ("mix", .array(r.counts.map { .object([("host", .string($0.type)), ("count", .integer($0.count))]) })),
            ]
            if !r.instance.excluded.isEmpty { fields.append(("excluded", PackReport.excludedJSON(r.instance.excluded))) }
            if assignments {
                let p = r.instance.problem
                let names = r.instance.itemNames.isEmpty ? (0..<p.itemCount).map(String.init) : r.instance.itemNames
                fields.append(("bin_hosts", .array(r.solution.binTypes.map { .string(r.types[$0].name) })))
                fields.append(("assignment", .array(zip(names, r.solution.assignment).map {
                    .object([("item", .string($0)), ("bin", .integer(Int($1)))])
                })))
            }
            return .object(fields)
        }
        return .object([("format", .string("cloudplan-pack-mix")), ("format_version", .integer(1)), ("instances", .array(rows))])
    }
}
