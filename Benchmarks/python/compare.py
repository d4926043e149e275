#!/usr/bin/env python3
"""Side-by-side runs of the package (sbal-bench) and its anchors (anchors.py, python-flint), alternated.

Each workload is run in rounds; a round starts one anchor process and one package process, in the order
A B on even rounds and B A on odd ones, so that a drift of the machine's speed (2 cores shared with other
work) hits both sides alike. Every process does each of its methods once and reports the in-process
solve time; the driver also records each process's whole wall time (imports, reading the file, the
solve). The ratios in the table (python/table_anchors.py) are medians over rounds of the per-round ratios.
The 1-minute load average is recorded with each measurement.

usage: compare.py --bench PATH/TO/sbal-bench --out RESULTS.jsonl [--only dense,scaled,...] [--rounds R]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

# (group, label, input, anchor methods, package solvers, rounds)
WORKLOADS = [
    ("dense", "dense 1024", "dense_1024.npy", "jacobi,newton-cg-dense", "newton,osborne", 5),
    ("dense", "dense 4096", "dense_4096.npy", "jacobi,newton-cg-dense", "newton,osborne", 3),
    ("scaled", "scaled 1024", "scaled_1024.npy", "jacobi,newton-cg-dense", "newton,osborne", 5),
    ("scaled", "scaled 4096", "scaled_4096.npy", "jacobi,newton-cg-dense", "newton,osborne", 3),
    ("sparse", "sparse 1024 (10%)", "sparse_1024.npy", "jacobi,newton-cg-sparse,jacobi-sparse", "newton,osborne", 5),
    ("sparse", "sparse 4096 (10%)", "sparse_4096.npy", "jacobi,newton-cg-sparse,jacobi-sparse", "newton,osborne", 3),
    ("csr", "sparse 100k / 10M (CSR)", "csr:csr_100000_10000000", "jacobi-sparse,newton-cg-sparse", "newton,osborne", 3),
    ("csr-1m", "sparse 1M / 50M (CSR)", "csr:csr_1000000_50000000", "jacobi-sparse,newton-cg-sparse", "newton,osborne", 2),
    # reducible: the optimum is at infinity, so the anchors stop at their sweep cap unconverged (reported)
    ("reducible", "reducible 300 (20 blocks on a DAG)", "reducible_300.npy", "jacobi", "newton,osborne", 3),
    ("flow", "flow on h: scaled 256", "scaled_256.npy", "rk45", "dopri-h", 5),
    ("flow", "flow on h: dense 1024", "dense_1024.npy", "rk45", "dopri-h", 3),
]

# rational64_64 is left out: one FLINT run of it took more than 6 CPU minutes and 6.5 GB (Dec 3 2026).
CHARPOLY = ["rational_16.json", "rational_32.json", "rational_64.json",
            "rational64_16.json", "rational64_32.json"]


def anchor_env():
    # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on this machine for old OpenBLAS builds and slow a
    # current numpy down: unset both for the anchors (anchors.py records the kernel OpenBLAS then picks).
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def run(command, env=None, timeout=3600):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    wall = time.perf_counter() - start
    records = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            records.append(json.loads(line))
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
    return records, wall


def input_path(name):
    return "csr:" + os.path.join(DATA, name[4:]) if name.startswith("csr:") else os.path.join(DATA, name)


def exists(name):
    if name.startswith("csr:"):
        return os.path.exists(os.path.join(DATA, name[4:] + "_data.npy"))
    return os.path.exists(os.path.join(DATA, name))


def balance_workloads(bench, only, out, rounds_override):
    for group, label, name, anchors, solvers, rounds in WORKLOADS:
        if only and group not in only:
            continue
        if not exists(name):
            print(f"== {label}: {name} not generated, skipped", file=sys.stderr)
            continue
        rounds = rounds_override or rounds
        path = input_path(name)
        for r in range(rounds):
            sides = [("anchor", [sys.executable, os.path.join(HERE, "anchors.py"), path, "--methods", anchors,
                                 "--round", str(r)], anchor_env()),
                     ("package", [bench, "solve", "--solvers", solvers, "--round", str(r), path], None)]
            if r % 2 == 1:
                sides.reverse()
            for side, command, env in sides:
                load = os.getloadavg()[0]
                records, wall = run(command, env)
                for rec in records:
                    rec.update(group=group, workload=label, process_seconds=wall, load_before=load)
                    out.write(json.dumps(rec) + "\n")
                    out.flush()
                print(f"== {label} round {r} {side}: " + ", ".join(
                    f"{x['method']} {x.get('seconds', float('nan')):.4g} s |g|/C {x.get('rel_imbalance', 'n/a')}"
                    for x in records) + f" (process {wall:.2f} s, load {load:.2f})", file=sys.stderr)


def charpoly_workloads(bench, out, rounds, repeats):
    for name in CHARPOLY:
        path = os.path.join(DATA, name)
        if not os.path.exists(path):
            continue
        # one run each of the 64-bit inputs: they take seconds to minutes (best-of-5 would take an hour)
        runs = 1 if name.startswith("rational64") else repeats
        for r in range(rounds):
            sides = [("anchor", [sys.executable, os.path.join(HERE, "baselines.py"), "charpoly", "--engines", "flint",
                                 "--repeats", str(runs), path], None),
                     ("package", [bench, "charpoly", "--engines", "swift", "--repeats", str(runs), path], None)]
            if r % 2 == 1:
                sides.reverse()
            for side, command, env in sides:
                load = os.getloadavg()[0]
                records, wall = run(command, env)
                for rec in records:
                    rec.update(group="charpoly", workload=f"charpoly {name}", side=side, method=rec.get("engine"),
                               round=r, process_seconds=wall, load_before=load)
                    out.write(json.dumps(rec) + "\n")
                    out.flush()
                print(f"== charpoly {name} round {r} {side}: " + ", ".join(
                    f"{x['engine']} {x['seconds']:.4g} s" for x in records) + f" (load {load:.2f})", file=sys.stderr)


def cli_workload(sbal, out, rounds, bench):
    """Whole-process `sbal balance` (the CLI default solver, `auto` = cyclic Osborne) beside the in-process solve."""
    path = os.path.join(DATA, "net_dense_4096.npz")
    npy = os.path.join(DATA, "dense_4096.npy")
    if not (sbal and os.path.exists(path)):
        return
    for r in range(rounds):
        sides = [("cli", [sbal, "balance", path, "--quiet", "--json"]),
                 ("package", [bench, "solve", "--solvers", "osborne", "--round", str(r), npy])]
        if r % 2 == 1:
            sides.reverse()
        for side, command in sides:
            load = os.getloadavg()[0]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            wall = time.perf_counter() - start
            rec = {"group": "cli", "workload": "CLI dense 4096", "side": side, "round": r, "process_seconds": wall,
                   "load_before": load}
            if side == "cli":
                report = json.loads(done.stdout)
                rec.update(method="sbal balance", seconds=report.get("seconds"), converged=report.get("converged"),
                           rel_imbalance=report.get("relativeImbalance"))
            else:
                rec.update(json.loads(done.stdout.splitlines()[0]), group="cli", workload="CLI dense 4096")
            out.write(json.dumps(rec) + "\n")
            out.flush()
            print(f"== CLI round {r} {side}: process {wall:.2f} s, solve {rec.get('seconds')}", file=sys.stderr)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bench", required=True)
    p.add_argument("--sbal", default="")
    p.add_argument("--out", required=True)
    p.add_argument("--only", default="", help="groups: dense,scaled,sparse,csr,csr-1m,flow,charpoly,cli")
    p.add_argument("--rounds", type=int, default=0)
    p.add_argument("--charpoly-repeats", type=int, default=5)
    args = p.parse_args()
    only = set(x for x in args.only.split(",") if x)
    with open(args.out, "a") as out:
        balance_workloads(args.bench, only, out, args.rounds)
        if not only or "charpoly" in only:
            charpoly_workloads(args.bench, out, args.rounds or 3, args.charpoly_repeats)
        if not only or "cli" in only:
            cli_workload(args.sbal, out, args.rounds or 3, args.bench)


if __name__ == "__main__":
    main()
