import Testing
import TestSupport
import CapacityModel
@testable import Economics

@Suite struct CostTests {
    let loc = SourceLocation(file: "t", line: 1, column: 1)

    @Test func sharesFollowTheFormulaAndSumExactly() {
        let sharing = CostSharing(equal: 0.3, population: 0.7, usage: 0)
        let bases = [ShareBasis(population: 90_000, usage: 0.5), ShareBasis(population: 10_000, usage: 0.5)]
        let f = sharing.fractions(bases)
        #expect(abs(f[0] - (0.15 + 0.63)) < 1e-12 && abs(f[1] - (0.15 + 0.07)) < 1e-12)
        let shares = sharing.split(Yen(1_000_001), among: bases)
        #expect(shares.reduce(Yen.zero, +) == Yen(1_000_001))
        #expect(shares[0] == Yen(780_001) && shares[1] == Yen(220_000))
        // Randomised: shares always sum to the rounded total.
        var random = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let state = random.next()
            let n = Int(state % 9) + 1
            let bases = (0..<n).map { ShareBasis(population: Int((state >> UInt64($0 + 8)) % 100_000), usage: Double($0 + 1)) }
            let total = Yen(Double(state % 10_000_000_000) / 7)
            let s = CostSharing(equal: 0.2, population: 0.5, usage: 0.3).split(total, among: bases)
            #expect(s.reduce(0) { $0 + $1.value } == total.value.rounded())
        }
    }

    @Test func zeroPopulationFallsBackToEqual() {
        let f = CostSharing(equal: 0, population: 1, usage: 0).fractions([ShareBasis(population: 0, usage: 0), ShareBasis(population: 0, usage: 0)])
        #expect(f == [0.5, 0.5])
    }

    @Test func poolAndDedicatedCostsAreItemised() {
        let site = Site(id: "s", name: "s", pue: 2, powerPriceYenPerKWh: 10, rackSpaceYenPerYear: Yen(100_000), location: loc)
        let economics = EconomicsSettings(leaseYears: 5, maintenanceFractionPerYear: 0.1, poolOperationsYenPerYear: Yen(1_000),
                                          baselineOperationsYenPerServer: Yen(50), location: loc)
        let bill = PoolBillOfMaterials(blades: 10, bladePrice: Yen(1_000_000), chassis: 1, chassisPrice: Yen(3_000_000),
                                       storageArrays: 1, storageArrayPrice: Yen(5_000_000), racks: 2, rackPrice: Yen(0),
                                       averageITPower: Watts(1_000))
        let c = CostModel.poolCost(bill, site: site, economics: economics)
        #expect(bill.purchase == Yen(18_000_000))
        #expect(c.hardware == Yen(3_600_000) && c.maintenance == Yen(1_800_000))
        #expect(c.energy == Yen(8_760 * 2 * 10))      // 1 kW × 8,760 h × PUE 2 × ¥10
        #expect(c.space == Yen(200_000) && c.operations == Yen(1_000))
        let server = BaselineServerModel(id: "o", cores: 4, memoryGiB: 16, power: Watts(200), price: Yen(500_000), location: loc)
        let d = CostModel.dedicatedCost(servers: 3, model: server, site: site, economics: economics)
        #expect(d.hardware == Yen(300_000) && d.energy == Yen(0.6 * 8_760 * 2 * 10) && d.operations == Yen(150))
    }
}
