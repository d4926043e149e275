/// Which exact check a report belongs to (the JSON name is the snake_case raw value).
public enum CheckKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Check 1: equal outputs and x~ = D^-1 x along exact Euler trajectories.
    case inputOutputInvariance = "input_output_invariance"
    /// Check 2: J' = [J, G], tr(J^(k-1) J') = 0, charpoly, diagonal, signs and cycle products invariant.
    case laxStructure = "lax_structure"
    /// Check 3: dC/dt = -p |g|^2 and a strictly decreasing rational step along the orbit.
    case monotoneDecrease = "monotone_decrease"
    /// Check 4: exact imbalance of a claimed equilibrium and a rigorous bracket of the optimal cost.
    case balanceCertificate = "balance_certificate"
    /// Check 5: exact audit of a float integrator's path.
    case floatPathAudit = "float_path_audit"
}
