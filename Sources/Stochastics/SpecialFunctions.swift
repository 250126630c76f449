import CGSL

/// Special functions and distribution quantiles from GSL, with failures as `GSLError`.
public enum SpecialFunctions {
    /// Γ(x), through `gsl_sf_gamma_e`.
    /// - Throws: `GSLError` with `GSL_EDOM` at the poles, `GSL_EOVRFLW` for x > 171.
    public static func gamma(_ x: Double) throws(GSLError) -> Double {
        var result = gsl_sf_result(val: 0, err: 0)
        try GSLRuntime.call("gamma(\(x))") { gsl_sf_gamma_e(x, &result) }
        return result.val
    }

    /// The p-quantile of Student's t distribution with `degreesOfFreedom`.
    /// - Throws: `GSLError` unless 0 < p < 1 and degreesOfFreedom > 0.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) throws(GSLError) -> Double {
        guard p > 0, p < 1, nu > 0 else {
            throw GSLError(code: GSLError.domainError, context: "Student t quantile(p: \(p), dof: \(nu))")
        }
        return try GSLRuntime.value("Student t quantile(p: \(p), dof: \(nu))") { gsl_cdf_tdist_Pinv(p, nu) }
    }

    /// The p-quantile of the standard normal distribution.
    public static func normalQuantile(_ p: Double) throws(GSLError) -> Double {
        guard p > 0, p < 1 else {
            throw GSLError(code: GSLError.domainError, context: "normal quantile(p: \(p))")
        }
        return try GSLRuntime.value("normal quantile(p: \(p))") { gsl_cdf_ugaussian_Pinv(p) }
    }

    /// The p-quantile of the χ² distribution with `degreesOfFreedom` (> 0), 0 < p < 1.
    public static func chiSquareQuantile(_ p: Double, degreesOfFreedom nu: Double) throws(GSLError) -> Double {
        guard p > 0, p < 1, nu > 0 else {
            throw GSLError(code: GSLError.domainError, context: "chi-square quantile(p: \(p), dof: \(nu))")
        }
        return try GSLRuntime.value("chi-square quantile(p: \(p), dof: \(nu))") { gsl_cdf_chisq_Pinv(p, nu) }
    }

    /// The p-quantile of the Beta(a, b) distribution (a, b > 0), 0 < p < 1.
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) throws(GSLError) -> Double {
        guard p > 0, p < 1, a > 0, b > 0 else {
            throw GSLError(code: GSLError.domainError, context: "beta quantile(p: \(p), a: \(a), b: \(b))")
        }
        return try GSLRuntime.value("beta quantile(p: \(p), a: \(a), b: \(b))") { gsl_cdf_beta_Pinv(p, a, b) }
    }

    /// P(X ≤ k) for X binomial(n, p).
    public static func binomialCDF(_ k: Int, trials n: Int, probability p: Double) -> Double {
        if k < 0 { return 0 }
        if k >= n { return 1 }
        return gsl_cdf_binomial_P(UInt32(k), p, UInt32(n))
    }

    /// P(X = k) for X binomial(n, p).
    public static func binomialPMF(_ k: Int, trials n: Int, probability p: Double) -> Double {
        guard k >= 0, k <= n else { return 0 }
        return gsl_ran_binomial_pdf(UInt32(k), p, UInt32(n))
    }

    /// P(X ≤ k) for X Poisson(mean).
    public static func poissonCDF(_ k: Int, mean: Double) -> Double {
        k < 0 ? 0 : gsl_cdf_poisson_P(UInt32(k), mean)
    }

    /// Erlang's loss formula B(c, a): the blocking probability of c servers offered a Erlangs.
    /// - Complexity: O(c), by the stable recursion B(k) = a·B(k-1) / (k + a·B(k-1)).
    public static func erlangB(servers c: Int, offeredLoad a: Double) -> Double {
        precondition(c >= 0 && a >= 0)
        var b = 1.0
        if c == 0 { return b }
        for k in 1...c { b = a * b / (Double(k) + a * b) }
        return b
    }
}
