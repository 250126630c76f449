import CapacityModel
import Foundation
import InputData
import SimKernel
import Study

/// A sweep ready to run: its manifest and every variant's scenario, loaded and valid.
public struct Sweep: Sendable {
    public var manifest: SweepManifest
    /// One per manifest variant.
    public var scenarios: [Scenario]
    public var definition: SweepDefinition

    /// Why a sweep could not be prepared.
    public enum PreparationError: Error, Sendable {
        /// The sweep file or a variant's scenario has problems (each reported to the sink).
        case invalid
        /// A file could not be read for the fingerprint.
        case unreadable(String)
    }

    /// Loads every variant of `definition` (base scenario × variant, in that order) and builds
    /// the manifest. Every problem of every variant goes to `sink`, each once (a variant that
    /// repeats its scenario's own mistake adds nothing). O(variants × loading a scenario).
    public static func prepare(_ definition: SweepDefinition, cloudplanVersion: String, includeFolders: [String] = [],
                               sink: DiagnosticSink) throws(PreparationError) -> Sweep {
        let digest = try fingerprint(definition)
        var variants: [SweepVariant] = []
        var scenarios: [Scenario] = []
        var failed = false
        var seen: Set<Diagnostic> = []
        for base in definition.scenarios {
            let local = DiagnosticSink()
            guard let plain = ScenarioLoader(includeFolders: includeFolders).load(path: base.path, sink: local) else {
                report(local, to: sink, seen: &seen)
                failed = true
                continue
            }
            let run = Study.simulationRun(plain, options: StudyOptions(
                horizonSeconds: definition.horizonYears.map { $0 * SimDuration.year }, replications: definition.replications, seed: definition.seed))
            let reference = variants.count
            for v in definition.variants {
                let local = DiagnosticSink()
                let loaded = ScenarioLoader(includeFolders: includeFolders, overrides: v.settings).load(path: base.path, sink: local)
                report(local, to: sink, seen: &seen)
                guard let loaded else { failed = true; continue }
                let first = variants.last.map { $0.firstItem + $0.replications } ?? 0
                variants.append(SweepVariant(
                    name: v.name.isEmpty ? base.name : "\(base.name) \(v.name)", scenario: base.name,
                    settings: v.settings.map { SweepVariant.Setting(key: $0.keyPath, value: $0.valueText) },
                    reference: reference, seed: run.seed, replications: run.replications, horizonSeconds: run.horizonSeconds,
                    firstItem: first))
                scenarios.append(loaded)
            }
        }
        if failed { throw .invalid }
        let figures = definition.outputs.map { names in names.compactMap { n in SweepFigure.all.first { $0.name == n } } } ?? SweepFigure.all
        let manifest = SweepManifest(sweep: definition.name, sweepSHA256: digest, cloudplanVersion: cloudplanVersion, figures: figures,
                                     variants: variants, workItems: variants.last.map { $0.firstItem + $0.replications } ?? 0)
        return Sweep(manifest: manifest, scenarios: scenarios, definition: definition)
    }

    /// Adds the diagnostics of `local` not reported yet.
    private static func report(_ local: DiagnosticSink, to sink: DiagnosticSink, seen: inout Set<Diagnostic>) {
        for d in local.sorted where seen.insert(d).inserted {
            if d.severity == .error { sink.error(d.location, d.keyPath, d.message) } else { sink.warning(d.location, d.keyPath, d.message) }
        }
    }

    /// SHA-256 of the sweep file's bytes, then each base scenario's (its main file).
    static func fingerprint(_ definition: SweepDefinition) throws(PreparationError) -> String {
        var hash = SHA256()
        for path in [definition.path] + definition.scenarios.map(\.path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
            hash.update(data)
        }
        return hash.finalHex()
    }
}
