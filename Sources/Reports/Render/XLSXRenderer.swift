import CXlsxWriter
import Foundation

/// `--format xlsx`: an Excel workbook written by libxlsxwriter from the report model. The first
/// sheet is the summary (page one: its text, key figures, findings and tables); then one sheet
/// per table of the other sections. Numbers are numbers with number formats that show what
/// the other formats show (yen are stored in yen, a ¥M column formatted in millions); units are
/// in the headers; header rows are frozen; an estimate takes three columns (mean, 95% low,
/// 95% high). Text is written as text (a cell that starts with `=` is never a formula).
public enum XLSXRenderer {
    public struct XLSXError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workbook's bytes. It is built in a private temporary folder (libxlsxwriter writes to a
    /// file), read back and the folder removed, so no file is left behind whatever happens.
    public static func render(_ doc: ReportDocument, localizer l: Localizer) throws(XLSXError) -> [UInt8] {
        var template = Array((NSTemporaryDirectory() + "/cloudplan-xlsx-XXXXXX").utf8CString)
        guard let dir = mkdtemp(&template) else { throw XLSXError(description: "cannot make a temporary folder: \(String(cString: strerror(errno)))") }
        let folder = String(cString: dir)
        let path = folder + "/report.xlsx"
        defer {
            unlink(path)
            rmdir(folder)
        }
        guard let workbook = workbook_new(path) else { throw XLSXError(description: "libxlsxwriter could not start a workbook") }
        var book = Book(workbook: workbook, localizer: l)
        book.write(doc)
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { throw XLSXError(description: "libxlsxwriter: \(String(cString: lxw_strerror(status)))") }
        guard let data = FileManager.default.contents(atPath: path) else { throw XLSXError(description: "the workbook could not be read back") }
        return [UInt8](data)
    }

    /// One workbook being written: its formats (one per number format) and sheet names.
    struct Book {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        let localizer: Localizer
        var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
        var names: Set<String> = []
        var bold: UnsafeMutablePointer<lxw_format>
        var title: UnsafeMutablePointer<lxw_format>

        init(workbook: UnsafeMutablePointer<lxw_workbook>, localizer: Localizer) {
            self.workbook = workbook
            self.localizer = localizer
            bold = workbook_add_format(workbook)
            format_set_bold(bold)
            title = workbook_add_format(workbook)
            format_set_bold(title)
            format_set_font_size(title, 14)
        }

        mutating func format(_ numberFormat: String, bold isBold: Bool = false) -> UnsafeMutablePointer<lxw_format> {
            let key = numberFormat + (isBold ? "|b" : "")
            if let f = formats[key] { return f }
            let f = workbook_add_format(workbook)!
            format_set_num_format(f, numberFormat)
            if isBold { format_set_bold(f) }
            formats[key] = f
            return f
        }

        /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
        mutating func sheetName(_ wanted: String) -> String {
            let cleaned = wanted.replacingOccurrences(of: ": ", with: " - ")
            var base = String(cleaned.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(28)).trimmingTrailingSpaces()
            if base.isEmpty { base = "sheet" }
            var name = base, k = 2
            while names.contains(name.lowercased()) { name = base + " \(k)"; k += 1 }
            names.insert(name.lowercased())
            return name
        }

        mutating func write(_ doc: ReportDocument) {
            let summary = doc.sections.first { $0.id == "summary" }
            let sheet = workbook_add_worksheet(workbook, sheetName(summary?.title ?? localizer("Summary")))!
            var row: UInt32 = 0
            worksheet_write_string(sheet, row, 0, doc.title, title)
            row += 2
            worksheet_set_column(sheet, 0, 0, 44, nil)
            worksheet_set_column(sheet, 1, 12, 16, nil)
            for part in summary?.parts ?? [] { row = write(part, to: sheet, at: row) + 1 }
            for s in doc.sections where s.id != "summary" {
                for case .table(let t) in s.parts {
                    let name = sheetName(t.title.isEmpty ? s.title : t.title)
                    let ws = workbook_add_worksheet(workbook, name)!
                    worksheet_write_string(ws, 0, 0, t.title.isEmpty ? s.title : t.title, title)
                    _ = write(t, to: ws, at: 2, freeze: true)
                }
            }
        }

