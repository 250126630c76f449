extension LinearSize {
    /// A plain number (base only) or `{base: B, per_10k: S}`.
    static func decode(_ node: YAMLNode, allowZero: Bool = true) -> LinearSize? {
        if case .scalar = node.node {
            guard let v = node.number(min: 0, max: limit, exclusiveMin: !allowZero,
                                      what: allowZero ? "a non-negative number" : "a positive number") else { return nil }
            return LinearSize(base: v)
        }
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        guard let base = r.number("base", default: 0, min: 0, max: limit),
              let per10k = r.number("per_10k", default: 0, min: 0, max: limit) else {
            return nil
        }
        if !allowZero && base == 0 && per10k == 0 {
            node.error("base and per_10k cannot both be zero")
            return nil
        }
        return LinearSize(base: base, per10k: per10k)
    }
}

extension LinearSize {
    /// Largest base or slope accepted: far beyond any real system, small enough that sizes stay finite.
    static let limit = 1e7
}

extension DistributionSpec {
    /// `{distribution: exponential, mean_hours: H}`, `{distribution: weibull, scale_hours: S, shape: K}`,
    /// `{distribution: lognormal, mean_hours: H, cv: C}` or `{distribution: constant, hours: H}`.
    static func decode(_ node: YAMLNode) -> DistributionSpec? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        guard let kind = r.required("distribution", Kind.nameList)?.choice(Kind.self) else {
            return nil
        }
        switch kind {
        case .exponential:
            return r.positive("mean_hours").map { .exponential(mean: $0) }
        case .weibull:
            // Both are read before either is checked, so that one bad value is one error.
            let s = r.positive("scale_hours"), k = r.required("shape", "a positive number")?
                .number(min: 0.05, max: 100, what: "a shape from 0.05 to 100")
            guard let s, let k else { return nil }
            return .weibull(scale: s, shape: k)
        case .lognormal:
            let m = r.positive("mean_hours")
            let cv = r.required("cv", "a positive number")?.number(min: 0, max: 100, exclusiveMin: true, what: "a positive number")
            guard let m, let cv else { return nil }
            return .lognormal(mean: m, cv: cv)
        case .constant:
            return r.nonNegative("hours").map { .constant($0) }
        }
    }

}

extension FailureModel {
    /// The least typical time to failure a scenario may give, hours: a component that fails
    /// more often than hourly is no hardware's, and its failures and repairs would be an event
    /// storm (1e-300 h never ended: the clock could not move).
    static let minimumHoursToFailure = 1.0

    /// `{time_to_failure: DIST | annual_failure_rate: R, time_to_repair: DIST}`; the time to
    /// failure's mean (scale for Weibull) at least `minimumHoursToFailure`.
    static func decode(_ node: YAMLNode) -> FailureModel? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        var ttf: DistributionSpec?
        if let rate = r.optional("annual_failure_rate") {
            if r.has("time_to_failure") {
                rate.error("give either annual_failure_rate or time_to_failure, not both")
                return nil
            }
            if let afr = rate.positive() {
                if afr <= 8_760 / minimumHoursToFailure {
                    ttf = .exponential(mean: 8_760 / afr)
                } else {
                    rate.error("at most \(Int(8_760 / minimumHoursToFailure)) failures a year (one an hour): more would be an event storm, not a failure model (got \(afr))")
                }
            }
        } else if let node = r.required("time_to_failure", "or annual_failure_rate") {
            ttf = DistributionSpec.decode(node)
            if let typical = ttf?.typicalHours, typical < minimumHoursToFailure {
                node.error("a time to failure of \(typical) h (its \(ttf?.simpleMean == nil ? "scale" : "mean")) is under \(Int(minimumHoursToFailure)) hour: failures that often would be an event storm, not a failure model")
                ttf = nil
            }
        }
        let ttr = r.required("time_to_repair").flatMap(DistributionSpec.decode)
        guard let ttf, let ttr else { return nil }
        return FailureModel(timeToFailure: ttf, timeToRepair: ttr)
    }
}
