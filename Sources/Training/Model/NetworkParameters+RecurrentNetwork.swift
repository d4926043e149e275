import SynapticBalancing

extension NetworkParameters {
    /// The weights of a package network (its readout formula is not used: training reads out y = W_out x).
    /// - Throws: never for a valid `RecurrentNetwork` (its shapes and values are already checked).
    public init(_ network: RecurrentNetwork) throws {
        try self.init(neuronCount: network.neuronCount, inputCount: network.inputCount, outputCount: network.outputCount,
                      recurrent: network.recurrentWeights.elements, input: network.inputWeights.elements,
                      output: network.outputWeights.elements, bias: network.bias)
    }

    /// The same network as a package `RecurrentNetwork` (for files and for balancing), with this model's
    /// state readout y = W_out x, so that `sbal simulate` on a trained file computes what was trained.
    /// - Parameter model: supplies tau, dt (one Euler substep) and phi.
    public func recurrentNetwork(model: StateReadoutModel) throws -> RecurrentNetwork {
        try RecurrentNetwork(
            recurrentWeights: try DenseMatrix(rows: neuronCount, columns: neuronCount, elements: recurrent),
            inputWeights: try DenseMatrix(rows: neuronCount, columns: inputCount, elements: input),
            outputWeights: try DenseMatrix(rows: outputCount, columns: neuronCount, elements: output),
            bias: bias, timeConstant: model.timeConstant, timeStep: model.timeStep, nonlinearity: model.nonlinearity,
            readout: .state)
    }
}
