import ArgumentParser
import Foundation
import PlacementIO
import Reports

/// `cloudplan import`: real inventories in, in the format `pack` reads.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a real inventory export into the VM inventory pack reads.",
        subcommands: [RVToolsImportCommand.self])
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

    @Argument(help: ArgumentHelp("The vInfo CSV.", valueName: "vInfo.csv"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the inventory here (whole or not at all).", valueName: "inventory.csv"))
    var output: String?

    @Option(name: .shortAndLong, help: "Summary format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if format == .markdown || format == .csv || format == .html { throw ValidationError("--format for the summary is text or json (the inventory is --output)") }
    }

    func run() throws {
        let inventory: RVToolsInventory
        do {
            inventory = try RVToolsInventory.read(file)
        } catch let error as RVToolsError {
            for e in error.errors { printError(e.description) }
            throw ExitCode(CLIExit.invalidInput)
        }
        if let output { try emitReport(inventory.packInventoryCSV(), to: output) }
        print(format == .json ? summaryJSON(inventory).serialised() : summaryText(inventory), terminator: "")
    }

    func summaryJSON(_ inv: RVToolsInventory) -> JSONValue {
        .object([
            ("format", .string("cloudplan-import")),
            ("source", .string(file)),
            ("vms", .integer(inv.rows)),
            ("imported", .integer(inv.vms.count)),
            ("vcpu", .integer(inv.vms.reduce(0) { $0 + $1.vcpu })),
            ("memory_gib", .rounded(inv.vms.reduce(0) { $0 + $1.memoryGiB }, 3)),
            ("disk_provisioned_gib", .rounded(inv.vms.reduce(0) { $0 + $1.provisionedGiB }, 3)),
            ("disk_in_use_gib", .rounded(inv.vms.reduce(0) { $0 + $1.inUseGiB }, 3)),
            ("hosts", .integer(inv.hosts.count)),
            ("host_names", .array(inv.hosts.map(JSONValue.string))),
            ("excluded", .array(inv.excluded.map { e in
                .object([("name", .string(e.name)), ("reason", .string(e.reason)), ("line", .integer(e.line))])
            })),
        ])
    }

    func summaryText(_ inv: RVToolsInventory) -> String {
        var out = "\(file): \(inv.rows) VMs, \(inv.vms.count) imported (\(inv.vms.reduce(0) { $0 + $1.vcpu }) vCPUs, "
            + "\(NumberFormat.grouped(inv.vms.reduce(0) { $0 + $1.memoryGiB }, decimals: 1)) GiB memory) on \(inv.hosts.count) hosts"
            + (output.map { "; inventory written to \($0)" } ?? "") + "\n"
        for e in inv.excluded { out += "  left out: \(e.name) (line \(e.line)): \(e.reason)\n" }
        return out
    }
}
