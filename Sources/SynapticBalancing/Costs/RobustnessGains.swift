/// The gains r_j of the robustness cost (docs/math.md "Cost and local rule"), estimated over many
/// trials: the mean of phi'(x_j) over every step of every simulated trial, pooled.
///
/// A neuron whose gain is 0 in every trial (silent: a ReLU unit that never turns on) gets
/// alpha_ij = r_j = 0 on all its outgoing synapses, so the robustness cost sets those synapses aside
/// (and, when they leave the cost graph reducible, their log-scale offsets are free:
/// docs/reducible-networks.md). `silentNeurons` and `setAsideShare` say how much of the network that is.
public struct RobustnessGains: Sendable, Equatable {
    /// r_j >= 0 for every neuron j.
    public var gains: [Double]
    /// The neurons with r_j = 0, in increasing order.
    public var silentNeurons: [Int]
    /// sum over i != j, j silent, of |J_ij|^2, divided by the same sum over all i != j (0 when J has
    /// no off-diagonal synapse): the share of the Frobenius cost on synapses out of silent neurons.
    /// The diagonal is left out because the transform never changes it.
    public var setAsideShare: Double
    /// The number of simulated trials pooled: the given trials times the repetitions.
    public var simulatedTrials: Int
    /// The time steps of each trial.
    public var steps: Int

    /// Simulates every trial `repetitions` times and pools the gains of the states after each step.
    /// - Parameters:
    ///   - network: the network whose gains are estimated.
    ///   - trials: the inputs of each trial (trials x T x M); all trials have the same length T > 0.
    ///   - initialState: x_0 of every trial.
    ///   - repetitions: how often each trial is simulated (> 0); with `noise` = 0 the repetitions are identical.
    ///   - noise: the standard deviation sigma of the state noise during the gain runs (>= 0).
    ///   - seed: run k (trial k mod trials.count, repetition k / trials.count) uses seed + k.
    /// - Throws: `BalancingError.invalidParameter` for no trials, trials of different or zero length,
    ///   `repetitions` <= 0 or a negative or non-finite noise; the simulation's errors otherwise.
    public init(network: RecurrentNetwork, trials: [[[Double]]], initialState: [Double], repetitions: Int = 1,
                noise: Double = 0, seed: UInt64 = 1) throws {
        guard let steps = trials.first?.count, steps > 0 else {
            throw BalancingError.invalidParameter("the robustness gains need at least one trial with at least one time step")
        }
        if let k = trials.firstIndex(where: { $0.count != steps }) {
            throw BalancingError.invalidParameter("trial \(k) has \(trials[k].count) steps, trial 0 has \(steps): every trial needs the same length")
        }
        guard repetitions > 0 else { throw BalancingError.invalidParameter("repetitions must be > 0, got \(repetitions)") }
        guard noise.isFinite, noise >= 0 else { throw BalancingError.invalidParameter("the gain noise must be finite and >= 0, got \(noise)") }
        let runs = (0..<repetitions).flatMap { _ in trials }
        let r = try network.meanGains(inputs: runs, initialStates: Array(repeating: initialState, count: runs.count),
                                      noise: noise > 0 ? NoiseModel(standardDeviation: noise, seed: seed) : nil)
        let silentList = r.indices.filter { r[$0] == 0 }
        let j = network.recurrentWeights, n = j.rows
        var total = 0.0, setAside = 0.0
        let silent = Set(silentList)
        for row in 0..<n {
            for column in 0..<n where column != row {
                let c = j[row, column] * j[row, column]
                total += c
                if silent.contains(column) { setAside += c }
            }
        }
        gains = r
        silentNeurons = silentList
        setAsideShare = total > 0 ? setAside / total : 0
        simulatedTrials = runs.count
        self.steps = steps
    }
}
