/// A packing method by the name scenarios (`policies[].placement`) and `cloudplan pack --policy`
/// use: `best`, or the name of one `PackingHeuristic`. The one list of these names is
/// `allCases`: the decoder, the command line, the help text and the documentation's table
/// (checked by a test) all read it, so a new heuristic is one `PackingHeuristic` case.
public enum PlacementChoice: Sendable, Hashable, CaseIterable, RawRepresentable {
    /// Every heuristic of the portfolio, then the improvement stage.
    case best
    /// One constructive heuristic.
    case heuristic(PackingHeuristic)

    public static var allCases: [PlacementChoice] { [.best] + PackingHeuristic.allCases.map { .heuristic($0) } }

    public init?(rawValue: String) {
        if rawValue == "best" {
            self = .best
        } else if let h = PackingHeuristic(rawValue: rawValue) {
            self = .heuristic(h)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .best: return "best"
        case .heuristic(let h): return h.rawValue
        }
    }

    /// The engine's method, sorting items by `key` for a single heuristic.
    public func method(key: SortKey = .sum) -> PackingMethod {
        switch self {
        case .best: return .best
        case .heuristic(let h): return .heuristic(h, key)
        }
    }
}
