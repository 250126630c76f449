/// Money in yen. A distinct type so that yen, thousands and millions of yen cannot be mixed up.
public struct Yen: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let zero = Yen(0)
    public static func + (a: Yen, b: Yen) -> Yen { Yen(a.value + b.value) }
    public static func - (a: Yen, b: Yen) -> Yen { Yen(a.value - b.value) }
    public static func * (a: Yen, k: Double) -> Yen { Yen(a.value * k) }
    public static func * (k: Double, a: Yen) -> Yen { Yen(a.value * k) }
    public static func / (a: Yen, k: Double) -> Yen { Yen(a.value / k) }
    public static func < (a: Yen, b: Yen) -> Bool { a.value < b.value }
    /// Millions of yen (百万円), the unit of municipal budget tables.
    public var millions: Double { value / 1_000_000 }
    public var description: String { "¥\(Int(value.rounded()))" }
}

/// Electrical power in watts.
public struct Watts: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let zero = Watts(0)
    public static func + (a: Watts, b: Watts) -> Watts { Watts(a.value + b.value) }
    public static func - (a: Watts, b: Watts) -> Watts { Watts(a.value - b.value) }
    public static func * (a: Watts, k: Double) -> Watts { Watts(a.value * k) }
    public static func * (k: Double, a: Watts) -> Watts { Watts(a.value * k) }
    public static func < (a: Watts, b: Watts) -> Bool { a.value < b.value }
    public var kilowatts: Double { value / 1_000 }
    /// Energy used in a year of constant draw, in kWh (8,760 hours).
    public var kilowattHoursPerYear: Double { value * 8_760 / 1_000 }
    public var description: String { "\(value) W" }
}

/// A quantity that grows with population: `base + per10k × population / 10,000`.
/// Units are those of the field it sizes (vCPU, GiB, IOPS).
public struct LinearSize: Sendable, Hashable {
    public var base: Double
    /// Increase per 10,000 residents.
    public var per10k: Double

    public init(base: Double, per10k: Double = 0) {
        self.base = base
        self.per10k = per10k
    }

    public func value(population: Int) -> Double { base + per10k * Double(population) / 10_000 }
}
