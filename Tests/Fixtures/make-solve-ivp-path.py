"""Writes Tests/Fixtures/solve-ivp-network.json (a strongly connected 4-neuron network with dyadic
weights) and solve-ivp-path.npz (its balancing path from scipy's solve_ivp, the way a user records
one): the (J, h) flow dJ/dt = J diag(g) - diag(g) J, dh/dt = g, with g_i = sum_j c_ij - sum_j c_ji
and c = J^2 (p = 2, J_ij the synapse j -> i), integrated by RK45 (rtol 1e-10, atol 1e-12) and
sampled at 21 times in [0, 2]. `sbal audit --path Tests/Fixtures/solve-ivp-path.npz
Tests/Fixtures/solve-ivp-network.json` audits it. Deterministic; run from the repository root.
"""
import json
from fractions import Fraction

import numpy as np
from scipy.integrate import solve_ivp

n = 4
# A ring 0 -> 1 -> 2 -> 3 -> 0 (J[i, j] is j -> i) plus chords; every weight a dyadic rational.
J = np.array([
    [0.0, 0.0, 0.0, 1.5],
    [2.0, 0.0, -0.25, 0.0],
    [0.5, 0.75, 0.0, 0.0],
    [0.0, -1.0, 0.125, 0.0],
])


def flow(t, y):
    W = y[: n * n].reshape(n, n)
    c = W ** 2
    g = c.sum(axis=1) - c.sum(axis=0)  # incoming - outgoing cost of each neuron
    return np.concatenate([(W * g[None, :] - g[:, None] * W).ravel(), g])


sol = solve_ivp(flow, (0, 2), np.concatenate([J.ravel(), np.zeros(n)]), method="RK45",
                t_eval=np.linspace(0, 2, 21), rtol=1e-10, atol=1e-12)
network = {
    "format": "synaptic-balancing-network",
    "version": 1,
    "description": "Tests/Fixtures/make-solve-ivp-path.py: a 4-neuron ring with chords, dyadic weights; its solve_ivp balancing path is solve-ivp-path.npz.",
    "orientation": "post_pre",
    "nonlinearity": {"kind": "linear"},
    "tau": 1,
    "dt": 1,
    "J": [[str(Fraction(x)) if x != int(x) else int(x) for x in row] for row in J],
    "cost": {"p": 2},
}
with open("Tests/Fixtures/solve-ivp-network.json", "w") as f:
    text = json.dumps(network, indent=2)
    rows = ",\n    ".join(json.dumps(row) for row in network["J"])
    f.write(text[: text.index('"J": [')] + '"J": [\n    ' + rows + "\n  ]" + text[text.index('"cost"') - 4:] + "\n")
np.savez("Tests/Fixtures/solve-ivp-path.npz", t=sol.t, J=sol.y[: n * n].T.reshape(-1, n, n), h=sol.y[n * n:].T)
cost = (sol.y[: n * n] ** 2).sum(axis=0)
print("cost:", cost[0], "->", cost[-1], " |g|/C at the end:", np.linalg.norm(flow(0, sol.y[:, -1])[n * n:]) / cost[-1])
