/// The constructive heuristics of the placement engine.
public enum PackingHeuristic: String, Sendable, CaseIterable, Hashable {
    /// Each item, in the given order, into the first bin it fits (a tree finds it in O(log n)).
    case firstFit = "first-fit"
    /// First fit, items sorted by decreasing key.
    case firstFitDecreasing = "first-fit-decreasing"
    /// Sorted items, each into the fitting bin with the least normalised room left afterwards.
    case bestFitDecreasing = "best-fit-decreasing"
    /// Sorted items, each into the fitting bin with the most normalised room left afterwards.
    case worstFitDecreasing = "worst-fit-decreasing"
    /// Bin-centric: fill one bin at a time with the fitting item whose normalised size has the
    /// largest dot product with the bin's normalised residual (Panigrahy et al. 2011, "DotProduct").
    case dotProduct = "dot-product"
    /// Bin-centric: fill one bin at a time with the fitting item that leaves the residual with the
    /// smallest L2 norm (Panigrahy et al. 2011, "L2").
    case l2Norm = "l2-norm"
}

/// Why a problem cannot be packed at all.
public enum PackingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The item is larger than a bin in some dimension.
    case itemTooLarge(item: Int)
    /// A redundancy group has more members than there are failure domains.
    case groupTooLarge(group: Int32, members: Int, domains: Int)
    /// Pinned items do not fit their bins.
    case pinnedConflict(item: Int)
    /// No placement was found within the fixed number of bins.
    case doesNotFit(item: Int, bins: Int)
    /// The constraints allow no item in any bin (`maxItemsPerBin` below 1), but there are items.
    case noItemAllowed(items: Int)

    public var description: String {
        switch self {
        case .itemTooLarge(let i): return "item \(i) is larger than a bin"
        case .groupTooLarge(let g, let m, let d): return "redundancy group \(g) has \(m) members but there are only \(d) failure domains"
        case .pinnedConflict(let i): return "pinned item \(i) cannot be placed on its bin"
        case .doesNotFit(let i, let b): return "item \(i) does not fit in \(b) bins"
        case .noItemAllowed(let n): return "bins may hold no item (a limit of 0 items per bin), but there are \(n) items"
        }
    }
}
