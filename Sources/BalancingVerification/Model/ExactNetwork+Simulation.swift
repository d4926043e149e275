import Rationals
import SynapticBalancing

extension ExactNetwork {
    /// The exact Euler trajectory x_{t+1} = x_t + (dt/tau)(-x_t + J phi(x_t) + W_in u_t + b) and
    /// outputs y_t = W_out phi(x_t) (W_out x_t for the state readout), t = 0 ... T, with T = inputs.count.
    ///
    /// - Parameters:
    ///   - inputs: T rows u_0 ... u_{T-1} of M entries each (rows are empty when M = 0).
    ///   - initialState: x_0, N entries.
    /// - Throws: `shapeMismatch` naming the offending row, `nonHomogeneousNonlinearity` for a
    ///   nonlinearity that cannot be evaluated exactly.
    public func simulate(inputs: [[Rational]], initialState: [Rational]) throws -> ExactTrajectory {
        try validateTrial(inputs: inputs, initialState: initialState)
        var states = [initialState]
        var outputs: [[Rational]] = []
        states.reserveCapacity(inputs.count + 1)
        outputs.reserveCapacity(inputs.count + 1)
        var x = initialState
        for u in inputs {
            let phiX = try nonlinearity.apply(x)
            outputs.append(outputWeights * (readout == .rate ? phiX : x))
            x = eulerStep(state: x, activity: phiX, input: u)
            states.append(x)
        }
        outputs.append(outputWeights * (readout == .rate ? try nonlinearity.apply(x) : x))
        return ExactTrajectory(states: states, outputs: outputs)
    }

    /// One step x + (dt/tau)(-x + J phi(x) + W_in u + b), given phi(x).
    func eulerStep(state x: [Rational], activity phiX: [Rational], input u: [Rational]) -> [Rational] {
        let recurrent = recurrentWeights * phiX
        let external = inputCount > 0 ? inputWeights * u : Array(repeating: Rational(0), count: neuronCount)
        var next = x
        for i in 0..<neuronCount {
            let drive = recurrent[i] + external[i] + bias[i] - x[i]
            next[i] = x[i] + timeStepOverTimeConstant * drive
        }
        return next
    }

    /// Checks the trial's shapes: T rows of M inputs and an initial state of N entries.
    func validateTrial(inputs: [[Rational]], initialState: [Rational]) throws {
        guard initialState.count == neuronCount else {
            throw VerificationError.shapeMismatch("initialState has \(initialState.count) entries, expected \(neuronCount) (neurons)")
        }
        if let bad = inputs.firstIndex(where: { $0.count != inputCount }) {
            throw VerificationError.shapeMismatch("inputs row \(bad) has \(inputs[bad].count) entries, expected \(inputCount) (inputs)")
        }
    }
}
