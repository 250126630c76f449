import CGSL
import Foundation

/// A monthly series' trend and yearly season, fitted by least squares (GSL's
/// `gsl_multifit_linear`), with prediction intervals (issue 32).
///
/// The model is y(m) = a + b·m + Σ_k (c_k·sin(2πkm/12) + d_k·cos(2πkm/12)) + ε, ε ~ N(0, σ²)
/// independent, m the month index from the first observation: one harmonic (k = 1) from 12
/// observations, two from 24 (enough for a half-yearly shape, as the fiscal year's March and
/// September peaks give). The prediction interval at m is ŷ(m) ± t_{n−p} · √(σ̂² + x(m)ᵀ·Cov·x(m)),
/// Cov = σ̂²(XᵀX)⁻¹, the textbook interval for a new observation of a linear model.
public struct SeasonalForecast: Sendable {
    /// Observations fitted.
    public let observations: Int
    /// Harmonics of the year in the model.
    public let harmonics: Int
    /// Coefficients: intercept, slope a month, then sin and cos of each harmonic.
    public let coefficients: [Double]
    /// Their covariance (row-major, p × p).
    let covariance: [Double]
    /// Residual variance σ̂² (residual sum of squares / (n − p)).
    public let residualVariance: Double

    public enum FitError: Error, Sendable, Equatable {
        /// Fewer than 12 observations, or not more than the parameters.
        case tooShort(Int)
        case notFinite
    }

    /// Fits `values` (one a month, oldest first). - Complexity: O(n·p²).
    public init(_ values: [Double]) throws(FitError) {
        let n = values.count
        guard n >= 12 else { throw .tooShort(n) }
        guard values.allSatisfy(\.isFinite) else { throw .notFinite }
        harmonics = n >= 24 ? 2 : 1
        let p = 2 + 2 * harmonics
        observations = n
        let x = gsl_matrix_alloc(n, p)!, y = gsl_vector_alloc(n)!, c = gsl_vector_alloc(p)!, cov = gsl_matrix_alloc(p, p)!
        let work = gsl_multifit_linear_alloc(n, p)!
        defer { gsl_matrix_free(x); gsl_vector_free(y); gsl_vector_free(c); gsl_matrix_free(cov); gsl_multifit_linear_free(work) }
        for m in 0..<n {
            for (j, v) in Self.regressors(Double(m), harmonics: harmonics).enumerated() { gsl_matrix_set(x, m, j, v) }
            gsl_vector_set(y, m, values[m])
        }
        var chisq = 0.0
        gsl_multifit_linear(x, y, c, cov, &chisq, work)
        coefficients = (0..<p).map { gsl_vector_get(c, $0) }
        covariance = (0..<(p * p)).map { gsl_matrix_get(cov, $0 / p, $0 % p) }
        residualVariance = n > p ? chisq / Double(n - p) : 0
    }

    /// The regressors at month `m`: 1, m, then sin and cos of each harmonic.
    static func regressors(_ m: Double, harmonics: Int) -> [Double] {
        var r = [1, m]
        for k in 1...harmonics {
            let angle = 2 * Double.pi * Double(k) * m / 12
            r += [sin(angle), cos(angle)]
        }
        return r
    }

    /// The fitted mean at month `m` (may be fractional or beyond the data).
    public func mean(_ m: Double) -> Double {
        zip(Self.regressors(m, harmonics: harmonics), coefficients).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The standard deviation of a new observation at `m`: √(σ̂² + xᵀ·Cov·x).
    public func predictionSD(_ m: Double) -> Double {
        let x = Self.regressors(m, harmonics: harmonics), p = x.count
        var quad = 0.0
        for i in 0..<p { for j in 0..<p { quad += x[i] * covariance[i * p + j] * x[j] } }
        return (residualVariance + Swift.max(0, quad)).squareRoot()
    }

    /// The `q`-quantile of a new observation at `m` (Student's t with n − p degrees of freedom):
    /// q = 0.5 is the mean, 0.95 the one-sided upper 95% bound.
    public func quantile(_ m: Double, _ q: Double) -> Double {
        let dof = Double(observations - coefficients.count)
        guard dof > 0, q != 0.5 else { return mean(m) }
        return mean(m) + gsl_cdf_tdist_Pinv(q, dof) * predictionSD(m)
    }

    /// Mean absolute percentage error of a fit on all but the last `holdOut` values, on those
    /// (nil when too few values remain to fit, or a held-out value is 0).
    public static func backtestMAPE(_ values: [Double], holdOut: Int = 6) -> Double? {
        let fitted = values.count - holdOut
        guard fitted >= 12, let model = try? SeasonalForecast(Array(values.prefix(fitted))) else { return nil }
        let held = values.suffix(holdOut)
        guard !held.contains(0) else { return nil }
        let errors = held.enumerated().map { k, y in abs(y - model.mean(Double(fitted + k))) / abs(y) }
        return 100 * errors.reduce(0, +) / Double(holdOut)
    }
}
