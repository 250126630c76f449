import CapacityModel
import Foundation
import Yams

/// A proposed grouping written as a scenario file (`cloudplan group --emit scenario`): the
/// original main file with its `pools` replaced by one pool per proposed group (the site,
/// models and policy of the group's template pool, its members by code, the blade count sized),
/// its includes made relative to where the file is written, and its `continuity` section left
/// out (it names the old pools). A tenant the search left on its own servers gets a pool of its
/// own: the scenario format has no "stays on dedicated servers".
public enum GroupingScenario {
    public struct EmitError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The scenario text. - Throws: `EmitError` when the original file cannot be read again.
    public static func yaml(_ results: [(scope: String, result: GroupingResult)], scenario: Scenario,
                            originalPath: String, outputPath: String?) throws(EmitError) -> String {
        guard let text = try? String(contentsOfFile: originalPath, encoding: .utf8),
              let root = try? Yams.compose(yaml: text), var mapping = root.mapping else {
            throw EmitError(description: "\(originalPath): cannot read the scenario again to write the grouping")
        }
        var groups = results.flatMap { $0.result.groups }
        // Tenants the search left on their own servers leave the scenario when its tenants are
        // listed one by one (the scenario format has no "stays on its own servers"); with
        // `select` entries they keep a pool of their own.
        let alone = groups.filter { !$0.pooled }.flatMap(\.members)
        var left: [String] = []
        if !alone.isEmpty, let list = mapping["tenants"]?.sequence, list.allSatisfy({ $0["code"]?.string != nil }) {
            let codes = Set(alone.map { scenario.tenants[$0].code })
            mapping["tenants"] = Node(list.filter { !codes.contains($0["code"]!.string!) })
            left = alone.map { "\(scenario.tenants[$0].code) \(scenario.tenants[$0].name)" }
            groups = groups.filter(\.pooled)
        }
        var pools: [Node] = []
        var used: [String: Int] = [:]
        let poolOf = scenario.poolOfTenant
        for g in groups {
            guard let first = g.members.first, let template = poolOf[first] else { continue }
            used[template.name, default: 0] += 1
            let name = "\(template.name)-\(used[template.name]!)"
            pools.append(Node([
                (Node("name"), Node(name)), (Node("site"), Node(template.site.id)),
                (Node("tenants"), Node(g.members.map { Node(scenario.tenants[$0].code, .implicit, .doubleQuoted) }, .implicit, .flow)),
                (Node("blade"), Node(template.blade.id)), (Node("chassis"), Node(template.chassis.id)),
                (Node("storage"), Node(template.storage.id)), (Node("rack"), Node(template.rack.id)),
                (Node("policy"), Node(template.policy.id)),
            ]))
        }
        mapping["pools"] = Node(pools)
        mapping["continuity"] = nil
        if let name = mapping["name"]?.string { mapping["name"] = Node(name + " (grouping proposed by cloudplan group)") }
        if let includes = mapping["include"]?.sequence {
            let from = URL(fileURLWithPath: originalPath).deletingLastPathComponent().standardizedFileURL
            let to = URL(fileURLWithPath: outputPath ?? FileManager.default.currentDirectoryPath + "/x").deletingLastPathComponent().standardizedFileURL
            mapping["include"] = Node(includes.map { item in
                guard let relative = item.string else { return item }
                return Node(relativePath(from.appendingPathComponent(relative).standardizedFileURL.path, from: to.path))
            })
        }
        var header = "# The grouping `cloudplan group` proposed for \(scenario.name) (\(groups.count) pools); plan, simulate\n"
            + "# and compare it as any scenario. Written from \(originalPath); its continuity section is left out.\n"
        if !left.isEmpty {
            header += "# Left on their own servers (cheaper than any pool), so not in this scenario: \(left.joined(separator: ", ")).\n"
        }
        guard let body = try? Yams.serialize(node: .mapping(mapping), width: -1, allowUnicode: true) else {
            throw EmitError(description: "cannot write the grouping as YAML")
        }
        return header + body
    }

    /// `path` relative to the folder `base` (both absolute, standardised).
    static func relativePath(_ path: String, from base: String) -> String {
        let p = path.split(separator: "/"), b = base.split(separator: "/")
        var common = 0
        while common < p.count, common < b.count, p[common] == b[common] { common += 1 }
        let up = [String](repeating: "..", count: b.count - common)
        return (up + p[common...].map(String.init)).joined(separator: "/")
    }
}
