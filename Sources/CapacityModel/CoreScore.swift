/// CPU generations (issue 32): a server model's per-core throughput as a multiple of one
/// reference core, so that demand measured on one generation is sized on another.
///
/// The reference core is one core of a 2010 two-socket Xeon X5670 (Westmere-EP, 2.93 GHz), the
/// library's 2010 blade: its score is 1 by definition. A model's score is its SPECrate integer
/// result divided by its cores, over the reference's (results of one suite; across CPU2006 and
/// CPU2017, through a machine measured on both), or an estimate marked [EST].
public enum CoreScore {
    /// What the score is relative to, for reports and documentation.
    public static let reference = "one core of a 2010 Xeon X5670 (Westmere-EP, 2.93 GHz) = 1"
    /// The source of a score not given in the scenario (the default 1).
    public static let unstated = "[EST] not given: taken as one reference core"
    /// Accepted scores: a 1990s core to a far-future one.
    public static let range = 0.01...100.0
}
