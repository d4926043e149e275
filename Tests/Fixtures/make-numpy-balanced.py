"""Writes Tests/Fixtures/numpy-original.npz and numpy-balanced.npz: a 5-neuron ReLU network and the
same network balanced in floating point with numpy (Osborne iteration for the Frobenius cost:
d_i <- d_i * sqrt(outgoing / incoming) one neuron at a time), then transformed with
J -> D^-1 J D, W_in -> D^-1 W_in, b -> D^-1 b, W_out -> W_out D in float64. The balanced file is near
the orbit of the original (rounding only), not exactly on it. Seeded.
"""
import numpy as np

rng = np.random.default_rng(11)
n, m, k = 5, 2, 2
J = rng.normal(0, 1, (n, n)) * (rng.random((n, n)) < 0.7)
J[np.arange(n), (np.arange(n) + 1) % n] = rng.uniform(0.5, 2, n)  # a ring keeps it irreducible
np.fill_diagonal(J, 0)
W_in = rng.normal(0, 1, (n, m))
W_out = rng.normal(0, 1, (k, n))
b = rng.normal(0, 0.1, n)
d = np.ones(n)
for sweep in range(200):
    for i in range(n):
        B = J * d[None, :] / d[:, None]
        incoming = np.sum(B[i, :] ** 2) - B[i, i] ** 2
        outgoing = np.sum(B[:, i] ** 2) - B[i, i] ** 2
        d[i] *= (incoming / outgoing) ** 0.25
Jb = J * d[None, :] / d[:, None]
common = dict(tau=1.0, dt=0.1, nonlinearity="relu", inputs=np.ones((10, m)), initial_state=np.ones(n), orientation="post_pre")
np.savez("Tests/Fixtures/numpy-original.npz", J=J, W_in=W_in, W_out=W_out, b=b, **common)
np.savez("Tests/Fixtures/numpy-balanced.npz", J=Jb, W_in=W_in / d[:, None], W_out=W_out * d[None, :], b=b / d, **common)
g = np.sum(Jb ** 2, axis=1) - np.sum(Jb ** 2, axis=0)
print("d =", d, " |g|/C =", np.linalg.norm(g) / np.sum(Jb ** 2))
