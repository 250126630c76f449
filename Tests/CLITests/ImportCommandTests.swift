import Foundation
import Testing

/// `cloudplan import rvtools` (issue 14, item 4).
@Suite struct ImportCommandTests {
    static func temporary(_ name: String) -> String { NSTemporaryDirectory() + "cloudplan-import-\(getpid())-" + name }

    /// The bundled 4.x-order export (93 quoted columns, Japanese and quoted annotations):
    /// five powered-on VMs on three hosts; a powered-off VM, a template and a suspended VM listed,
    /// not imported; the inventory packs.
    @Test func importsTheRVTools4Export() throws {
        let out = Self.temporary("inv.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CLI.run(["import", "rvtools", "data/inventories/rvtools-vinfo-example.csv", "--output", out, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["vms"] as? Int == 8 && json["imported"] as? Int == 5)
        #expect(json["vcpu"] as? Int == 14 && (json["memory_gib"] as? NSNumber)?.doubleValue == 54)
        #expect(json["hosts"] as? Int == 3)
        let excluded = json["excluded"] as! [[String: Any]]
        #expect(excluded.map { $0["reason"] as! String } == ["not powered on (poweredOff)", "template", "not powered on (suspended)"])
        let pack = try CLI.run(["pack", out, "--host", "vcpu=24,memory_gib=96", "--format", "json"])
        #expect(pack.status == 0, "\(pack.stderr)")
    }

    /// A 3.x-style export: other column order, "MB" headers, semicolons, a name with a comma;
    /// the inventory keeps the name whole (quoted) and pack reads it back.
    @Test func importsAnOtherOrderAndDelimiter() throws {
        let src = Self.temporary("v3.csv"), out = Self.temporary("v3-inv.csv")
        defer { for f in [src, out] { try? FileManager.default.removeItem(atPath: f) } }
        let text = """
            Host;VM;Memory;CPUs;Powerstate;Template;Provisioned MB;In Use MB;OS;Extra\r
            esx9;"db, primary";4096;2;poweredOn;False;10240;5000;RHEL;x\r
            esx9;app;2048;1;poweredOn;False;5120;100;RHEL;y\r

            """
        try text.write(toFile: src, atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", "rvtools", src, "--output", out, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["imported"] as? Int == 2 && json["vcpu"] as? Int == 3 && json["hosts"] as? Int == 1)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("\"db, primary\",2,4,10,esx9"), "\(written)")
        let pack = try CLI.run(["pack", out, "--host", "vcpu=8,memory_gib=16", "--assignments", "--format", "json"])
        #expect(pack.status == 0 && pack.stdout.contains("db, primary"), "\(pack.stderr)")
    }

    /// Each malformed row is one located error; a file that is not a vInfo export says so.
    @Test func badRowsAreLocatedErrors() throws {
        let src = Self.temporary("bad.csv")
        defer { try? FileManager.default.removeItem(atPath: src) }
        try "VM,Powerstate,CPUs,Memory\na,poweredOn,two,1024\nb,poweredOn,2,-5\nc,poweredOn,2,1024\n".write(toFile: src, atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", "rvtools", src])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("\(src):2:3: error: CPUs") && lines[1].hasPrefix("\(src):3:4: error: Memory"), "\(r.stderr)")
        try "name,vcpu\nx,1\n".write(toFile: src, atomically: true, encoding: .utf8)
        let other = try CLI.run(["import", "rvtools", src])
        #expect(other.status == 1 && other.stderr.contains("not an RVTools vInfo export"), "\(other.stderr)")
    }

    /// `pack` reads the vInfo export and the server list as they are: the machines in service
    /// packed, the others noted on standard error and listed in the JSON report.
    @Test func packReadsExportsDirectly() throws {
        let r = try CLI.run(["pack", "data/inventories/rvtools-vinfo-example.csv", "--host", "vcpu=8,memory_gib=32", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let instance = (json["instances"] as! [[String: Any]])[0]
        #expect(instance["items"] as? Int == 5)
        // 14 vCPUs on 8-vCPU hosts: at least 2; 54 GiB on 32 GiB: at least 2.
        #expect(instance["bins"] as? Int == 2 && instance["lower_bound"] as? Int == 2)
        let excluded = instance["excluded"] as! [[String: Any]]
        #expect(excluded.map { $0["line"] as! Int } == [6, 8, 9])
        #expect(r.stderr.split(separator: "\n").filter { $0.contains(": note: ") }.count == 3, "\(r.stderr)")
        // The server list: 6 servers of 28 cores and 70 GiB onto 16-core / 64 GiB hosts: 2 hosts.
        let s = try CLI.run(["pack", "data/inventories/server-list-example.csv", "--host", "vcpu=16,memory_gib=64", "--format", "json"])
        #expect(s.status == 0, "\(s.stderr)")
        let sj = try JSONSerialization.jsonObject(with: Data(s.stdout.utf8)) as! [String: Any]
        let si = (sj["instances"] as! [[String: Any]])[0]
        #expect(si["items"] as? Int == 6 && si["bins"] as? Int == 2 && (si["excluded"] as? [Any])?.count == 2)
        let summary = try CLI.run(["import", "servers", "data/inventories/server-list-example.csv", "--format", "json"])
        let sum = try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as! [String: Any]
        #expect(sum["vms"] as? Int == 8 && sum["imported"] as? Int == 6 && sum["hosts"] as? Int == 6 && sum["vcpu"] as? Int == 28)
    }
}
