import Foundation
import Testing

/// `tenants[].before_inventory` (issue 14, item 4): the "before" of a tenant is its real server
/// list, imported from RVTools, not the catalog's estimate.
@Suite struct BeforeInventoryTests {
    /// Okitama with 米沢市 (06202) given the bundled export's five powered-on VMs on three hosts:
    /// its physical servers before are 3; the other tenants keep the catalog's estimate.
    @Test func theImportedHostsAreTheServersBefore() throws {
        // 米沢市's line in okitama.yaml gains the key.
        let dir = NSTemporaryDirectory() + "cloudplan-before-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: "Scenarios/library", toPath: dir + "/library")
        try FileManager.default.copyItem(atPath: "Scenarios/okitama.yaml", toPath: dir + "/okitama.yaml")
        let imported = try CLI.run(["import", "rvtools", "data/inventories/rvtools-vinfo-example.csv", "--output", dir + "/yonezawa.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        func tenants(_ extra: [String]) throws -> [[String: Any]] {
            var text = try String(contentsOfFile: dir + "/okitama.yaml", encoding: .utf8)
            for e in extra { text = text.replacingOccurrences(of: "code: \"06202\",", with: "code: \"06202\", before_inventory: \(e),") }
            try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
            let r = try CLI.run(["plan", dir + "/s.yaml", "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return json["tenants"] as! [[String: Any]]
        }
        let before = try tenants([]), after = try tenants(["yonezawa.csv"])
        func servers(_ list: [[String: Any]], _ code: String) -> Int { list.first { $0["code"] as? String == code }!["physical_servers_before"] as! Int }
        #expect(servers(after, "06202") == 3 && servers(before, "06202") != 3)
        #expect(servers(after, "06209") == servers(before, "06209"))
        // The export itself, and a plain server list (6 physical servers in service of 8), named directly.
        try FileManager.default.copyItem(atPath: "data/inventories/rvtools-vinfo-example.csv", toPath: dir + "/vinfo.csv")
        try FileManager.default.copyItem(atPath: "data/inventories/server-list-example.csv", toPath: dir + "/servers.csv")
        #expect(servers(try tenants(["vinfo.csv"]), "06202") == 3)
        #expect(servers(try tenants(["servers.csv"]), "06202") == 6)
    }
}

extension BeforeInventoryTests {
    /// A before-inventory that is not there is one error at the key, naming where it looked.
    @Test func aMissingInventoryIsLocatedAtTheKey() throws {
        let dir = NSTemporaryDirectory() + "cloudplan-before-missing-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: "Scenarios/library", toPath: dir + "/library")
        let text = try String(contentsOfFile: "Scenarios/okitama.yaml", encoding: .utf8)
            .replacingOccurrences(of: "code: \"06202\",", with: "code: \"06202\", before_inventory: nowhere.csv,")
        try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", dir + "/s.yaml"])
        #expect(r.status == 1)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains("error:") }
        let line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("before_inventory: nowhere.csv") } ?? -1) + 1
        #expect(errors.count == 1 && errors[0].contains("s.yaml:\(line):") && errors[0].contains("before inventory nowhere.csv"), "\(r.stderr)")
        // A server list with two bad rows: two errors at the key, each with the list's line.
        try "name,cpus,memory_gb\na,x,4\nb,2,4\nc,2,-1\n".write(toFile: dir + "/nowhere.csv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["validate", dir + "/s.yaml"])
        let badErrors = bad.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(bad.status == 1 && badErrors.count == 2, "\(bad.stderr)")
        #expect(badErrors.count == 2 && badErrors[0].contains("s.yaml:\(line):") && badErrors[0].contains("line 2: CPUs")
            && badErrors[1].contains("line 4: memory"), "\(bad.stderr)")
    }
}
