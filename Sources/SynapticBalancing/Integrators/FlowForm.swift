/// Which state a flow integrator advances.
public enum FlowForm: Sendable, Hashable {
    /// (J, h) together, dJ/dt = J diag(g) - diag(g) J, dh/dt = g, as the paper's reference code does.
    /// J leaves the orbit {D^-1 J0 D} by the truncation error of the integrator.
    case weightsAndLogScales
    /// h alone, dh/dt = g(h), with J = D^-1 J0 D rebuilt from h: stays exactly on the orbit.
    case logScalesOnly
}
