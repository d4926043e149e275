/// Which index of a weight matrix in a file is the postsynaptic neuron.
///
/// The package's model is always `post_pre`: row i of J holds the synapses into neuron i (J_ij from j
/// to i), W_in is N x M and W_out is K x N, as in tau dx/dt = -x + J phi(x) + W_in u + b. Code written
/// with row vectors (`x @ W`, the authors' TensorFlow code, many numpy scripts) stores the transposes:
/// W_rec[pre, post], W_in M x N, W_out N x K; that is `pre_post`. A transposed J is a different network
/// with the same spectrum, so reading a file in the wrong orientation is a silent wrong answer: files
/// should state it (JSON `"orientation"`, `.npz` member `orientation`), and `sbal` says which it assumed
/// when a file does not.
public enum NetworkOrientation: String, Sendable, Equatable, CaseIterable {
    /// J[i][j] is the synapse from j into i; W_in is N x M, W_out is K x N (the package's model).
    case postPre = "post_pre"
    /// W[j][i] is the synapse from j into i (the `x @ W` convention); W_in is M x N, W_out is N x K.
    case prePost = "pre_post"

    /// The orientation assumed when a file states none and no option overrides it.
    public static let assumed = NetworkOrientation.postPre

    /// Where the orientation used to read a file came from.
    public enum Source: String, Sendable, Equatable {
        /// The file's own `orientation` field or member.
        case file
        /// An explicit override (`--orientation`).
        case option
        /// Neither: `NetworkOrientation.assumed`.
        case assumed
    }

    /// What the orientation means and where it came from, for a command's output, e.g.
    /// `post_pre (assumed: the file states none; row i of J = synapses into neuron i; ...)`.
    public func describe(source: Source) -> String {
        let meaning = self == .postPre ? "row i of J = synapses into neuron i" : "row j of J = synapses out of neuron j (x @ W)"
        switch source {
        case .file: return "\(rawValue) (stated by the file; \(meaning))"
        case .option: return "\(rawValue) (--orientation; \(meaning))"
        case .assumed: return "\(rawValue) (assumed: the file states none; \(meaning); --orientation pre_post reads W[pre, post])"
        }
    }
}
