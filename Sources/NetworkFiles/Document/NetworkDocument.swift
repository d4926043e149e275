import Rationals
import SynapticBalancing

/// A network as read from a file, before it becomes a float `RecurrentNetwork` or an exact
/// `ExactNetwork`: the weights, the unit model and, optionally, a cost and one trial.
///
/// Shapes: `J` is N x N (row i = synapses into neuron i), `W_in` N x M, `W_out` K x N, `b` N x 1,
/// `inputs` T x M, `initial_state` N x 1. The initialiser checks all of them.
public struct NetworkDocument: Sendable, Equatable {
    /// The unit nonlinearity, with an exact slope for leaky ReLU.
    public enum NonlinearityKind: String, Sendable, Equatable, CaseIterable {
        case relu
        case leakyReLU = "leaky_relu"
        case linear
        case tanh
    }

    /// Which synaptic weights alpha_ij the cost c_ij = alpha_ij |J_ij|^p uses.
    public enum CostWeights: Sendable, Equatable {
        /// alpha_ij = 1.
        case uniform
        /// alpha_ij = a for every synapse.
        case scalar(Rational)
        /// alpha_ij = r_j (per presynaptic neuron), a vector of length N.
        case presynaptic(NumberMatrix)
        /// A full N x N matrix alpha.
        case full(NumberMatrix)
    }

    /// The cost to balance, if the file names one.
    public struct Cost: Sendable, Equatable {
        public var exponent: Rational
        public var weights: CostWeights
        public init(exponent: Rational, weights: CostWeights) {
            self.exponent = exponent
            self.weights = weights
        }
    }

    public var nonlinearity: NonlinearityKind
    /// Slope of leaky ReLU for negative inputs (nil for the other kinds).
    public var slope: Rational?
    /// tau > 0.
    public var timeConstant: Rational
    /// dt > 0.
    public var timeStep: Rational
    public var recurrentWeights: NumberMatrix
    public var inputWeights: NumberMatrix
    public var outputWeights: NumberMatrix
    public var bias: NumberMatrix
    public var cost: Cost?
    /// Inputs u_t of the trials, stacked: trial k, step t is row k T + t of this (trials * T) x M
    /// matrix (a 2-d file array is one trial, a 3-d one (trials, T, M) is `trialCount` trials).
    public var inputs: NumberMatrix?
    /// Targets y*_t of the trials, stacked like `inputs`: (trials * T) x K. Row k T + t is compared with
    /// the output after step t + 1 of trial k (the outputs y_1 ... y_T of docs/math.md "Model").
    public var targets: NumberMatrix?
    /// The number of trials stacked in `inputs` and `targets` (1 for a 2-d array or none).
    public var trialCount: Int = 1
    /// Initial state x_0 of every trial (N x 1), if given.
    public var initialState: NumberMatrix?
    /// Free text carried along (the file's "description").
    public var description: String?
    /// y = W_out phi(x) (`rate`, the default) or y = W_out x (`state`): JSON "readout", `.npz` member
    /// `readout`.
    public var readout: Readout = .rate
    /// The orientation the file was read in and is written back in; the matrices above are always
    /// stored post_pre (row i of J = synapses into neuron i).
    public var orientation: NetworkOrientation = .assumed
    /// Where `orientation` came from: the file, an override, or the default assumption.
    public var orientationSource: NetworkOrientation.Source = .assumed
    /// Set when the file is a PyTorch nn.RNN state_dict: the names it is written back under.
    public var torchRNN: TorchRNNStateDict?

    /// Equal networks in the same file layout; where the orientation came from (`orientationSource`)
    /// is provenance, not content, and is not compared.
    public static func == (a: NetworkDocument, b: NetworkDocument) -> Bool {
        a.nonlinearity == b.nonlinearity && a.slope == b.slope && a.timeConstant == b.timeConstant && a.timeStep == b.timeStep
            && a.recurrentWeights == b.recurrentWeights && a.inputWeights == b.inputWeights && a.outputWeights == b.outputWeights
            && a.bias == b.bias && a.cost == b.cost && a.inputs == b.inputs && a.initialState == b.initialState
            && a.targets == b.targets && a.trialCount == b.trialCount && a.torchRNN == b.torchRNN
            && a.description == b.description && a.orientation == b.orientation && a.readout == b.readout
    }

