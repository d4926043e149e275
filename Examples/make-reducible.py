"""Writes Examples/reducible300.json: a network shaped like a connectome, not strongly connected.

20 strongly connected blocks of 1 to 50 neurons (a ring plus random chords each), and synapses from
earlier to later blocks only (on no directed cycle), weights log-normal with random signs. Seeded.
"""
import json
import numpy as np

rng = np.random.default_rng(2026)
sizes = [1, 50, 3, 1, 12, 40, 1, 2, 25, 1, 8, 30, 1, 5, 45, 1, 20, 4, 1, 49]
starts = np.cumsum([0] + sizes)
n = int(starts[-1])
J = np.zeros((n, n))
weight = lambda: rng.choice([-1, 1]) * np.exp(rng.normal(0, 1.5))
for b, s in enumerate(sizes):
    if s > 1:
        for k in range(s):
            J[starts[b] + (k + 1) % s, starts[b] + k] = weight()
        for _ in range(3 * s):
            i, j = starts[b] + rng.integers(s), starts[b] + rng.integers(s)
            if i != j:
                J[i, j] = weight()
for b in range(len(sizes)):
    for c in range(b + 1, len(sizes)):
        for _ in range(4):
            if rng.random() < 0.5:
                J[starts[c] + rng.integers(sizes[c]), starts[b] + rng.integers(sizes[b])] = weight()
json.dump({"description": "reducible: 20 strongly connected blocks (sizes 1 to 50) joined along a DAG",
           "orientation": "post_pre", "J": J.tolist()}, open("Examples/reducible300.json", "w"))
print(n, "neurons,", int((J != 0).sum()), "synapses")
