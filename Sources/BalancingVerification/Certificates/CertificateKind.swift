import Rationals

/// What a certificate is about. The kind fixes the exact list of claims the certificate must make, so
/// that dropping a claim together with its report cannot leave a certificate that still verifies.
public enum CertificateKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `sbal verify`: input-output invariance, Lax structure, monotone decrease and, when the optimum is
    /// finite (every synapse with a positive cost lies on a directed cycle), the balance certificate.
    case networkChecks = "network_checks"
    /// `sbal audit`: one exact audit of a recorded path of J (the network carries J alone).
    case pathAudit = "path_audit"
    /// `sbal compare --write-certificate`: B = T_d(A) for the certificate's network A, as one
    /// input-output invariance claim whose transformed network is B (compared entrywise with D^-1 A D,
    /// then on the trial).
    case orbitComparison = "orbit_comparison"

    /// The claims a certificate of this kind must make about `network`, in order.
    /// - Parameters:
    ///   - network: the certificate's network.
    ///   - cost: the cost of the balance claim (its support decides whether the optimum is finite).
    /// - Returns: the check kinds, in the order the claims must appear.
    /// - Throws: the cost model's shape errors.
    public func requiredClaims(for network: ExactNetwork, cost: ExactCostModel) throws -> [CheckKind] {
        switch self {
        case .pathAudit:
            return [.floatPathAudit]
        case .orbitComparison:
            return [.inputOutputInvariance]
        case .networkChecks:
            let finite = try Self.unboundedSynapses(of: network.recurrentWeights, cost: cost).isEmpty
            return [.inputOutputInvariance, .laxStructure, .monotoneDecrease] + (finite ? [.balanceCertificate] : [])
        }
    }

    /// The kind a version-1 certificate (which did not state its kind) is read as: a lone path audit is
    /// a path audit, anything else the network checks (whose claim list is then enforced).
    static func inferred(from claims: [Claim]) -> CertificateKind {
        claims.count == 1 && claims[0].kind == .floatPathAudit ? .pathAudit : .networkChecks
    }

    /// Synapses i <- j (i != j) with a positive cost that lie on no directed cycle of the cost support:
    /// their cost can be driven to 0 along the orbit, so C* is not attained (i and j lie in different
    /// strongly connected components). Returned as (post, pre) pairs.
    static func unboundedSynapses(of weights: Matrix<Rational>, cost: ExactCostModel) throws -> [(post: Int, pre: Int)] {
        let c = try cost.costs(of: weights)
        let n = c.rows
        // Reachability by breadth-first search from every neuron (the exact checks are for small N).
        var reach = Array(repeating: [Bool](repeating: false, count: n), count: n)
        for source in 0..<n {
            var queue = [source]
            reach[source][source] = true
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                // edges v -> w are the synapses J[w, v] with positive cost
                for w in 0..<n where w != v && c[w, v].signum > 0 && !reach[source][w] {
                    reach[source][w] = true
                    queue.append(w)
                }
            }
        }
        var result: [(post: Int, pre: Int)] = []
        for i in 0..<n {
            for j in 0..<n where i != j && c[i, j].signum > 0 && !reach[i][j] { result.append((i, j)) }
        }
        return result
    }
}
