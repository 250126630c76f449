import Foundation
import Testing
import TestSupport
import CapacityModel
import Placement
import Planning

/// Every choice a user can name has one list of names (its enum's `allCases`): the decoder, the
/// command line and the help read it; these tests hold the documentation to it too.
@Suite struct ChoiceNamesTests {
    static func doc(_ name: String) throws -> String {
        try String(contentsOfFile: Repository.root + "/docs/" + name, encoding: .utf8)
    }

    /// The documentation line that starts with `prefix` names exactly `names`, each in backticks.
    static func expectLine(in doc: String, startingWith prefix: String, names: [String]) {
        let line = doc.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
        #expect(line != nil, "no line starts with \(prefix)")
        for name in names {
            #expect(line?.contains("`\(name)`") == true, "\(prefix) does not name `\(name)`")
        }
    }

    @Test func scenarioFormatListsEveryName() throws {
        let doc = try Self.doc("scenario-format.md")
        Self.expectLine(in: doc, startingWith: "| `placement` |", names: PlacementChoice.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "| `ha.admission` |", names: HAPolicy.AdmissionKind.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "| `raid` |", names: RAIDLevel.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "| `spread_redundancy_across` |", names: FailureDomain.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "| `traces` |", names: TraceMapping.Format.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "A distribution", names: DistributionSpec.Kind.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "| `procurement.unit` |", names: ProcurementPolicy.Unit.allCases.map(\.rawValue))
        Self.expectLine(in: doc, startingWith: "| `procurement.initial` |", names: ProcurementPolicy.InitialPurchase.allCases.map(\.rawValue))
    }

    @Test func planJSONListsEveryName() throws {
        let doc = try Self.doc("plan-json.md").replacingOccurrences(of: "\n", with: " ")
        for name in StorageLimit.allCases.map(\.rawValue) + BladeLayout.allCases.map(\.rawValue)
            + PurchaseOrder.Item.allCases.map(\.rawValue) {
            #expect(doc.contains("`\(name)`"), "docs/plan-json.md does not name `\(name)`")
        }
    }

    /// `pack --help` and the scenario decoder offer the same placement names.
    @Test func packHelpListsEveryPlacementName() throws {
        let help = try CLI.run(["pack", "--help"]).stdout
        for name in PlacementChoice.allCases.map(\.rawValue) { #expect(help.contains(name)) }
    }

    /// An unknown name is a located error that lists the valid ones, never a silent default.
    @Test func unknownPlacementIsALocatedError() throws {
        let w = try Workspace("choice")
        try w.copy("Scenarios/library", to: "library")
        let text = try String(contentsOfFile: Repository.root + "/Scenarios/library/policies.yaml", encoding: .utf8)
        #expect(text.contains("placement: best"))
        try w.write(text.replacingOccurrences(of: "placement: best", with: "placement: best-fit-decrasing"),
                    to: "library/policies.yaml")
        try w.copy("Scenarios/okitama.yaml", to: "okitama.yaml")
        let r = try CLI.run(["validate", w.path + "/okitama.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("policies.yaml:") && r.stderr.contains("did you mean 'best-fit-decreasing'"))
        #expect(r.stderr.contains(PlacementChoice.allCases.map(\.rawValue).joined(separator: ", ")))
    }
}
