import CGSL

/// A failure reported by the GNU Scientific Library, as its status code and message.
///
/// GSL's default error handler aborts the process; `GSLRuntime` turns it off before the first
/// call into GSL, so every failure comes back here as a status code instead.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// GSL status code (`GSL_EDOM`, `GSL_ERANGE`, ...).
    public let code: Int32
    /// What was being computed when GSL failed.
    public let context: String
    /// GSL's own message for `code`.
    public var message: String { String(cString: gsl_strerror(code)) }
    public var description: String { "\(context): \(message) (GSL status \(code))" }

    /// `GSL_EDOM`: an argument is outside the function's domain.
    public static let domainError: Int32 = Int32(GSL_EDOM)
    /// `GSL_ERANGE`: the result overflows or underflows.
    public static let rangeError: Int32 = Int32(GSL_ERANGE)
}

/// The one way into GSL calls that report a status code.
enum GSLRuntime {
    /// Turns GSL's aborting error handler off exactly once, before any GSL call.
    static let prepared: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Runs `body`, which returns a GSL status code, and throws a `GSLError` unless it is `GSL_SUCCESS`.
    static func call(_ context: @autoclosure () -> String, _ body: () -> Int32) throws(GSLError) {
        _ = prepared
        let status = body()
        if status != Int32(GSL_SUCCESS) { throw GSLError(code: status, context: context()) }
    }

    /// Runs `body`, which returns a value, and throws if the value is not finite (GSL's way of
    /// reporting a domain error from functions without a status code once the handler is off).
    static func value(_ context: @autoclosure () -> String, _ body: () -> Double) throws(GSLError) -> Double {
        _ = prepared
        let result = body()
        if !result.isFinite { throw GSLError(code: Int32(GSL_EDOM), context: context()) }
        return result
    }
}
