import RealModule

/// A sum of positive terms that may under- or overflow in Double: normal terms are added plainly, the
/// others as logarithms (log-sum-exp with a running maximum), so that `logValue` is right for any
/// magnitudes and `value` is e^{logValue} (0 or +inf where Double cannot hold it).
struct LogSum {
    private var plain = 0.0
    private var logMax = -Double.infinity
    private var scaled = 0.0  // sum of e^{l - logMax} over the log terms

    /// Adds a term c >= 0.
    mutating func add(_ c: Double) {
        if c.isFinite { plain += c } else { add(logOf: Double.log(c)) }
    }

    /// Adds the term e^l.
    mutating func add(logOf l: Double) {
        guard l > -.infinity else { return }
        if l <= logMax {
            scaled += Double.exp(l - logMax)
        } else {
            scaled = scaled * Double.exp(logMax - l) + 1
            logMax = l
        }
    }

    /// ln of the sum (-inf for an empty or zero sum).
    var logValue: Double {
        let logPlain = plain > 0 && plain.isFinite ? Double.log(plain) : (plain > 0 ? Double.log(Double.greatestFiniteMagnitude) + 1 : -.infinity)
        let logRest = scaled > 0 ? logMax + Double.log(scaled) : -.infinity
        let top = Swift.max(logPlain, logRest)
        guard top > -.infinity else { return -.infinity }
        return top + Double.log(Double.exp(logPlain - top) + Double.exp(logRest - top))
    }

    /// The sum as a Double.
    var value: Double {
        if scaled == 0 { return plain }
        return Double.exp(logValue)
    }
}
