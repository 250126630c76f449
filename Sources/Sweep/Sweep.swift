import CapacityModel
import Foundation
import InputData
import SimKernel
import Study

/// A sweep ready to run: its manifest and every variant's scenario, loaded and valid.
public struct Sweep: Sendable {
    public var manifest: SweepManifest
    /// One per manifest variant: loaded for the variants `prepare` was asked for, nil for the others.
    public var scenarios: [Scenario?]
    public var definition: SweepDefinition

    /// Why a sweep could not be prepared.
    public enum PreparationError: Error, Sendable {
        /// The sweep file or a variant's scenario has problems (each reported to the sink).
        case invalid
        /// A file could not be read for the fingerprint.
        case unreadable(String)
    }

    /// Builds the manifest of `definition` (each base scenario loaded once, for its simulation
    /// settings and the files it includes) and loads the variants `needed` picks from it (every
    /// variant by default; a shard loads only those its work items run). Every problem of every
    /// variant loaded goes to `sink`, each once (a variant that repeats its scenario's own
    /// mistake adds nothing). O(scenarios + variants loaded) scenario loads.
    public static func prepare(_ definition: SweepDefinition, cloudplanVersion: String, includeFolders: [String] = [],
                               needed: (SweepManifest) -> Range<Int> = { 0..<$0.variants.count },
                               sink: DiagnosticSink) throws(PreparationError) -> Sweep {
        var variants: [SweepVariant] = []
        var plans: [(path: String, settings: [ScenarioOverride])] = []
        var files = [definition.path]
        var failed = false
        var seen: Set<Diagnostic> = []
        var bases: [String: Scenario] = [:]
        for base in definition.scenarios {
            let local = DiagnosticSink()
            guard let plain = bases[base.path] ?? ScenarioLoader(includeFolders: includeFolders).load(path: base.path, sink: local) else {
                report(local, to: sink, seen: &seen)
                failed = true
                continue
            }
            bases[base.path] = plain
            files += [base.path] + plain.includedFiles
            let run = Study.simulationRun(plain, options: StudyOptions(
                horizonSeconds: definition.horizonYears.map { $0 * SimDuration.year }, replications: definition.replications, seed: definition.seed))
            let reference = variants.count
            for v in definition.variants {
                let first = variants.last.map { $0.firstItem + $0.replications } ?? 0
                variants.append(SweepVariant(
                    name: v.name.isEmpty ? base.name : "\(base.name) \(v.name)", scenario: base.name,
                    settings: v.settings.map { SweepVariant.Setting(key: $0.keyPath, value: $0.valueText) },
                    reference: reference, seed: run.seed, replications: run.replications, horizonSeconds: run.horizonSeconds,
                    firstItem: first))
                plans.append((base.path, v.settings))
            }
        }
        if failed { throw .invalid }
        let figures = definition.outputs.map { names in names.compactMap { n in SweepFigure.all.first { $0.name == n } } } ?? SweepFigure.all
        let manifest = SweepManifest(sweep: definition.name, sweepSHA256: try fingerprint(files), cloudplanVersion: cloudplanVersion,
                                     figures: figures, variants: variants,
                                     workItems: variants.last.map { $0.firstItem + $0.replications } ?? 0)
        var scenarios = [Scenario?](repeating: nil, count: variants.count)
        for v in needed(manifest).clamped(to: 0..<variants.count) {
            let local = DiagnosticSink()
            let loaded = ScenarioLoader(includeFolders: includeFolders, overrides: plans[v].settings).load(path: plans[v].path, sink: local)
            report(local, to: sink, seen: &seen)
            if loaded == nil { failed = true }
            scenarios[v] = loaded
        }
        if failed { throw .invalid }
        return Sweep(manifest: manifest, scenarios: scenarios, definition: definition)
    }

    /// Adds the diagnostics of `local` not reported yet.
    private static func report(_ local: DiagnosticSink, to sink: DiagnosticSink, seen: inout Set<Diagnostic>) {
        for d in local.sorted where seen.insert(d).inserted {
            if d.severity == .error { sink.error(d.location, d.keyPath, d.message) } else { sink.warning(d.location, d.keyPath, d.message) }
        }
    }

    /// SHA-256 of the bytes of `files` (the sweep file, then each base scenario's file and the
    /// files it includes), each once, in that order.
    static func fingerprint(_ files: [String]) throws(PreparationError) -> String {
        switch SHA256.ofFiles(files) {
        case .success(let hex): return hex
        case .failure(let e): throw .unreadable(e.path)
        }
    }
}
