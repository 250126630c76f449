import Foundation
import Yams

/// Reads a sweep file (docs/sweep-format.md) with located diagnostics, one per mistake. It
/// checks the file itself (keys, key paths, values, outputs); the scenarios each variant makes
/// are checked when they are loaded.
public struct SweepLoader {
    /// The figure names `outputs` may list.
    public var knownOutputs: [String]

    static let currentFormatVersion = 1

    public init(knownOutputs: [String]) { self.knownOutputs = knownOutputs }

    /// The sweep at `path`, or nil after reporting every problem to `sink`.
    public func load(path: String, sink: DiagnosticSink) -> SweepDefinition? {
        guard let root = YAMLFile.load(path: path, displayPath: path, sink: sink) else { return nil }
        guard let r = YAMLNode(node: root, path: "", file: path, sink: sink).mapping() else { return nil }
        defer { r.finish() }
        if let v = r.required("cloudplan_sweep", "the format version, 1")?.integer(), v != Self.currentFormatVersion {
            r.optional("cloudplan_sweep")?.error("unsupported sweep format version \(v); this cloudplan reads version \(Self.currentFormatVersion)")
        }
        var name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if let node = r.optional("name"), let given = node.string() {
            // The name reaches job names and comments of batch scripts: one line of text.
            if given.unicodeScalars.contains(where: Unicode.Scalar.breaksALine) {
                node.error("a sweep name is one line of text: it has a line break or control character")
            } else {
                name = given
            }
        }
        let description = r.optionalString("description")
        let scenarios = readScenarios(r, path: path)
        let parameters = r.optional("parameters").map(readParameters) ?? []
        let explicit = r.optional("variants").map(readVariants) ?? []
        let replications = r.optional("replications")?.integer(min: 1, max: 1_000_000)
        let seed = r.optional("seed")?.number(min: 0, max: Double(1 << 53), what: "a whole number").flatMap { $0 == $0.rounded() ? UInt64($0) : nil }
        if let s = r.optional("seed"), seed == nil, !sink.hasErrors { s.error("expected a whole number ≥ 0") }
        let horizon = r.optional("horizon_years")?.positive()
        let outputs = r.optional("outputs").flatMap(readOutputs)
        let product = productVariants(parameters, at: r)
        guard !sink.hasErrors, let scenarios, let product else { return nil }
        let variants = product.isEmpty && explicit.isEmpty ? [SweepDefinition.Variant(name: "", settings: [])] : product + explicit
        return SweepDefinition(path: path, name: name, description: description, scenarios: scenarios, parameters: parameters.map(\.parameter),
                               variants: variants, replications: replications, seed: seed, horizonYears: horizon, outputs: outputs)
    }

