import CapacityModel
import Foundation
import Grouping
import SimKernel
import Study
import Testing
import TestSupport
@testable import Reports
@testable import Simulation

/// `--lang ja`: every message of every report of every bundled scenario has its Japanese text
/// (the catalogue test), no heading or column is left in English, and the figures are the
/// English report's.
@Suite struct LocalizationTests {
    static let scenarios = ["okitama.yaml", "nishi-iburi.yaml", "kaso.yaml", "trial-2009.yaml", "okitama-waves.yaml", "checks/one-blade.yaml"]

    /// Technical terms written the same way in both languages.
    static let same: Set<String> = ["HA", "CPU", "RPO p50", "RTO", "OK", "p5", "p50", "p95"]

    /// Plan, timeline, simulation and comparison documents of a scenario in `language`.
    static func documents(_ file: String, _ l: Localizer) throws -> [ReportDocument] {
        let scenario = try ScenarioLoader().load(path: Repository.scenario(file))
        var options = StudyOptions(simulate: true, horizonSeconds: 60 * 86_400, replications: 2, jobs: 2)
        options.costGames = true
        let study = try Study.run(scenario, options: options)
        let result = try #require(study.simulation)
        var plan = PlanDocument.build(study.plan, scenario: study.scenario, localizer: l)
        let uncertain = try UncertaintyStudy(path: Repository.scenario(file), loader: ScenarioLoader(), scenario: scenario, base: study.plan)
            .run(samples: 2, seed: 1)
        plan.sections += UncertaintyDocument.sections(uncertain, localizer: l)
        let timeline = try Study.timeline(scenario, months: 24, options: StudyOptions())
        plan.sections += TimelineDocument.sections(timeline, localizer: l)
        let simulation = SimulationDocument.build(result, plan: study.plan, scenario: study.scenario, timing: nil, withPlan: true, localizer: l)
        let comparison = try Study.compare([("a", scenario), ("b", scenario)], options: StudyOptions(simulate: true, horizonSeconds: 30 * 86_400, replications: 2, jobs: 2))
        // The first eight tenants: the exact search up to six, the heuristic beyond (both texts).
        var settings = GroupingSettings()
        settings.exactUpTo = 6
        let some = Array(scenario.tenants.indices.prefix(8))
        let grouping = GroupingDocument.build([(scenario.name, try GroupingStudy.run(scenario, tenants: some, settings: settings))],
                                              scenario: scenario, localizer: l)
        return [plan, simulation, ComparisonDocument.build(comparison, localizer: l), grouping]
    }

    @Test(arguments: scenarios)
    func everyMessageHasItsJapaneseText(_ file: String) throws {
        let missing = MissingMessages()
        let ja = Localizer(.ja, recorder: missing)
        for doc in try Self.documents(file, ja) {
            for format in [DocumentFormat.text, .markdown, .html] { _ = doc.rendered(as: format, localizer: ja) }
            _ = try XLSXRenderer.render(doc, localizer: ja)
        }
        #expect(missing.all.isEmpty, "\(file): no Japanese text for \(missing.all)")
    }

    /// Section titles, table titles and column titles of the Japanese documents are not the
    /// English ones (names from the scenario aside: they are the scenario's own).
    @Test func noHeadingIsLeftInEnglish() throws {
        let en = try Self.documents("kaso.yaml", Localizer(.en)), ja = try Self.documents("kaso.yaml", Localizer(.ja))
        for (e, j) in zip(en, ja) {
            #expect(e.title != j.title)
            for (a, b) in zip(e.sections, j.sections) where !a.title.isEmpty {
                #expect(a.title != b.title || Self.same.contains(a.title) || a.id == "report", "section \(a.title)")
            }
            for (a, b) in zip(e.tables, j.tables) {
                for (x, y) in zip(a.columns, b.columns) where !x.title.isEmpty && !x.title.hasPrefix("[") {
                    #expect(x.title != y.title || Self.same.contains(x.title), "column \(x.title)")
                }
                // The same numbers in both languages.
                #expect(a.rows.flatMap { $0.compactMap(\.numeric) } == b.rows.flatMap { $0.compactMap(\.numeric) }, "\(a.id)")
            }
        }
    }

    /// Every catalogue entry keeps its arguments: `{n}` in the English key appears in the
    /// Japanese text exactly as often.
    @Test func translationsKeepTheirArguments() {
        for (key, text) in JapaneseMessages.table {
            for n in 1...9 {
                let placeholder = "{\(n)}"
                #expect(key.components(separatedBy: placeholder).count == text.components(separatedBy: placeholder).count, "\(key)")
            }
        }
    }
}
