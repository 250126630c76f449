import Simulation
import Sweep

/// A sweep's results as a `ReportDocument`: a table per figure with every variant's mean and
/// interval and its paired difference to its reference variant.
public enum SweepDocument {
    public static func build(_ r: SweepResults, localizer l: Localizer) -> ReportDocument {
        let m = r.manifest
        var doc = ReportDocument(title: l("Sweep {1}", m.sweep), language: l.language)
        let intro = l.prose("{1} variants, {2} runs, common random numbers (sha256 {3}…). Differences are to the first variant of the same scenario, paired replication by replication; better or worse marks those whose 95% interval leaves out 0.",
                            .text(NumberFormat.integer(m.variants.count)), .text(NumberFormat.integer(m.workItems)), .code(String(m.sweepSHA256.prefix(12))))
        var summary: [ReportPart] = [.paragraph(intro)]
        for (scenario, verdict) in r.verdicts {
            summary.append(.subheading(scenario))
            summary += ComparisonDocument.verdict(verdict, localizer: l)
        }
        doc.sections.append(ReportSection(id: "summary", title: l("Summary"), parts: summary))
        for (f, figure) in m.figures.enumerated() {
            // Yen in ¥M, as the column's unit says.
            let yen = figure.unit == "yen"
            let show = { (e: Estimate) -> ReportValue in
                yen ? SimulationDocument.est(e, decimals: 2, scale: 1e-6) : SimulationDocument.est(e, decimals: SweepReport.decimals(figure))
            }
            let rows: [[ReportValue]] = r.rows.enumerated().map { i, row in
                let isReference = row.variant.reference == i
                let verdict = !row.isSignificant(f) ? "" : ((row.differences[f].mean > 0) == figure.higherIsBetter ? "better" : "worse")
                return [.text(row.variant.name), show(row.values[f]),
                        isReference ? .text(l("(reference)")) : show(row.differences[f]),
                        verdict.isEmpty ? .text("") : .verdict(verdict == "better", l(verdict))]
            }
            let table = ReportTable(id: figure.name, title: "",
                                    columns: [.init("variant", l("variant")), .init("mean", Self.title(figure, localizer: l)),
                                              .init("difference", l("− reference")), .init("verdict", l("verdict"))],
                                    rows: rows)
            doc.sections.append(ReportSection(id: "figure_\(figure.name)", title: ComparisonDocument.label(figure.name, localizer: l), parts: [.table(table)]))
        }
        return doc
    }

    /// "downtime (min)": the figure's label and unit in the reader's words.
    static func title(_ f: SweepFigure, localizer l: Localizer) -> String {
        let unit = ComparisonDocument.unitName(f.unit, localizer: l)
        return ComparisonDocument.label(f.name, localizer: l) + (unit.isEmpty ? "" : l.language == .ja ? "（\(unit)）" : " (\(unit))")
    }
}
