import Foundation
import Testing
import TestSupport
@testable import Reports

@Suite struct FormatTests {
    @Test func jsonIsOrderedEscapedAndStable() throws {
        let v = JSONValue.object([
            ("b", .integer(1)), ("a", .string("quote \" back \\ nl \n tab \t ctl \u{1} 米沢")),
            ("n", .number(0.1)), ("x", .rounded(2.345678, 2)), ("nan", .rounded(.nan, 2)),
            ("list", .array([.bool(true), .null])), ("empty", .object([])),
        ])
        let text = v.serialised()
        #expect(text == """
        {
          "b": 1,
          "a": "quote \\" back \\\\ nl \\n tab \\t ctl \\u0001 米沢",
          "n": 0.1,
          "x": 2.35,
          "nan": null,
          "list": [true, null],
          "empty": {}
        }

        """)
        // Foundation's parser agrees with what we wrote.
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(parsed["a"] as? String == "quote \" back \\ nl \n tab \t ctl \u{1} 米沢")
        #expect(parsed["x"] as? Double == 2.35)
    }

    @Test func numbersAreGroupedWithoutLocale() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.grouped(-999.5) == "-1,000")
        #expect(NumberFormat.grouped(0.004, decimals: 2) == "0.00")
        #expect(NumberFormat.percent(0.4567) == "45.7%")
        #expect(NumberFormat.millions(305_500_000) == "305.50")
        #expect(NumberFormat.plain(12345.678, decimals: 1) == "12345.7")
    }

    @Test func csvFieldsAreQuotedWhenNeeded() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test func tablesAlignWideCharacters() {
        var t = TextTable(["name", "n"])
        t.add(["米沢市", "1"])
        t.add(["abc", "100"])
        let lines = t.render().split(separator: "\n").map(String.init)
        #expect(lines == ["name      n", "------  ---", "米沢市    1", "abc     100"])
    }

    @Test func outputFilesAreReplacedWholeOrLeftAlone() throws {
        let dir = try Workspace("out").path
        let path = dir + "/r.txt"
        try OutputFile.write("first", to: path)
        try OutputFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(throws: OutputFile.WriteError.self) { try OutputFile.write("x", to: dir + "/missing/r.txt") }
        #expect(throws: OutputFile.WriteError.self) { try OutputFile.write("x", to: dir) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.txt"])
    }
}
