import Testing
import TestSupport
@testable import CapacityModel
@testable import Planning

/// `plan --timeline` (issue 11): the purchase rule against its closed form, and the properties
/// the issue checks on the bundled growth scenarios.
@Suite struct TimelineTests {
    func load(_ name: String) throws -> Scenario {
        try ScenarioLoader().load(path: Repository.root + "/Scenarios/" + name)
    }

    /// Without a cap, what is installed in month t is the largest target of months 0…max(t,
    /// lead), rounded up to the order multiple: over 2,000 seeded targets, leads and units.
    @Test func stockPlanIsTheSmallestScheduleThatMeetsTheTarget() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let months = 1 + rng.below(30), lead = rng.below(6), unit = 1 + rng.below(4)
            let target = (0..<months).map { _ in rng.below(25) }
            let plan = StockPlan(target: target, unit: unit, cap: nil, lead: lead, initialCover: lead + 1)
            for t in 0..<months {
                let peak = target[0...Swift.min(months - 1, Swift.max(t, lead))].max() ?? 0
                #expect(plan.installed[t] == (peak + unit - 1) / unit * unit, "target \(target) lead \(lead) unit \(unit) month \(t)")
            }
            for o in plan.orders {
                #expect(o.count > 0 && o.count % unit == 0)
                #expect(o.deliveredMonth - o.orderedMonth == lead)
            }
            #expect(plan.orders.reduce(0) { $0 + $1.count } == plan.installed.last)
        }
    }

    /// A cap is never exceeded, and below it the target is met.
    @Test func stockPlanKeepsUnderItsCap() {
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<500 {
            let months = 1 + rng.below(30), cap = 1 + rng.below(20)
            let target = (0..<months).map { _ in rng.below(25) }
            let plan = StockPlan(target: target, unit: 1, cap: cap, lead: 1, initialCover: 2)
            for t in 0..<months {
                #expect(plan.installed[t] <= cap)
                #expect(plan.installed[t] >= Swift.min(target[t], cap))
            }
        }
    }

    /// Nishi-Iburi: its two late joiners make an order; each order arrives by the month that
    /// needs it; installed ≥ needed every month; fewer blades at the start than after the joins.
    @Test func nishiIburiBuysForItsLateJoiners() throws {
        let s = try load("nishi-iburi.yaml")
        let t = try TimelinePlanner(scenario: s).timeline(months: 60)
        let p = try #require(t.pools.first)
        #expect(t.ok)
        for m in p.months { #expect(m.bladesInstalled >= m.bladesNeeded && m.haOK, "month \(m.month)") }
        let later = p.orders.filter { $0.orderedMonth >= 0 && $0.item == .blade }
        #expect(!later.isEmpty)
        for o in later {
            let firstNeed = try #require(p.months.first { $0.bladesNeeded > p.months[Swift.max(0, o.deliveredMonth - 1)].bladesInstalled })
            #expect(o.deliveredMonth <= firstNeed.month)
            #expect(o.trigger.contains("01571") && o.trigger.contains("01584"))
        }
        #expect(p.months[0].bladesInstalled < p.months[59].bladesInstalled)
        #expect(p.months[24].joining == ["01571", "01584"])
    }

    /// A shorter lead time never leaves more blades installed in any month.
    @Test func fasterLeadTimeNeverNeedsMoreBlades() throws {
        var s = try load("okitama-waves.yaml")
        var previous: [Int]?
        for weeks in [52.0, 26, 12, 4, 0] {
            s.pools[0].policy.procurement.leadTimeWeeks = weeks
            let installed = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0].months.map(\.bladesInstalled)
            if let previous { #expect(zip(installed, previous).allSatisfy { $0 <= $1 }, "lead \(weeks) weeks") }
            previous = installed
        }
    }

    /// Populations shrinking 20% a year (to 41% by year 4) lower the need year by year; what is
    /// installed is never sold back.
    @Test func shrinkingPopulationsLowerLaterNeeds() throws {
        var s = try load("okitama-waves.yaml")
        for i in s.tenants.indices {
            s.tenants[i].populationChangePercentPerYear = -20
            s.tenants[i].joinsAfterYears = 0
        }
        let months = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0].months
        for year in 1..<5 {
            #expect(months[12 * year].bladesNeeded <= months[12 * (year - 1)].bladesNeeded, "year \(year)")
        }
        #expect(months[59].bladesNeeded < months[0].bladesNeeded, "\(months[0].bladesNeeded) → \(months[59].bladesNeeded)")
        #expect(months[59].bladesInstalled == months[0].bladesInstalled)
    }

    /// "Buy for the lease" installs the final need from the start; a chassis limit below the
    /// need leaves months short.
    @Test func initialPurchaseAndChassisLimit() throws {
        var s = try load("okitama-waves.yaml")
        s.pools[0].policy.procurement.initial = .lease
        let lease = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0]
        #expect(lease.months[0].bladesInstalled == lease.months.map(\.bladesNeeded).max())
        #expect(lease.orders.allSatisfy { $0.orderedMonth < 0 })
        s.pools[0].policy.procurement.initial = .start
        s.pools[0].policy.procurement.maximumChassis = 1
        let limited = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0]
        #expect(!limited.ok)
        #expect(limited.months.allSatisfy { $0.chassisInstalled <= 1 && $0.bladesInstalled <= 16 })
        #expect(limited.months[40].bladesInstalled < limited.months[40].bladesNeeded)
    }

    /// A late joiner's bill is zero before its join year and positive after; each year the
    /// bills add up to the pool's cost exactly (whole yen), and every month is billed.
    @Test func billsStartAtTheJoinAndAddUp() throws {
        let s = try load("nishi-iburi.yaml")
        let p = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0]
        for code in ["01571", "01584"] {
            let bills = p.bills.filter { $0.tenantCode == code }
            #expect(bills.count == 5)
            #expect(bills[0].amount == .zero && bills[1].amount == .zero && bills[0].monthsInService == 0)
            #expect(bills[2].amount.value > 0 && bills[2].monthsInService == 12)
        }
        for year in 0..<5 {
            let billed = p.bills.filter { $0.year == year }.reduce(0.0) { $0 + $1.amount.value }
            let cost = p.monthlyCost[(12 * year)..<(12 * year + 12)].reduce(0.0) { $0 + $1.value }
            #expect(billed == cost, "year \(year)")
            #expect(p.monthlyCost.allSatisfy { $0.value == $0.value.rounded() })
        }
        #expect(p.unbilled == .zero)
        // With everyone in service, a month costs a twelfth of the plan's yearly pool cost.
        let plan = try Planner(scenario: s).plan().pools[0]
        #expect(abs(p.monthlyCost[59].value * 12 - plan.yearlyCost.total.value) < 12)
    }

    /// A late joiner goes live once its data is in: its VMs' disk over the onboarding link,
    /// rounded up to whole months; a 1 Mbps link delays it by months, not days.
    @Test func lateJoinersGoLiveAfterTheirDataIsIn() throws {
        var s = try load("nishi-iburi.yaml")
        let fast = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0]
        s.onboarding = OnboardingSettings(bandwidthMbps: 1, efficiency: 0.5, hoursPerDay: 12)
        let slow = try TimelinePlanner(scenario: s).timeline(months: 60).pools[0]
        for (f, w) in zip(fast.onboarding, slow.onboarding) {
            #expect(f.joinMonth == 24 && w.joinMonth == 24 && f.dataGiB == w.dataGiB && f.dataGiB > 0)
            // GiB × 2^30 × 8 bits at 0.5 Mbps for 12 h a day.
            let days = w.dataGiB * 1_073_741_824 * 8 / 500_000 / 43_200
            #expect(abs(w.migrationDays - days) < 1e-9)
            #expect(Double(w.liveMonth - w.joinMonth) >= days / (365.25 / 12) && w.liveMonth > f.liveMonth)
            for m in slow.months where m.month >= 24 {
                #expect(m.migrating.contains(w.tenantCode) == (m.month < w.liveMonth), "month \(m.month)")
            }
            #expect(slow.months[w.liveMonth].goingLive.contains(w.tenantCode))
        }
    }
}
