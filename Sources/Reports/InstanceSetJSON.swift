import Placement
import PlacementIO

/// Generated instance sets as JSON in the format `cloudplan pack` reads (data/vector-packing's;
/// in one dimension a number for the capacity and for each item): one instance a line,
/// so that a set of 720 instances stays a readable, diffable file.
public enum InstanceSetJSON {
    /// `{"set", "seed", "count", "instances": [{"name", "capacity", "items", "optimum"}, …]}`;
    /// sizes are written as whole numbers (the families' weights are): one number per item and
    /// a number for the capacity in one dimension, arrays in several. O(total items).
    public static func render(_ instances: [NamedInstance], set: String, seed: UInt64) -> String {
        var out = "{\"set\": \(JSONValue.string(set).serialised(indent: 0).dropLast()), \"seed\": \(seed), "
        out += "\"count\": \(instances.count), \"instances\": [\n"
        for (k, instance) in instances.enumerated() {
            let p = instance.problem
            let whole = { (values: ArraySlice<Double>) in values.map { String(Int($0)) }.joined(separator: ", ") }
            let d = p.dimensions
            let items = d == 1 ? whole(p.sizes[...])
                : (0..<p.itemCount).map { "[" + whole(p.item($0)) + "]" }.joined(separator: ", ")
            let capacity = d == 1 ? whole(p.capacity[...]) : "[" + whole(p.capacity[...]) + "]"
            let optimum = instance.optimum.map(String.init) ?? "null"
            out += "{\"name\": \(JSONValue.string(instance.name).serialised(indent: 0).dropLast()), "
            out += "\"capacity\": \(capacity), \"items\": [\(items)], \"optimum\": \(optimum)}"
            out += k + 1 < instances.count ? ",\n" : "\n"
        }
        return out + "]}\n"
    }
}
