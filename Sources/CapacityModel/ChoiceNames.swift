extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// Every name of the choice, in declaration order, as "a, b or c": the one list that
    /// messages, hints and help texts quote.
    public static var nameList: String {
        let names = allCases.map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
