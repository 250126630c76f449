import CapacityModel

/// A yearly bill, by what it pays for. All amounts in yen per year.
public struct YearlyCost: Sendable, Hashable {
    /// Purchase price over the lease: straight-line when bought, the lease payment when leased.
    public var hardware: Yen
    public var maintenance: Yen
    public var energy: Yen
    /// Rack floor space in the site.
    public var space: Yen
    public var operations: Yen
    /// The scenario's cost lines (`economics.cost_lines`: software, packages, migration, staff…).
    public var lines: Yen

    public init(hardware: Yen = .zero, maintenance: Yen = .zero, energy: Yen = .zero, space: Yen = .zero,
                operations: Yen = .zero, lines: Yen = .zero) {
        self.hardware = hardware
        self.maintenance = maintenance
        self.energy = energy
        self.space = space
        self.operations = operations
        self.lines = lines
    }

    public var total: Yen { hardware + maintenance + energy + space + operations + lines }

    /// Every line rounded to whole yen. Bills are rounded once, where they are made (per pool,
    /// per tenant); every total is then a sum of whole yen, exactly equal to its printed parts.
    public var roundedToYen: YearlyCost {
        func r(_ y: Yen) -> Yen { Yen(y.value.rounded()) }
        return YearlyCost(hardware: r(hardware), maintenance: r(maintenance), energy: r(energy), space: r(space),
                          operations: r(operations), lines: r(lines))
    }

    public static func + (a: YearlyCost, b: YearlyCost) -> YearlyCost {
        YearlyCost(hardware: a.hardware + b.hardware, maintenance: a.maintenance + b.maintenance,
                   energy: a.energy + b.energy, space: a.space + b.space, operations: a.operations + b.operations,
                   lines: a.lines + b.lines)
    }

    public static let zero = YearlyCost()
}

/// What a pool is made of, as far as its bill is concerned.
public struct PoolBillOfMaterials: Sendable, Hashable {
    public var blades: Int
    public var bladePrice: Yen
    public var chassis: Int
    public var chassisPrice: Yen
    public var storageArrays: Int
    public var storageArrayPrice: Yen
    public var racks: Int
    public var rackPrice: Yen
    /// Average IT power draw over the year (before PUE).
    public var averageITPower: Watts

    public init(blades: Int, bladePrice: Yen, chassis: Int, chassisPrice: Yen, storageArrays: Int,
                storageArrayPrice: Yen, racks: Int, rackPrice: Yen, averageITPower: Watts) {
        self.blades = blades
        self.bladePrice = bladePrice
        self.chassis = chassis
        self.chassisPrice = chassisPrice
        self.storageArrays = storageArrays
        self.storageArrayPrice = storageArrayPrice
        self.racks = racks
        self.rackPrice = rackPrice
        self.averageITPower = averageITPower
    }

    /// Purchase price of everything.
    public var purchase: Yen {
        bladePrice * Double(blades) + chassisPrice * Double(chassis) + storageArrayPrice * Double(storageArrays)
            + rackPrice * Double(racks)
    }
}

/// Yearly costs of a shared pool and of the dedicated servers it replaces.
public enum CostModel {
    /// Yearly energy cost of an average IT draw at a site: W × 8,760 h × PUE × price.
    public static func energyCost(_ power: Watts, site: Site) -> Yen {
        Yen(power.kilowattHoursPerYear * site.pue * site.powerPriceYenPerKWh)
    }

    /// The yearly cost of a pool: purchase over the lease, maintenance, energy, rack space,
    /// operations and `lines` (the scenario's cost lines for its members).
    public static func poolCost(_ bill: PoolBillOfMaterials, site: Site, economics: EconomicsSettings,
                                lines: Yen = .zero) -> YearlyCost {
        let purchase = bill.purchase
        return YearlyCost(hardware: Finance.hardwarePerYear(purchase, years: economics.leaseYears, settings: economics.finance),
                          maintenance: purchase * economics.maintenanceFractionPerYear,
                          energy: energyCost(bill.averageITPower, site: site),
                          space: site.rackSpaceYenPerYear * Double(bill.racks),
                          operations: economics.poolOperationsYenPerYear, lines: lines).roundedToYen
    }

    /// The yearly cost of `servers` dedicated servers of `model` at `site`, plus `lines` (the
    /// tenant's before amounts of the scenario's cost lines).
    public static func dedicatedCost(servers: Int, model: BaselineServerModel, site: Site,
                                     economics: EconomicsSettings, lines: Yen = .zero) -> YearlyCost {
        let n = Double(servers)
        let purchase = model.price * n
        return YearlyCost(hardware: Finance.hardwarePerYear(purchase, years: economics.leaseYears, settings: economics.finance),
                          maintenance: purchase * economics.maintenanceFractionPerYear,
                          energy: energyCost(model.power * n, site: site),
                          space: .zero,
                          operations: economics.baselineOperationsYenPerServer * n, lines: lines).roundedToYen
    }
}
