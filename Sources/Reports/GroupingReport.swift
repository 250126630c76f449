import CapacityModel
import Grouping

/// `cloudplan group`'s JSON (docs/group-json.md): the proposed groups, the scenario's own
/// pools as the baseline, the saving, how exact the search was and what it planned.
public enum GroupingReport {
    public static let formatVersion = 1

    public static func json(_ results: [(scope: String, result: GroupingResult)], scenario: Scenario) -> JSONValue {
        let total = results.reduce(0.0) { $0 + $1.result.totalYenPerYear }
        let baseline = results.reduce(0.0) { $0 + $1.result.baselineYenPerYear }
        let lower = results.reduce(0.0) { $0 + $1.result.lowerBoundYenPerYear }
        let groups: [JSONValue] = results.flatMap { scope, r in r.groups.map { group($0, scope: scope, scenario: scenario) } }
        let baselineGroups: [JSONValue] = results.flatMap { $0.result.baselineGroups.map { codes($0, scenario) } }
        let scopes: [JSONValue] = results.map { scope($0.scope, $0.result, scenario: scenario) }
        let curve: [JSONValue] = scaleCurve(results).map { p in
            .object([("members", .integer(p.members)), ("population", .integer(p.population)),
                     ("yen_per_resident_per_year", .rounded(p.yenPerResident, 1))])
        }
        var fields: [(String, JSONValue)] = [
            ("format", .string("cloudplan-grouping")),
            ("format_version", .integer(formatVersion)),
            ("scenario", .string(scenario.name)),
            ("groups", .array(groups)),
            ("total_yen_per_year", yen(total)),
            ("baseline", .object([("groups", .array(baselineGroups)), ("total_yen_per_year", yen(baseline))])),
            ("saving_yen_per_year", yen(baseline - total)),
            ("exact", .bool(results.allSatisfy { $0.result.exact })),
            ("lower_bound_yen_per_year", yen(lower)),
        ]
        fields += [
            ("gap_percent", .rounded(total > 0 ? 100 * (total - lower) / total : 0, 2)),
            ("coalitions_planned", .integer(results.reduce(0) { $0 + $1.result.coalitionsPlanned })),
            ("coalitions_per_second", rate(results).map { .rounded($0, 1) } ?? .null),
            ("seconds", seconds(results).map { .rounded($0, 3) } ?? .null),
            ("scopes", .array(scopes)),
            ("economies_of_scale", .array(curve)),
        ]
        return .object(fields)
    }

    static func yen(_ x: Double) -> JSONValue { x.isFinite ? .integer(Int(x.rounded())) : .null }

    static func codes(_ members: [Int], _ scenario: Scenario) -> JSONValue { .array(members.map { .string(scenario.tenants[$0].code) }) }

    static func group(_ g: GroupingResult.Group, scope: String, scenario: Scenario) -> JSONValue {
        .object([("scope", .string(scope)), ("members", codes(g.members, scenario)), ("yen_per_year", yen(g.yenPerYear)),
                 ("population", .integer(g.population)), ("pooled", .bool(g.pooled)),
                 ("stable", g.stable.map(JSONValue.bool) ?? .null), ("rule", .string(g.rule.rawValue)),
                 ("blocking_coalition", g.blockingCoalition.map { codes($0, scenario) } ?? .null),
                 ("shapley_stable", g.shapleyStable.map(JSONValue.bool) ?? .null),
                 ("core_empty", g.coreEmpty.map(JSONValue.bool) ?? .null),
                 ("core_shortfall_yen_per_year", g.coreShortfallYen.map(yen) ?? .null)])
    }

    static func scope(_ name: String, _ r: GroupingResult, scenario: Scenario) -> JSONValue {
        let split: JSONValue = r.subadditive == false ? .array(r.groups.map { codes($0.members, scenario) }) : .null
        return .object([
            ("scope", .string(name)), ("tenants", .integer(r.tenants)), ("method", .string(r.method)), ("exact", .bool(r.exact)),
            ("total_yen_per_year", yen(r.totalYenPerYear)), ("baseline_yen_per_year", yen(r.baselineYenPerYear)),
            ("lower_bound_yen_per_year", yen(r.lowerBoundYenPerYear)),
            ("subadditive", r.subadditive.map(JSONValue.bool) ?? .null),
            ("grand_coalition_yen_per_year", yen(r.grandCoalitionYenPerYear)),
            ("grand_coalition_pooled", .bool(r.grandCoalitionPooled)),
            ("best_split", split),
            ("coalitions_planned", .integer(r.coalitionsPlanned)), ("seconds", r.seconds.map { .rounded($0, 3) } ?? .null),
        ])
    }

    /// Seconds over every scope (summed: the shards' own when merged); nil when left out.
    static func seconds(_ results: [(scope: String, result: GroupingResult)]) -> Double? {
        results.reduce(Double?(0)) { acc, r in acc.flatMap { a in r.result.seconds.map { a + $0 } } }
    }

    /// Coalitions planned a second, over every scope; nil when the seconds are left out.
    static func rate(_ results: [(scope: String, result: GroupingResult)]) -> Double? {
        seconds(results).map { $0 > 0 ? Double(results.reduce(0) { $0 + $1.result.coalitionsPlanned }) / $0 : 0 }
    }

    /// The economies-of-scale curve: for each group size, the pooled group planned with the
    /// lowest cost per resident (its population and that cost). Sorted by size.
    static func scaleCurve(_ results: [(scope: String, result: GroupingResult)]) -> [(members: Int, population: Int, yenPerResident: Double)] {
        var best: [Int: (population: Int, yenPerResident: Double)] = [:]
        for (_, r) in results {
            for p in r.curve where p.population > 0 {
                let v = p.yenPerYear / Double(p.population)
                if best[p.members].map({ v < $0.yenPerResident }) ?? true { best[p.members] = (p.population, v) }
            }
        }
        return best.keys.sorted().map { (members: $0, population: best[$0]!.population, yenPerResident: best[$0]!.yenPerResident) }
    }
}
