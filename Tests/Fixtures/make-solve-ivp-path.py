"""Writes Tests/Fixtures/solve-ivp-network.npz (a 4-neuron network J) and solve-ivp-path.npz (its
balancing path from scipy's solve_ivp, the way a user records one): the (J, h) flow
dJ/dt = J diag(g) - diag(g) J, dh/dt = g, with g_i = sum_j c_ij - sum_j c_ji and c = |J|^2 (p = 2,
J_ij the synapse j -> i), integrated by RK45 (rtol 1e-10, atol 1e-12) and sampled at 11 times in
[0, 2]. `sbal audit --path Tests/Fixtures/solve-ivp-path.npz Tests/Fixtures/solve-ivp-network.npz`
audits it. Seeded; run from the repository root.
"""
import numpy as np
from scipy.integrate import solve_ivp

rng = np.random.default_rng(11)
n = 4
J = rng.normal(0, 1, (n, n)) * (rng.random((n, n)) < 0.6)
J[np.arange(n), (np.arange(n) + 1) % n] = rng.uniform(0.5, 2, n)  # a ring keeps it irreducible


def flow(t, y):
    W = y[: n * n].reshape(n, n)
    c = np.abs(W) ** 2
    g = c.sum(axis=1) - c.sum(axis=0)  # incoming - outgoing cost of each neuron
    return np.concatenate([(W * g[None, :] - g[:, None] * W).ravel(), g])


sol = solve_ivp(flow, (0, 2), np.concatenate([J.ravel(), np.zeros(n)]), t_eval=np.linspace(0, 2, 11), rtol=1e-10, atol=1e-12)
np.savez("Tests/Fixtures/solve-ivp-network.npz", J=J)
np.savez("Tests/Fixtures/solve-ivp-path.npz", t=sol.t, J=sol.y[: n * n].T.reshape(-1, n, n), h=sol.y[n * n:].T)
cost = (sol.y[: n * n] ** 2).sum(axis=0)
print("cost:", cost[0], "->", cost[-1], " |g|/C at the end:", np.linalg.norm(flow(0, sol.y[:, -1])[n * n:]) / cost[-1])
