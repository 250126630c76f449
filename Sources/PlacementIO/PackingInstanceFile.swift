import Foundation
import InputData
import Placement

/// A packing instance read from a file, with what its source knows about it.
public struct NamedInstance: Sendable {
    public var name: String
    public var problem: PackingProblem
    /// Proven optimum, if the source has one.
    public var optimum: Int?
    /// Best bin count published for a heuristic, if the source has one.
    public var bestHeuristic: Int?
    /// Names of the items (inventory files); empty for anonymous items.
    public var itemNames: [String]
}

/// Problems with an input file, with its location.
public struct InstanceFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Reads vector bin packing instances in the JSON format of `data/vector-packing/*.json.gz`
/// (gzip or plain): `{"instances": [{"name", "capacity": [...], "items": [[...], ...],
/// "optimum": K or null, "best_heuristic": H or null, ...}]}`. A single instance object is
/// accepted too.
public enum VectorPackingFile {
    struct Instance: Decodable {
        var name: String?
        var capacity: [Double]
        var items: [[Double]]
        var optimum: Int?
        var best_heuristic: Int?
    }

    struct InstanceSet: Decodable {
        var instances: [Instance]
    }

    public static func read(_ path: String) throws -> [NamedInstance] {
        let data: Data
        do { data = try InputFile.read(path) } catch let e as InputFile.ReadError {
            throw InstanceFileError(file: path, line: 1, column: 1, message: e.reason)
        }
        let decoder = JSONDecoder()
        let list: [Instance]
        do {
            if let set = try? decoder.decode(InstanceSet.self, from: data) {
                list = set.instances
            } else {
                list = [try decoder.decode(Instance.self, from: data)]
            }
        } catch let error as DecodingError {
            throw InstanceFileError(file: path, line: 1, column: 1, message: describe(error))
        } catch {
            throw InstanceFileError(file: path, line: 1, column: 1, message: "not valid JSON")
        }
        return try list.enumerated().map { index, object in
            func fail(_ m: String) -> InstanceFileError {
                InstanceFileError(file: path, line: 1, column: 1, message: "instances[\(index)]: \(m)")
            }
            let name = object.name ?? "instance-\(index)"
            let capacity = object.capacity
            guard !capacity.isEmpty, capacity.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw fail("\"capacity\" must be a list of positive numbers")
            }
            var sizes: [Double] = []
            sizes.reserveCapacity(object.items.count * capacity.count)
            for (i, row) in object.items.enumerated() {
                guard row.count == capacity.count else { throw fail("items[\(i)] must have \(capacity.count) sizes") }
                guard row.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw fail("items[\(i)] has a size that is not a number ≥ 0") }
                sizes.append(contentsOf: row)
            }
            let problem = PackingProblem(name: name, capacity: capacity, sizes: sizes)
            if let big = problem.oversizedItems.first { throw fail("items[\(big)] is larger than the capacity") }
            return NamedInstance(name: name, problem: problem, optimum: object.optimum,
                                 bestHeuristic: object.best_heuristic, itemNames: [])
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c)): \(c.debugDescription)"
        case .keyNotFound(let key, let c): return "\(path(c)): missing key '\(key.stringValue)'"
        case .dataCorrupted(let c): return "not valid JSON: \(c.debugDescription)"
        @unknown default: return "not valid JSON"
        }
    }
}