    /// `scenarios`: paths relative to the sweep file, named by their file names (made unique).
    private func readScenarios(_ r: MappingReader, path: String) -> [(path: String, name: String)]? {
        guard let node = r.required("scenarios", "a list of scenario files"), let items = node.list() else { return nil }
        if items.isEmpty { node.error("must list at least one scenario file") }
        var result: [(path: String, name: String)] = []
        for item in items {
            guard let relative = item.string() else { continue }
            let resolved = ScenarioBuilder.resolve(relative, against: path)
            var name = URL(fileURLWithPath: relative).deletingPathExtension().lastPathComponent
            if result.contains(where: { $0.name == name }) { name += "#\(result.count + 1)" }
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                item.error("cannot read the scenario \(relative) (looked for \(resolved))")
                continue
            }
            result.append((resolved, name))
        }
        return result.count == items.count && !items.isEmpty ? result : nil
    }

    /// A parameter as read: what the sweep shows, and its overrides, one per value.
    private struct ReadParameter {
        var parameter: SweepDefinition.Parameter
        var overrides: [ScenarioOverride]
    }

    private func readParameters(_ node: YAMLNode) -> [ReadParameter] {
        guard let items = node.list() else { return [] }
        var keys: Set<String> = []
        return items.compactMap { item -> ReadParameter? in
            guard let m = item.mapping() else { return nil }
            defer { m.finish() }
            guard let keyNode = m.required("key", "a key path such as pools[0].blades"), let key = keyNode.string() else { return nil }
            if !keys.insert(key).inserted { keyNode.error("the key \(key) is already a parameter of this sweep") }
            let label = m.optionalString("name") ?? key
            let values: [(text: String, at: YAMLNode)]
            switch (m.optional("values"), m.optional("range")) {
            case (let list?, nil): values = readValues(list)
            case (nil, let range?): values = readRange(range)
            case (_?, _?): m.optional("range")?.error("give either values or range, not both"); return nil
            case (nil, nil): item.error("missing required key 'values' (a list) or 'range' ({from, to, step})"); return nil
            }
            let overrides = values.compactMap { override(key: key, value: $0.text, at: $0.at) }
            guard overrides.count == values.count, !values.isEmpty else { return nil }
            return ReadParameter(parameter: .init(key: key, label: label, values: values.map(\.text)), overrides: overrides)
        }
    }

    private func readValues(_ node: YAMLNode) -> [(text: String, at: YAMLNode)] {
        guard let items = node.list() else { return [] }
        if items.isEmpty { node.error("must list at least one value") }
        return items.compactMap { item in Self.yamlText(item).map { ($0, item) } }
    }

    /// `{from, to, step}`: from, from + step, … up to `to` (each computed from `from`, not summed).
    private func readRange(_ node: YAMLNode) -> [(text: String, at: YAMLNode)] {
        guard let m = node.mapping() else { return [] }
        defer { m.finish() }
        guard let from = m.required("from")?.number(), let to = m.required("to")?.number(),
              let step = m.required("step")?.positive() else { return [] }
        guard to >= from else { m.optional("to")?.error("must be at least from (\(YAMLNode.format(from)))"); return [] }
        let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
        guard count <= 10_000 else { node.error("gives \(count) values; at most 10000"); return [] }
        return (0..<count).map { i in (YAMLNode.format(from + Double(i) * step), node) }
    }

    private func readVariants(_ node: YAMLNode) -> [SweepDefinition.Variant] {
        guard let items = node.list() else { return [] }
        var names: Set<String> = []
        return items.compactMap { item -> SweepDefinition.Variant? in
            guard let m = item.mapping() else { return nil }
            defer { m.finish() }
            guard let nameNode = m.required("name"), let name = nameNode.string() else { return nil }
            if !names.insert(name).inserted { nameNode.error("the variant \(name) is already defined") }
            guard let set = m.required("set", "a mapping of key paths to values"), let pairs = set.node.mapping else {
                m.optional("set")?.error("expected a mapping of key paths to values")
                return nil
            }
            let settings = pairs.compactMap { k, v -> ScenarioOverride? in
                let at = set.child(v, key: k.string ?? "?")
                guard let key = k.string, let text = Self.yamlText(at) else { return nil }
                return override(key: key, value: text, at: at)
            }
            return settings.count == pairs.count ? SweepDefinition.Variant(name: name, settings: settings) : nil
        }
    }

    private func readOutputs(_ node: YAMLNode) -> [String]? {
        guard let items = node.list() else { return nil }
        var seen: Set<String> = []
        for item in items {
            guard let name = item.string() else { continue }
            if !knownOutputs.contains(name) {
                item.error("unknown output \"\(name)\"\(EditDistance.hint(for: name, among: knownOutputs)); expected some of: \(knownOutputs.joined(separator: ", "))")
            } else if !seen.insert(name).inserted {
                item.error("the output \(name) is listed twice")
            }
        }
        return items.compactMap { $0.string() }
    }

    /// The override `key=value`, located at `at`; nil after reporting a malformed key path.
    private func override(key: String, value: String, at: YAMLNode) -> ScenarioOverride? {
        switch ScenarioOverride.parse("\(key)=\(value)") {
        case .success(var o):
            o.origin = at.location
            return o
        case .failure(let e):
            at.error(e.reason)
            return nil
        }
    }

    /// The cartesian product of the parameters, the last varying fastest; nil (after an error)
    /// if it has more than `SweepDefinition.maximumVariants` entries.
    private func productVariants(_ parameters: [ReadParameter], at r: MappingReader) -> [SweepDefinition.Variant]? {
        guard !parameters.isEmpty else { return [] }
        let count = parameters.reduce(1.0) { $0 * Double($1.overrides.count) }
        guard count <= Double(SweepDefinition.maximumVariants) else {
            r.optional("parameters")?.error("the product has \(YAMLNode.format(count)) variants; at most \(SweepDefinition.maximumVariants)")
            return nil
        }
        var rows: [SweepDefinition.Variant] = [.init(name: "", settings: [])]
        for p in parameters {
            rows = rows.flatMap { row in
                zip(p.parameter.values, p.overrides).map { text, o in
                    SweepDefinition.Variant(name: row.name.isEmpty ? "\(p.parameter.label)=\(text)" : "\(row.name) \(p.parameter.label)=\(text)",
                                            settings: row.settings + [o])
                }
            }
        }
        return rows
    }

    /// A value as YAML text for an override: a scalar as written, a list or mapping in flow style.
    static func yamlText(_ node: YAMLNode) -> String? {
        if case .scalar(let s) = node.node { return s.string }
        // Aliases repeat what they name: a few hundred bytes can stand for billions of nodes.
        guard nodeCount(node.node, upTo: maximumValueNodes) <= maximumValueNodes else {
            node.error("a value of more than \(maximumValueNodes) items once its aliases are expanded (a YAML alias bomb?)")
            return nil
        }
        guard let text = try? Yams.serialize(node: node.node) else {
            node.error("cannot be used as a value")
            return nil
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The most nodes a variant's value may have, aliases expanded (a scenario's largest list,
    /// its tenants, has a few thousand).
    static let maximumValueNodes = 100_000

    /// The nodes of `node` with its aliases expanded, counting stops past `limit`. O(min(nodes, limit)).
    static func nodeCount(_ node: Node, upTo limit: Int) -> Int {
        var count = 0
        var stack = [node]
        while let next = stack.popLast(), count <= limit {
            count += 1
            switch next {
            case .scalar, .alias: break
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let pairs): for (k, v) in pairs { stack.append(k); stack.append(v) }
            }
        }
        return count
    }
}

extension Unicode.Scalar {
    /// A line break or control character: what may not appear in text written on one line of a
    /// script (a sweep's name; `BatchScripts` escapes and refuses the same).
    public static func breaksALine(_ c: Unicode.Scalar) -> Bool {
        c.properties.generalCategory == .control || c == "\u{2028}" || c == "\u{2029}"
    }
}
