import CapacityModel
import Placement

/// Whether every VM restarts after a class of failures (any k blades, any one chassis), and
/// which VMs are stranded when not.
public struct FailureCheck: Sendable {
    /// What fails: "any 1 blade", "any 2 blades", "any 1 chassis".
    public var description: String
    /// Whether the pool's policy requires this check to pass.
    public var required: Bool
    /// Failure cases examined.
    public var casesChecked: Int
    /// Failure cases that exist (C(blades, k), or the number of chassis).
    public var casesTotal: CaseCount
    /// Cases in which some VM found no room.
    public var failingCases: Int
    /// The blades (or chassis) of the case that strands the most VMs.
    public var worstCase: [Int]
    /// Names of the VMs stranded in the worst case, in restart order.
    public var stranded: [String]
    /// Replicated instances (`CODE/system/tier#n`) every replica of which is stranded in the
    /// worst case: services that stop outright, not just lose their standby.
    public var wholeGroupsStranded: [String] = []
    /// What fails, typed: `k` blades at once, or nil for one whole chassis.
    public var bladesFailing: Int?

    public var exhaustive: Bool { CaseCount(casesChecked) == casesTotal }
    public var ok: Bool { failingCases == 0 }

    /// One line: "losing any 1 blade strands VMs in 11 of 20 cases (up to 3 VMs)".
    public var summary: String {
        "losing \(description) strands VMs in \(failingCases) of \(casesChecked) cases (up to \(stranded.count) VM\(stranded.count == 1 ? "" : "s"))"
    }
}

/// Runs failure cases against a pool's layout with `FailureCoverage`, in restart-priority order.
struct FailureChecker {
    let bladeProblem: BladeProblem
    let coverage: FailureCoverage

    init(bladeProblem: BladeProblem, packing: Packing) {
        self.bladeProblem = bladeProblem
        coverage = FailureCoverage(bladeProblem.failoverProblem(), packing: packing, order: bladeProblem.restartsBefore)
    }

    func check(_ report: FailureCoverage.Report, _ description: String, required: Bool) -> FailureCheck {
        var result = FailureCheck(description: description, required: required, casesChecked: report.casesChecked,
                                  casesTotal: report.casesTotal, failingCases: report.failingCases,
                                  worstCase: report.worstCase, stranded: report.stranded.map { bladeProblem.vms[$0].name })
        result.wholeGroupsStranded = wholeGroups(report.stranded)
        return result
    }

    /// The replicated instances all of whose replicas are among `stranded`, named without the
    /// replica letter, in order of first appearance.
    func wholeGroups(_ stranded: [Int]) -> [String] {
        let vms = bladeProblem.vms
        var members: [Int: Int] = [:]
        for vm in vms { if let g = vm.redundancyGroup { members[g, default: 0] += 1 } }
        var hit: [Int: Int] = [:]
        var order: [(group: Int, name: String)] = []
        for i in stranded {
            guard let g = vms[i].redundancyGroup else { continue }
            if hit[g] == nil { order.append((g, String(vms[i].name.dropLast()))) }
            hit[g, default: 0] += 1
        }
        return order.filter { hit[$0.group] == members[$0.group] }.map(\.name)
    }

    /// Any `k` blades failing.
    func blades(k: Int, required: Bool) -> FailureCheck {
        var c = check(coverage.anyBins(k), "any \(k) blade\(k == 1 ? "" : "s")", required: required)
        c.bladesFailing = k
        return c
    }

    /// Every chassis failing in turn (chassis c holds the blades b with b % chassisCount == c).
    func chassis(count: Int, required: Bool) -> FailureCheck {
        check(coverage.anyDomain(of: count), "any 1 chassis", required: required)
    }
}
