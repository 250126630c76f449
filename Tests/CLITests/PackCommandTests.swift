import Foundation
import Placement
import Testing
import TestSupport

@Suite struct PackCommandTests {
    func inventory(_ dir: String) throws -> String {
        var csv = "name,vcpu,memory_gib,disk_gib,iops,group\n"
        for i in 0..<20 { csv += "vm\(i),\(2 + i % 5),\(8 + (i * 7) % 40),100,50,\(i < 6 ? "g\(i / 2)" : "")\n" }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir + "/inventory.csv"))
        return dir + "/inventory.csv"
    }

    @Test func inventoryAssignmentsAreFeasibleAndKeepGroupsApart() throws {
        let dir = try CLI.workspace()
        let file = try inventory(dir)
        let r = try CLI.run(["pack", file, "--host", "vcpu=16,memory_gib=64", "--assignments", "--format", "json", "--reserve", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let instance = (json["instances"] as! [[String: Any]])[0]
        let assignment = instance["assignment"] as! [[String: Any]]
        #expect(assignment.count == 20)
        var vcpu: [Int: Int] = [:], memory: [Int: Int] = [:], groupBins: [String: Set<Int>] = [:]
        for (i, a) in assignment.enumerated() {
            let bin = a["bin"] as! Int
            #expect(a["item"] as? String == "vm\(i)")
            vcpu[bin, default: 0] += 2 + i % 5
            memory[bin, default: 0] += 8 + (i * 7) % 40
            if i < 6 { groupBins["g\(i / 2)", default: []].insert(bin) }
        }
        #expect(vcpu.values.allSatisfy { $0 <= 16 } && memory.values.allSatisfy { $0 <= 64 })
        #expect(groupBins.values.allSatisfy { $0.count == 2 })
        let reserve = instance["reserve"] as! [String: Any]
        #expect(reserve["ok"] as? Bool == true)
        #expect((instance["bins"] as! Int) > (reserve["bins_without_reserve"] as! Int))
    }

    @Test func vectorInstancesReportBoundsAndOptima() throws {
        let r = try CLI.run(["pack", "data/vector-packing/vp_triplet.json.gz", "--instances", "classC_60_5", "--time-limit", "0.5",
                             "--jobs", "2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let instances = json["instances"] as! [[String: Any]]
        #expect(!instances.isEmpty)
        for i in instances {
            let bins = i["bins"] as! Int, bound = i["lower_bound"] as! Int, ffd = i["ffd_bins"] as! Int
            #expect(bins >= bound && bins <= ffd)
            #expect((i["optimal"] as! Bool) == (bins == bound))
            #expect((i["solve_seconds"] as! Double) < 1.5)
            #expect(bins == i["known_optimum"] as! Int, "\(i["name"]!)")
        }
    }

    /// Issue 10's reproducers: one anti-affinity group of 5,000 VMs (unfinished after 300 s
    /// before: first fit checked every member against the whole group, for every host) and
    /// `--reserve 16` on 2,000 VMs, whose C(bins, 16) failure cases used to saturate at 2^62.
    @Test func hugeGroupsAndReservesFinishWithExactCounts() throws {
        let dir = try CLI.workspace()
        var group = "name,vcpu,memory_gib,group\n"
        for i in 0..<5_000 { group += "vm\(i),2,4,g\n" }
        for i in 0..<2_000 { group += "x\(i),2,4,\n" }
        try Data(group.utf8).write(to: URL(fileURLWithPath: dir + "/group.csv"))
        let r = try CLI.run(["pack", "group.csv", "--host", "vcpu=24,memory_gib=192", "--time-limit", "2", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let instance = try #require(((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["instances"] as? [[String: Any]])?.first)
        #expect(instance["bins"] as? Int == 5_000 && instance["lower_bound"] as? Int == 5_000)

        var rng = SeededGenerator(seed: 16)
        var vms = "name,vcpu,memory_gib\n"
        for i in 0..<2_000 { vms += "vm\(i),\([1, 2, 4, 8].randomElement(using: &rng)!),\([2, 4, 8, 16, 32].randomElement(using: &rng)!)\n" }
        try Data(vms.utf8).write(to: URL(fileURLWithPath: dir + "/vms.csv"))
        let reserve = try CLI.run(["pack", "vms.csv", "--host", "vcpu=24,memory_gib=192", "--reserve", "16", "--time-limit", "1",
                                   "--format", "json"], in: dir)
        #expect(reserve.status == 0, "\(reserve.stderr)")
        let bins = try #require(((try JSONSerialization.jsonObject(with: Data(reserve.stdout.utf8)) as? [String: Any])?["instances"]
            as? [[String: Any]])?.first?["bins"] as? Int)
        // The exact count is written with all its digits (JSONSerialization would round it).
        #expect(reserve.stdout.contains("\"cases_total\": \(CaseCount.binomial(bins, 16))"))
        #expect(CaseCount.binomial(bins, 16).intValue == nil, "the case exercises counts beyond Int")
    }

    @Test func badInputsAreLocated() throws {
        let dir = try CLI.workspace()
        try Data("name,vcpu,memory_gib,disk_gib,iops\nvm1,2,8,10,5\nvm2,two,8,10,5\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/bad.csv"))
        let r = try CLI.run(["pack", "bad.csv", "--host", "vcpu=8,memory_gib=32"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("bad.csv:3:5: error: vcpu must be a number ≥ 0 and ≤ 10^15, got \"two\""))
        let noHost = try CLI.run(["pack", "bad.csv"], in: dir)
        // A missing option is wrong use of the command line (64), named as such.
        #expect(noHost.status == 64 && noHost.stderr.contains("give --host"))
        try Data("{\"instances\": [{\"capacity\": [10], \"items\": [[11]]}]}".utf8).write(to: URL(fileURLWithPath: dir + "/big.json"))
        let big = try CLI.run(["pack", "big.json"], in: dir)
        #expect(big.status == 3 && big.stderr.contains("big.json:1:1: error: instances[0].items[0] is larger than the capacity"))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: dir + "/x.json"))
        let garbage = try CLI.run(["pack", "x.json"], in: dir)
        #expect(garbage.status == 1 && garbage.stderr.hasPrefix("x.json:1:2: error: not valid JSON"), "\(garbage.stderr)")
    }

    @Test func hostMixIsChosenByCost() throws {
        let dir = try CLI.workspace()
        let file = try inventory(dir)
        let r = try CLI.run(["pack", file, "--host", "name=big,vcpu=32,memory_gib=128,price=3000000",
                             "--host", "name=small,vcpu=8,memory_gib=32,price=500000", "--format", "json", "--assignments"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let i = (json["instances"] as! [[String: Any]])[0]
        let hosts = i["bin_hosts"] as! [String]
        let cost = hosts.reduce(0.0) { $0 + ($1 == "big" ? 3_000_000 : 500_000) }
        #expect(abs(cost - (i["cost"] as! Double)) < 1e-6)
    }
}
