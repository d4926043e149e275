import ArgumentParser
import NetworkFiles

/// How the file-reading subcommands read a network: its orientation, and the input limits (each named
/// in its error, exit 2).
package struct InputFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Orientation of the file's weight matrices: post_pre (row i of J = synapses into neuron i; W_in N x M, W_out K x N) or pre_post (W[pre, post] as in x @ W; W_in M x N, W_out N x K). Overrides the file's \"orientation\"; a file that states none is read as post_pre and the first output line says so.",
        valueName: "post_pre|pre_post"))
    package var orientation: NetworkOrientation?

    @Option(name: .customLong("rnn-nonlinearity"), help: ArgumentHelp(
        "phi of a PyTorch nn.RNN state_dict, which does not store it: relu or tanh (nn.RNN's default, assumed when neither this nor a member sbal_nonlinearity says; tanh is not positively homogeneous, so balancing refuses it).",
        valueName: "relu|tanh"))
    package var rnnNonlinearity: String?

    @Option(name: .customLong("max-neurons"), help: "Refuse networks (and certificates) with more neurons than this (default 4096; 32 for verify's exact checks).")
    package var maxNeurons: Int?

    @Option(name: .customLong("max-sparse-neurons"), help: "Refuse sparse network files (edge lists, scipy.sparse) with more neurons than this (default 50000000).")
    package var maxSparseNeurons: Int = InputLimits.defaultMaxSparseNeurons

    @Option(name: .customLong("max-uncompressed-bytes"), help: "Refuse an .npz whose members inflate to more bytes than this in total, and a .json network or certificate file larger than this.")
    package var maxUncompressedBytes: Int = NumPyArchive.defaultMaxUncompressedBytes

    @Option(name: .customLong("max-trial-steps"), help: "Refuse a trial (\"inputs\") of more time steps than this, in a network or a certificate.")
    package var maxTrialSteps: Int = InputLimits.defaultMaxTrialSteps

    @Option(name: .customLong("max-claims"), help: "Refuse a certificate with more claims than this.")
    package var maxClaims: Int = InputLimits.defaultMaxClaims

    @Option(name: .customLong("max-digits"), help: "Refuse a network or certificate holding a number of more decimal digits than this (a decimal exponent counts as its magnitude: 1e-1000000 has a million).")
    package var maxDigits: Int = InputLimits.defaultMaxDigits

    package init() {}

    package func validate() throws {
        if let rnnNonlinearity, rnnNonlinearity != "relu", rnnNonlinearity != "tanh" {
            throw ValidationError("--rnn-nonlinearity must be relu or tanh (the nonlinearities of nn.RNN), got '\(rnnNonlinearity)'")
        }
        for (value, name) in [(maxNeurons ?? 1, "--max-neurons"), (maxSparseNeurons, "--max-sparse-neurons"), (maxUncompressedBytes, "--max-uncompressed-bytes"),
                              (maxTrialSteps, "--max-trial-steps"), (maxClaims, "--max-claims"), (maxDigits, "--max-digits")] where value < 1 {
            throw ValidationError("\(name) must be positive")
        }
    }

    /// The limits; `defaultNeurons` is the command's N limit when --max-neurons is not given.
    package func limits(defaultNeurons: Int = InputLimits.defaultMaxNeurons) -> InputLimits {
        var limits = InputLimits(maxNeurons: maxNeurons ?? defaultNeurons, maxUncompressedBytes: maxUncompressedBytes,
                                 maxTrialSteps: maxTrialSteps, maxClaims: maxClaims, maxDigits: maxDigits)
        limits.maxSparseNeurons = maxSparseNeurons
        return limits
    }
}

extension NetworkOrientation: ExpressibleByArgument {}
