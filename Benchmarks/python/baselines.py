#!/usr/bin/env python3
"""Python anchors for the benchmark table. Each record is one JSON object per line on stdout.

  reference  scipy.integrate.solve_ivp (RK45) on the joint state (J, h), as the paper's code does:
             dJ/dt = J diag(g) - diag(g) J, dh/dt = g, up to T = 3000, Frobenius cost (p = 2, alpha = 1);
             stops early (terminal event) once |g|/C <= tolerance on the integrated J. Wall time capped:
             when the cap is hit, the record says so and gives a linear projection to T = 3000.
  gebal      scipy.linalg.matrix_balance (LAPACK xGEBAL, scaling only): time and the |g|/C it reaches.
  charpoly   exact characteristic polynomials: python-flint fmpq_mat.charpoly and sympy Matrix.charpoly.
  euler      exact Euler simulation of the N = 16 ReLU network in fractions.Fraction.

|g|/C is the Euclidean norm of g_i = sum_j c_ij - sum_j c_ji over the total cost C = sum_ij c_ij,
c_ij = |J_ij|^2, measured in float64 on the returned matrix (D^-1 J0 D with the solver's scales).
"""
import argparse
import json
import math
import os
import sys
import time
from fractions import Fraction

import numpy as np

# Coefficients of characteristic polynomials of 64-bit rational matrices run to tens of thousands of digits.
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)


def relative_imbalance(j):
    c = j * j
    g = c.sum(axis=1) - c.sum(axis=0)
    return float(np.linalg.norm(g) / c.sum())


def transformed(j0, h):
    # D^-1 J D with d = e^h: entry (i, j) times e^(h_j - h_i)
    return j0 * np.exp(h[None, :] - h[:, None])


def emit(record):
    print(json.dumps(record), flush=True)


def best_of(fn, repeats, budget):
    """Minimum wall time of fn() over up to `repeats` runs, stopping early after `budget` seconds."""
    best, result, spent, runs = math.inf, None, 0.0, 0
    while runs < repeats and (runs == 0 or spent < budget):
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        best, spent, runs = min(best, dt), spent + dt, runs + 1
    return best, result, runs


class WallCap(Exception):
    pass


def reference(path, t_final, tolerance, cap_seconds, rtol, atol):
    from scipy.integrate import solve_ivp
    j0 = np.load(path)
    n = j0.shape[0]
    state = {"t": 0.0, "nfev": 0}
    start = time.perf_counter()

    def rhs(t, z):
        if time.perf_counter() - start > cap_seconds:
            raise WallCap()
        state["t"], state["nfev"], state["z"] = t, state["nfev"] + 1, z
        j = z[: n * n].reshape(n, n)
        c = j * j
        g = c.sum(axis=1) - c.sum(axis=0)
        dj = j * g[None, :] - g[:, None] * j
        return np.concatenate((dj.ravel(), g))

    def balanced_enough(t, z):
        return math.log(max(relative_imbalance(z[: n * n].reshape(n, n)), 1e-300)) - math.log(tolerance)
    balanced_enough.terminal = True

    z0 = np.concatenate((j0.ravel(), np.zeros(n)))
    record = {"bench": "reference", "file": os.path.basename(path), "neurons": n,
              "method": "RK45", "rtol": rtol, "atol": atol, "t_final": t_final, "tolerance": tolerance,
              "cap_seconds": cap_seconds}
    try:
        sol = solve_ivp(rhs, (0.0, t_final), z0, method="RK45", events=[balanced_enough], rtol=rtol, atol=atol)
        elapsed = time.perf_counter() - start
        z = sol.y[:, -1]
        # status 0: reached t_final, 1: stopped by the |g|/C event, -1: the integrator failed
        record.update(status={0: "reached T", 1: "reached tolerance", -1: "failed"}.get(sol.status, str(sol.status)),
                      message=sol.message, seconds=elapsed, t_reached=float(sol.t[-1]), nfev=int(sol.nfev),
                      steps=int(len(sol.t) - 1), stopped_by_tolerance=bool(sol.status == 1),
                      rel_imbalance_integrated=relative_imbalance(z[: n * n].reshape(n, n)),
                      rel_imbalance=relative_imbalance(transformed(j0, z[n * n:])))
    except WallCap:
        elapsed = time.perf_counter() - start
        t = max(state["t"], 1e-12)
        z = state["z"]
        record.update(status="capped", message="wall-time cap hit", seconds=elapsed, t_reached=t, nfev=state["nfev"],
                      rel_imbalance_integrated=relative_imbalance(z[: n * n].reshape(n, n)),
                      rel_imbalance=relative_imbalance(transformed(j0, z[n * n:])),
                      projected_seconds=elapsed * t_final / t,
                      note="wall-time cap hit; projected_seconds = seconds * t_final / t_reached")
    emit(record)


def gebal(path, repeats):
    from scipy.linalg import matrix_balance
    j0 = np.load(path)
    seconds, (balanced, (scale, _)), runs = best_of(
        lambda: matrix_balance(j0, permute=False, separate=True), repeats, 2.0)
    # B = D^-1 J D with D = diag(scale): check it is what we measure
    assert np.array_equal(balanced, j0 * scale[None, :] / scale[:, None])
    emit({"bench": "gebal", "file": os.path.basename(path), "neurons": j0.shape[0], "seconds": seconds,
          "runs": runs, "rel_imbalance": relative_imbalance(balanced),
          "rel_imbalance_initial": relative_imbalance(j0)})


