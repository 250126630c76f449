import Inventories
import Placement
import PlacementIO

/// Renders the results of `cloudplan pack`; the JSON is described in docs/pack-json.md.
public enum PackReport {
    public struct Summary: Sendable {
        public var instances: Int
        public var withKnownOptimum: Int
        public var optimumReached: Int
        /// Σ (bins − optimum) over instances with a known optimum.
        public var binsOverOptimum: Int
        public var provenOptimal: Int
        /// Instances where the answer used more bins than first fit decreasing (should be 0).
        public var worseThanFFD: Int
        public var betterThanFFD: Int
        public var meanSolveSeconds: Double
        public var maxSolveSeconds: Double

        public init(_ results: [PackingRun.Result]) {
            instances = results.count
            let known = results.filter { $0.knownOptimum != nil }
            withKnownOptimum = known.count
            optimumReached = known.filter { $0.bins <= $0.knownOptimum! }.count
            binsOverOptimum = known.reduce(0) { $0 + Swift.max(0, $1.bins - $1.knownOptimum!) }
            provenOptimal = results.filter(\.optimal).count
            worseThanFFD = results.filter { $0.binsWithoutReserve > $0.ffdBins }.count
            betterThanFFD = results.filter { $0.binsWithoutReserve < $0.ffdBins }.count
            meanSolveSeconds = results.isEmpty ? 0 : results.reduce(0.0) { $0 + $1.solveSeconds } / Double(results.count)
            maxSolveSeconds = results.map(\.solveSeconds).max() ?? 0
        }
    }

    public static func json(_ results: [PackingRun.Result], policy: String, timeLimit: Double,
                            assignments: Bool, hosts: [HostType]? = nil) -> JSONValue {
        let s = Summary(results)
        return .object([
            ("format", .string("cloudplan-pack")),
            ("format_version", .integer(1)),
            ("policy", .string(policy)),
            ("time_limit_seconds", .rounded(timeLimit, 3)),
            ("summary", .object([
                ("instances", .integer(s.instances)),
                ("with_known_optimum", .integer(s.withKnownOptimum)),
                ("optimum_reached", .integer(s.optimumReached)),
                ("optimum_reached_percent", .rounded(s.withKnownOptimum == 0 ? .nan : 100 * Double(s.optimumReached) / Double(s.withKnownOptimum), 2)),
                ("bins_over_optimum", .integer(s.binsOverOptimum)),
                ("proven_optimal", .integer(s.provenOptimal)),
                ("worse_than_ffd", .integer(s.worseThanFFD)),
                ("better_than_ffd", .integer(s.betterThanFFD)),
                ("mean_solve_seconds", .rounded(s.meanSolveSeconds, 6)),
                ("max_solve_seconds", .rounded(s.maxSolveSeconds, 6)),
            ])),
            ("instances", .array(results.map { r in
                var fields: [(String, JSONValue)] = [
                    ("name", .string(r.name)),
                    ("items", .integer(r.items)),
                    ("dimensions", .integer(r.dimensions)),
                    ("bins", .integer(r.bins)),
                    ("lower_bound", .integer(r.lowerBound)),
                    ("optimal", .bool(r.optimal)),
                    ("solve_seconds", .rounded(r.solveSeconds, 6)),
                    ("method", .string(r.method)),
                    ("ffd_bins", .integer(r.ffdBins)),
                    ("known_optimum", r.knownOptimum.map { .integer($0) } ?? .null),
                    ("best_published_heuristic", r.bestPublishedHeuristic.map { .integer($0) } ?? .null),
                ]
                if let report = r.reserveReport {
                    fields.append(("reserve", .object([
                        ("bins_without_reserve", .integer(r.binsWithoutReserve)),
                        ("cases_checked", .integer(report.casesChecked)),
                        ("cases_total", .count(report.casesTotal)),
                        ("exhaustive", .bool(report.exhaustive)),
                        ("ok", .bool(report.ok)),
                    ])))
                }
                if !r.excluded.isEmpty { fields.append(("excluded", excludedJSON(r.excluded))) }
                if assignments {
                    if r.itemNames.isEmpty {
                        fields.append(("assignment", .array(r.assignment.map { .integer(Int($0)) })))
                    } else {
                        fields.append(("assignment", .array(zip(r.itemNames, r.assignment).map {
                            .object([("item", .string($0)), ("bin", .integer(Int($1)))])
                        })))
                    }
                }
                return .object(fields)
            })),
        ])
    }

    /// Machines of an imported inventory left out of the packing: name, reason and line.
    static func excludedJSON(_ excluded: [ImportedInventory.Excluded]) -> JSONValue {
        .array(excluded.map { e in .object([("name", .string(e.name)), ("reason", .string(e.reason)), ("line", .integer(e.line))]) })
    }

    public static func csv(_ results: [PackingRun.Result]) -> String {
        var rows = [["name", "items", "dimensions", "bins", "lower_bound", "optimal", "solve_seconds", "method", "ffd_bins",
                     "known_optimum", "best_published_heuristic"]]
        for r in results {
            rows.append([r.name, String(r.items), String(r.dimensions), String(r.bins), String(r.lowerBound),
                         r.optimal ? "true" : "false", NumberFormat.plain(r.solveSeconds, decimals: 6), r.method,
                         String(r.ffdBins), r.knownOptimum.map(String.init) ?? "", r.bestPublishedHeuristic.map(String.init) ?? ""])
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func table(_ results: [PackingRun.Result], rowLimit: Int = 100) -> String {
        var out = ""
        if results.count <= rowLimit {
            // With a reserve, the bins the items need (what FFD, the bound and "optimal" are
            // about) and the reserve added to them are shown apart.
            let reserved = results.contains { $0.bins != $0.binsWithoutReserve }
            var t = TextTable(["instance", "items", "dims"] + (reserved ? ["bins for items", "+ reserve"] : ["bins"])
                              + ["bound", "optimal", "FFD", "known opt", "seconds", "method"])
            for r in results {
                let bins = reserved ? [String(r.binsWithoutReserve), String(r.bins - r.binsWithoutReserve)] : [String(r.bins)]
                t.add([r.name, String(r.items), String(r.dimensions)] + bins + [String(r.lowerBound), r.optimal ? "yes" : "",
                       String(r.ffdBins), r.knownOptimum.map(String.init) ?? "-", NumberFormat.grouped(r.solveSeconds, decimals: 3), r.method])
            }
            out += t.render() + "\n"
        } else {
            out += "\(results.count) instances: use --format json or csv for each one.\n\n"
        }
        let s = Summary(results)
        out += "instances \(s.instances), proven optimal \(s.provenOptimal), better than FFD \(s.betterThanFFD), worse than FFD \(s.worseThanFFD)\n"
        if s.withKnownOptimum > 0 {
            out += "known optimum reached in \(s.optimumReached) of \(s.withKnownOptimum) (\(NumberFormat.grouped(100 * Double(s.optimumReached) / Double(s.withKnownOptimum), decimals: 1))%), \(s.binsOverOptimum) bins over the optima in all\n"
        }
        out += "solve time: mean \(NumberFormat.grouped(s.meanSolveSeconds, decimals: 3)) s, max \(NumberFormat.grouped(s.maxSolveSeconds, decimals: 3)) s\n"
        return out
    }
}
