#!/usr/bin/env python3
"""Dense Osborne, package against the numpy simultaneous (Jacobi) Osborne anchor of anchors.py, in one run.

For each network (data/{dense,scaled}_N.npy, made by generate.py when missing; scaled is
J_ij e^{3 r_i - 3 r_j}) and each round, the sides alternate (A B, then B A, ...):
  numpy       anchors.jacobi in-process from J (c0 = J^2 inside the timing), to |g|/C <= tolerance
  sbal[:tag]  `sbal balance NET.npz --solver osborne --json --quiet` (a release binary per tag: e.g. the
              build before and after a change): the report's solve seconds (`RecurrentNetwork.balanced`:
              the library's dense Osborne plus the transform) and the whole-process wall time
Reported: medians over the rounds, ratios package / numpy (of the medians, and the median of the ratios
paired per round), the load (1-minute average) per record.

Bandwidth: the C kernels (Sources/CBalancingKernels, compiled here with -O2 into a shared library, the
AVX2 versions picked by CPUID as in the package; $CC, default clang) read through ctypes: sb_stream_read over 512 MB (one
thread's streaming read), a numpy sum over the same array, and sb_osborne_sweep on J (square = 1, 8 N^2
bytes per sweep) and on c0 (square = 0), in GB/s. No assertions on time.

  python3 Benchmarks/python/osborne_ab.py --sbal after=.build/release/sbal --sbal before=/tmp/old/sbal
"""
import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import anchors  # noqa: E402


def load1():
    return os.getloadavg()[0]


def network(data, kind, n):
    path = os.path.join(data, f"{kind}_{n}.npy")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--sizes", str(n)], check=True)
    return path


def numpy_side(J, tolerance):
    t0 = time.perf_counter()
    op = anchors.Operator(J, False)
    h, sweeps = anchors.jacobi(op, tolerance, 100000)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "iterations": sweeps, "rel": anchors.relative_imbalance(J, h)}


