import Foundation
import Rationals

/// Best rational approximations by continued fractions.
enum RationalApproximation {
    /// The convergent of the continued fraction of `x` with the largest denominator <= `maxDenominator`.
    /// Exactly representable small fractions (1/2, 4, 3/8) are recovered from their rounded doubles.
    static func nearest(_ x: Double, maxDenominator: Int = 1 << 20) throws -> Rational {
        guard x.isFinite else { throw CommandFailure("cannot approximate \(x) by a rational") }
        var (p0, q0, p1, q1) = (0, 1, 1, 0)  // convergents h_{-2}/k_{-2}, h_{-1}/k_{-1}
        var value = abs(x)
        for _ in 0..<64 {
            let a = value.rounded(.down)
            guard a < 1e15 else { break }
            let ai = Int(a)
            let (p2, o1) = ai.multipliedReportingOverflow(by: p1)
            let (q2, o2) = ai.multipliedReportingOverflow(by: q1)
            let (p3, o3) = p2.addingReportingOverflow(p0)
            guard !o1, !o2, !o3, q2 + q0 <= maxDenominator else { break }
            (p0, q0, p1, q1) = (p1, q1, p3, q2 + q0)
            let fraction = value - a
            if fraction < 1e-12 * max(1, value) { break }
            value = 1 / fraction
        }
        guard q1 > 0 else { return try Rational(exactly: x) }
        let r = Rational(p1, q1)
        return x < 0 ? -r : r
    }

    /// A positive rational near e^{logValue}, relative to its magnitude: 2^k times the best rational
    /// approximation (denominator <= `maxDenominator`) of m = e^{logValue - k ln 2}, k = round(logValue / ln 2),
    /// so m is within [0.7, 1.42] and the relative error is about 1 / maxDenominator^2 for any finite
    /// logValue (d = 1e-8 or 1e-300 is never rounded to 0).
    static func nearestScale(logValue: Double, maxDenominator: Int = 1 << 20) throws -> Rational {
        guard logValue.isFinite else { throw CommandFailure("cannot approximate e^\(logValue) by a rational") }
        let k = (logValue / M_LN2).rounded()
        guard abs(k) < Double(1 << 24) else { throw CommandFailure("the scale e^\(logValue) is beyond 2^(2^24)") }
        let mantissa = exp(logValue - k * M_LN2)
        return try nearest(mantissa, maxDenominator: maxDenominator).multipliedByPowerOfTwo(Int(k))
    }

    /// Parses "1,4,3/8" into rationals.
    static func parseList(_ text: String, option: String) throws -> [Rational] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let r = Rational(trimmed) else { throw CommandFailure("\(option): cannot read '\(trimmed)' as a number or p/q") }
            return r
        }
    }
}
