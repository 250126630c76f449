/// The ways a pool's systems can be procured (issue 33), priced side by side over one horizon,
/// with the same demand, HA intent and sharing rule.
public enum ProcurementForm: String, CaseIterable, Sendable, Hashable {
    /// Own blades, bought and written off over the lease years.
    case buy
    /// The same blades leased (annuity at the lease rate, less the residual).
    case lease
    /// A vendor's service (ASP/SaaS): fees per resident, user or system; no hardware.
    case saas
    /// A public cloud's instances (the Government Cloud): each VM on the cheapest type that fits.
    case iaas

    /// Whether the form runs on the pool's own blades.
    public var isOwned: Bool { self == .buy || self == .lease }
}

/// A cost line of a form, in yen or in a foreign currency converted at the scenario's rate.
public struct FormCostLine: Sendable, Hashable {
    public var line: CostLine
    public var currency: Currency

    public init(line: CostLine, currency: Currency = .jpy) {
        self.line = line
        self.currency = currency
    }
}

/// What a form without the pool's blades pays besides its own resources: its cost lines, the
/// scenario cost lines it does not pay (`replaces`), and its operations.
public struct FormLines: Sendable, Hashable {
    /// The form's own lines (fees, network lines, managed services), after-rates only.
    public var lines: [FormCostLine]
    /// Indices into `economics.costLines` of the lines this form does not pay (the package
    /// licence a SaaS fee includes, a hypervisor with no hypervisor to run).
    public var replaces: [Int]
    /// Yen a year of running it (the pool's own `pool_operations_yen_per_year` does not apply).
    public var operationsYenPerYear: Yen

    public init(lines: [FormCostLine] = [], replaces: [Int] = [], operationsYenPerYear: Yen = .zero) {
        self.lines = lines
        self.replaces = replaces
        self.operationsYenPerYear = operationsYenPerYear
    }
}

/// How a public cloud keeps VMs running when a host or zone fails.
public enum CloudHA: String, CaseIterable, Sendable, Hashable {
    /// The provider restarts a failed instance; one instance a VM (the catalog's availability).
    case provider
    /// A standby instance in a second zone for every VM not already replicated by its system
    /// (a redundancy group), with its own disk.
    case zones
}

/// The `iaas` form's settings.
public struct CloudFormSettings: Sendable, Hashable {
    public var catalog: InstanceCatalog
    public var commitment: CloudCommitment
    public var ha: CloudHA
    /// GiB sent out to the internet a resident a year (inquiries, e-filing, printing centres).
    public var egressGiBPerResidentPerYear: Double
    /// Indices into `economics.costLines` of the licences the instance price includes: they are
    /// not paid, and every instance pays the catalog's licence-included surcharge.
    public var licenceIncluded: [Int]
    /// `dedicated_host:` the host type every VM is packed on (by the pool's packer and HA
    /// policy) instead of instances; nil: instances.
    public var dedicatedHost: DedicatedHostType?
    public var lines: FormLines

    public init(catalog: InstanceCatalog, commitment: CloudCommitment, ha: CloudHA, egressGiBPerResidentPerYear: Double,
                licenceIncluded: [Int], lines: FormLines) {
        self.catalog = catalog
        self.commitment = commitment
        self.ha = ha
        self.egressGiBPerResidentPerYear = egressGiBPerResidentPerYear
        self.licenceIncluded = licenceIncluded
        self.lines = lines
    }
}

extension InstanceCatalog: Hashable {
    public static func == (a: InstanceCatalog, b: InstanceCatalog) -> Bool { a.id == b.id && a.instanceTypes == b.instanceTypes }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

/// `procurement_forms:`: which forms to price for every pool, and what each needs.
public struct ProcurementFormSettings: Sendable, Hashable {
    public var forms: [ProcurementForm]
    /// Yen per US dollar (a range makes it an uncertain input), and its source.
    public var usdJPY: Double
    public var usdJPYSource: String
    /// The lease of the `lease` form (the scenario's own finance when it leases already).
    public var lease: FinanceSettings
    public var saas: FormLines?
    public var iaas: CloudFormSettings?
    /// The per-resident reference line (yen a resident a year) and its source.
    public var referenceYenPerResident: Double
    public var referenceSource: String
    /// The target's cut below the baseline (percent; the Government Cloud's 30%).
    public var targetCutPercent: Double
    public var location: SourceLocation

    /// Municipal IT spend per resident, FY2017 (総務省, 2018-03-30): ¥478.6bn over the country.
    public static let defaultReference = 3_742.0
    public static let defaultReferenceSource = "[doc] 総務省 市町村における情報システム経費の調査結果 (FY2017 budget, 2018-03-30): ¥478.6bn, ¥3,742 per resident; via https://japan.zdnet.com/article/35116979/"

    public init(forms: [ProcurementForm], usdJPY: Double, usdJPYSource: String, lease: FinanceSettings,
                saas: FormLines?, iaas: CloudFormSettings?, referenceYenPerResident: Double = Self.defaultReference,
                referenceSource: String = Self.defaultReferenceSource, targetCutPercent: Double = 30, location: SourceLocation) {
        self.forms = forms
        self.usdJPY = usdJPY
        self.usdJPYSource = usdJPYSource
        self.lease = lease
        self.saas = saas
        self.iaas = iaas
        self.referenceYenPerResident = referenceYenPerResident
        self.referenceSource = referenceSource
        self.targetCutPercent = targetCutPercent
        self.location = location
    }
}