def sbal_side(binary, npz, tolerance):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        t0 = time.perf_counter()
        run = subprocess.run([binary, "balance", npz, "--solver", "osborne", "--tolerance", str(tolerance),
                              "--quiet", "--report", report.name], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if run.returncode not in (0, 1):
            raise SystemExit(f"{binary} failed: {run.stderr}")
        r = json.load(open(report.name))
    return {"seconds": r["seconds"], "wall": wall, "iterations": r.get("iterations"),
            "rel": r.get("relativeImbalance", r.get("relative_imbalance"))}


def kernels():
    lib = os.path.join(tempfile.gettempdir(), f"sb_kernels_{os.getpid()}.so")
    src = os.path.join(ROOT, "Sources", "CBalancingKernels")
    subprocess.run([os.environ.get("CC", "clang"), "-O2", "-shared", "-fPIC", "-I", os.path.join(src, "include"),
                    os.path.join(src, "kernels.c"), "-o", lib, "-lm"], check=True)
    k = ctypes.CDLL(lib)
    P = ctypes.POINTER(ctypes.c_double)
    k.sb_stream_read.argtypes = [P, ctypes.c_long, ctypes.c_long, P]
    k.sb_osborne_sweep.argtypes = [P, ctypes.c_long, ctypes.c_int, ctypes.POINTER(ctypes.c_long), P, P, P, P, P, P]
    k.sb_kernels_use_avx2.restype = ctypes.c_int
    return k


def ptr(a):
    return a.ctypes.data_as(ctypes.POINTER(ctypes.c_double))


def bandwidth(k, J, rounds):
    x = np.ones(64 * 1024 * 1024)  # 512 MB
    sink = ctypes.c_double()
    out = {"avx2": bool(k.sb_kernels_use_avx2())}
    stream, npsum = [], []
    for _ in range(rounds):
        t0 = time.perf_counter(); k.sb_stream_read(ptr(x), x.size, 2, ctypes.byref(sink)); t = time.perf_counter() - t0
        stream.append(2 * x.nbytes / t / 1e9)
        t0 = time.perf_counter(); x.sum(); t = time.perf_counter() - t0
        npsum.append(x.nbytes / t / 1e9)
    out["stream_read_GBps"] = statistics.median(stream)
    out["numpy_sum_GBps"] = statistics.median(npsum)
    n = J.shape[0]
    c0 = J * J
    np.fill_diagonal(c0, 0)
    for name, rows, square in (("sweep_J_square", np.ascontiguousarray(J), 1), ("sweep_c0", c0, 0)):
        rates = []
        for _ in range(rounds):
            s = np.ones(n); inv_s = np.ones(n); outgoing = c0.sum(axis=0); fresh = np.zeros(n)
            order = np.arange(n, dtype=np.int64)
            imb, cost = ctypes.c_double(), ctypes.c_double()
            sweeps = 5
            t0 = time.perf_counter()
            for _ in range(sweeps):
                fresh[:] = 0
                k.sb_osborne_sweep(ptr(rows), n, square, order.ctypes.data_as(ctypes.POINTER(ctypes.c_long)), ptr(s),
                                   ptr(inv_s), ptr(outgoing), ptr(fresh), ctypes.byref(imb), ctypes.byref(cost))
                outgoing[:] = fresh
            t = time.perf_counter() - t0
            rates.append(sweeps * 8.0 * n * n / t / 1e9)
        out[name + "_GBps"] = statistics.median(rates)
    out["load"] = load1()
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="1024,4096")
    p.add_argument("--kinds", default="dense,scaled")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--tolerance", type=float, default=1e-10)
    p.add_argument("--sbal", action="append", default=[], help="tag=path of a release sbal binary")
    p.add_argument("--data", default=os.path.join(ROOT, "Benchmarks", "data"))
    args = p.parse_args()
    binaries = [tuple(b.split("=", 1)) if "=" in b else ("sbal", b) for b in args.sbal]
    tmp = tempfile.mkdtemp(prefix="osborne_ab_")
    print(f"date {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, cores {os.cpu_count()}, "
          f"load {os.getloadavg()}, numpy {np.__version__}, blas {anchors.blas_info()}", flush=True)
    summary = []
    for n in [int(s) for s in args.sizes.split(",")]:
        for kind in args.kinds.split(","):
            J = np.load(network(args.data, kind, n))
            npz = os.path.join(tmp, f"{kind}_{n}.npz")
            np.savez(npz, J=J)
            records = {"numpy": []}
            for tag, _ in binaries: records[tag] = []
            sides = [("numpy", None)] + binaries
            for r in range(args.rounds):
                for tag, binary in (sides if r % 2 == 0 else sides[::-1]):
                    rec = numpy_side(J, args.tolerance) if binary is None else sbal_side(binary, npz, args.tolerance)
                    rec.update(side=tag, network=f"{kind}_{n}", round=r, load=load1())
                    print(json.dumps(rec), flush=True)
                    records[tag].append(rec)
            row = {"network": f"{kind}_{n}", "numpy_s": statistics.median(x["seconds"] for x in records["numpy"]),
                   "numpy_sweeps": records["numpy"][0]["iterations"],
                   "load": statistics.median(x["load"] for v in records.values() for x in v)}
            for tag, _ in binaries:
                row[f"{tag}_solve_s"] = statistics.median(x["seconds"] for x in records[tag])
                row[f"{tag}_wall_s"] = statistics.median(x["wall"] for x in records[tag])
                row[f"{tag}_sweeps"] = records[tag][0]["iterations"]
                row[f"{tag}/numpy"] = row[f"{tag}_solve_s"] / row["numpy_s"]
                # paired in each round (both sides next to each other, so under the same load)
                row[f"{tag}/numpy paired"] = statistics.median(
                    b["seconds"] / a["seconds"] for a, b in zip(records["numpy"], records[tag]))
            summary.append(row)
            os.remove(npz)
    print("SUMMARY", json.dumps(summary, indent=1), flush=True)
    k = kernels()
    J = np.load(network(args.data, "dense", 4096))
    print("BANDWIDTH N=4096", json.dumps(bandwidth(k, J, args.rounds)), flush=True)


if __name__ == "__main__":
    main()
