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

    static func planetLab(_ file: String) throws(TraceError) -> ([[Float]], Double) {
        let lines = CommaLines(try readText(file))
        var series = SeriesByVM()
        try lines.forEach { (n, f) throws(TraceError) in
            if n == 1 {
                guard f.count == 3, lines.string(f[0]) == "vm", lines.string(f[1]) == "minute", lines.string(f[2]) == "cpu_percent" else {
                    throw fail(file, 1, "expected the header vm,minute,cpu_percent")
                }
                return
            }
            guard f.count == 3, let percent = lines.double(f[2]), percent.isFinite else { throw fail(file, n, "expected vm,minute,cpu_percent") }
            series.append(Float(Swift.min(Swift.max(percent / 100, 0), 1)), vm: f[0], in: lines)
        }
        return (series.series, 300)
    }

    static func bitbrains(_ file: String) throws(TraceError) -> ([[Float]], Double) {
        let stem = file.hasSuffix(".csv.gz") ? String(file.dropLast(7)) : file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
        let metaPath = stem + "-meta.csv"
        let meta = CommaLines(try readText(metaPath))
        var capacity: [String: Double] = [:]
        try meta.forEach { (n, f) throws(TraceError) in
            guard n > 1 else { return }
            guard f.count >= 5, let mhz = meta.double(f[4]), mhz > 0 else {
                throw fail(metaPath, n, "expected \"id\",\"start_time\",\"stop_time\",\"cpu_count\",\"cpu_capacity\",…")
            }
            capacity[meta.string(f[0])] = mhz
        }
        let lines = CommaLines(try readText(file))
        var series = SeriesByVM()
        var interval = 300.0, mhz = 0.0
        try lines.forEach { (n, f) throws(TraceError) in
            guard n > 1 else { return }
            guard f.count == 5, let duration = lines.double(f[2]), let usage = lines.double(f[4]), duration > 0 else {
                throw fail(file, n, "expected \"id\",\"timestamp\",\"duration\",\"cpu_count\",\"cpu_usage\"")
            }
            if !series.isCurrent(f[0], in: lines) {
                guard let c = capacity[lines.string(f[0])] else { throw fail(file, n, "VM \(lines.string(f[0])) is not in \(metaPath)") }
                mhz = c
            }
            interval = duration / 1_000
            series.append(Float(Swift.min(Swift.max(usage / mhz, 0), 1)), vm: f[0], in: lines)
        }
        return (series.series, interval)
    }

    /// Samples gathered per VM in order of first appearance; consecutive samples of one VM (the
    /// usual layout) skip the lookup.
    struct SeriesByVM {
        var series: [[Float]] = []
        var index: [String: Int] = [:]
        var current: Range<Int>?
        var currentIndex = 0

        func isCurrent(_ vm: Range<Int>, in lines: CommaLines) -> Bool { current.map { lines.equal($0, vm) } ?? false }

        mutating func append(_ value: Float, vm: Range<Int>, in lines: CommaLines) {
            if !isCurrent(vm, in: lines) {
                let key = lines.string(vm)
                if let i = index[key] {
                    currentIndex = i
                } else {
                    currentIndex = series.count
                    index[key] = currentIndex
                    series.append([])
                }
                current = vm
            }
            series[currentIndex].append(value)
        }
    }

    static func readText(_ path: String) throws(TraceError) -> String {
        do {
            return try InputFile.text(path)
        } catch {
            throw TraceError(description: error.description)
        }
    }
}
