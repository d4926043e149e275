import Rationals

extension Rational {
    /// Bits of the larger of numerator and denominator: the size an exact computation carries.
    var bitSize: Int { Swift.max(numerator.bitLength, denominator.bitLength) }
}

/// The largest bit size among the entries.
func maximumBitSize<S: Sequence>(_ values: S) -> Int where S.Element == Rational {
    values.reduce(0) { Swift.max($0, $1.bitSize) }
}

/// "(i, j)" of a flat row-major index.
func entryName(_ flat: Int, columns: Int) -> String { "[\(flat / columns),\(flat % columns)]" }

/// Checks that d has one entry per neuron, all positive (`shapeMismatch`, `nonPositiveScale`).
func validateScales(_ d: [Rational], neurons n: Int, field: String = "scales") throws {
    guard d.count == n else {
        throw VerificationError.shapeMismatch("\(field) have \(d.count) entries, expected \(n) (neurons)")
    }
    if let bad = d.firstIndex(where: { $0.signum <= 0 }) {
        throw VerificationError.nonPositiveScale(index: bad, value: d[bad].description)
    }
}
