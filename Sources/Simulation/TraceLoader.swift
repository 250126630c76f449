import CapacityModel
import Foundation
import InputData

/// Reads the CPU traces a scenario maps onto systems.
///
/// - `planetlab`: CSV `vm,minute,cpu_percent` (PlanetLab CoMon, as shipped with CloudSim's
///   examples): one series per VM, a sample every 5 minutes, utilisation = cpu_percent / 100.
/// - `bitbrains`: CSV `"id","timestamp","duration","cpu_count","cpu_usage"` (GWA-T-12 as converted
///   by OpenDC), with the VMs' `cpu_capacity` (MHz) in the `-meta.csv` file beside it:
///   utilisation = cpu_usage / cpu_capacity, one sample per `duration` milliseconds.
/// Either may be gzip-compressed. Utilisation is clamped to [0, 1].
public enum TraceLoader {
    public struct TraceError: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Throws: `TraceError`, whose text is located at the file (and line, where known).
    public static func load(_ mappings: [TraceMapping]) throws(TraceError) -> TraceLibrary {
        var library = TraceLibrary()
        for m in mappings where library.files[m.file] == nil {
            let (series, interval): ([[Float]], Double)
            do {
                switch m.format {
                case .planetlab: (series, interval) = try planetLab(m.file)
                case .bitbrains: (series, interval) = try bitbrains(m.file)
                }
            } catch let error as TraceError {
                throw error
            } catch {
                throw TraceError(description: "\(m.file):1:1: error: \(error)")
            }
            if series.isEmpty { throw TraceError(description: "\(m.file):1:1: error: the trace has no samples") }
            library.add(file: m.file, series: series, intervalSeconds: interval)
        }
        return library
    }

    static func fail(_ file: String, _ line: Int, _ message: String) -> TraceError {
        TraceError(description: "\(file):\(line):1: error: \(message)")
    }

    static func planetLab(_ file: String) throws -> ([[Float]], Double) {
        let text = try readText(file)
        var order: [Substring] = []
        var series: [Substring: [Float]] = [:]
        for (n, line) in NonBlankLines(text) {
            if n == 1 {
                guard line == "vm,minute,cpu_percent" else { throw fail(file, 1, "expected the header vm,minute,cpu_percent") }
                continue
            }
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 3, let percent = Double(f[2]), percent.isFinite else {
                throw fail(file, n, "expected vm,minute,cpu_percent")
            }
            if series[f[0]] == nil { order.append(f[0]) }
            series[f[0], default: []].append(Float(Swift.min(Swift.max(percent / 100, 0), 1)))
        }
        return (order.map { series[$0] ?? [] }, 300)
    }

    static func bitbrains(_ file: String) throws -> ([[Float]], Double) {
        let stem = file.hasSuffix(".csv.gz") ? String(file.dropLast(7)) : file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
        let metaPath = stem + "-meta.csv"
        let meta = try readText(metaPath)
        var capacity: [Substring: Double] = [:]
        for (n, line) in NonBlankLines(meta) where n > 1 {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 5, let mhz = Double(f[4]), mhz > 0 else {
                throw fail(metaPath, n, "expected \"id\",\"start_time\",\"stop_time\",\"cpu_count\",\"cpu_capacity\",…")
            }
            capacity[f[0]] = mhz
        }
        let text = try readText(file)
        var order: [Substring] = []
        var series: [Substring: [Float]] = [:]
        var interval = 300.0
        for (n, line) in NonBlankLines(text) where n > 1 {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 5, let duration = Double(f[2]), let usage = Double(f[4]), duration > 0 else {
                throw fail(file, n, "expected \"id\",\"timestamp\",\"duration\",\"cpu_count\",\"cpu_usage\"")
            }
            guard let mhz = capacity[f[0]] else { throw fail(file, n, "VM \(f[0]) is not in \(metaPath)") }
            if series[f[0]] == nil { order.append(f[0]) }
            interval = duration / 1_000
            series[f[0], default: []].append(Float(Swift.min(Swift.max(usage / mhz, 0), 1)))
        }
        return (order.map { series[$0] ?? [] }, interval)
    }

    static func readText(_ path: String) throws -> String {
        do {
            return try InputFile.text(path)
        } catch {
            throw TraceError(description: error.description)
        }
    }
}
