import CGSL
import Foundation

/// A probability distribution of a non-negative or real quantity, sampled through GSL.
///
/// Units are those of the quantity it models (hours for times to failure and repair, for example).
public enum Distribution: Sendable, Hashable {
    /// Always `value`.
    case constant(Double)
    /// Exponential with the given mean (rate 1/mean).
    case exponential(mean: Double)
    /// Weibull with scale λ and shape k: P(X > x) = exp(-(x/λ)^k).
    case weibull(scale: Double, shape: Double)
    /// Lognormal: log X is normal with mean `mu` and standard deviation `sigma`.
    case lognormal(mu: Double, sigma: Double)
    /// Normal with the given mean and standard deviation.
    case normal(mean: Double, standardDeviation: Double)
    /// Poisson with the given mean (integer values).
    case poisson(mean: Double)
    /// Uniform on [lower, upper).
    case uniform(lower: Double, upper: Double)

    /// The lognormal with the given mean and coefficient of variation (sd / mean).
    public static func lognormal(mean: Double, coefficientOfVariation cv: Double) -> Distribution {
        let sigma2 = log(1 + cv * cv)
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// The Weibull with the given mean and shape.
    public static func weibull(mean: Double, shape: Double) throws(GSLError) -> Distribution {
        let gamma = try SpecialFunctions.gamma(1 + 1 / shape)
        return .weibull(scale: mean / gamma, shape: shape)
    }

    /// Checks the parameters; returns a message naming the first bad one, or nil.
    public var parameterProblem: String? {
        func positive(_ v: Double, _ name: String) -> String? {
            v.isFinite && v > 0 ? nil : "\(name) must be a positive finite number (got \(v))"
        }
        switch self {
        case .constant(let v): return v.isFinite ? nil : "value must be finite"
        case .exponential(let m): return positive(m, "mean")
        case .weibull(let s, let k): return positive(s, "scale") ?? positive(k, "shape")
        case .lognormal(let mu, let sigma): return mu.isFinite ? positive(sigma, "sigma") : "mu must be finite"
        case .normal(let m, let sd): return m.isFinite ? positive(sd, "standard_deviation") : "mean must be finite"
        case .poisson(let m): return positive(m, "mean")
        case .uniform(let a, let b):
            return a.isFinite && b.isFinite && a < b ? nil : "lower must be less than upper (got \(a), \(b))"
        }
    }

    /// One draw from `stream`.
    /// - Precondition: `parameterProblem == nil`.
    @inlinable public func sample(_ stream: RandomStream) -> Double {
        let r = stream.generator
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return gsl_ran_exponential(r, m)
        case .weibull(let s, let k): return gsl_ran_weibull(r, s, k)
        case .lognormal(let mu, let sigma): return gsl_ran_lognormal(r, mu, sigma)
        case .normal(let m, let sd): return m + gsl_ran_gaussian_ziggurat(r, sd)
        case .poisson(let m): return Double(gsl_ran_poisson(r, m))
        case .uniform(let a, let b): return gsl_ran_flat(r, a, b)
        }
    }

    /// The exact mean.
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return m
        case .weibull(let s, let k): return s * ((try? SpecialFunctions.gamma(1 + 1 / k)) ?? .nan)
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .normal(let m, _): return m
        case .poisson(let m): return m
        case .uniform(let a, let b): return (a + b) / 2
        }
    }

    /// The exact variance.
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .exponential(let m): return m * m
        case .weibull(let s, let k):
            guard let g1 = try? SpecialFunctions.gamma(1 + 1 / k),
                  let g2 = try? SpecialFunctions.gamma(1 + 2 / k) else { return .nan }
            return s * s * (g2 - g1 * g1)
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return (exp(s2) - 1) * exp(2 * mu + s2)
        case .normal(_, let sd): return sd * sd
        case .poisson(let m): return m
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        }
    }

    /// The p-quantile (inverse CDF), 0 < p < 1. Poisson has no closed form here and returns NaN.
    public func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return .nan }
        _ = GSLRuntime.prepared
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return gsl_cdf_exponential_Pinv(p, m)
        case .weibull(let s, let k): return gsl_cdf_weibull_Pinv(p, s, k)
        case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_Pinv(p, mu, sigma)
        case .normal(let m, let sd): return m + gsl_cdf_gaussian_Pinv(p, sd)
        case .poisson: return .nan
        case .uniform(let a, let b): return gsl_cdf_flat_Pinv(p, a, b)
        }
    }

    /// P(X ≤ x), the cumulative distribution function.
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .constant(let v): return x >= v ? 1 : 0
        case .exponential(let m): return gsl_cdf_exponential_P(x, m)
        case .weibull(let s, let k): return gsl_cdf_weibull_P(x, s, k)
        case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_P(x, mu, sigma)
        case .normal(let m, let sd): return gsl_cdf_gaussian_P(x - m, sd)
        case .poisson(let m): return x < 0 ? 0 : gsl_cdf_poisson_P(UInt32(min(x, 4e9)), m)
        case .uniform(let a, let b): return gsl_cdf_flat_P(x, a, b)
        }
    }
}

