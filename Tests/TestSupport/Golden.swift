import Foundation

/// Golden outputs: the exact text the command line prints for the cases in
/// `Tests/Golden/cases.tsv` (one line per case: file name, `fast` or `slow`, arguments).
/// `scripts/golden.sh check` compares every case with a release build (CI runs it);
/// the tests compare the fast ones. A deliberate change updates them all with `make golden`.
public enum Golden {
    public struct Case: Sendable {
        /// File in Tests/Golden holding the expected standard output.
        public var name: String
        /// Whether a debug build runs it in seconds (the tests run only these).
        public var fast: Bool
        public var arguments: [String]
    }

    public static var directory: String { Repository.root + "/Tests/Golden" }

    /// Every case of the manifest, in order.
    public static func cases() throws -> [Case] {
        let text = try String(contentsOfFile: directory + "/cases.tsv", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3 else { return nil }
            return Case(name: fields[0], fast: fields[1] == "fast",
                        arguments: fields[2].split(separator: " ").map(String.init))
        }
    }

    /// The expected output of `c`.
    public static func expected(_ c: Case) throws -> String {
        try String(contentsOfFile: directory + "/" + c.name, encoding: .utf8)
    }
}
