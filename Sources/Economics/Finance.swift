import CapacityModel
import Foundation

/// Money over time: annuities, net present value, and the yearly price of hardware under a
/// financing choice. Rates are fractions a year (0.02 = 2%); flows are yen at the end of each year.
public enum Finance {
    /// The level payment at the end of each of `years` years that repays `principal` at `rate`
    /// a year, leaving `residual` owed (bought back) at the end:
    /// (P − R·v^n)·i / (1 − v^n), v = 1/(1+i); (P − R)/n when i = 0.
    public static func annuityPayment(principal: Yen, rate: Double, years: Double, residual: Yen = .zero) -> Yen {
        if rate == 0 { return (principal - residual) / years }
        let v = Foundation.pow(1 + rate, -years)
        return Yen((principal.value - residual.value * v) * rate / (1 - v))
    }

    /// Σ flows[y] / (1 + rate)^y, y = 0, 1, …: flows[0] is now, flows[y] the end of year y.
    public static func netPresentValue(rate: Double, flows: [Yen]) -> Yen {
        var total = 0.0, factor = 1.0
        for f in flows {
            total += f.value * factor
            factor /= 1 + rate
        }
        return Yen(total)
    }

    /// Yearly price of hardware bought for `price` and used `years`: straight-line write-off
    /// (purchase) or the lease payment (lease). Maintenance is not included.
    public static func hardwarePerYear(_ price: Yen, years: Double, settings: FinanceSettings) -> Yen {
        switch settings.financing {
        case .purchase:
            price / years
        case .lease:
            annuityPayment(principal: price, rate: settings.leaseRatePerYear, years: years,
                           residual: price * settings.residualFraction)
        }
    }
}
