/// An explicit integrator of the balancing flow.
public enum FlowIntegrator: Sendable, Hashable {
    /// Forward Euler with a fixed step (order 1).
    case euler(step: Double)
    /// Classical fourth-order Runge-Kutta with a fixed step (order 4).
    case rungeKutta4(step: Double)
    /// Adaptive Dormand-Prince 5(4) (local extrapolation) with error control: a step is accepted when
    /// the RMS of err_k / sc_k is <= 1, sc_k = rtol (1 + |y_k|) for entries of h and
    /// sc_k = rtol (mean |J0| + |y_k|) for weights. Near equilibrium the step sits at the stability limit
    /// of the stiffest Laplacian mode and the controller lets that mode oscillate at about the error
    /// tolerance, so |g|/C stalls near rtol: the solver therefore uses min(rtol, max(options.tolerance / 100, 1e-13)).
    case dormandPrince(relativeTolerance: Double)
}
