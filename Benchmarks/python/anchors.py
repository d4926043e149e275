#!/usr/bin/env python3
"""The anchors a numpy/scipy user would write for the same job: balance J (Frobenius cost c_ij = J_ij^2,
p = 2) until |g|/C <= tolerance, with g_i = sum_j c_ij - sum_j c_ji (incoming minus outgoing) and
C = sum_ij c_ij. Every solver is matrix-free on the fixed base costs c0 (dense numpy or scipy.sparse CSR)
with s = e^{2h}:

  in_i  = (1 / s_i) (c0 s)_i,   out_i = s_i (c0^T (1 / s))_i,   g = in - out,   C(h) = sum_i in_i + diag.

  jacobi     simultaneous (Jacobi) Osborne: s <- sqrt((c0 s) / (c0^T (1 / s))), two BLAS gemvs per sweep.
  newton-cg  scipy.optimize.minimize(method="Newton-CG") on the convex C(h), gradient -2 g, Hessian-vector
             product 4 (diag(in + out) v - C(h) v - C(h)^T v); stopped by a callback at |g|/C <= tolerance.
  rk45       scipy.integrate.solve_ivp(RK45) on dh/dt = g(h) (rtol, atol), terminal event |g|/C <= tolerance.

Records (one JSON object per line): the solve time in-process (arrays already in memory: the time from
J to the scales h, with c0 = J^2 and the CSR build of the sparse path inside it), the iterations, and
|g|/C measured again from h on the input J. The setup of the sparse path (J -> c0 CSR) is also reported
alone. Inputs: a dense .npy (N x N), or a CSR triple PREFIX_{indptr,indices,data}.npy ("csr:PREFIX").
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np


def emit(record):
    print(json.dumps(record), flush=True)


class Operator:
    """c0 (off-diagonal base costs) as dense or CSR, with its invariant diagonal cost."""

    def __init__(self, source, sparse):
        t0 = time.perf_counter()
        if isinstance(source, tuple):  # CSR arrays of J
            import scipy.sparse as sp
            indptr, indices, data = source
            n = len(indptr) - 1
            j = sp.csr_matrix((data, indices, indptr), shape=(n, n))
            c = j.multiply(j).tocsr()
            self.diagonal = float(c.diagonal().sum())
            c.setdiag(0)
            c.eliminate_zeros()
            self.c, self.ct = c, c.T  # c.T is a CSC view, no copy
        elif sparse:
            import scipy.sparse as sp
            c = sp.csr_matrix(source * source)
            self.diagonal = float(c.diagonal().sum())
            c.setdiag(0)
            c.eliminate_zeros()
            self.c, self.ct = c, c.T
        else:
            c = source * source
            self.diagonal = float(np.trace(c))
            np.fill_diagonal(c, 0.0)
            self.c, self.ct = c, c.T  # a transposed view: gemv with trans = T, no copy
        self.n = self.c.shape[0]
        self.setup_seconds = time.perf_counter() - t0

    def sums(self, s, inv_s):
        """(c0 s, c0^T (1/s))."""
        return self.c @ s, self.ct @ inv_s

    def state(self, h):
        """(g, C) at h."""
        s = np.exp(2.0 * h)
        inv_s = 1.0 / s
        a, b = self.sums(s, inv_s)
        incoming, outgoing = a * inv_s, b * s
        return incoming - outgoing, float(incoming.sum()) + self.diagonal


def jacobi(op, tolerance, max_sweeps):
    s = np.ones(op.n)
    sweeps = 0
    while True:
        inv_s = 1.0 / s
        a, b = op.sums(s, inv_s)
        incoming, outgoing = a * inv_s, b * s
        rel = np.linalg.norm(incoming - outgoing) / (incoming.sum() + op.diagonal)
        if rel <= tolerance or sweeps >= max_sweeps:
            break
        s = np.sqrt(a / b)
        s /= math.exp(np.log(s).mean())  # the gauge (also keeps s in range)
        sweeps += 1
    return 0.5 * np.log(s), sweeps


def newton_cg(op, tolerance, max_iterations):
    from scipy.optimize import minimize
    cache = {}

    def evaluate(h):
        key = h.tobytes()
        if cache.get("key") != key:
            s = np.exp(2.0 * h)
            inv_s = 1.0 / s
            a, b = op.sums(s, inv_s)
            incoming, outgoing = a * inv_s, b * s
            cache.update(key=key, s=s, inv_s=inv_s, degree=incoming + outgoing, g=incoming - outgoing,
                         cost=float(incoming.sum()) + op.diagonal)
        return cache

    def fun(h):
        e = evaluate(h)
        return e["cost"], -2.0 * e["g"]

    def hessp(h, v):
        e = evaluate(h)
        s, inv_s = e["s"], e["inv_s"]
        w = (op.c @ (s * v)) * inv_s + s * (op.ct @ (v * inv_s))  # (C(h) + C(h)^T) v
        return 4.0 * (e["degree"] * v - w)

    iterations = [0]

    def callback(intermediate_result):
        iterations[0] += 1
        e = evaluate(intermediate_result.x)
        if np.linalg.norm(e["g"]) / e["cost"] <= tolerance:
            raise StopIteration

    h0 = np.zeros(op.n)
    e = evaluate(h0)
    if np.linalg.norm(e["g"]) / e["cost"] <= tolerance:
        return h0, 0
    result = minimize(fun, h0, jac=True, hessp=hessp, method="Newton-CG", callback=callback,
                      options={"maxiter": max_iterations, "xtol": 1e-300})
    return result.x - result.x.mean(), iterations[0]


def rk45(op, tolerance, rtol, atol, t_final):
    from scipy.integrate import solve_ivp

    def rhs(t, h):
        return op.state(h)[0]

    def balanced(t, h):
        g, cost = op.state(h)
        return math.log(max(np.linalg.norm(g) / cost, 1e-300)) - math.log(tolerance)
    balanced.terminal = True

    sol = solve_ivp(rhs, (0.0, t_final), np.zeros(op.n), method="RK45", rtol=rtol, atol=atol, events=[balanced])
    h = sol.y[:, -1]
    return h - h.mean(), int(len(sol.t) - 1), {"nfev": int(sol.nfev), "t_reached": float(sol.t[-1]),
                                               "status": int(sol.status)}


def load(path):
    if path.startswith("csr:"):
        prefix = path[4:]
        return tuple(np.load(f"{prefix}_{part}.npy") for part in ("indptr", "indices", "data"))
    return np.load(path)


def relative_imbalance(source, h):
    """|g|/C of D^-1 J D, d = e^h, computed directly from J (not from the solver's operator)."""
    if isinstance(source, tuple):
        indptr, indices, data = source
        rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        c = data * data * np.exp(2.0 * (h[indices] - h[rows]))
        n = len(indptr) - 1
        g = np.bincount(rows, c, n) - np.bincount(indices, c, n)
        return float(np.linalg.norm(g) / c.sum())
    c = (source * np.exp(h[None, :] - h[:, None])) ** 2
    return float(np.linalg.norm(c.sum(axis=1) - c.sum(axis=0)) / c.sum())


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "num_threads", "architecture", "version")}
                for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        return "threadpoolctl not installed"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--methods", default="jacobi,newton-cg-dense,newton-cg-sparse")
    p.add_argument("--tolerance", type=float, default=1e-10)
    p.add_argument("--rtol", type=float, default=1e-10)
    p.add_argument("--atol", type=float, default=1e-12)
    p.add_argument("--t-final", type=float, default=1e6)
    p.add_argument("--max-iterations", type=int, default=100000)
    p.add_argument("--round", type=int, default=0)
    args = p.parse_args()
    source = load(args.file)
    n = len(source[0]) - 1 if isinstance(source, tuple) else source.shape[0]
    for method in args.methods.split(","):
        sparse = method.endswith("-sparse") or isinstance(source, tuple)
        base = method.replace("-sparse", "").replace("-dense", "")
        record = {"side": "anchor", "method": method, "file": os.path.basename(args.file), "neurons": n,
                  "tolerance": args.tolerance, "round": args.round, "load": os.getloadavg()[0]}
        t0 = time.perf_counter()
        op = Operator(source, sparse)
        extra = {}
        if base == "jacobi":
            h, iterations = jacobi(op, args.tolerance, args.max_iterations)
        elif base == "newton-cg":
            h, iterations = newton_cg(op, args.tolerance, args.max_iterations)
        elif base == "rk45":
            h, iterations, extra = rk45(op, args.tolerance, args.rtol, args.atol, args.t_final)
            extra.update(rtol=args.rtol, atol=args.atol)
        else:
            raise SystemExit(f"unknown method {method}")
        seconds = time.perf_counter() - t0
        record.update(seconds=seconds, setup_seconds=op.setup_seconds, iterations=iterations,
                      rel_imbalance=relative_imbalance(source, h), blas=blas_info(), **extra)
        emit(record)


if __name__ == "__main__":
    main()