def load_rational_matrix(path):
    with open(path) as f:
        return [[Fraction(x) for x in row] for row in json.load(f)]


def charpoly(path, repeats, sympy_budget, engines):
    rows = load_rational_matrix(path)
    n = len(rows)
    if "flint" in engines:
        charpoly_flint(path, rows, n, repeats)
    if "sympy" in engines:
        charpoly_sympy(path, rows, n, sympy_budget)


def flint_coefficients(rows, n):
    import flint
    fm = flint.fmpq_mat(n, n, [flint.fmpq(x.numerator, x.denominator) for row in rows for x in row])
    return [str(Fraction(int(c.p), int(c.q))) for c in fm.charpoly().coeffs()]


def charpoly_flint(path, rows, n, repeats):
    import flint
    fm = flint.fmpq_mat(n, n, [flint.fmpq(x.numerator, x.denominator) for row in rows for x in row])
    seconds, poly, runs = best_of(lambda: fm.charpoly(), repeats, 2.0)
    flint_coeffs = [str(Fraction(int(c.p), int(c.q))) for c in poly.coeffs()]  # ascending powers
    emit({"bench": "charpoly", "engine": "flint", "file": os.path.basename(path), "size": n,
          "seconds": seconds, "runs": runs, "coefficients": flint_coeffs,
          "flint_version": flint.__version__})


def charpoly_sympy(path, rows, n, sympy_budget):
    import sympy
    from sympy.external.gmpy import GROUND_TYPES
    sm = sympy.Matrix(n, n, [sympy.Rational(x.numerator, x.denominator) for row in rows for x in row])
    t = sympy.Symbol("t")
    seconds, spoly, runs = best_of(lambda: sm.charpoly(t), 3, sympy_budget)
    sympy_coeffs = [str(Fraction(int(c.p), int(c.q))) for c in reversed(spoly.all_coeffs())]
    emit({"bench": "charpoly", "engine": "sympy", "file": os.path.basename(path), "size": n,
          "seconds": seconds, "runs": runs, "agrees_with_flint": sympy_coeffs == flint_coefficients(rows, n),
          "sympy_version": sympy.__version__, "ground_types": GROUND_TYPES})


def euler(path, repeats):
    with open(path) as f:
        net = json.load(f)
    fr = lambda rows: [[Fraction(x) for x in row] for row in rows]
    J, W, V = fr(net["recurrent"]), fr(net["input_weights"]), fr(net["output_weights"])
    b = [Fraction(x) for x in net["bias"]]
    x0 = [Fraction(x) for x in net["initial_state"]]
    U = fr(net["input_sequence"])
    a = Fraction(net["dt_over_tau"])
    n = len(x0)

    def run():
        # x_{t+1} = x_t + (dt/tau)(-x_t + J relu(x_t) + W_in u_t + b);  y_t = W_out relu(x_t), t = 1..T
        x, outputs = list(x0), []
        for u in U:
            r = [xi if xi > 0 else Fraction(0) for xi in x]
            drive = [sum((J[i][k] * r[k] for k in range(n)), Fraction(0))
                     + sum((W[i][k] * u[k] for k in range(len(u))), Fraction(0)) + b[i] for i in range(n)]
            x = [x[i] + a * (drive[i] - x[i]) for i in range(n)]
            r = [xi if xi > 0 else Fraction(0) for xi in x]
            outputs.append([sum((row[k] * r[k] for k in range(n)), Fraction(0)) for row in V])
        return x, outputs

    seconds, (x, outputs), runs = best_of(run, repeats, 5.0)
    bits = max(max(v.numerator.bit_length(), v.denominator.bit_length()) for v in x)
    emit({"bench": "euler", "engine": "fractions", "file": os.path.basename(path), "neurons": n,
          "steps": len(U), "seconds": seconds, "runs": runs, "final_state": [str(v) for v in x],
          "final_output": [str(v) for v in outputs[-1]], "max_bits": bits})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("bench", choices=["reference", "gebal", "charpoly", "euler"])
    p.add_argument("files", nargs="+")
    p.add_argument("--t-final", type=float, default=3000.0)
    p.add_argument("--tolerance", type=float, default=1e-10)
    p.add_argument("--cap", type=float, default=300.0, help="wall-time cap of one reference run (s)")
    p.add_argument("--rtol", type=float, default=1e-3, help="solve_ivp rtol (scipy's default 1e-3)")
    p.add_argument("--atol", type=float, default=1e-6, help="solve_ivp atol (scipy's default 1e-6)")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--sympy-budget", type=float, default=60.0)
    p.add_argument("--engines", default="flint,sympy", help="charpoly engines: flint,sympy")
    args = p.parse_args()
    for f in args.files:
        if args.bench == "reference":
            reference(f, args.t_final, args.tolerance, args.cap, args.rtol, args.atol)
        elif args.bench == "gebal":
            gebal(f, args.repeats)
        elif args.bench == "charpoly":
            charpoly(f, args.repeats, args.sympy_budget, args.engines.split(","))
        else:
            euler(f, args.repeats)


if __name__ == "__main__":
    main()
