import BalancingVerification
import Foundation
import Rationals
import SynapticBalancing

/// Checks that a balanced network computes the same outputs as the original (docs/math.md
/// "Task-preserving transform"): exactly in rationals, and to a relative tolerance in Double.
public enum OutputInvarianceChecker {
    /// An exact transform by scales d (default `ExactNetwork.transformed(byScales:)`).
    public typealias ExactTransform = @Sendable (ExactNetwork, [Rational]) throws -> ExactNetwork

    /// Exact: simulates the original from x_0 and `transform(network, d)` from D^-1 x_0 in rationals and
    /// throws `PropertyViolation` unless every output is equal and every state is x~_t = D^-1 x_t
    /// (via `InputOutputInvarianceCheck`). Scales must be positive rationals.
    public static func checkExact(_ network: ExactNetwork, scales d: [Rational], inputs: [[Rational]],
                                  initialState: [Rational],
                                  transform: ExactTransform = { try $0.transformed(byScales: $1) }) throws {
        let claimed = try transform(network, d)
        let report = try InputOutputInvarianceCheck(scales: d, inputs: inputs, initialState: initialState,
                                                    transformedNetwork: claimed).run(on: network)
        if report.verdict != .verified {
            let f = report.failure
            throw PropertyViolation(
                property: "the balanced network has exactly the outputs of the original (rational simulation)",
                message: "\(report.summary); first failure: \(f?.invariant ?? "?") at step \(f?.step.map(String.init) ?? "-"): "
                    + "expected \(f?.expected ?? "?"), got \(f?.actual ?? "?")")
        }
    }

    /// Double: simulates the original from x_0 and `balanced` from e^{-h} x_0 and throws unless
    /// max_t,k |y_tk - y~_tk| <= relativeTolerance * max(max_t,k |y_tk|, max_t,k |y|_tk, smallest normal), with |y|
    /// the outputs of the magnitude run (all weights, inputs and x_0 replaced by their absolute values, phi
    /// by the identity; used when dt <= tau), the scale that rounding is relative to when outputs cancel.
    /// Returns the observed relative deviation.
    @discardableResult
    public static func checkFloat(original: RecurrentNetwork, balanced: RecurrentNetwork, logScales h: [Double],
                                  inputs: [[Double]], initialState: [Double], relativeTolerance: Double = 1e-12) throws -> Double {
        let property = "the balanced network has the outputs of the original to \(relativeTolerance) relative to the magnitude of their terms (Double simulation)"
        let a = try original.simulate(inputs: inputs, initialState: initialState)
        let scaled = zip(initialState, h).map { $0 * Foundation.exp(-$1) }
        let b = try balanced.simulate(inputs: inputs, initialState: scaled)
        guard a.outputs.count == b.outputs.count else {
            throw PropertyViolation(property: property, message: "\(a.outputs.count) vs \(b.outputs.count) output steps")
        }
        var scale = 0.0, deviation = 0.0
        for (ya, yb) in zip(a.outputs, b.outputs) {
            for (x, y) in zip(ya, yb) {
                guard x.isFinite, y.isFinite else {
                    throw PropertyViolation(property: property, message: "non-finite output: original \(x), balanced \(y)")
                }
                scale = max(scale, Swift.abs(x))
                deviation = max(deviation, Swift.abs(x - y))
            }
        }
        // Rounding is relative to the magnitudes of the terms, not of their sum: where the outputs cancel
        // (exactly 0 in rationals, 1e-17 in Double), scale by the magnitude run, the same Euler scheme on
        // |J|, |W_in|, |W_out|, |b|, |u|, |x0| with phi = identity (|phi(x)| <= |x| for the homogeneous phi;
        // for dt / tau <= 1 its states bound |x| at every step).
        if original.timeStep <= original.timeConstant {
            func magnitude(_ m: DenseMatrix) throws -> DenseMatrix {
                try DenseMatrix(rows: m.rows, columns: m.columns, elements: m.elements.map { Swift.abs($0) })
            }
            let absolute = try RecurrentNetwork(
                recurrentWeights: magnitude(original.recurrentWeights), inputWeights: magnitude(original.inputWeights),
                outputWeights: magnitude(original.outputWeights), bias: original.bias.map { Swift.abs($0) },
                timeConstant: original.timeConstant, timeStep: original.timeStep, nonlinearity: .linear)
            let run = try absolute.simulate(inputs: inputs.map { $0.map { Swift.abs($0) } }, initialState: initialState.map { Swift.abs($0) })
            for y in run.outputs { for v in y where v.isFinite { scale = max(scale, v) } }
        }
        let relative = deviation / max(scale, Double.leastNormalMagnitude)
        if deviation > relativeTolerance * max(scale, Double.leastNormalMagnitude) {
            throw PropertyViolation(property: property, message: """
                max |y - y~| = \(deviation), max |y| = \(scale): relative deviation \(relative) > \(relativeTolerance)
                """)
        }
        return relative
    }
}
