/// Simulated time in seconds since the start of a run.
///
/// A Double holds whole seconds exactly up to 2^53 s (285 million years), so a 10-year horizon
/// keeps sub-microsecond resolution.
public typealias SimTime = Double

/// Durations in seconds, named by their unit.
public enum SimDuration {
    public static let second: SimTime = 1
    public static let minute: SimTime = 60
    public static let hour: SimTime = 3_600
    public static let day: SimTime = 86_400
    /// 365 days (the simulator's calendar has no leap years; see `Calendar` in Simulation).
    public static let year: SimTime = 365 * 86_400
}
