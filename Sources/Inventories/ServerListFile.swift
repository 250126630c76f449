import Foundation
import InputData

/// A plain CSV server list, as a municipality keeps it: one row per server or VM, named columns in
/// any order (comma, semicolon or tab; RFC 4180 quoting), extra columns ignored. Header names are
/// matched after lower-casing and turning spaces, hyphens and brackets into `_` ("Memory (GB)" is
/// `memory_gb`); Japanese headers as well (ホスト名, コア数, メモリ(GB), 状態…). Required: a name,
/// a CPU count and memory; optional: disk, disk in use, host, status, template, OS, cluster, site.
///
/// Units come from the header's suffix: memory in GiB unless it says MiB/MB (÷1024) or TiB/TB
/// (×1024) — a server list's "GB" of memory is binary; disk in GiB unless it says GB (10^9 bytes),
/// TB (10^12), MB (10^6) or TiB/MiB. Without a host column every row is a physical server of its
/// own; with one, rows are VMs on the hosts named. A status of off, stopped, retired, spare (停止,
/// 廃止, 予備…) leaves the row out with the reason; an unknown status is an error at its field.
public enum ServerListFile {
    /// Reads `path` as a server list; every malformed row is one error, all thrown together.
    public static func read(_ path: String) throws(InventoryErrors) -> ImportedInventory {
        try ImportedInventory.read(path, as: .serverList)
    }

    /// The columns read: the header names each goes by (normalised) and the unit its suffix gives.
    enum Column: CaseIterable {
        case name, cpus, memory, disk, diskInUse, host, status, template, os, cluster, site

        var bases: [String] {
            switch self {
            case .name: ["name", "hostname", "host_name", "server", "server_name", "vm", "vm_name", "ホスト名", "サーバ名", "サーバー名", "名前", "名称"]
            case .cpus: ["vcpu", "vcpus", "cpus", "cpu", "cores", "cpu_cores", "num_cpu", "コア数", "cpuコア数", "cpu数", "vcpu数"]
            case .memory: ["memory", "ram", "mem", "メモリ", "メモリ容量"]
            case .disk: ["disk", "disk_size", "storage", "provisioned", "ディスク", "ディスク容量"]
            case .diskInUse: ["disk_used", "disk_in_use", "in_use", "used", "使用量", "ディスク使用量"]
            case .host: ["host", "physical_host", "esx_host", "hypervisor", "物理ホスト", "物理サーバ", "物理サーバー"]
            case .status: ["status", "state", "power", "power_state", "powerstate", "状態", "稼働状態", "ステータス"]
            case .template: ["template", "テンプレート"]
            case .os: ["os", "operating_system", "os名"]
            case .cluster: ["cluster", "クラスタ"]
            case .site: ["site", "datacenter", "location", "設置場所", "拠点"]
            }
        }
        /// Whether a unit suffix may follow the base name (memory and disk sizes).
        var hasUnit: Bool { self == .memory || self == .disk || self == .diskInUse }
        var isRequired: Bool { self == .name || self == .cpus || self == .memory }
    }

    /// A size unit a header may end in, and GiB per unit for memory and for disk.
    enum SizeUnit: String, CaseIterable {
        case gib, gb, mib, mb, tib, tb
        var memoryGiB: Double {
            switch self {
            case .gib, .gb: 1
            case .mib, .mb: 1.0 / 1_024
            case .tib, .tb: 1_024
            }
        }
        var diskGiB: Double {
            switch self {
            case .gib: 1
            case .gb: 1e9 / 1_073_741_824
            case .mib: 1.0 / 1_024
            case .mb: 1e6 / 1_073_741_824
            case .tib: 1_024
            case .tb: 1e12 / 1_073_741_824
            }
        }
    }

    /// A header name lower-cased, with runs of spaces, hyphens, underscores and brackets
    /// (ASCII and full-width) turned into one `_`, none at the ends.
    static func normalised(_ header: String) -> String {
        var out = "", gap = false
        for c in header.lowercased() {
            if " \t-_()[]（）［］　".contains(c) { gap = true; continue }
            if gap && !out.isEmpty { out.append("_") }
            gap = false
            out.append(c)
        }
        return out
    }

    /// The column and unit (nil: the base alone) a normalised header name is.
    static func column(of name: String) -> (Column, SizeUnit?)? {
        for c in Column.allCases {
            if c.bases.contains(name) { return (c, nil) }
            guard c.hasUnit else { continue }
            for base in c.bases {
                for u in SizeUnit.allCases where name == base + "_" + u.rawValue || name == base + u.rawValue { return (c, u) }
            }
        }
        return nil
    }

    /// Where each column is in the header (the first header naming it), and its unit.
    struct Layout {
        var index: [Column: Int] = [:]
        var unit: [Column: SizeUnit] = [:]
        var width: Int
        /// The first quantity the header names twice, with both columns (0-based).
        var repeated: (Column, [Int])?
    }

    static func layout(_ header: [String]) -> Layout {
        var layout = Layout(width: header.count)
        for (i, h) in header.enumerated() {
            guard let (c, u) = column(of: normalised(h)) else { continue }
            if let first = layout.index[c] {
                // Only a quantity read as a number is ambiguous twice; a repeated text column keeps its first.
                if layout.repeated == nil && (c.isRequired || c == .disk || c == .diskInUse) { layout.repeated = (c, [first, i]) }
                continue
            }
            layout.index[c] = i
            if let u { layout.unit[c] = u }
        }
        return layout
    }

