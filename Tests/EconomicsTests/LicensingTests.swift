import CapacityModel
import Economics
import Testing

/// Issue 33, item 3: per-core licences with minimums, worked out by hand.
@Suite struct LicensingTests {
    static func line(_ licensing: CoreLicensing?, perCore: Double) -> CostLine {
        var line = CostLine(name: "licence", source: "[EST] test", after: CostRates([.perCore: Yen(perCore)]), oneOffYears: 5,
                            location: SourceLocation(file: "t", line: 1, column: 1))
        line.licensing = licensing
        return line
    }

    static func blades(_ n: Int, sockets: Int, coresPerSocket: Int) -> CostQuantities {
        CostQuantities(tenants: 1, residents: 0, systems: 1, tenantSystems: 1, residentSystems: 0, virtualMachines: 1,
                       servers: n, sockets: n * sockets, cores: n * sockets * coresPerSocket)
    }

    /// A hypervisor subscription of 16 cores a processor: a 2×8-core blade pays for 32 cores,
    /// a 2×32-core one for its 64; without the minimum the 2×8 blade pays for 16.
    @Test func aProcessorMinimumRaisesSmallProcessors() {
        let hypervisor = CoreLicensing(minimumCoresPerProcessor: 16)
        #expect(hypervisor.licensedCores(sockets: 2, coresPerSocket: 8) == 32)
        #expect(hypervisor.licensedCores(sockets: 2, coresPerSocket: 32) == 64)
        #expect(Self.line(hypervisor, perCore: 25_000).afterPerYear(Self.blades(10, sockets: 2, coresPerSocket: 8)) == Yen(10 * 32 * 25_000))
        #expect(Self.line(nil, perCore: 25_000).afterPerYear(Self.blades(10, sockets: 2, coresPerSocket: 8)) == Yen(10 * 16 * 25_000))
    }

    /// Windows Server Datacenter: 8 cores a processor and 16 a server at least. 1×4 → 16,
    /// 2×4 → 16, 2×12 → 24, 4×6 → 32.
    @Test func aServerAndProcessorMinimum() {
        let datacenter = CoreLicensing(minimumCoresPerProcessor: 8, minimumCoresPerServer: 16)
        #expect(datacenter.licensedCores(sockets: 1, coresPerSocket: 4) == 16)
        #expect(datacenter.licensedCores(sockets: 2, coresPerSocket: 4) == 16)
        #expect(datacenter.licensedCores(sockets: 2, coresPerSocket: 12) == 24)
        #expect(datacenter.licensedCores(sockets: 4, coresPerSocket: 6) == 32)
        // The same 72 cores on fewer, larger blades pay less: 3 of 2×12 license 72, 6 of 2×6 license 96.
        let line = Self.line(datacenter, perCore: 10_000)
        #expect(line.afterPerYear(Self.blades(3, sockets: 2, coresPerSocket: 12)) == Yen(3 * 24 * 10_000))
        #expect(line.afterPerYear(Self.blades(6, sockets: 2, coresPerSocket: 6)) == Yen(6 * 16 * 10_000))
    }
}
