/// The linear solver of a Newton step L delta = g / p.
public enum NewtonLinearSolver: Sendable, Hashable {
    /// Dense Cholesky for N <= 256, conjugate gradients above.
    case automatic
    /// Dense Cholesky of the Laplacian with one neuron pinned per connected component (O(N^3) per step).
    case cholesky
    /// Jacobi-preconditioned conjugate gradients in the mean-zero subspace (inexact Newton, O(synapses) per CG step).
    case conjugateGradient
}
