import CGMP
import RealModule

extension Rational: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

extension Rational: SignedNumeric {
    public typealias Magnitude = Rational

    /// The exact value of any binary integer (never nil).
    public init?<T: BinaryInteger>(exactly source: T) {
        self.init(BigInteger(source))
    }
}

extension Rational: AlgebraicField {}
