import Rationals

/// Check 1, input-output invariance of the task-preserving transform, on one exact trial.
///
/// Runs the exact Euler trajectory x_{t+1} = x_t + (dt/tau)(-x_t + J phi(x_t) + W_in u_t + b) of the
/// network from x_0 and of its transform (D^-1 J D, D^-1 W_in, D^-1 b, W_out D, or a claimed transformed
/// network) from x~_0 = D^-1 x_0, and requires, at every step t = 0 ... T,
///   y~_t == y_t           (outputs y_t = W_out phi(x_t), exactly), and
///   x~_t == D^-1 x_t      (hidden states, exactly).
/// Since phi(D x) = D phi(x) for positively homogeneous phi and d > 0, the Euler step commutes with D,
/// so both hold for the computed transform; a network off the orbit fails at the first differing step.
/// A claimed transformed network is first compared entrywise with the computed transform
/// (J~ = D^-1 J D, W_in~ = D^-1 W_in, W_out~ = W_out D, b~ = D^-1 b, same dt/tau and phi): the trial
/// alone would miss a changed W_out entry or a synapse out of a neuron that never fires on it.
public struct InputOutputInvarianceCheck: Sendable, Equatable, Codable {
    /// d > 0, N entries.
    public var scales: [Rational]
    /// u_0 ... u_{T-1}, each of M entries.
    public var inputs: [[Rational]]
    /// x_0, N entries.
    public var initialState: [Rational]
    /// The network claimed to be the transform by d; nil means the computed transform.
    public var transformedNetwork: ExactNetwork?

    public init(scales: [Rational], inputs: [[Rational]], initialState: [Rational], transformedNetwork: ExactNetwork? = nil) {
        self.scales = scales
        self.inputs = inputs
        self.initialState = initialState
        self.transformedNetwork = transformedNetwork
    }

    /// Runs the check.
    /// - Throws: `nonHomogeneousNonlinearity` (refused: the claim is false in general),
    ///   `nonPositiveScale`, `shapeMismatch` (scales, trial, or a claimed network of another shape).
    public func run(on network: ExactNetwork) throws -> CheckReport {
        guard network.nonlinearity.isPositivelyHomogeneous else {
            throw VerificationError.nonHomogeneousNonlinearity(
                "\(network.nonlinearity.name): input-output invariance under x~ = D^-1 x holds only for positively homogeneous units")
        }
        try network.validateScales(scales)
        try network.validateTrial(inputs: inputs, initialState: initialState)
        let other = try transformedNetwork ?? network.transformed(byScales: scales)
        guard other.neuronCount == network.neuronCount, other.inputCount == network.inputCount,
              other.outputCount == network.outputCount else {
            throw VerificationError.shapeMismatch(
                "transformed network has N = \(other.neuronCount), M = \(other.inputCount), K = \(other.outputCount); expected N = \(network.neuronCount), M = \(network.inputCount), K = \(network.outputCount)")
        }
        guard other.nonlinearity.isPositivelyHomogeneous else {
            throw VerificationError.nonHomogeneousNonlinearity("transformed network uses \(other.nonlinearity.name)")
        }
        var failure: CheckFailure?
        if transformedNetwork != nil {
            failure = Self.firstEntrywiseDifference(claimed: other, computed: try network.transformed(byScales: scales))
        }
        let scaledInitial = zip(initialState, scales).map { $0 / $1 }
        let original = try network.simulate(inputs: inputs, initialState: initialState)
        let transformed = try other.simulate(inputs: inputs, initialState: scaledInitial)

        search: for t in 0..<original.states.count where failure == nil {
            for (k, (y, yTilde)) in zip(original.outputs[t], transformed.outputs[t]).enumerated() where y != yTilde {
                failure = CheckFailure(invariant: "output y[\(k)] at step \(t)", step: t, expected: y.description, actual: yTilde.description)
                break search
            }
            for i in 0..<network.neuronCount {
                let expected = original.states[t][i] / scales[i]
                if expected != transformed.states[t][i] {
                    failure = CheckFailure(invariant: "state x~[\(i)] = x[\(i)] / d[\(i)] at step \(t)", step: t,
                                           expected: expected.description, actual: transformed.states[t][i].description)
                    break search
                }
            }
        }
        let steps = inputs.count
        let bits = maximumBitSize(original.states.joined())
        let verdict: Verdict = failure == nil ? .verified : .failed
        let summary = failure.map { "not invariant: \($0.invariant) differs" }
            ?? "outputs equal and x~ = D^-1 x exactly at all \(steps + 1) states (t = 0 ... \(steps))"
        // The slope is an input of the trajectory even when no state on the trial is negative.
        var slope: [ReportValue] = []
        if case let .leakyReLU(value) = network.nonlinearity { slope.append(ReportValue(name: "leaky ReLU slope", rational: value)) }
        return CheckReport(
            check: .inputOutputInvariance, summary: summary,
            inputs: slope + [
                ReportValue(name: "neurons N", integer: network.neuronCount),
                ReportValue(name: "inputs M", integer: network.inputCount),
                ReportValue(name: "outputs K", integer: network.outputCount),
                ReportValue(name: "steps T", integer: steps),
                ReportValue(name: "nonlinearity", text: network.nonlinearity.name),
                ReportValue(name: "dt/tau", rational: network.timeStepOverTimeConstant),
                ReportValue(name: "scales d", rationals: scales),
                ReportValue(name: "transformed network", text: transformedNetwork == nil ? "computed: D^-1 J D, D^-1 W_in, D^-1 b, W_out D" : "given (claimed transform)"),
            ],
            values: [
                ReportValue(name: "states compared", integer: original.states.count),
                ReportValue(name: "final output y_T", rationals: original.outputs[steps]),
                ReportValue(name: "final transformed output y~_T", rationals: transformed.outputs[steps]),
                ReportValue(name: "final state x_T", rationals: original.states[steps]),
                ReportValue(name: "largest state entry size (bits)", integer: bits),
            ],
            verdict: verdict, failure: failure)
    }

