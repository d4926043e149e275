import BalancingVerification
import Rationals

extension GeneratedNetwork {
    /// Smaller networks to try when a property fails, most shrunk first: drop a neuron, drop a synapse,
    /// simplify a weight (to +-1, to the nearest integer, to half an integer), then simplify the cost
    /// (p -> 1 or p - 1, alpha -> uniform), phi (-> linear, leaky -> relu), the inputs, outputs, bias and
    /// trial. Every candidate is a valid network (weights stay nonzero, alpha positive) and is strictly
    /// smaller in the lexicographic order (N, synapse count, weight complexity, other complexity), so
    /// shrinking terminates and never returns the value itself.
    public func shrinkCandidates() -> [GeneratedNetwork] {
        var out: [GeneratedNetwork] = []
        if neuronCount > 1 { for k in 0..<neuronCount { out.append(removingNeuron(k)) } }
        for index in synapses.indices {
            var copy = self
            copy.synapses.remove(at: index)
            out.append(copy)
        }
        for index in synapses.indices {
            for simpler in Self.simplerWeights(than: synapses[index].weight) {
                var copy = self
                copy.synapses[index].weight = simpler
                out.append(copy)
            }
        }
        func variant(_ change: (inout GeneratedNetwork) -> Void) {
            var copy = self
            change(&copy)
            if copy != self { out.append(copy) }
        }
        if exponent > 1 { variant { $0.exponent = 1 } }
        if exponent > 2 { variant { $0.exponent -= 1 } }
        if weighting != .uniform { variant { $0.weighting = .uniform } }
        if nonlinearity != .linear { variant { $0.nonlinearity = .linear } }
        if case .leakyReLU = nonlinearity { variant { $0.nonlinearity = .relu } }
        if readout != .rate { variant { $0.readout = .rate } }
        if inputCount > 0 {
            variant {
                $0.inputCount = 0
                $0.inputWeights = []
                $0.trialInputs = $0.trialInputs.map { _ in [] }
            }
        }
        if outputCount > 1 {
            variant {
                $0.outputWeights = Array($0.outputWeights[0..<$0.neuronCount])
                $0.outputCount = 1
            }
        }
        variant { $0.bias = $0.bias.map { _ in 0 } }
        variant { $0.outputWeights = $0.outputWeights.map { _ in 1 } }
        variant { $0.initialState = $0.initialState.map { _ in 1 } }
        return out
    }

    /// Nonzero weights of smaller complexity (bit lengths of numerator plus denominator) than w.
    static func simplerWeights(than w: Rational) -> [Rational] {
        let sign = Rational(w.signum)
        var out: [Rational] = []
        if w.magnitude != 1 { out.append(sign) }
        if !w.isInteger {
            // round half away from zero; |round(a/b)| <= |a| for b >= 2, and the denominator drops to 1
            let rounded = Rational((w.magnitude + Rational(1, 2)).floor()) * sign
            if !rounded.isZero && rounded.magnitude != 1 { out.append(rounded) }
        } else if w.magnitude > 2 {
            let half = Rational(w.magnitude.multipliedByPowerOfTwo(-1).floor()) * sign
            out.append(half)
        }
        return out
    }

    /// The network without neuron k (its synapses, alpha row/column, W_in row, W_out column, b, x_0 entry).
    public func removingNeuron(_ k: Int) -> GeneratedNetwork {
        precondition(neuronCount > 1 && (0..<neuronCount).contains(k))
        let n = neuronCount
        var copy = self
        copy.neuronCount = n - 1
        copy.synapses = synapses.compactMap { s in
            guard s.post != k && s.pre != k else { return nil }
            return GeneratedSynapse(post: s.post > k ? s.post - 1 : s.post, pre: s.pre > k ? s.pre - 1 : s.pre, weight: s.weight)
        }
        switch weighting {
        case .uniform: break
        case var .presynaptic(a):
            a.remove(at: k)
            copy.weighting = .presynaptic(a)
        case let .full(a):
            var kept: [Rational] = []
            for i in 0..<n where i != k { for j in 0..<n where j != k { kept.append(a[i * n + j]) } }
            copy.weighting = .full(kept)
        }
        copy.inputWeights = (0..<n).filter { $0 != k }.flatMap { i in inputWeights[(i * inputCount)..<((i + 1) * inputCount)] }
        copy.outputWeights = (0..<outputCount).flatMap { r in (0..<n).filter { $0 != k }.map { outputWeights[r * n + $0] } }
        copy.bias.remove(at: k)
        copy.initialState.remove(at: k)
        return copy
    }
}