    static func read(_ records: inout CSVRecords, header: [String], headerLine: Int, path: String) throws(InventoryErrors) -> ImportedInventory {
        let layout = layout(header)
        let missing = Column.allCases.filter { $0.isRequired && layout.index[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.map { c in "\(c.bases[0]) (or \(c.bases.dropFirst().prefix(4).joined(separator: ", ")))" }.joined(separator: "; ")
            throw InventoryErrors([InventoryError(file: path, line: headerLine, column: 1,
                                                  message: "a server list needs columns for the name, CPUs and memory: no column \(list)")])
        }
        if let (c, columns) = layout.repeated {
            throw InventoryErrors([InventoryError(file: path, line: headerLine, column: columns[1] + 1,
                                                  message: "the header has two columns for \(c.bases[0]) (columns \(columns.map { String($0 + 1) }.joined(separator: " and "))): which one to read cannot be told")])
        }
        let decimalComma = records.delimiter != UInt8(ascii: ",")
        return try ImportedInventory.collect(&records, format: .serverList, hasDisk: layout.index[.disk] != nil, path: path) { fields, line in
            Self.row(fields, line: line, layout: layout, path: path, decimalComma: decimalComma)
        }
    }

    /// Status words for a server in service, and for one that is not (lower case).
    static let inService: Set<String> = ["", "on", "yes", "active", "running", "poweredon", "powered on", "in service", "in use",
                                         "production", "prod", "稼働", "稼働中", "本番", "運用中"]
    static let outOfService: Set<String> = ["off", "no", "poweredoff", "powered off", "stopped", "suspended", "retired",
                                            "decommissioned", "spare", "standby", "inactive", "停止", "停止中", "廃止", "予備", "休止"]

    /// One data row: a server in service, one left out, or the first error in it.
    static func row(_ fields: [String], line: Int, layout: Layout, path: String, decimalComma: Bool) -> ImportedInventory.Row {
        guard fields.count == layout.width else {
            return .error(InventoryError(file: path, line: line, column: 1, message: "expected \(layout.width) fields as in the header, got \(fields.count)"))
        }
        func field(_ c: Column) -> String { layout.index[c].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
        func fail(_ c: Column, _ message: String) -> ImportedInventory.Row {
            .error(InventoryError(file: path, line: line, column: (layout.index[c] ?? 0) + 1, message: message))
        }
        let name = field(.name)
        if ["true", "yes", "1"].contains(field(.template).lowercased()) { return .excluded(.init(name: name, reason: "template", line: line)) }
        let status = field(.status)
        if outOfService.contains(status.lowercased()) { return .excluded(.init(name: name, reason: "not in service (\(status))", line: line)) }
        guard inService.contains(status.lowercased()) else {
            return fail(.status, "unknown status \"\(status)\": in service is on, running, active, production, 稼働…; left out is off, stopped, retired, spare, 停止, 廃止…")
        }
        guard !name.isEmpty else { return fail(.name, "a server without a name") }
        for c in [Column.cpus, .memory, .disk, .diskInUse] {
            if case .failure(.ambiguous(let why)) = InventoryNumber.parse(field(c), decimalComma: decimalComma) {
                return fail(c, "\(header(c, layout)): \(why)")
            }
        }
        guard case .success(let cpus) = InventoryNumber.parse(field(.cpus), decimalComma: decimalComma),
              cpus == cpus.rounded(), cpus >= 1, cpus <= 4_096 else {
            return fail(.cpus, "\(header(.cpus, layout)) must be a whole number 1-4096, got \"\(field(.cpus))\"")
        }
        func size(_ c: Column, memory: Bool) -> Double? {
            let text = field(c)
            if text.isEmpty && !c.isRequired { return 0 }
            guard case .success(let v) = InventoryNumber.parse(text, decimalComma: decimalComma), v >= 0, v <= 1e12 else { return nil }
            let unit = layout.unit[c]
            return v * (memory ? unit?.memoryGiB ?? 1 : unit?.diskGiB ?? 1)
        }
        guard let memory = size(.memory, memory: true), memory > 0 else {
            return fail(.memory, "\(header(.memory, layout)) must be a positive number, got \"\(field(.memory))\"")
        }
        for c in [Column.disk, .diskInUse] where size(c, memory: false) == nil {
            return fail(c, "\(header(c, layout)) must be a number ≥ 0, got \"\(field(c))\"")
        }
        let host = layout.index[.host] == nil ? name : field(.host)
        return .vm(.init(name: name, vcpu: Int(cpus), memoryGiB: memory, provisionedGiB: size(.disk, memory: false) ?? 0,
                         inUseGiB: size(.diskInUse, memory: false) ?? 0, host: host, cluster: field(.cluster),
                         datacenter: field(.site), os: field(.os), line: line))
    }

    /// How the column is named in the header, for messages.
    static func header(_ c: Column, _ layout: Layout) -> String {
        switch c {
        case .cpus: "CPUs"
        case .memory: "memory" + (layout.unit[c].map { " (\($0.rawValue.uppercased()))" } ?? " (GiB)")
        case .disk: "disk" + (layout.unit[c].map { " (\($0.rawValue.uppercased()))" } ?? " (GiB)")
        case .diskInUse: "disk in use"
        default: c.bases[0]
        }
    }
}