    /// The orientation to read a file in: an override wins over what the file states, which wins over
    /// `NetworkOrientation.assumed`.
    static func resolveOrientation(stated: NetworkOrientation?, override: NetworkOrientation?) -> (NetworkOrientation, NetworkOrientation.Source) {
        if let override { return (override, .option) }
        if let stated { return (stated, .file) }
        return (.assumed, .assumed)
    }

    /// A matrix of the file in the model's post_pre layout (a 2-d pre_post matrix is transposed).
    static func postPre(_ m: NumberMatrix?, from orientation: NetworkOrientation) -> NumberMatrix? {
        guard let m, orientation == .prePost else { return m }
        return m.transposed()
    }

    /// A shape error of a pre_post file says that it speaks of the transposed (post_pre) matrices.
    static func inFileTerms(_ error: Error, orientation: NetworkOrientation) -> Error {
        guard orientation == .prePost, case let NetworkFileError.shapeMismatch(message) = error else { return error }
        return NetworkFileError.shapeMismatch(message + " (rows and columns of the model's post_pre layout: this pre_post file's J, W_in and W_out are read transposed; in the file W_in is M x N and W_out N x K)")
    }

    /// A stored (post_pre) matrix as the file writes it in `orientation`.
    func inFileLayout(_ m: NumberMatrix) -> NumberMatrix {
        orientation == .prePost ? m.transposed() : m
    }

    /// Builds a document and checks every shape and value; errors name the field.
    public init(nonlinearity: NonlinearityKind, slope: Rational? = nil, timeConstant: Rational, timeStep: Rational,
                recurrentWeights: NumberMatrix, inputWeights: NumberMatrix? = nil, outputWeights: NumberMatrix? = nil,
                bias: NumberMatrix? = nil, cost: Cost? = nil, inputs: NumberMatrix? = nil, initialState: NumberMatrix? = nil,
                targets: NumberMatrix? = nil, trialCount: Int = 1, description: String? = nil) throws {
        let n = recurrentWeights.rows
        self.nonlinearity = nonlinearity
        self.slope = slope
        self.timeConstant = timeConstant
        self.timeStep = timeStep
        self.recurrentWeights = recurrentWeights
        self.inputWeights = inputWeights ?? NumberMatrix(rows: n, columns: 0, exact: [])
        self.outputWeights = outputWeights ?? NumberMatrix(rows: 0, columns: n, exact: [])
        self.bias = bias ?? NumberMatrix(rows: n, columns: 1, exact: Array(repeating: Rational(0), count: n))
        self.cost = cost
        self.inputs = inputs
        self.initialState = initialState
        self.targets = targets
        self.trialCount = trialCount
        self.description = description
        try validate()
    }

    /// Number of neurons N.
    public var neuronCount: Int { recurrentWeights.rows }
    /// Number of inputs M.
    public var inputCount: Int { inputWeights.columns }
    /// Number of outputs K.
    public var outputCount: Int { outputWeights.rows }

