extension RecurrentNetwork {
    /// Euler simulation of one trial (docs/math.md "Model"):
    /// x_{t+1} = x_t + (dt/tau)(-x_t + J phi(x_t) + W_in u_t + b) + sqrt(dt) sigma xi_t (for dt = tau the
    /// discrete-time update x_{t+1} = J phi(x_t) + W_in u_t + b + sqrt(dt) sigma xi_t of Elman networks and
    /// nn.RNN, computed without the x_t - x_t cancellation; dt = tau = 1 for a PyTorch state_dict),
    /// y_{t+1} = W_out phi(x_{t+1}) (or W_out x_{t+1} for the state readout), for t = 0 ... T-1 with T = inputs.count. `inputs` is T x M
    /// (for M = 0 pass T empty rows). Noise xi_t ~ N(0, I) comes from a seeded generator, so the same
    /// seed gives the same trajectory.
    public func simulate(inputs: [[Double]], initialState: [Double], noise: NoiseModel? = nil) throws -> Trajectory {
        let n = neuronCount, m = inputCount
        guard initialState.count == n else {
            throw BalancingError.shapeMismatch("initialState has \(initialState.count) entries, expected \(n) (neurons)")
        }
        if let i = initialState.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "initialState", index: i) }
        for (t, u) in inputs.enumerated() {
            guard u.count == m else {
                throw BalancingError.shapeMismatch("inputs[\(t)] has \(u.count) entries, expected \(m) (inputs)")
            }
            if let c = u.firstIndex(where: { !$0.isFinite }) { throw BalancingError.nonFinite(field: "inputs", index: t * m + c) }
        }
        var sigma = 0.0
        var sampler: NormalSampler?
        if let noise {
            guard noise.standardDeviation.isFinite, noise.standardDeviation >= 0 else {
                throw BalancingError.invalidParameter("noise standardDeviation must be finite and >= 0, got \(noise.standardDeviation)")
            }
            sigma = noise.standardDeviation
            if sigma > 0 { sampler = NormalSampler(seed: noise.seed) }
        }
        let rate = timeStep / timeConstant
        // dt = tau is discrete time (Elman, PyTorch nn.RNN): x_{t+1} = J phi(x_t) + W_in u_t + b, computed as such.
        let discrete = timeStep == timeConstant
        let noiseScale = timeStep.squareRoot() * sigma
        let phi = nonlinearity
        var states: [[Double]] = [initialState]
        var outputs: [[Double]] = []
        states.reserveCapacity(inputs.count + 1)
        outputs.reserveCapacity(inputs.count)
        var x = initialState
        var r = [Double](repeating: 0, count: n)
        var next = [Double](repeating: 0, count: n)
        for u in inputs {
            for j in 0..<n { r[j] = phi(x[j]) }
            recurrentWeights.elements.withUnsafeBufferPointer { jw in
                inputWeights.elements.withUnsafeBufferPointer { win in
                    for i in 0..<n {
                        var drive = bias[i]
                        let rowJ = i * n
                        for j in 0..<n { drive += jw[rowJ + j] * r[j] }
                        let rowIn = i * m
                        for c in 0..<m { drive += win[rowIn + c] * u[c] }
                        next[i] = discrete ? drive : x[i] + rate * (drive - x[i])
                    }
                }
            }
            if sampler != nil {
                for i in 0..<n { next[i] += noiseScale * sampler!.next() }
            }
            swap(&x, &next)
            states.append(x)
            switch readout {
            case .rate:
                for j in 0..<n { r[j] = phi(x[j]) }
                outputs.append(outputWeights.multiplied(by: r))
            case .state:
                outputs.append(outputWeights.multiplied(by: x))
            }
        }
        return Trajectory(states: states, outputs: outputs)
    }

    /// Simulates a batch of trials: trial k uses `inputs[k]`, `initialStates[k]` and, with noise, the
    /// seed `noise.seed &+ k` (independent reproducible streams).
    public func simulateTrials(inputs: [[[Double]]], initialStates: [[Double]], noise: NoiseModel?) throws -> [Trajectory] {
        guard inputs.count == initialStates.count else {
            throw BalancingError.shapeMismatch("\(inputs.count) input sequences but \(initialStates.count) initial states (one per trial)")
        }
        return try inputs.indices.map { k in
            try simulate(inputs: inputs[k], initialState: initialStates[k],
                         noise: noise.map { NoiseModel(standardDeviation: $0.standardDeviation, seed: $0.seed &+ UInt64(k)) })
        }
    }

    /// The robustness weights r_j (docs/math.md "Cost and local rule"): the mean of the gain phi'(x_j)
    /// over the time steps t = 1 ... T of every trial (the states after each step), pooled over trials.
    /// Trial k uses seed `noise.seed &+ k` when noise is given.
    public func meanGains(inputs: [[[Double]]], initialStates: [[Double]], noise: NoiseModel?) throws -> [Double] {
        let trials = try simulateTrials(inputs: inputs, initialStates: initialStates, noise: noise)
        let n = neuronCount
        var sum = [Double](repeating: 0, count: n)
        var count = 0
        for trajectory in trials {
            for x in trajectory.states.dropFirst() {
                for j in 0..<n { sum[j] += nonlinearity.derivative(x[j]) }
                count += 1
            }
        }
        guard count > 0 else {
            throw BalancingError.invalidParameter("meanGains needs at least one trial with at least one time step")
        }
        return sum.map { $0 / Double(count) }
    }
}