    /// The first entry where a claimed transform differs from D^-1 J D, D^-1 W_in, W_out D, D^-1 b
    /// (then dt/tau and phi), or nil when they are equal.
    static func firstEntrywiseDifference(claimed: ExactNetwork, computed: ExactNetwork) -> CheckFailure? {
        let matrices: [(String, String, Matrix<Rational>, Matrix<Rational>)] = [
            ("J", "D^-1 J D", claimed.recurrentWeights, computed.recurrentWeights),
            ("W_in", "D^-1 W_in", claimed.inputWeights, computed.inputWeights),
            ("W_out", "W_out D", claimed.outputWeights, computed.outputWeights),
        ]
        for (name, formula, a, b) in matrices {
            if let bad = a.elements.indices.first(where: { a.elements[$0] != b.elements[$0] }) {
                return CheckFailure(invariant: "transformed \(name)\(entryName(bad, columns: a.columns)) = (\(formula))\(entryName(bad, columns: a.columns))",
                                    expected: b.elements[bad].description, actual: a.elements[bad].description)
            }
        }
        if let i = claimed.bias.indices.first(where: { claimed.bias[$0] != computed.bias[$0] }) {
            return CheckFailure(invariant: "transformed b[\(i)] = (D^-1 b)[\(i)]", expected: computed.bias[i].description, actual: claimed.bias[i].description)
        }
        if claimed.timeStepOverTimeConstant != computed.timeStepOverTimeConstant {
            return CheckFailure(invariant: "transformed dt/tau = dt/tau", expected: computed.timeStepOverTimeConstant.description,
                                actual: claimed.timeStepOverTimeConstant.description)
        }
        if claimed.nonlinearity != computed.nonlinearity {
            return CheckFailure(invariant: "transformed nonlinearity = nonlinearity", expected: computed.nonlinearity.name, actual: claimed.nonlinearity.name)
        }
        if claimed.readout != computed.readout {
            return CheckFailure(invariant: "transformed readout = readout", expected: computed.readout.rawValue, actual: claimed.readout.rawValue)
        }
        return nil
    }
}
