import Foundation
import InputData
import Yams

/// Reads one YAML file into a node tree, turning every way it can fail (missing file, bad
/// UTF-8, syntax error, duplicate key) into a located diagnostic.
enum YAMLFile {
    /// The root node of `path`, or nil with diagnostics in `sink`.
    /// - Parameter displayPath: the path to print in messages.
    /// - Parameter includedAt: the `include` entry naming the file: a file that cannot be read
    ///   is reported there (where it can be fixed), not at a line of a file that is not there.
    static func load(path: String, displayPath: String, sink: DiagnosticSink, includedAt: YAMLNode? = nil) -> Node? {
        let data: Data
        do {
            data = try InputFile.readRegular(path)
        } catch {
            if let includedAt {
                let name = includedAt.scalarText ?? displayPath
                includedAt.error(error.reason == "file not found" ? "included file \(name) not found (looked for \(path))"
                                    : "included file \(name): \(error.reason) (looked for \(path))")
            } else {
                sink.error(SourceLocation(file: displayPath, line: 1, column: 1), "", error.reason)
            }
            return nil
        }
        return parse(data: data, displayPath: displayPath, sink: sink)
    }

    static func parse(data: Data, displayPath: String, sink: DiagnosticSink) -> Node? {
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8(data)
            sink.error(SourceLocation(file: displayPath, line: line, column: column), "",
                       "the file is not valid UTF-8 text")
            return nil
        }
        if let nul = text.firstIndex(of: "\0") {
            let (line, column) = lineAndColumn(of: nul, in: text)
            sink.error(SourceLocation(file: displayPath, line: line, column: column), "",
                       "the file contains a NUL character")
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                sink.error(SourceLocation(file: displayPath, line: 1, column: 1), "", "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error, text: text, displayPath: displayPath, sink: sink)
            return nil
        } catch {
            sink.error(SourceLocation(file: displayPath, line: 1, column: 1), "", "cannot parse YAML: \(error)")
            return nil
        }
    }

    private static func report(_ error: YamlError, text: String, displayPath: String, sink: DiagnosticSink) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: displayPath, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(_, problem, _, _) where problem.contains("tab"):
            // YAML never allows tabs in indentation: say so at the first indenting tab.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let n = lines.firstIndex { $0.prefix { $0 == " " || $0 == "\t" }.contains("\t") } ?? 0
            let column = (lines.isEmpty ? 0 : lines[n].prefix { $0 == " " }.count) + 1
            sink.error(SourceLocation(file: displayPath, line: n + 1, column: column), "",
                       "tabs are not allowed for indentation; indent with spaces")
        case let .scanner(_, problem, mark, _) where problem.contains("nesting level"),
             let .parser(_, problem, mark, _) where problem.contains("nesting level"):
            // libyaml's limit, said in the scenario's terms (not its function's name).
            sink.error(at(mark), "", "the YAML nests too deeply (lists or mappings inside each other); a scenario needs a few levels")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) (\(at($0.mark)) ); " } ?? ""
            sink.error(at(mark), "", "YAML syntax error: \(prefix)\(problem)".replacingOccurrences(of: " )", with: ")"))
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                let utf8 = Array(text.utf8.prefix(offset))
                let prefix = String(decoding: utf8, as: UTF8.self)
                line = prefix.split(separator: "\n", omittingEmptySubsequences: false).count
                column = (prefix.split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
            }
            sink.error(SourceLocation(file: displayPath, line: line, column: column), "", "cannot read YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            sink.error(at(context.mark), "", "duplicate key\(duplicates.count > 1 ? "s" : "") in one mapping: \(duplicates.joined(separator: ", "))")
        default:
            sink.error(SourceLocation(file: displayPath, line: 1, column: 1), "", "cannot parse YAML: \(error)")
        }
    }

    static func lineAndColumn(of index: String.Index, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for scalar in text.unicodeScalars[..<index] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Line and column (in bytes after the last newline) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        var i = 0, line = 1, lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, i - lineStart + 1)
            }
            if i + length > bytes.count { return (line, i - lineStart + 1) }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return (line, i - lineStart + 1) }
            if length > 1 {
                // Check the first continuation byte's narrower range for overlong and surrogate forms.
                let c = bytes[i + 1]
                if (b == 0xE0 && c < 0xA0) || (b == 0xED && c > 0x9F) || (b == 0xF0 && c < 0x90) || (b == 0xF4 && c > 0x8F) {
                    return (line, i - lineStart + 1)
                }
            }
            if b == 0x0A { line += 1; lineStart = i + 1 }
            i += length
        }
        return (line, 1)
    }
}
