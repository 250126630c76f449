import Placement
import PlacementIO

/// Generated one-dimensional instance sets as JSON in the format `cloudplan pack` reads
/// (data/vector-packing's, with a number for the capacity and the items): one instance a line,
/// so that a set of 720 instances stays a readable, diffable file.
public enum InstanceSetJSON {
    /// `{"set", "seed", "count", "instances": [{"name", "capacity", "items", "optimum"}, …]}`;
    /// sizes are written as whole numbers (the families' weights are). O(total items).
    public static func render(_ instances: [NamedInstance], set: String, seed: UInt64) -> String {
        var out = "{\"set\": \(JSONValue.string(set).serialised(indent: 0).dropLast()), \"seed\": \(seed), "
        out += "\"count\": \(instances.count), \"instances\": [\n"
        for (k, instance) in instances.enumerated() {
            let p = instance.problem
            let items = p.sizes.map { String(Int($0)) }.joined(separator: ", ")
            let optimum = instance.optimum.map(String.init) ?? "null"
            out += "{\"name\": \(JSONValue.string(instance.name).serialised(indent: 0).dropLast()), "
            out += "\"capacity\": \(Int(p.capacity[0])), \"items\": [\(items)], \"optimum\": \(optimum)}"
            out += k + 1 < instances.count ? ",\n" : "\n"
        }
        return out + "]}\n"
    }
}
