/// The formats a `ReportDocument` renders to as one text (XLSX is binary: `XLSXRenderer`).
public enum DocumentFormat: Sendable {
    case text, markdown, html
}

extension ReportDocument {
    /// The document in `format`, in the localizer's language.
    public func rendered(as format: DocumentFormat, localizer: Localizer) -> String {
        switch format {
        case .text: TextRenderer.render(self, localizer: localizer)
        case .markdown: MarkdownRenderer.render(self, localizer: localizer)
        case .html: HTMLRenderer.render(self, localizer: localizer)
        }
    }
}
