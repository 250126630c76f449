import Foundation
import Inventories
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
    /// The file it was read from, and where each item is written there ("12" for line 12 of an
    /// inventory, "instances[0].items[3]" in a JSON file), for messages.
    public var source: String = ""
    public var itemLocations: [String] = []
    /// Machines of an imported inventory that are not packed (powered off, templates, retired).
    public var excluded: [ImportedInventory.Excluded] = []

    public init(name: String, problem: PackingProblem, optimum: Int?, bestHeuristic: Int?, itemNames: [String],
                source: String = "", itemLocations: [String] = []) {
        self.name = name
        self.problem = problem
        self.optimum = optimum
        self.bestHeuristic = bestHeuristic
        self.itemNames = itemNames
        self.source = source
        self.itemLocations = itemLocations
    }
}

/// Problems with an input file, with its location.
public struct InstanceFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Several mistakes of one file (an imported inventory's rows), one message each.
public struct InstanceFileErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [InstanceFileError]
    public init(_ errors: [InstanceFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads vector bin packing instances in the JSON format of `data/vector-packing/*.json.gz`
/// (gzip or plain): `{"instances": [{"name", "capacity": [...], "items": [[...], ...],
/// "optimum": K or null, "best_heuristic": H or null, ...}]}`. A single instance object is
/// accepted too, and a one-dimensional instance may give `capacity` as a number and `items` as
/// numbers. A file whose first character is a digit is one of the classical one-dimensional
/// sets' plain text formats (`BinPackingTextFile`). Every size and capacity is at most `maximumSize`, so that sums over a million items
/// stay exact enough and finite; an error names the instance and key (`instances[2].items[7]`).
public enum VectorPackingFile {
    /// Largest capacity or size accepted (10^15: sums over 10^7 items stay far below 2^53 · 10^7).
    public static let maximumSize = 1e15
    /// Most items accepted in one instance, and most dimensions.
    public static let maximumItems = 10_000_000
    public static let maximumDimensions = 64

    public static func read(_ path: String) throws -> [NamedInstance] {
        let data: Data
        do { data = try InputFile.read(path) } catch let e {
            throw InstanceFileError(file: path, line: 1, column: 1, message: e.reason)
        }
        // The classical one-dimensional sets' plain text (a number first), read as published.
        if BinPackingTextFile.recognises(data) { return try BinPackingTextFile.read(data, path: path) }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let (line, column) = syntaxErrorLocation(error, in: data)
            throw InstanceFileError(file: path, line: line, column: column, message: "not valid JSON")
        }
        let objects: [(key: String, value: Any)]
        if let top = root as? [String: Any], let list = top["instances"] {
            guard let array = list as? [Any] else {
                throw InstanceFileError(file: path, line: 1, column: 1, message: "\"instances\" must be a list of instance objects")
            }
            objects = array.enumerated().map { ("instances[\($0.offset)]", $0.element) }
        } else if root is [String: Any] {
            objects = [("instance", root)]
        } else {
            throw InstanceFileError(file: path, line: 1, column: 1,
                                    message: "expected an object with \"instances\", or one instance object")
        }
        return try objects.enumerated().map { index, entry in
            try instance(entry.value, at: entry.key, index: index, file: path)
        }
    }

    /// One instance object; `at` names it in messages.
    static func instance(_ value: Any, at key: String, index: Int, file: String) throws -> NamedInstance {
        func fail(_ m: String) -> InstanceFileError { InstanceFileError(file: file, line: 1, column: 1, message: "\(key)\(m)") }
        guard let object = value as? [String: Any] else { throw fail(": expected an object") }
        let name: String
        switch object["name"] {
        case nil, is NSNull: name = "instance-\(index)"
        case let s as String: name = s
        default: throw fail(".name: expected a string")
        }
        let capacity: [Double]
        var oneDimensional = false
        if let c = object["capacity"].flatMap(number) {
            capacity = [c]
            oneDimensional = true
        } else if let c = object["capacity"] as? [Any], let numbers = numbers(c) {
            capacity = numbers
        } else {
            throw fail(object["capacity"] == nil ? ": missing key 'capacity'" : ".capacity: expected a number or a list of numbers")
        }
        guard !capacity.isEmpty, capacity.count <= maximumDimensions,
              capacity.allSatisfy({ $0 > 0 && $0 <= maximumSize }) else {
            throw fail(".capacity: expected 1 to \(maximumDimensions) numbers, each > 0 and ≤ 10^15")
        }
        guard let items = object["items"] as? [Any] else {
            throw fail(object["items"] == nil ? ": missing key 'items'" : ".items: expected a list")
        }
        guard items.count <= maximumItems else { throw fail(".items: more than \(maximumItems) items") }
        let d = capacity.count
        var sizes: [Double] = []
        sizes.reserveCapacity(items.count * d)
        for (i, item) in items.enumerated() {
            let row: [Double]?
            if d == 1, let x = number(item) { row = [x] } else { row = (item as? [Any]).flatMap(numbers) }
            guard let row, row.count == d else {
                throw fail(".items[\(i)]: expected \(d == 1 && oneDimensional ? "a number" : "a list of \(d) numbers")")
            }
            guard row.allSatisfy({ $0 >= 0 && $0 <= maximumSize }) else {
                throw fail(".items[\(i)]: every size must be ≥ 0 and ≤ 10^15")
            }
            sizes.append(contentsOf: row)
        }
        func count(_ k: String) throws -> Int? {
            switch object[k] {
            case nil, is NSNull: return nil
            case let v? where number(v).map { $0 == $0.rounded() && abs($0) <= Double(maximumItems) } == true:
                return Int(number(v) ?? 0)
            default: throw fail(".\(k): expected a whole number or null")
            }
        }
        return NamedInstance(name: name, problem: PackingProblem(name: name, capacity: capacity, sizes: sizes),
                             optimum: try count("optimum"), bestHeuristic: try count("best_heuristic"), itemNames: [],
                             source: file, itemLocations: (0..<items.count).map { "\(key).items[\($0)]" })
    }

    /// A JSON number as a finite Double (not a boolean).
    static func number(_ value: Any) -> Double? {
        // Foundation gives JSON's true and false as NSNumbers of type "c" (and 0 and 1 cast to Bool).
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        let x = n.doubleValue
        return x.isFinite ? x : nil
    }

    static func numbers(_ list: [Any]) -> [Double]? {
        var out: [Double] = []
        out.reserveCapacity(list.count)
        for v in list {
            guard let x = number(v) else { return nil }
            out.append(x)
        }
        return out
    }

    /// Line and column of a JSON syntax error, from Foundation's message ("… around line 3,
    /// column 7." or "… around character 54."), else 1:1.
    static func syntaxErrorLocation(_ error: Error, in data: Data) -> (Int, Int) {
        let text = "\((error as NSError).userInfo)"
        func after(_ word: String) -> Int? {
            guard let r = text.range(of: word + " ") else { return nil }
            return Int(text[r.upperBound...].prefix { $0.isNumber })
        }
        if let line = after("line") { return (line, after("column") ?? 1) }
        guard let offset = after("character") else { return (1, 1) }
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: 0x0A).map { $0 - before.startIndex + 1 } ?? 0) + 1
        return (line, column)
    }
}
