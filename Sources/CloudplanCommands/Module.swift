import ArgumentParser
import CapacityModel
import Planning
import Foundation

public struct CloudplanCommand: ParsableCommand {
    public init() {}
    public static let configuration = CommandConfiguration(commandName: "cloudplan")
    @Argument var files: [String]
    public func run() throws {
        for f in files {
            do {
                let s = try ScenarioLoader().load(path: f)
                let r = try Planner(scenario: s).plan()
                print("before", r.before.physicalServers, r.before.cpuUtilisation, r.before.yearlyCost.total.millions)
                print("after", r.after.blades, r.after.chassis, r.after.storageArrays, r.after.racks, r.after.cpuUtilisation, r.after.memoryUtilisation, r.after.yearlyCost.total.millions, r.after.purchase.millions)
                print("reduction", r.serverReductionPercent, "ha", r.haOK)
                for p in r.pools.prefix(5) { print(p.name, p.virtualMachines.count, p.bladesWithoutReserve, p.bladeLowerBound, p.blades, p.demandHours, p.placementMethod, p.ha.bladeFailures.ok, p.ha.chassisFailure.ok, p.ha.chassisFailure.stranded.count, p.storage.limitedBy, p.storageArrays, p.storage.designIOPS, p.storage.frontendIOPS, p.storage.requiredGiB, p.storage.usableGiB, p.layout) }
                for t in r.tenants.prefix(8) { print(t.name, t.virtualMachines, t.physicalServersBefore, t.standaloneCost.total.millions, t.costShare.millions) }
            } catch let e as ScenarioError { print(e) }
        }
    }
}
