import ArgumentParser
import Foundation
import Inventories
import Reports

/// `cloudplan import`: real inventories in, in the format `pack` reads.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a real inventory export into the VM inventory pack reads, or a usage history into per-VM percentiles.",
        subcommands: [RVToolsImportCommand.self, ServerListImportCommand.self, UsageImportCommand.self])
}

/// The file, --output and --format of both imports, and what they do with them.
struct ImportOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The export (CSV).", valueName: "file.csv"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the inventory here (whole or not at all).", valueName: "inventory.csv"))
    var output: String?

    @Option(name: .shortAndLong, help: "Summary format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if format != .text && format != .json { throw ValidationError("--format for the summary is text or json (the inventory is --output)") }
    }

    /// Reads the file as `kind`, writes the inventory if asked, prints the summary; exit 1 with
    /// every mistake on a bad file.
    func run(as kind: InventoryFormat) throws {
        let inventory: ImportedInventory
        do {
            inventory = try ImportedInventory.read(file, as: kind)
        } catch {
            for e in error.errors { printError(e.description) }
            throw ExitCode(CLIExit.invalidInput)
        }
        if let output { try emitReport(inventory.packInventoryCSV(), to: output) }
        writeStandardOutput(format == .json ? summaryJSON(inventory).serialised() : summaryText(inventory))
    }

    func summaryJSON(_ inv: ImportedInventory) -> JSONValue {
        .object([
            ("format", .string("cloudplan-import")),
            ("source", .string(file)),
            ("source_format", .string(inv.format.rawValue)),
            ("vms", .integer(inv.rows)),
            ("imported", .integer(inv.vms.count)),
            ("vcpu", .integer(inv.vcpu)),
            ("memory_gib", .rounded(inv.memoryGiB, 3)),
            ("disk_provisioned_gib", .rounded(inv.vms.reduce(0) { $0 + $1.provisionedGiB }, 3)),
            ("disk_in_use_gib", .rounded(inv.vms.reduce(0) { $0 + $1.inUseGiB }, 3)),
            ("hosts", .integer(inv.hosts.count)),
            ("host_names", .array(inv.hosts.map(JSONValue.string))),
            ("excluded", .array(inv.excluded.map { e in
                .object([("name", .string(e.name)), ("reason", .string(e.reason)), ("line", .integer(e.line))])
            })),
        ])
    }

    func summaryText(_ inv: ImportedInventory) -> String {
        var out = "\(file): \(inv.rows) machines, \(inv.vms.count) imported (\(inv.vcpu) vCPUs, "
            + "\(NumberFormat.grouped(inv.memoryGiB, decimals: 1)) GiB memory) on \(inv.hosts.count) hosts"
            + (output.map { "; inventory written to \($0)" } ?? "") + "\n"
        for e in inv.excluded { out += "  left out: \(e.name) (line \(e.line)): \(e.reason)\n" }
        return out
    }
}

/// `cloudplan import rvtools vInfo.csv`: RVTools' vInfo sheet exported as CSV.
struct RVToolsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rvtools",
        abstract: "Import RVTools' vInfo export (CSV): powered-on VMs with CPUs, memory and disk.",
        discussion: """
            Reads the vInfo sheet saved as CSV by RVTools 3.x or 4.x (any column order, extra columns \
            ignored, quoted fields; comma, semicolon or tab). Memory and disk are MiB in the export. \
            Templates and VMs that are not powered on are listed with the reason and left out. \
            --output writes the inventory (name, vcpu, memory_gib, disk_gib, host, cluster, os) that \
            `cloudplan pack` reads; the summary goes to standard output.
            """)

    @OptionGroup var options: ImportOptions

    func run() throws { try options.run(as: .rvtools) }
}

/// `cloudplan import servers list.csv`: a plain CSV server list.
struct ServerListImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servers",
        abstract: "Import a plain CSV server list: name, CPUs and memory, optionally disk, host and status.",
        discussion: """
            One row per server or VM, columns in any order and extra columns ignored; headers such as \
            name/hostname/ホスト名, cpus/cores/コア数, "Memory (GB)"/memory_mib/メモリ(GB), disk_gb/disk_tb, \
            host, status/状態, template, os, cluster, site. Memory "GB" is binary (GiB), disk "GB" and \
            "TB" decimal. Without a host column each row is a physical server. Rows whose status is \
            off, stopped, retired or spare (停止, 廃止, 予備…) and templates are listed and left out; \
            docs/inventory-format.md has every name.
            """)

    @OptionGroup var options: ImportOptions

    func run() throws { try options.run(as: .serverList) }
}
