/// The method used to reach the balance g = 0.
public enum BalancingSolver: Sendable, Hashable {
    /// Damped Newton on the convex potential C(h) (Hessian p^2 L); dense Cholesky for small N,
    /// Jacobi-preconditioned conjugate gradients for large or sparse networks.
    case newton
    /// Osborne-style exact per-neuron minimisation, neurons visited in order 0 ..< N.
    case osborneCyclic
    /// Osborne-style exact per-neuron minimisation, neurons visited in a seeded random order.
    case osborneRandomized(seed: UInt64)
    /// Integrate the flow dh/dt = g (dJ/dt = [J, diag(g)]) with the given integrator and form.
    case flow(FlowIntegrator, FlowForm)
}
