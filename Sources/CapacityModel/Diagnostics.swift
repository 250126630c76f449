/// A place in a scenario file: path as given on the command line (or as an include resolved
/// against it), 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a scenario, printed as `FILE:LINE:COLUMN: error: KEY.PATH: MESSAGE`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var location: SourceLocation
    public var severity: Severity
    /// The key path at fault, as `pools[0].blade`; empty for file-level problems.
    public var keyPath: String
    public var message: String

    public init(_ location: SourceLocation, _ severity: Severity = .error, keyPath: String, message: String) {
        self.location = location
        self.severity = severity
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let subject = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(location): \(severity.rawValue): \(subject)\(message)"
    }
}

/// Collects diagnostics while a scenario is read, so that every problem is reported at once.
public final class DiagnosticSink {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func error(_ location: SourceLocation, _ keyPath: String, _ message: String) {
        diagnostics.append(Diagnostic(location, .error, keyPath: keyPath, message: message))
    }

    public func warning(_ location: SourceLocation, _ keyPath: String, _ message: String) {
        diagnostics.append(Diagnostic(location, .warning, keyPath: keyPath, message: message))
    }

    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Diagnostics in file, line, column order; duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
            .enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}

/// Thrown when a scenario cannot be used: carries every problem found.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
