import Foundation
import InputData

/// One shard of a `group --per-pool` run (docs/group-json.md, "Sharding"): JSON Lines, a header
/// with the run's fingerprint, the shard and the number of scopes of the whole run, then one line
/// per scope of the shard, in scope order. Numbers are written so that they read back to the same
/// bits, so a merge reports exactly what the shards computed; parts of another scenario or other
/// options, a shard given twice or missing, or a part changed after it was written are refused
/// with the file and line.
public struct GroupingPart: Sendable, Equatable {
    /// A scope's result with its position in the whole run.
    public struct Scope: Sendable, Codable, Equatable {
        public var index: Int
        public var name: String
        public var result: GroupingResult

        public init(index: Int, name: String, result: GroupingResult) {
            self.index = index
            self.name = name
            self.result = result
        }
    }

    /// SHA-256 of the scenario's files and the grouping's settings (`fingerprint`).
    public var fingerprint: String
    public var shard: WorkShard
    /// Scopes of the whole run (every shard's together).
    public var scopeCount: Int
    public var scopes: [Scope]

    public init(fingerprint: String, shard: WorkShard, scopeCount: Int, scopes: [Scope]) {
        self.fingerprint = fingerprint
        self.shard = shard
        self.scopeCount = scopeCount
        self.scopes = scopes
    }

    static let formatVersion = 1

    private struct Header: Codable {
        var cloudplanGroupingPart: Int
        var fingerprint: String
        var shard: WorkShard
        var scopeCount: Int
        /// SHA-256 of every byte after the header line.
        var scopesSHA256: String
        enum CodingKeys: String, CodingKey {
            case cloudplanGroupingPart = "cloudplan_grouping_part", fingerprint, shard, scopeCount = "scope_count", scopesSHA256 = "scopes_sha256"
        }
    }

    /// The fingerprint of a run: the bytes of `files` (the scenario, then its includes, each
    /// once) and `settings` (the options that change a result, as text).
    public static func fingerprint(files: [String], settings: String) -> String? {
        try? SHA256.ofFiles(files, then: Array(settings.utf8)).get()
    }


    /// The part as JSON Lines (each line ends with a newline).
    public func jsonLines() -> String {
        let e = ExactJSON.encoder()
        var body = ""
        for scope in scopes { body += String(decoding: try! e.encode(scope), as: UTF8.self) + "\n" }
        let header = Header(cloudplanGroupingPart: Self.formatVersion, fingerprint: fingerprint, shard: shard, scopeCount: scopeCount,
                            scopesSHA256: SHA256.hex(Array(body.utf8)))
        return String(decoding: try! e.encode(header), as: UTF8.self) + "\n" + body
    }

    /// Reads a part; the problem as `FILE:LINE: error: …` when it is not one.
    public static func read(_ text: String, file: String) -> Result<GroupingPart, PartError> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let d = ExactJSON.decoder()
        guard let first = lines.first, let header = try? d.decode(Header.self, from: Data(first.utf8)) else {
            return .failure(PartError(file: file, line: 1, message: "not a cloudplan grouping part (its first line is not a part header)"))
        }
        guard header.cloudplanGroupingPart == formatVersion else {
            return .failure(PartError(file: file, line: 1, message: "grouping part format \(header.cloudplanGroupingPart); this cloudplan reads \(formatVersion)"))
        }
        if let problem = header.shard.problem { return .failure(PartError(file: file, line: 1, message: problem)) }
        let body = lines.dropFirst().joined(separator: "\n")
        guard SHA256.hex(Array(body.utf8)) == header.scopesSHA256 else {
            return .failure(PartError(file: file, line: 2, message: "the scope lines were changed, cut or extended after the part was written (their SHA-256 differs from the header's)"))
        }
        var scopes: [Scope] = []
        let expected = Array(header.shard.items(of: header.scopeCount))
        for (offset, line) in lines.dropFirst().enumerated() where !line.isEmpty {
            guard let scope = try? d.decode(Scope.self, from: Data(line.utf8)) else {
                return .failure(PartError(file: file, line: offset + 2, message: "not a scope's result"))
            }
            guard scopes.count < expected.count, scope.index == expected[scopes.count] else {
                return .failure(PartError(file: file, line: offset + 2, message: "scope \(scope.index) is not the next of shard \(header.shard) of \(header.scopeCount) scopes"))
            }
            scopes.append(scope)
        }
        guard scopes.count == expected.count else {
            return .failure(PartError(file: file, line: lines.count, message: "shard \(header.shard) holds \(expected.count) scopes; the part has \(scopes.count)"))
        }
        return .success(GroupingPart(fingerprint: header.fingerprint, shard: header.shard, scopeCount: header.scopeCount, scopes: scopes))
    }

    /// The whole run's scopes from every shard's part, in scope order; every problem (another
    /// run's part, a shard twice or missing) located.
    public static func merge(_ parts: [(file: String, part: GroupingPart)], fingerprint: String) -> Result<[Scope], PartErrors> {
        var problems: [PartError] = []
        var byShard: [Int: String] = [:]
        for (file, part) in parts {
            if part.fingerprint != fingerprint {
                problems.append(PartError(file: file, line: 1, message: "made from another scenario or other options (fingerprint \(part.fingerprint.prefix(12))…, this run's \(fingerprint.prefix(12))…)"))
            }
            if let (_, first) = parts.first, part.shard.count != first.shard.count || part.scopeCount != first.scopeCount {
                problems.append(PartError(file: file, line: 1, message: "shard \(part.shard) of \(part.scopeCount) scopes does not go with \(parts[0].file)'s \(first.shard) of \(first.scopeCount)"))
            }
            if let other = byShard[part.shard.index] {
                problems.append(PartError(file: file, line: 1, message: "shard \(part.shard) is also \(other)"))
            }
            byShard[part.shard.index] = byShard[part.shard.index] ?? file
        }
        if let count = parts.first?.part.shard.count, problems.isEmpty {
            let missing = (0..<count).filter { byShard[$0] == nil }
            if !missing.isEmpty {
                problems.append(PartError(file: parts[0].file, line: 1, message: "shards \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) are missing"))
            }
        }
        guard problems.isEmpty else { return .failure(PartErrors(list: problems)) }
        return .success(parts.sorted { $0.part.shard.index < $1.part.shard.index }.flatMap(\.part.scopes))
    }
}

/// Why a grouping part was refused: where, and what.
public struct PartError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): error: \(message)" }
}

/// Every problem of a merge's parts.
public struct PartErrors: Error, Sendable, Equatable {
    public var list: [PartError]
}