        /// Writes a part of the summary from `row`; returns the next free row.
        mutating func write(_ part: ReportPart, to sheet: UnsafeMutablePointer<lxw_worksheet>, at start: UInt32) -> UInt32 {
            var row = start
            switch part {
            case .paragraph(let p): worksheet_write_string(sheet, row, 0, p.plain, nil); row += 1
            case .list(let items): for i in items { worksheet_write_string(sheet, row, 0, "• " + i.plain, nil); row += 1 }
            case .subheading(let s): worksheet_write_string(sheet, row, 0, s, bold); row += 1
            case .chart: break
            case .findings(let f):
                for x in f {
                    worksheet_write_string(sheet, row, 0, TextRenderer.severityWord(x.severity, localizer) + ": " + x.text.plain, nil)
                    row += 1
                }
            case .figures(let figures):
                for f in figures {
                    worksheet_write_string(sheet, row, 0, localizer.withUnit(f.label, f.unit), nil)
                    writeValue(f.value, to: sheet, row: row, column: 1, bold: true)
                    row += 1
                }
            case .table(let t):
                if !t.title.isEmpty { worksheet_write_string(sheet, row, 0, t.title, bold); row += 1 }
                row = write(t, to: sheet, at: row, freeze: false)
            }
            return row
        }

        /// Header row (units in it), the rows, the total row in bold; returns the next free row.
        mutating func write(_ t: ReportTable, to sheet: UnsafeMutablePointer<lxw_worksheet>, at start: UInt32, freeze: Bool) -> UInt32 {
            let widths = t.columns.indices.map { t.hasInterval($0) ? 3 : 1 }
            var column: UInt16 = 0
            for (i, c) in t.columns.enumerated() {
                let header = localizer.withUnit(c.title, c.unit)
                worksheet_write_string(sheet, start, column, header, bold)
                if widths[i] == 3 {
                    worksheet_write_string(sheet, start, column + 1, header + " " + localizer("95% low"), bold)
                    worksheet_write_string(sheet, start, column + 2, header + " " + localizer("95% high"), bold)
                }
                column += UInt16(widths[i])
            }
            if freeze { worksheet_freeze_panes(sheet, start + 1, 0) }
            var row = start + 1
            for r in t.rows + (t.total.map { [$0] } ?? []) {
                let isTotal = t.total != nil && row == start + 1 + UInt32(t.rows.count)
                var col: UInt16 = 0
                for (i, v) in r.enumerated() where i < widths.count {
                    writeValue(v, to: sheet, row: row, column: col, bold: isTotal, spread: widths[i] == 3)
                    col += UInt16(widths[i])
                }
                row += 1
            }
            if let note = t.note { worksheet_write_string(sheet, row, 0, note.plain, nil); row += 1 }
            return row
        }

        mutating func writeValue(_ v: ReportValue, to sheet: UnsafeMutablePointer<lxw_worksheet>, row: UInt32, column: UInt16,
                                 bold isBold: Bool, spread: Bool = false) {
            switch v {
            case .missing: return
            case .text(let s), .verdict(_, let s):
                if !s.isEmpty { worksheet_write_string(sheet, row, column, s, isBold ? bold : nil) }
            case .estimate(let e):
                let f = format(v.excelFormat, bold: isBold)
                if e.mean.isFinite { worksheet_write_number(sheet, row, column, e.mean, f) }
                if spread, e.low.isFinite, e.high.isFinite {
                    worksheet_write_number(sheet, row, column + 1, e.low, f)
                    worksheet_write_number(sheet, row, column + 2, e.high, f)
                }
            default:
                if let x = v.numeric { worksheet_write_number(sheet, row, column, x, format(v.excelFormat, bold: isBold)) }
            }
        }
    }
}
