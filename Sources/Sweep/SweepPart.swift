import Foundation

/// A shard's results as JSON Lines (docs/sweep-format.md): a header line with the manifest and
/// the shard, then one line per work item in item order. Numbers are written so that they read
/// back to the same bits (NaN as "nan"), so a merge computes from exactly what the shard computed.
public struct SweepPart: Sendable, Equatable {
    public var manifest: SweepManifest
    public var shard: SweepShard
    public var runs: [SweepRun]

    public init(manifest: SweepManifest, shard: SweepShard, runs: [SweepRun]) {
        self.manifest = manifest
        self.shard = shard
        self.runs = runs
    }

    static let formatVersion = 1

    private struct Header: Codable {
        var cloudplanSweepPart: Int
        var shard: SweepShard
        var manifest: SweepManifest
        enum CodingKeys: String, CodingKey { case cloudplanSweepPart = "cloudplan_sweep_part", shard, manifest }
    }

    private static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    private static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    /// The part as JSON Lines (each line ends with a newline).
    public func jsonLines() -> String {
        let e = Self.encoder()
        var out = String(decoding: try! e.encode(Header(cloudplanSweepPart: Self.formatVersion, shard: shard, manifest: manifest)), as: UTF8.self) + "\n"
        for run in runs { out += String(decoding: try! e.encode(run), as: UTF8.self) + "\n" }
        return out
    }

    /// Why a part file cannot be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): error: \(message)" }
    }

    /// Reads the part in `text` (from `file`, for messages).
    public static func read(_ text: String, file: String) throws(ReadError) -> SweepPart {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first else { throw ReadError(file: file, line: 1, message: "empty file: not a sweep part") }
        let d = decoder()
        guard let header = try? d.decode(Header.self, from: Data(first.utf8)) else {
            throw ReadError(file: file, line: 1, message: "not a sweep part: the first line must be the header that cloudplan sweep --shard writes")
        }
        guard header.cloudplanSweepPart == formatVersion else {
            throw ReadError(file: file, line: 1, message: "sweep part format \(header.cloudplanSweepPart); this cloudplan reads format \(formatVersion)")
        }
        var runs: [SweepRun] = []
        runs.reserveCapacity(lines.count - 1)
        for (i, line) in lines.enumerated().dropFirst() {
            guard let run = try? d.decode(SweepRun.self, from: Data(line.utf8)) else {
                throw ReadError(file: file, line: i + 1, message: "not a run of the sweep (the file may have been cut or edited)")
            }
            guard run.values.count == header.manifest.figures.count else {
                throw ReadError(file: file, line: i + 1, message: "the run has \(run.values.count) values; the sweep collects \(header.manifest.figures.count) figures")
            }
            runs.append(run)
        }
        return SweepPart(manifest: header.manifest, shard: header.shard, runs: runs)
    }
}
