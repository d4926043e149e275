extension BalancingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .shapeMismatch(message):
            return "shape mismatch: \(message)"
        case let .nonFinite(field, index):
            return "non-finite value (NaN or infinity) in \(field) at flat index \(index)"
        case let .invalidParameter(message):
            return "invalid parameter: \(message)"
        case let .nonHomogeneousNonlinearity(message):
            return "nonlinearity is not positively homogeneous: \(message)"
        case let .unboundedOptimum(neurons, synapses):
            let shown = synapses.prefix(10).map { "\($0.pre)->\($0.post)" }.joined(separator: ", ")
            let more = synapses.count > 10 ? ", ... (\(synapses.count) in all)" : ""
            return "the cost has no finite minimiser: \(synapses.count) synapse(s) lie on no directed cycle "
                + "(pre->post: \(shown)\(more)), involving \(neurons.count) neuron(s); their cost decays to 0 as h -> infinity"
        case let .didNotConverge(message):
            return "did not converge: \(message)"
        }
    }
}
