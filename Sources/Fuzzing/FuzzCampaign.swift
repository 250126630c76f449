import Dispatch
import Foundation
import InputData
import Synchronization

/// A seeded mutation campaign over the readers of `FuzzTarget`, in a copy of the repository's
/// inputs, for a bounded time.
///
/// Before each input runs, `current.txt` in the workspace names it (target, file, mutation,
/// round) and the mutated file stays in place, so a crash, which ends the process, leaves its
/// reproducer behind (`scripts/fuzz.sh` collects it). A watchdog ends the process (exit 2) if
/// one input runs longer than `inputSecondsLimit`.
public struct FuzzCampaign {
    public var seed: UInt64
    /// Wall seconds for the whole campaign.
    public var seconds: Double
    public var targets: [FuzzTarget]
    /// The repository whose `Scenarios/` and `data/` are the seeds.
    public var repositoryRoot: String
    /// Where inputs are written (created; emptied first).
    public var workspace: String
    public var inputSecondsLimit: Double = 60

    public init(seed: UInt64, seconds: Double, targets: [FuzzTarget], repositoryRoot: String, workspace: String) {
        self.seed = seed
        self.seconds = seconds
        self.targets = targets
        self.repositoryRoot = repositoryRoot
        self.workspace = workspace
    }

    /// What a campaign saw.
    public struct Summary: Sendable {
        public var inputs = 0
        public var accepted = 0
        public var rejected = 0
        /// Broken rules, each with the input's description (the input is saved next to it).
        public var violations: [String] = []
        public var slowestSeconds = 0.0
        public var slowest = ""
        /// Peak resident memory of the process, bytes.
        public var peakMemoryBytes = 0
    }

    /// Runs until `seconds` have passed; `log` gets one line per violation and a progress line
    /// every 500 inputs.
    public func run(log: (String) -> Void) throws -> Summary {
        try prepareWorkspace()
        let originals = try loadSeeds()
        let clock = InputClock()
        startWatchdog(clock)
        var mutator = InputMutator(seed: seed)
        var summary = Summary()
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var round = 0
        while DispatchTime.now().uptimeNanoseconds < deadline {
            let target = targets[round % targets.count]
            let seeds = target.seeds
            let s = seeds[mutator.below(seeds.count)]
            let path = workspace + "/" + s.file
            let what = try writeMutant(originals[s.file]!, to: path, mutator: &mutator)
            try "\(target.rawValue)\t\(s.file)\t\(what)\tseed \(seed) round \(round)\n"
                .write(toFile: workspace + "/current.txt", atomically: false, encoding: .utf8)
            let t0 = DispatchTime.now().uptimeNanoseconds
            clock.started.withLock { $0 = t0 }
            let verdict = target.run(path: workspace + "/" + s.load, deep: round % 7 == 0)
            clock.started.withLock { $0 = 0 }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            if elapsed > summary.slowestSeconds {
                // Kept, to look into: workspace/slowest-NAME.
                let kept = workspace + "/slowest-" + (s.file as NSString).lastPathComponent
                try? FileManager.default.removeItem(atPath: kept)
                try? FileManager.default.copyItem(atPath: path, toPath: kept)
                (summary.slowestSeconds, summary.slowest) = (elapsed, "\(target.rawValue) \(s.file): \(what), kept as \(kept)")
            }
            summary.inputs += 1
            switch verdict {
            case .accepted: summary.accepted += 1
            case .rejected: summary.rejected += 1
            case .violation(let why):
                let saved = workspace + "/violation-\(summary.violations.count)-" + (s.file as NSString).lastPathComponent
                try? FileManager.default.copyItem(atPath: path, toPath: saved)
                summary.violations.append("\(target.rawValue) \(s.file) (\(what)): \(why); saved as \(saved)")
                log("violation: \(summary.violations.last!)")
            }
            try restore(originals[s.file]!, to: path)
            round += 1
            if round % 500 == 0 { log("\(round) inputs, \(summary.violations.count) violations") }
        }
        try? FileManager.default.removeItem(atPath: workspace + "/current.txt")
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        summary.peakMemoryBytes = Int(usage.ru_maxrss) * 1_024
        return summary
    }

    /// A fresh copy of `Scenarios/` and `data/inventories/`, plus three vector packing
    /// instances as JSON and as gzip, and one-dimensional instances as plain text.
    func prepareWorkspace() throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: workspace)
        try fm.createDirectory(atPath: workspace + "/data", withIntermediateDirectories: true)
        try fm.copyItem(atPath: repositoryRoot + "/Scenarios", toPath: workspace + "/Scenarios")
        try fm.copyItem(atPath: repositoryRoot + "/data/inventories", toPath: workspace + "/data/inventories")
        let triplets = try InputFile.read(repositoryRoot + "/data/vector-packing/vp_triplet.json.gz")
        guard let all = try JSONSerialization.jsonObject(with: triplets) as? [String: Any],
              let instances = all["instances"] as? [Any] else { throw CocoaError(.fileReadCorruptFile) }
        let few = try JSONSerialization.data(withJSONObject: ["instances": Array(instances.prefix(3))], options: [.prettyPrinted, .sortedKeys])
        try few.write(to: URL(fileURLWithPath: workspace + "/fuzz-instances.json"))
        try fm.copyItem(atPath: repositoryRoot + "/data/vector-packing/vp_triplet.json.gz", toPath: workspace + "/fuzz-instances.json.gz")
        // One-dimensional instances in the plain text of the classical sets (BPPLIB, OR-Library).
        try Data("12\n150\n99\n98\n75\n74\n60\n51\n50\n49\n33\n27\n20\n20\n".utf8)
            .write(to: URL(fileURLWithPath: workspace + "/fuzz-instances.txt"))
        try Data(" 2\n u_a\n 150 3 2\n 100\n 90\n 50\n u_b\n 150 2 1\n 70\n 80.0\n".utf8)
            .write(to: URL(fileURLWithPath: workspace + "/fuzz-binpack.txt"))
    }

    /// Every seed file's original bytes, by its workspace-relative name.
    func loadSeeds() throws -> [String: Data] {
        var originals: [String: Data] = [:]
        for target in targets {
            for s in target.seeds { originals[s.file] = try Data(contentsOf: URL(fileURLWithPath: workspace + "/" + s.file)) }
        }
        return originals
    }

    func writeMutant(_ original: Data, to path: String, mutator: inout InputMutator) throws -> String {
        if path.hasSuffix(".gz") {
            let (bytes, what) = mutator.mutate(bytes: [UInt8](original))
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return what
        }
        let (text, what) = mutator.mutate(String(decoding: original, as: UTF8.self))
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return what
    }

    func restore(_ original: Data, to path: String) throws { try original.write(to: URL(fileURLWithPath: path)) }

    /// A thread that ends the process when one input has run past the limit (a hang).
    func startWatchdog(_ clock: InputClock) {
        let limit = UInt64(inputSecondsLimit * 1e9)
        let current = workspace + "/current.txt"
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: 1)
                let t0 = clock.started.withLock { $0 }
                if t0 > 0, DispatchTime.now().uptimeNanoseconds - t0 > limit {
                    let what = (try? String(contentsOfFile: current, encoding: .utf8)) ?? "?"
                    FileHandle.standardError.write(Data("cloudplan-fuzz: an input ran past \(Int(limit / 1_000_000_000)) s (a hang): \(what)".utf8))
                    exit(2)
                }
            }
        }
    }
}

/// When the running input started (uptime nanoseconds; 0 between inputs), shared with the
/// watchdog thread.
final class InputClock: Sendable {
    let started = Mutex<UInt64>(0)
}