    /// Checks shapes and values; called by the initialiser and by the readers.
    public func validate() throws {
        let n = recurrentWeights.rows
        guard n > 0 else { throw NetworkFileError.invalidField(field: "J", message: "the network has no neurons (J is empty)") }
        guard recurrentWeights.columns == n else {
            throw NetworkFileError.shapeMismatch("J has \(n) rows and \(recurrentWeights.columns) columns, expected a square matrix")
        }
        guard inputWeights.rows == n else {
            throw NetworkFileError.shapeMismatch("W_in has \(inputWeights.rows) rows, expected \(n) (neurons)")
        }
        guard outputWeights.columns == n else {
            throw NetworkFileError.shapeMismatch("W_out has \(outputWeights.columns) columns, expected \(n) (neurons)")
        }
        guard bias.rows == n, bias.columns == 1 else {
            throw NetworkFileError.shapeMismatch("b has \(bias.count) entries, expected \(n) (neurons)")
        }
        guard timeConstant.signum > 0 else { throw NetworkFileError.invalidField(field: "tau", message: "must be positive, got \(messageText(timeConstant))") }
        guard timeStep.signum > 0 else { throw NetworkFileError.invalidField(field: "dt", message: "must be positive, got \(messageText(timeStep))") }
        switch nonlinearity {
        case .leakyReLU:
            guard slope != nil else { throw NetworkFileError.invalidField(field: "nonlinearity.slope", message: "leaky_relu needs a slope") }
        default:
            guard slope == nil else { throw NetworkFileError.invalidField(field: "nonlinearity.slope", message: "only leaky_relu has a slope, not \(nonlinearity.rawValue)") }
        }
        for (matrix, name) in [(recurrentWeights, "J"), (inputWeights, "W_in"), (outputWeights, "W_out")] {
            try matrix.requireFinite(field: name, asVector: false)
        }
        try bias.requireFinite(field: "b", asVector: true)
        if let cost {
            guard cost.exponent.signum > 0 else { throw NetworkFileError.invalidField(field: "cost.p", message: "must be positive, got \(messageText(cost.exponent))") }
            switch cost.weights {
            case .uniform: break
            case let .scalar(a):
                guard a.signum >= 0 else { throw NetworkFileError.invalidField(field: "cost.alpha", message: "must be non-negative, got \(messageText(a))") }
            case let .presynaptic(r):
                guard r.count == n else { throw NetworkFileError.shapeMismatch("cost.alpha has \(r.count) entries, expected \(n) (neurons) or an \(n) x \(n) matrix") }
                try NetworkDocument.requireNonNegative(r, field: "cost.alpha")
            case let .full(a):
                guard a.rows == n, a.columns == n else { throw NetworkFileError.shapeMismatch("cost.alpha is \(a.rows) x \(a.columns), expected \(n) x \(n)") }
                try NetworkDocument.requireNonNegative(a, field: "cost.alpha")
            }
        }
        if let inputs {
            guard inputs.columns == inputCount || (inputs.rows == 0) else {
                throw NetworkFileError.shapeMismatch("inputs has \(inputs.columns) columns, expected \(inputCount) (inputs of W_in)")
            }
            try inputs.requireFinite(field: "inputs", asVector: false)
        }
        guard trialCount >= 1 else { throw NetworkFileError.invalidField(field: "inputs", message: "a 3-d inputs array needs at least one trial") }
        if let inputs, inputs.rows % trialCount != 0 {
            throw NetworkFileError.shapeMismatch("inputs has \(inputs.rows) rows for \(trialCount) trials: expected trials x T rows")
        }
        if let targets {
            guard targets.columns == outputCount || targets.rows == 0 else {
                throw NetworkFileError.shapeMismatch("targets has \(targets.columns) outputs per step, expected \(outputCount) (outputs of W_out)")
            }
            if let inputs, inputs.rows > 0 {
                guard targets.rows == inputs.rows else {
                    throw NetworkFileError.shapeMismatch("targets has \(stepsText(targets.rows)), inputs has \(stepsText(inputs.rows)): expected one target per input step")
                }
            } else {
                guard targets.rows % trialCount == 0 else {
                    throw NetworkFileError.shapeMismatch("targets has \(targets.rows) rows for \(trialCount) trials: expected trials x T rows")
                }
            }
            try targets.requireFinite(field: "targets", asVector: false)
        }
        if let initialState {
            guard initialState.count == n else {
                throw NetworkFileError.shapeMismatch("initial_state has \(initialState.count) entries, expected \(n) (neurons)")
            }
            try initialState.requireFinite(field: "initial_state")
        }
    }

    /// "5 trials x 40 steps" (or "40 steps" for one trial), for shape messages.
    func stepsText(_ rows: Int) -> String {
        trialCount == 1 ? "\(rows) steps" : "\(trialCount) trials x \(rows / trialCount) steps"
    }

    /// The number of time steps T of each trial (0 without inputs and targets).
    public var trialSteps: Int { max(inputs?.rows ?? 0, targets?.rows ?? 0) / trialCount }

    static func requireNonNegative(_ m: NumberMatrix, field: String) throws {
        try m.requireFinite(field: field)
        switch m.storage {
        case let .double(v):
            if let k = v.firstIndex(where: { $0 < 0 }) {
                throw NetworkFileError.invalidField(field: m.position(field: field, flatIndex: k), message: "must be non-negative, got \(v[k])")
            }
        case let .exact(v):
            if let k = v.firstIndex(where: { $0.signum < 0 }) {
                throw NetworkFileError.invalidField(field: m.position(field: field, flatIndex: k), message: "must be non-negative, got \(messageText(v[k]))")
            }
        }
    }
}
