extension GeneratedNetwork: CustomStringConvertible {
    /// One line: N, p, alpha, phi and the synapses as `pre->post=w`.
    public var description: String {
        let list = synapses.map { "\($0.pre)->\($0.post)=\($0.weight)" }.joined(separator: " ")
        return "GeneratedNetwork(N = \(neuronCount), p = \(exponent), alpha \(weighting.name), \(nonlinearity.name), \(readout.rawValue) readout, "
            + "\(topology.rawValue), synapses: [\(list)])"
    }
}
