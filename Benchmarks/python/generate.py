#!/usr/bin/env python3
"""Generate the benchmark inputs ONCE, so that Python and Swift work on the same bytes.

Writes into DATA_DIR (default Benchmarks/data):
  dense_<N>.npy   J = randn(N, N) / sqrt(N)                      (float64, C order)
  sparse_<N>.npy  J = mask * randn(N, N) / sqrt(0.1 N), mask ~ Bernoulli(0.1), stored dense
  scaled_<N>.npy  (N = 256, 1024) D^-1 J D of dense_<N> with d = exp(3 z), z ~ N(0, 1): the same orbit,
                  badly scaled, so that gebal has work to do (random J is already nearly balanced)
  rational_<n>.json      n x n matrix of exact rationals "p/q" (|p| <= 9, 1 <= q <= 9), n = 16, 32, 64
  rational64_<n>.json    n x n rationals with 64-bit numerators and denominators (|p| < 2^63, 1 <= q < 2^63)
  csr_<N>_<M>_{indptr,indices,data}.npy  (--csr N,M) a sparse network in CSR form: every neuron receives
                  M / N synapses from distinct presynaptic neurons drawn uniformly (duplicates dropped),
                  weights N(0, 1) / sqrt(M / N); indptr int64, indices int32, data float64
  euler_16.json          an N = 16 ReLU network with rational weights, dt/tau, inputs, x0
  manifest.json          what was generated, with seeds and strong-connectivity facts
Every file is a pure function of its seed, so re-running reproduces the same bytes.
"""
import argparse
import json
import os
import random
import sys
from fractions import Fraction

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

SIZES = [64, 256, 1024, 4096]
DENSITY = 0.1


def dense_network(n, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, n)) / np.sqrt(n)


def sparse_network(n, seed):
    rng = np.random.default_rng(seed)
    mask = rng.random((n, n)) < DENSITY
    values = rng.standard_normal((n, n)) / np.sqrt(DENSITY * n)
    return np.where(mask, values, 0.0)


def strongly_connected(j):
    count, _ = connected_components(csr_matrix(j != 0), directed=True, connection="strong")
    return count == 1


def random_rational(rng, max_num=9, max_den=9, allow_zero=True):
    while True:
        p = rng.randint(-max_num, max_num)
        if p != 0 or allow_zero:
            return Fraction(p, rng.randint(1, max_den))


def fstr(x):
    return str(Fraction(x))  # "p/q" or "p", the format Rational(String) parses


def rational_matrix(n, seed):
    rng = random.Random(seed)
    return [[fstr(random_rational(rng)) for _ in range(n)] for _ in range(n)]


def rational64_matrix(n, seed):
    rng = random.Random(seed)
    return [[fstr(Fraction(rng.randint(-(2**63 - 1), 2**63 - 1), rng.randint(1, 2**63 - 1))) for _ in range(n)]
            for _ in range(n)]


def csr_network(neurons, synapses, seed):
    rng = np.random.default_rng(seed)
    per_row = synapses // neurons
    columns = np.sort(rng.integers(0, neurons, size=(neurons, per_row), dtype=np.int64), axis=1)
    keep = np.ones(columns.shape, dtype=bool)
    keep[:, 1:] = columns[:, 1:] != columns[:, :-1]  # distinct presynaptic neurons per row
    indptr = np.zeros(neurons + 1, dtype=np.int64)
    np.cumsum(keep.sum(axis=1), out=indptr[1:])
    indices = columns[keep].astype(np.int32)
    data = rng.standard_normal(len(indices)) / np.sqrt(per_row)
    return indptr, indices, data


