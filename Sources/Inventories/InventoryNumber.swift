/// Numbers in exported server lists, read without guessing: in a comma-separated file a comma
/// inside a number may only group thousands (`1,024`); in a semicolon- or tab-separated file (a
/// European export) the comma is the decimal mark (`8192,5`) and a dot may only group thousands
/// (`61.440,25`). A number that could be read two ways (`1.024` in a `;` file, `8192,5` in a
/// `,` file) is refused with the reason, never read as one of them silently.
enum InventoryNumber {
    /// The value of `text`, or why it is not a number. `decimalComma`: the file is separated by
    /// `;` or tab. O(characters).
    static func parse(_ text: String, decimalComma: Bool) -> Result<Double, Refusal> {
        let t = text.trimmingCharacters(in: .whitespaces)
        let (group, decimal): (Character, Character) = decimalComma ? (".", ",") : (",", ".")
        if decimalComma, !t.contains(","), t.contains("."), isGrouped(t, by: ".") {
            return .failure(.ambiguous("\"\(t)\": in a ';'-separated file '.' could be a decimal point or group thousands; write \(t.replacingOccurrences(of: ".", with: "")) or \(t.replacingOccurrences(of: ".", with: ","))"))
        }
        var plain = t
        if t.contains(group) {
            let whole = String(t.split(separator: decimal, maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            guard isGrouped(whole, by: group) else {
                return .failure(.ambiguous(decimalComma
                    ? "\"\(t)\": a '.' that does not group thousands in a ';'-separated file, where ',' is the decimal mark"
                    : "\"\(t)\": a ',' that does not group thousands (a decimal comma?) in a comma-separated file; write \(t.replacingOccurrences(of: ",", with: "."))"))
            }
            plain = plain.replacingOccurrences(of: String(group), with: "")
        }
        if decimalComma { plain = plain.replacingOccurrences(of: ",", with: ".") }
        guard let value = Double(plain), value.isFinite, plain.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else {
            return .failure(.notANumber)
        }
        return .success(value)
    }

    enum Refusal: Error { case notANumber, ambiguous(String) }

    /// Whether `s` (sign allowed) is digits in groups of three separated by `separator`, the
    /// first group of one to three: `1,024`, `61.440`.
    static func isGrouped(_ s: String, by separator: Character) -> Bool {
        let digits = s.first.map { "+-".contains($0) } == true ? String(s.dropFirst()) : s
        let groups = digits.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isNumber) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
