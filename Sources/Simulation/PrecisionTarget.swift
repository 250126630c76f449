/// Replicate until the figures are known well enough (`simulate --precision`): after each batch,
/// the 95% half-width of every figure in `figures` must be at most `relativeHalfWidth` of its
/// reference — its mean, or for an availability its unavailability (1 − mean), since ±0.01% of
/// 99.99% says nothing — or `maxReplications` are done.
///
/// The decision after n replications depends only on replications 0..<n, each a function of
/// (scenario, seed, r): the count reached, and so every figure, is the same for any `--jobs`.
public struct PrecisionTarget: Sendable, Equatable {
    /// Largest acceptable half-width over reference, in (0, 1): 0.05 is ±5%.
    public var relativeHalfWidth: Double
    public var figures: [ReplicationFigure]
    public var maxReplications: Int

    public init(relativeHalfWidth: Double, figures: [ReplicationFigure] = [.downtimeMinutes], maxReplications: Int = 1_000) {
        self.relativeHalfWidth = relativeHalfWidth
        self.figures = figures
        self.maxReplications = maxReplications
    }

    /// One figure's precision after some replications.
    public struct FigureCheck: Sendable, Equatable {
        public var figure: ReplicationFigure
        public var estimate: Estimate
        /// Half-width over the reference (0 when the figure never varied; NaN below two replications).
        public var relativeHalfWidth: Double
        public var met: Bool
    }

    /// The figure's half-width relative to its reference: 0 for a constant figure (no spread,
    /// whatever its mean, e.g. no outage in any replication), +∞ for a spread around a zero reference.
    public static func relative(_ e: Estimate, higherIsBetter: Bool) -> Double {
        guard !e.halfWidth.isNaN else { return .nan }
        if e.halfWidth == 0 { return 0 }
        let reference = abs(higherIsBetter ? 1 - e.mean : e.mean)
        return reference > 0 ? e.halfWidth / reference : .infinity
    }

    /// Each figure's check on `values` (one list per figure, in `figures`' order).
    public func checks(_ values: [[Double]]) -> [FigureCheck] {
        zip(figures, values).map { f, v in
            let e = Estimate(v, range: f.range)
            let r = Self.relative(e, higherIsBetter: f.higherIsBetter)
            return FigureCheck(figure: f, estimate: e, relativeHalfWidth: r, met: !r.isNaN && r <= relativeHalfWidth)
        }
    }

    /// Replications to have done after `done` with these checks: `done` when all are met or the
    /// cap is reached; else the count the worst figure's half-width projects (it shrinks as
    /// 1/√n), at least `batch` more and at most 4× `done`, within the cap.
    public func nextCount(done: Int, batch: Int, checks: [FigureCheck]) -> Int {
        guard done < maxReplications, checks.contains(where: { !$0.met }) else { return done }
        let worst = checks.map(\.relativeHalfWidth).map { $0.isNaN ? Double.infinity : $0 }.max() ?? .infinity
        let ratio = worst / relativeHalfWidth
        let projected = ratio.isFinite ? Double(done) * ratio * ratio : Double(4 * done)
        let wanted = Swift.min(Double(4 * done), Swift.max(Double(done + batch), projected.rounded(.up)))
        return Swift.min(maxReplications, Int(wanted))
    }
}

/// What a run with a precision target reached.
public struct PrecisionOutcome: Sendable, Equatable {
    public var target: PrecisionTarget
    /// The last check of every figure, on all the replications run.
    public var checks: [PrecisionTarget.FigureCheck]
    public var replications: Int
    /// Whether every figure met the target (false: the cap stopped the run).
    public var met: Bool { checks.allSatisfy(\.met) }
}
