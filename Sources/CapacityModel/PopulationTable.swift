import Foundation

/// One row of a population table (the 2020 census layout of `data/municipalities-2020.csv`).
public struct PopulationRecord: Sendable, Hashable {
    public var prefectureCode: String
    public var prefecture: String
    public var code5: String
    public var code6: String
    public var name: String
    /// national, prefecture, designated_city, designated_city_ward, tokyo_special_ward,
    /// tokyo_special_wards_total or municipality.
    public var level: String
    public var population: Int
}

/// A table of municipalities and their populations, read from CSV with the header
/// `prefecture_code,prefecture,code5,code6,name,level,population`.
public struct PopulationTable: Sendable {
    public var records: [PopulationRecord]

    /// The levels that are municipalities in their own right (1,741 in 2020): wards of designated
    /// cities and the Tokyo total are parts or sums of these.
    public static let municipalityLevels: Set<String> = ["municipality", "designated_city", "tokyo_special_ward"]

    public static let header = ["prefecture_code", "prefecture", "code5", "code6", "name", "level", "population"]

    /// Parses CSV text; reports each bad line (file, line, column of the field) to `sink`.
    public static func parse(_ text: String, file: String, sink: DiagnosticSink) -> PopulationTable {
        var records: [PopulationRecord] = []
        var lineNumber = 0
        var sawHeader = false
        // "\r\n" is one Character in Swift, so split on both forms of line end.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                sawHeader = true
                let cleaned = fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF} ")) }
                if cleaned != header {
                    sink.error(SourceLocation(file: file, line: lineNumber, column: 1), "population_table",
                               "expected the header \(header.joined(separator: ","))")
                    return PopulationTable(records: [])
                }
                continue
            }
            guard fields.count == header.count else {
                sink.error(SourceLocation(file: file, line: lineNumber, column: 1), "population_table",
                           "expected \(header.count) fields, got \(fields.count)")
                continue
            }
            guard let population = Int(fields[6]), population >= 0 else {
                let column = fields[0..<6].map { $0.unicodeScalars.count + 1 }.reduce(1, +)
                sink.error(SourceLocation(file: file, line: lineNumber, column: column), "population_table",
                           "population must be a whole number ≥ 0, got \"\(fields[6])\"")
                continue
            }
            records.append(PopulationRecord(prefectureCode: fields[0], prefecture: fields[1], code5: fields[2],
                                            code6: fields[3], name: fields[4], level: fields[5],
                                            population: population))
        }
        if !sawHeader {
            sink.error(SourceLocation(file: file, line: 1, column: 1), "population_table", "the table is empty")
        }
        return PopulationTable(records: records)
    }

    /// The municipalities (not wards, not totals), in table order.
    public var municipalities: [PopulationRecord] {
        records.filter { Self.municipalityLevels.contains($0.level) }
    }

    /// The municipality with this 5- or 6-digit code.
    public func municipality(code: String) -> PopulationRecord? {
        municipalities.first { $0.code5 == code || $0.code6 == code }
    }
}
