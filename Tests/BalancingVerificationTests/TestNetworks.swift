import BalancingVerification
import Rationals
import TestSupport

enum TestNetworks {
    /// A dyadic rational k / 2^shift with k in -range...range.
    static func dyadic(_ rng: inout SplitMix64, range: Int = 8, shift: Int = 2) -> Rational {
        Rational(Int.random(in: -range...range, using: &rng)).multipliedByPowerOfTwo(-shift)
    }

    /// A positive dyadic scale in {1/4, 1/2, 1, 2, 4, 3/2, 3/4}.
    static func scale(_ rng: inout SplitMix64) -> Rational {
        [Rational(1, 4), Rational(1, 2), Rational(1), Rational(2), Rational(4), Rational(3, 2), Rational(3, 4)]
            .randomElement(using: &rng)!
    }

    /// A random square matrix with dyadic entries; each entry nonzero with probability `density`.
    static func weights(_ n: Int, density: Double = 0.6, seed: UInt64) -> Matrix<Rational> {
        var rng = SplitMix64(seed: seed)
        var m = Matrix(rows: n, columns: n, repeating: Rational(0))
        for i in 0..<n {
            for j in 0..<n where Double.random(in: 0..<1, using: &rng) < density {
                var value = dyadic(&rng)
                if value.isZero { value = Rational(1, 4) }
                m[i, j] = value
            }
        }
        return m
    }

    /// A random network with M inputs and K outputs and the given nonlinearity.
    static func network(_ n: Int, inputs m: Int = 2, outputs k: Int = 2, density: Double = 0.6,
                        nonlinearity: ExactNonlinearity = .relu, seed: UInt64) throws -> ExactNetwork {
        var rng = SplitMix64(seed: seed &+ 1)
        func matrix(_ r: Int, _ c: Int) -> Matrix<Rational> {
            Matrix(rows: r, columns: c, uncheckedElements: (0..<(r * c)).map { _ in dyadic(&rng) })
        }
        return try ExactNetwork(
            recurrentWeights: weights(n, density: density, seed: seed), inputWeights: matrix(n, m),
            outputWeights: matrix(k, n), bias: (0..<n).map { _ in dyadic(&rng) },
            timeStepOverTimeConstant: Rational(1, 8), nonlinearity: nonlinearity)
    }

    static func scales(_ n: Int, seed: UInt64) -> [Rational] {
        var rng = SplitMix64(seed: seed &+ 2)
        return (0..<n).map { _ in scale(&rng) }
    }

    /// T input rows of M dyadic entries and an initial state of N entries.
    static func trial(steps: Int, inputs m: Int, neurons n: Int, seed: UInt64) -> (inputs: [[Rational]], initialState: [Rational]) {
        var rng = SplitMix64(seed: seed &+ 3)
        let u = (0..<steps).map { _ in (0..<m).map { _ in dyadic(&rng) } }
        let x0 = (0..<n).map { _ in dyadic(&rng) }
        return (u, x0)
    }

    /// A ring of n neurons (i <- i - 1) with the given weights (default 1).
    static func ring(_ n: Int, weight: Rational = 1) -> Matrix<Rational> {
        var m = Matrix(rows: n, columns: n, repeating: Rational(0))
        for i in 0..<n { m[i, (i + n - 1) % n] = weight }
        return m
    }

    /// Two neurons with J[0,1] = a (1 -> 0) and J[1,0] = b (0 -> 1).
    static func reciprocalPair(_ a: Rational, _ b: Rational) -> Matrix<Rational> {
        Matrix(rows: 2, columns: 2, uncheckedElements: [0, a, b, 0])
    }

    static let frobenius = try! ExactCostModel(exponent: 2)
}
