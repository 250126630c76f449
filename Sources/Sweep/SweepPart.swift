import Foundation
import InputData

/// A shard's results as JSON Lines (docs/sweep-format.md): a header line with the manifest, the
/// shard and the SHA-256 of the run lines after it, then one line per work item in item order.
/// Numbers are written so that they read back to the same bits (NaN as "nan"), so a merge
/// computes from exactly what the shard computed; a part whose runs were changed, cut or
/// extended after it was written, whose header does not describe a sweep cloudplan could have
/// run, or whose values lie outside their figure's range is refused with its file and line.
public struct SweepPart: Sendable, Equatable {
    public var manifest: SweepManifest
    public var shard: SweepShard
    public var runs: [SweepRun]

    public init(manifest: SweepManifest, shard: SweepShard, runs: [SweepRun]) {
        self.manifest = manifest
        self.shard = shard
        self.runs = runs
    }

    /// 2: the header carries `runs_sha256` (format 1 did not).
    static let formatVersion = 2

    private struct Header: Codable {
        var cloudplanSweepPart: Int
        var shard: SweepShard
        var manifest: SweepManifest
        /// SHA-256 of every byte after the header line (the run lines, newlines included).
        var runsSHA256: String?
        enum CodingKeys: String, CodingKey { case cloudplanSweepPart = "cloudplan_sweep_part", shard, manifest, runsSHA256 = "runs_sha256" }
    }

    /// The version line of a header, read before the rest (a part of another format is named as such).
    private struct Version: Codable {
        var cloudplanSweepPart: Int
        enum CodingKeys: String, CodingKey { case cloudplanSweepPart = "cloudplan_sweep_part" }
    }


    /// The part as JSON Lines (each line ends with a newline).
    public func jsonLines() -> String {
        let e = ExactJSON.encoder()
        var body = ""
        for run in runs { body += String(decoding: try! e.encode(run), as: UTF8.self) + "\n" }
        let header = Header(cloudplanSweepPart: Self.formatVersion, shard: shard, manifest: manifest, runsSHA256: SHA256.hex(Array(body.utf8)))
        return String(decoding: try! e.encode(header), as: UTF8.self) + "\n" + body
    }

    /// Why a part file cannot be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): error: \(message)" }
    }

    /// Reads the part in `text` (from `file`, for messages): the header, its manifest and shard
    /// checked (`SweepManifest.problem`), the runs' digest, then each run, its values within
    /// their figures' ranges.
    public static func read(_ text: String, file: String) throws(ReadError) -> SweepPart {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw ReadError(file: file, line: 1, message: "empty file: not a sweep part") }
        let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let headerBytes = Data(bytes[..<headerEnd])
        let d = ExactJSON.decoder()
        // The header is decoded once; only a header that is not this format's is read again
        // for its version, to say which it is.
        guard let header = try? d.decode(Header.self, from: headerBytes), header.cloudplanSweepPart == formatVersion else {
            guard let version = try? d.decode(Version.self, from: headerBytes) else {
                throw ReadError(file: file, line: 1, message: "not a sweep part: the first line must be the header that cloudplan sweep --shard writes")
            }
            guard version.cloudplanSweepPart == formatVersion else {
                throw ReadError(file: file, line: 1, message: "sweep part format \(version.cloudplanSweepPart); this cloudplan reads format \(formatVersion) (run the shard again with this cloudplan)")
            }
            throw ReadError(file: file, line: 1, message: "the header is not one cloudplan sweep --shard writes (a key is missing or of the wrong type)")
        }
        if let problem = header.manifest.problem ?? header.shard.problem {
            throw ReadError(file: file, line: 1, message: "the header does not describe a sweep cloudplan runs: \(problem)")
        }
        let body = headerEnd < bytes.endIndex ? bytes[(headerEnd + 1)...] : []
        guard let digest = header.runsSHA256, digest == SHA256.hex(body) else {
            throw ReadError(file: file, line: 2, message: "the runs are not the ones the shard wrote (their SHA-256 differs from the header's runs_sha256: the file was edited, cut or joined)")
        }
        return SweepPart(manifest: header.manifest, shard: header.shard, runs: try readRuns(body, header: header, file: file))
    }

    /// The run lines after the header, each a run with one value per figure within its range
    /// (NaN allowed: a figure some replication has no value for).
    private static func readRuns(_ body: ArraySlice<UInt8>, header: Header, file: String) throws(ReadError) -> [SweepRun] {
        let figures = header.manifest.figures, d = ExactJSON.decoder()
        let expected = header.shard.items(of: header.manifest.workItems).count
        var lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count <= expected else {
            throw ReadError(file: file, line: expected + 2, message: "shard \(header.shard) has \(expected) runs; this file has \(lines.count)")
        }
        var runs: [SweepRun] = []
        runs.reserveCapacity(lines.count)
        for (k, line) in lines.enumerated() {
            guard let run = try? d.decode(SweepRun.self, from: Data(line)) else {
                throw ReadError(file: file, line: k + 2, message: "not a run of the sweep (the file may have been cut or edited)")
            }
            guard run.values.count == figures.count else {
                throw ReadError(file: file, line: k + 2, message: "the run has \(run.values.count) values; the sweep collects \(figures.count) figures")
            }
            for (f, value) in run.values.enumerated() where !value.isNaN && !figures[f].range.contains(value) {
                throw ReadError(file: file, line: k + 2, message: "\(figures[f].name) is \(value), outside its range \(figures[f].range.lowerBound)...\(figures[f].range.upperBound)")
            }
            runs.append(run)
        }
        return runs
    }
}
