/// The typed report every human-readable format is rendered from (issue 30): a document of
/// sections, each a list of typed parts. Builders (`PlanDocument`, `SimulationDocument`,
/// `ComparisonDocument`, `TimelineDocument`, `SweepDocument`) turn results into it once, in the
/// reader's language; one renderer per format (`TextRenderer`, `MarkdownRenderer`,
/// `HTMLRenderer`, `TableCSV`, `XLSXRenderer`) walks it, and only the renderer escapes.
public struct ReportDocument: Sendable {
    /// The report's title (the first heading; the HTML `<title>`).
    public var title: String
    public var language: ReportLanguage
    public var sections: [ReportSection]

    public init(title: String, language: ReportLanguage, sections: [ReportSection] = []) {
        self.title = title
        self.language = language
        self.sections = sections
    }

    /// Every table, in document order (CSV and XLSX write these).
    public var tables: [ReportTable] {
        sections.flatMap { s in s.parts.compactMap { p -> ReportTable? in if case .table(let t) = p { return t }; return nil } }
    }

    /// Every finding, in document order.
    public var findings: [Finding] {
        sections.flatMap { s in s.parts.flatMap { p -> [Finding] in if case .findings(let f) = p { return f }; return [] } }
    }

    /// Every key figure, in document order.
    public var keyFigures: [KeyFigure] {
        sections.flatMap { s in s.parts.flatMap { p -> [KeyFigure] in if case .figures(let f) = p { return f }; return [] } }
    }

    /// Appends another document's sections (the simulation after its plan): its title becomes a
    /// part heading (`level` 1).
    public mutating func append(_ other: ReportDocument) {
        sections.append(ReportSection(id: "report", title: other.title, level: 1, parts: []))
        sections += other.sections
    }
}

/// One headed section. `id` is language-free and stable: CSV tables and XLSX sheets are named
/// from the tables' ids, tests find sections by it.
public struct ReportSection: Sendable {
    public var id: String
    public var title: String
    /// 1: a report of its own (appended to another); 2: a section.
    public var level: Int
    public var parts: [ReportPart]

    public init(id: String, title: String, level: Int = 2, parts: [ReportPart]) {
        self.id = id
        self.title = title
        self.level = level
        self.parts = parts
    }
}

/// What a section is made of.
public enum ReportPart: Sendable {
    /// Running text.
    case paragraph(Prose)
    /// A bulleted list.
    case list([Prose])
    /// Headline figures with units (and intervals).
    case figures([KeyFigure])
    case table(ReportTable)
    case chart(ReportChart)
    /// Checks that failed or warn, each tied to the check it reports.
    case findings([Finding])
    /// A sub-heading inside a section.
    case subheading(String)
}

/// Text with emphasis: what a paragraph or list item says. Renderers escape each span.
public struct Prose: Sendable, ExpressibleByStringLiteral {
    public enum Span: Sendable, Equatable {
        case text(String)
        /// Emphasised (a failed check, the headline).
        case strong(String)
        /// A name from the scenario file (a key, a file name, a model id).
        case code(String)
    }

    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String) { spans = [.text(text)] }
    public init(stringLiteral value: String) { spans = [.text(value)] }

    /// The text without emphasis.
    public var plain: String {
        spans.map { switch $0 { case .text(let s), .strong(let s), .code(let s): s } }.joined()
    }

    public static func + (a: Prose, b: Prose) -> Prose { Prose(a.spans + b.spans) }
}

/// A headline figure: a machine key (the JSON name it mirrors), a label in the reader's
/// language, its value and unit.
public struct KeyFigure: Sendable {
    public var key: String
    public var label: String
    public var value: ReportValue
    public var unit: ReportUnit

    public init(_ key: String, _ label: String, _ value: ReportValue, unit: ReportUnit = .none) {
        self.key = key
        self.label = label
        self.value = value
        self.unit = unit
    }
}

/// A check's outcome worth a reader's attention: which check (a stable id such as
/// `ha.okitama.chassis`), how serious, and what it means in the reader's words.
public struct Finding: Sendable {
    public enum Severity: String, Sendable, CaseIterable {
        /// A required check fails: the plan does not do what the scenario asks.
        case failed
        /// Something a reader should weigh (an informational check failing, a target not met).
        case warning
    }

    public var check: String
    public var severity: Severity
    public var text: Prose

    public init(check: String, severity: Severity, _ text: Prose) {
        self.check = check
        self.severity = severity
        self.text = text
    }
}
