import CapacityModel
import Foundation
import InputData
import Inventories
import Placement
import PlacementIO
import Study

/// What one fuzzed input did: accepted (and, where it could, planned or packed), rejected with
/// a proper message, or broke a rule that holds for every input (a crash never returns here:
/// the campaign's last-input file then names it).
public enum FuzzVerdict: Sendable, Equatable {
    case accepted
    case rejected
    /// A rejection without a located message, or another broken rule.
    case violation(String)
}

/// The readers fuzzed, each with its seeds (files of the repository) and what it does with an
/// input it accepts.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A scenario or one of its library files; loaded, planned, and every few inputs simulated
    /// for a week.
    case scenario
    /// A VM inventory (CSV), packed with a reserve of one host.
    case inventory
    /// Vector packing instances (JSON text) and one-dimensional ones (BPPLIB and OR-Library
    /// text), packed.
    case instances
    /// A gzip stream of instances, damaged byte-wise.
    case gzip
    /// An export imported (RVTools vInfo or a plain server list, CSV); the inventory it gives
    /// must read back in `pack` with the same machines.
    case rvtools

    /// Files mutated, relative to the workspace, each with the scenario loaded for it (the file
    /// itself, or the scenario that includes the library file).
    var seeds: [(file: String, load: String)] {
        switch self {
        case .scenario:
            return [("Scenarios/okitama.yaml", "Scenarios/okitama.yaml"),
                    ("Scenarios/nishi-iburi.yaml", "Scenarios/nishi-iburi.yaml"),
                    ("Scenarios/library/municipal-core-2010.yaml", "Scenarios/okitama.yaml"),
                    ("Scenarios/library/hardware-2010.yaml", "Scenarios/okitama.yaml"),
                    ("Scenarios/library/policies.yaml", "Scenarios/okitama.yaml")]
        case .inventory: return [("data/inventories/example-vms.csv", "data/inventories/example-vms.csv")]
        case .instances: return [("fuzz-instances.json", "fuzz-instances.json"), ("fuzz-instances.txt", "fuzz-instances.txt"),
                                 ("fuzz-binpack.txt", "fuzz-binpack.txt")]
        case .gzip: return [("fuzz-instances.json.gz", "fuzz-instances.json.gz")]
        case .rvtools: return [("data/inventories/rvtools-vinfo-example.csv", "data/inventories/rvtools-vinfo-example.csv"),
                               ("data/inventories/server-list-example.csv", "data/inventories/server-list-example.csv")]
        }
    }

    /// Runs the reader (and what follows it) on the file at `path`, with `original` naming the
    /// file for messages.
    /// - Parameter deep: also simulate an accepted scenario (a week, one replication).
    public func run(path: String, deep: Bool = false) -> FuzzVerdict {
        switch self {
        case .scenario: return Self.runScenario(path, deep: deep)
        case .inventory:
            guard case .success(let host) = HostType.parse("vcpu=16,memory_gib=64,name=fuzz") else { return .violation("host spec") }
            return Self.pack(path) { try [InventoryFile.read(path, hosts: [host])] }
        case .instances, .gzip:
            return Self.pack(path) { try VectorPackingFile.read(path) }
        case .rvtools:
            return Self.importRVTools(path)
        }
    }

    /// Imports an export: every error located; an accepted one's inventory reads back in `pack`
    /// with the same VM names, in order.
    static func importRVTools(_ path: String) -> FuzzVerdict {
        let inventory: ImportedInventory
        do {
            inventory = try ImportedInventory.read(path)
        } catch {
            return error.errors.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty } && !error.errors.isEmpty ? .rejected : .violation("unlocated: \(error)")
        }
        guard !inventory.vms.isEmpty else { return .accepted }
        let out = path + ".inventory.csv"
        defer { try? FileManager.default.removeItem(atPath: out) }
        do {
            try Data(inventory.packInventoryCSV().utf8).write(to: URL(fileURLWithPath: out))
            guard case .success(let host) = HostType.parse("vcpu=4096,memory_gib=1000000000") else { return .violation("host spec") }
            let back = try InventoryFile.read(out, hosts: [host])
            return back.itemNames == inventory.vms.map(\.name) ? .accepted : .violation("the inventory does not read back: \(back.itemNames.prefix(3)) vs \(inventory.vms.prefix(3).map(\.name))")
        } catch {
            return .violation("the imported inventory does not read back: \(error)")
        }
    }

    static func runScenario(_ path: String, deep: Bool) -> FuzzVerdict {
        let sink = DiagnosticSink()
        guard let scenario = ScenarioLoader().load(path: path, sink: sink) else {
            let errors = sink.sorted.filter { $0.severity == .error }
            if errors.isEmpty { return .violation("rejected without an error") }
            var lineCounts: [String: Int] = [:]
            for e in errors {
                if lineCounts[e.location.file] == nil {
                    lineCounts[e.location.file] = (try? InputFile.text(e.location.file))?.components(separatedBy: "\n").count ?? 1
                }
                let lines = lineCounts[e.location.file] ?? 1
                guard e.location.line >= 1, e.location.column >= 1, e.location.line <= lines + 1, !e.message.isEmpty else {
                    return .violation("error not located inside its file: \(e)")
                }
            }
            return .rejected
        }
        do {
            let options = StudyOptions(simulate: deep, horizonSeconds: 7 * 86_400, replications: 1, improvementMoves: 2_000)
            _ = try Study.run(scenario, options: options)
            return .accepted
        } catch {
            return "\(error)".isEmpty ? .violation("study failed without a message") : .rejected
        }
    }

    /// Reads instances and packs them (0.05 s each, a reserve of one bin for inventories);
    /// a reading error must carry a line and column of the file.
    static func pack(_ path: String, read: () throws -> [NamedInstance]) -> FuzzVerdict {
        let instances: [NamedInstance]
        do {
            instances = try read()
        } catch let e as InstanceFileError {
            return e.line >= 1 && e.column >= 1 && !e.message.isEmpty ? .rejected : .violation("unlocated: \(e)")
        } catch let e as InstanceFileErrors {
            return !e.errors.isEmpty && e.errors.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty } ? .rejected : .violation("unlocated: \(e)")
        } catch {
            return .violation("not an InstanceFileError: \(error)")
        }
        let small = instances.filter { $0.problem.itemCount <= 2_000 }.prefix(3)
        do {
            _ = try PackingRun(method: .best, timeLimit: 0.05, reserve: path.hasSuffix(".csv") ? 1 : 0).run(Array(small))
        } catch {
            return "\(error)".isEmpty ? .violation("packing failed without a message") : .rejected
        }
        return .accepted
    }
}
