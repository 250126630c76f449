/// Orders that keep the installed count of one item at or above a monthly target, given a lead
/// time and an order multiple: the procurement rule of `plan --timeline`.
///
/// The first purchase (ordered `lead` months before the start, delivered at month 0) covers the
/// largest target of the first `initialCover` months. Then, in each month m, if the target of
/// month m + lead exceeds what is installed or on order, the difference is ordered (rounded up
/// to the multiple, and kept under the cap), to arrive in month m + lead. Installed counts
/// never decrease.
struct StockPlan {
    struct Order: Equatable {
        var count: Int
        var orderedMonth: Int
        var deliveredMonth: Int
    }

    /// Installed at each month (deliveries of that month included).
    var installed: [Int]
    var orders: [Order]

    /// - Parameters:
    ///   - target: the count needed in each month.
    ///   - unit: orders are multiples of this (≥ 1).
    ///   - cap: at most this many installed (a site limit), nil for no limit.
    ///   - lead: months from order to delivery (≥ 0).
    ///   - initialCover: months (from 0) the first purchase covers (≥ 1).
    /// - Complexity: O(months).
    init(target: [Int], unit: Int, cap: Int?, lead: Int, initialCover: Int) {
        let months = target.count
        func roundUp(_ x: Int) -> Int { x <= 0 ? 0 : (x + unit - 1) / unit * unit }
        func capped(_ x: Int) -> Int { cap.map { Swift.min(x, $0) } ?? x }
        var deliveries = [Int](repeating: 0, count: months)
        var orders: [Order] = []
        var onOrder = capped(roundUp(target.prefix(Swift.max(1, initialCover)).max() ?? 0))
        if onOrder > 0, months > 0 {
            orders.append(Order(count: onOrder, orderedMonth: -lead, deliveredMonth: 0))
            deliveries[0] = onOrder
        }
        for m in 0..<months {
            let t = m + lead
            guard t < months else { break }
            guard target[t] > onOrder else { continue }
            let n = capped(onOrder + roundUp(target[t] - onOrder)) - onOrder
            guard n > 0 else { continue }
            orders.append(Order(count: n, orderedMonth: m, deliveredMonth: t))
            deliveries[t] += n
            onOrder += n
        }
        var total = 0
        installed = deliveries.map { total += $0; return total }
        self.orders = orders
    }
}