def euler_network(seed, n=16, m=2, k=1, steps=100):
    """A ReLU network with small general rationals (denominators 1..7) and dt/tau = 1/10."""
    rng = random.Random(seed)
    r = lambda: fstr(random_rational(rng, max_num=5, max_den=7))
    return {
        "neurons": n, "inputs": m, "outputs": k, "steps": steps,
        "dt_over_tau": "1/10",
        "recurrent": [[r() for _ in range(n)] for _ in range(n)],
        "input_weights": [[r() for _ in range(m)] for _ in range(n)],
        "output_weights": [[r() for _ in range(n)] for _ in range(k)],
        "bias": [r() for _ in range(n)],
        "initial_state": [r() for _ in range(n)],
        "input_sequence": [[r() for _ in range(m)] for _ in range(steps)],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "data"))
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--csr", default="", help='sparse CSR networks "neurons,synapses;neurons,synapses"')
    args = parser.parse_args()
    os.makedirs(args.data, exist_ok=True)
    manifest = {"networks": [], "rational_matrices": [], "euler": None}
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        for kind, make, seed in (("dense", dense_network, 1000 + n), ("sparse", sparse_network, 2000 + n)):
            path = os.path.join(args.data, f"{kind}_{n}.npy")
            j = make(n, seed)
            np.save(path, np.ascontiguousarray(j, dtype="<f8"))
            manifest["networks"].append({
                "file": os.path.basename(path), "kind": kind, "neurons": n, "seed": seed,
                "synapses": int(np.count_nonzero(j)), "strongly_connected": bool(strongly_connected(j)),
            })
            print(f"wrote {path} ({np.count_nonzero(j)} synapses)", file=sys.stderr)
        if n in (256, 1024, 4096):
            rng = np.random.default_rng(5000 + n)
            h = 3.0 * rng.standard_normal(n)
            j = dense_network(n, 1000 + n) * np.exp(h[None, :] - h[:, None])
            path = os.path.join(args.data, f"scaled_{n}.npy")
            np.save(path, np.ascontiguousarray(j, dtype="<f8"))
            manifest["networks"].append({
                "file": os.path.basename(path), "kind": "scaled", "neurons": n, "seed": 5000 + n,
                "synapses": int(np.count_nonzero(j)), "strongly_connected": bool(strongly_connected(j)),
            })
    # the shipped reducible example (20 strongly connected blocks on a DAG): no finite optimum, so no
    # anchor converges; the package balances the blocks and places their offsets (docs/reducible-networks.md)
    example = os.path.join(os.path.dirname(__file__), "..", "..", "Examples", "reducible300.json")
    if os.path.exists(example):
        with open(example) as f:
            j = np.array(json.load(f)["J"], dtype="<f8")
        path = os.path.join(args.data, "reducible_300.npy")
        np.save(path, np.ascontiguousarray(j))
        manifest["networks"].append({"file": "reducible_300.npy", "kind": "reducible", "neurons": int(j.shape[0]),
                                     "synapses": int(np.count_nonzero(j)), "strongly_connected": bool(strongly_connected(j))})
    for n in (16, 32, 64):
        path = os.path.join(args.data, f"rational_{n}.json")
        with open(path, "w") as f:
            json.dump(rational_matrix(n, 3000 + n), f)
        manifest["rational_matrices"].append({"file": os.path.basename(path), "size": n, "seed": 3000 + n})
        path = os.path.join(args.data, f"rational64_{n}.json")
        with open(path, "w") as f:
            json.dump(rational64_matrix(n, 6000 + n), f)
        manifest["rational_matrices"].append({"file": os.path.basename(path), "size": n, "seed": 6000 + n,
                                              "entries": "64-bit numerators and denominators"})
    for spec in [s for s in args.csr.split(";") if s.strip()]:
        neurons, synapses = (int(x) for x in spec.split(","))
        prefix = os.path.join(args.data, f"csr_{neurons}_{synapses}")
        if not os.path.exists(prefix + "_data.npy"):
            indptr, indices, data = csr_network(neurons, synapses, 7000 + neurons)
            np.save(prefix + "_indptr.npy", indptr)
            np.save(prefix + "_indices.npy", indices)
            np.save(prefix + "_data.npy", data)
            print(f"wrote {prefix}_*.npy ({len(data)} synapses)", file=sys.stderr)
    path = os.path.join(args.data, "euler_16.json")
    with open(path, "w") as f:
        json.dump(euler_network(4016), f)
    manifest["euler"] = {"file": "euler_16.json", "seed": 4016}
    with open(os.path.join(args.data, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
