import Foundation
@testable import Inventories
import Testing
import TestSupport

/// Plain CSV server lists (issue 14, item 4): header names and units, statuses, located errors.
@Suite struct ServerListTests {
    /// The bundled Japanese list: 8 rows, 6 in service (停止 and 予備 left out), no host column so
    /// each server is its own host; disk in decimal TB: 4.7 TB = 4.7e12 / 2^30 GiB.
    @Test func readsTheBundledJapaneseList() throws {
        let inv = try ServerListFile.read(Repository.root + "/data/inventories/server-list-example.csv")
        #expect(inv.format == .serverList && inv.rows == 8 && inv.vms.count == 6)
        #expect(inv.vcpu == 4 + 8 + 4 + 8 + 2 + 2 && inv.memoryGiB == 8 + 16 + 8 + 32 + 4 + 2)
        let disk = inv.vms.reduce(0) { $0 + $1.provisionedGiB }
        #expect(abs(disk - 4.7e12 / 1_073_741_824) < 1e-6)
        #expect(inv.hosts.count == 6 && inv.vms.allSatisfy { $0.host == $0.name })
        #expect(inv.excluded.map(\.reason) == ["not in service (停止)", "not in service (予備)"])
        #expect(inv.excluded.map(\.line) == [7, 8])
        #expect(inv.vms.last?.name == "web, portal" && inv.vms.last?.datacenter == "別館")
    }

    /// Units from the header's suffix: memory MB is MiB, memory "GB" binary, TiB ×1024; disk GB
    /// decimal. With a host column the rows are VMs on the hosts named.
    @Test func unitsAndHostsComeFromTheHeader() throws {
        let ws = try Workspace("servers")
        let cases: [(header: String, value: String, memory: Double)] = [
            ("Memory (MB)", "4096", 4), ("memory_mib", "512", 0.5), ("RAM GB", "24", 24), ("mem-TiB", "0.5", 512), ("memory", "3", 3),
        ]
        for c in cases {
            let file = try ws.write("name,Host,cores,\(c.header),Disk (GB),state\nvm1,esx1,2,\(c.value),1000,running\nvm2,esx1,1,\(c.value),,\nvm3,esx2,4,\(c.value),\"1,000\",Active\n",
                                    to: "units.csv")
            let inv = try ServerListFile.read(file)
            #expect(inv.vms.map(\.memoryGiB) == [c.memory, c.memory, c.memory], "\(c.header)")
            #expect(inv.hosts == ["esx1", "esx2"] && inv.vcpu == 7)
            #expect(abs(inv.vms[0].provisionedGiB - 1e12 / 1_073_741_824) < 1e-9 && inv.vms[1].provisionedGiB == 0)
            #expect(inv.vms[2].provisionedGiB == inv.vms[0].provisionedGiB)
        }
    }

    /// Header normalisation: case, spaces, hyphens and ASCII or full-width brackets.
    @Test(arguments: [("Memory (GB)", "memory_gb"), ("  CPU-Cores ", "cpu_cores"), ("メモリ（GB）", "メモリ_gb"), ("Disk [TB]", "disk_tb"), ("VM Name", "vm_name")])
    func headersAreNormalised(_ raw: String, _ normalised: String) {
        #expect(ServerListFile.normalised(raw) == normalised)
    }

    /// Every bad row is one error at its field; an unknown status is an error, not a guess; a
    /// header without the required columns says which.
    @Test func badRowsAreOneLocatedErrorEach() throws {
        let ws = try Workspace("servers")
        let file = try ws.write("name,cpus,memory_gb,status,disk_gb\na,2,4,on,10\nb,two,4,on,10\n,2,4,on,1\nc,2,0,on,1\nd,2,4,broken,1\ne,2,4,on,-1\nf,2,4\ng,1,1,off,x\n", to: "bad.csv")
        do {
            _ = try ServerListFile.read(file)
            Issue.record("accepted a bad list")
        } catch {
            #expect(error.errors.map { "\($0.line):\($0.column)" } == ["3:2", "4:1", "5:3", "6:4", "7:5", "8:1"], "\(error)")
            #expect(error.errors[3].message.contains("unknown status \"broken\""))
        }
        let noMemory = try ws.write("hostname,cores,os\nx,2,linux\n", to: "no-memory.csv")
        do {
            _ = try ServerListFile.read(noMemory)
            Issue.record("accepted a list without memory")
        } catch {
            #expect(error.errors.count == 1 && error.errors[0].line == 1 && error.errors[0].message.contains("no column memory"), "\(error)")
        }
    }

    /// The format is told from the header: vInfo, pack's own inventory, else a server list.
    @Test func formatsAreDetected() {
        #expect(InventoryFormat.detect(header: ["VM", "Powerstate", "Template", "CPUs", "Memory"]) == .rvtools)
        #expect(InventoryFormat.detect(header: ["name", "vcpu", "memory_gib", "group"]) == .packInventory)
        #expect(InventoryFormat.detect(header: ["ホスト名", "コア数", "メモリ(GB)"]) == .serverList)
    }
}
