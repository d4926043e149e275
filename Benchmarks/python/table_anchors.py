#!/usr/bin/env python3
"""Markdown tables of one compare.py run (package against the anchors that reach the same |g|/C).

Every ratio is package / anchor, the median over rounds of the per-round ratio (a round runs both sides
back to back, alternating which goes first). A solve counts only if the |g|/C measured again from its h
on the input J is at most 2 x the tolerance; a method that did not get there is shown, not ranked.

usage: table_anchors.py RESULTS.jsonl [--bandwidth GBPS]
"""
import argparse
import collections
import json
import statistics
import sys

# The package solver `sbal balance` runs by default (`--solver auto`: cyclic Osborne).
CLI_DEFAULT = "osborne"


def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}"


def converged(rec):
    rel = rec.get("rel_imbalance")
    return rec.get("seconds") is not None and rel is not None and rel <= 2 * rec.get("tolerance", 1e-10)


def median(xs):
    return statistics.median(xs) if xs else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("--bandwidth", type=float, default=0.0, help="measured single-thread streaming GB/s, shown beside the sweeps")
    args = p.parse_args()
    records = [json.loads(line) for line in open(args.results) if line.strip().startswith("{")]

    # (workload, round) -> side -> method -> record
    by_round = collections.defaultdict(lambda: collections.defaultdict(dict))
    order = []
    for rec in records:
        if rec.get("group") in ("charpoly", "cli"):
            continue
        key = rec["workload"]
        if key not in order:
            order.append(key)
        by_round[(key, rec.get("round", 0))][rec["side"]][rec["method"]] = rec

    loads = [rec.get("load_before") for rec in records if rec.get("load_before") is not None]
    print(f"Load average (1 min) before each process: median {median(loads):.2f}, max {max(loads):.2f}.\n" if loads else "")

    print("#### Balancing to |g|/C <= 1e-10, Frobenius cost: package against numpy/scipy anchors\n")
    print("| network | anchor: time (median), \\|g\\|/C | package: time (median), \\|g\\|/C | best package / best anchor | CLI default (Osborne) / best package | process wall: anchor, package |")
    print("|---|---|---|---|---|---|")
    summary = {}
    for workload in order:
        rounds = sorted(r for (w, r) in by_round if w == workload)
        methods = {"anchor": [], "package": []}
        times = collections.defaultdict(list)
        rel = {}
        walls = collections.defaultdict(list)
        best_ratio, default_ratio = [], []
        for r in rounds:
            sides = by_round[(workload, r)]
            best = {}
            for side in ("anchor", "package"):
                good = []
                for method, rec in sides.get(side, {}).items():
                    if method not in methods[side]:
                        methods[side].append(method)
                    if rec.get("seconds") is not None:
                        times[(side, method)].append(rec["seconds"])
                    rel[(side, method)] = rec.get("rel_imbalance")
                    if rec.get("process_seconds") is not None:
                        walls[side].append(rec["process_seconds"])
                    if converged(rec):
                        good.append((rec["seconds"], method))
                best[side] = min(good) if good else None
            if best["anchor"] and best["package"]:
                best_ratio.append(best["package"][0] / best["anchor"][0])
            default = sides.get("package", {}).get(CLI_DEFAULT) or sides.get("package", {}).get("dopri-h")
            if best["package"] and default and converged(default):
                default_ratio.append(default["seconds"] / best["package"][0])

        def cell(side):
            parts = []
            for method in methods[side]:
                t = median(times[(side, method)])
                r = rel.get((side, method))
                mark = "" if r is not None and r <= 2e-10 else " (not converged)"
                parts.append(f"{method} {fmt_time(t)}, {r:.1e}{mark}" if r is not None else f"{method} {fmt_time(t)}")
            return "; ".join(parts)
        ratio = median(best_ratio)
        summary[workload] = (ratio, median(default_ratio))
        print(f"| {workload} | {cell('anchor')} | {cell('package')} | {fmt_ratio(ratio)} | {fmt_ratio(median(default_ratio))} | "
              f"{fmt_time(median(walls['anchor']))}, {fmt_time(median(walls['package']))} |")
    print("\nRatios below 1: the package is faster. '—': no round in which both sides reached the tolerance.\n")

    charpoly = collections.defaultdict(lambda: collections.defaultdict(list))
    sizes = {}
    for rec in records:
        if rec.get("group") == "charpoly" and rec.get("seconds") is not None:
            charpoly[rec["workload"]][(rec.get("round", 0), rec["side"])].append(rec)
            sizes[rec["workload"]] = rec.get("size")
    if charpoly:
        print("#### Exact characteristic polynomial: package against FLINT (python-flint)\n")
        print("| input | n | FLINT | package | package / FLINT | coefficients equal |")
        print("|---|---|---|---|---|---|")
        for workload, cells in charpoly.items():
            rounds = sorted({r for (r, _) in cells})
            ratios, flint_t, ours_t, equal = [], [], [], True
            for r in rounds:
                a = cells.get((r, "anchor"), [])
                b = cells.get((r, "package"), [])
                if a and b:
                    ratios.append(b[0]["seconds"] / a[0]["seconds"])
                    flint_t.append(a[0]["seconds"])
                    ours_t.append(b[0]["seconds"])
                    if a[0].get("coefficients") and b[0].get("coefficients"):
                        equal = equal and a[0]["coefficients"] == b[0]["coefficients"]
            summary[workload] = (median(ratios), None)
            print(f"| {workload.replace('charpoly ', '')} | {sizes[workload]} | {fmt_time(median(flint_t))} | {fmt_time(median(ours_t))} | "
                  f"{fmt_ratio(median(ratios))} | {'yes' if equal else 'NO'} |")
        print()

    cli = collections.defaultdict(dict)
    for rec in records:
        if rec.get("group") == "cli":
            cli[rec["round"]][rec["side"]] = rec
    if cli:
        print("#### `sbal balance` end to end at N = 4096 (dense .npz) against the in-process solve of the same solver\n")
        print("| round | CLI process wall | CLI's own solve time | in-process solve (sbal-bench) | CLI wall / in-process solve |")
        print("|---|---|---|---|---|")
        ratios = []
        for r in sorted(cli):
            c, b = cli[r].get("cli"), cli[r].get("package")
            if not (c and b and b.get("seconds")):
                continue
            ratios.append(c["process_seconds"] / b["seconds"])
            print(f"| {r} | {fmt_time(c['process_seconds'])} | {fmt_time(c.get('seconds'))} | {fmt_time(b['seconds'])} | {ratios[-1]:.2f} |")
        summary["cli"] = (median(ratios), None)
        print(f"\nMedian CLI wall / solve: {fmt_ratio(median(ratios))}.\n")

    print("#### Targets (issue 16), each a median ratio of this run\n")
    print("| target | measured | met |")
    print("|---|---|---|")
    for workload, (ratio, default) in summary.items():
        if workload.startswith("charpoly") or workload == "cli" or workload.startswith("reducible"):
            continue
        if workload.startswith("flow"):
            print(f"| {workload}: dopri on h <= 1.0 x scipy RK45 on h | {fmt_ratio(ratio)} | {'yes' if ratio is not None and ratio <= 1 else 'NO'} |")
            continue
        print(f"| {workload}: best package <= 0.5 x best anchor | {fmt_ratio(ratio)} | {'yes' if ratio is not None and ratio <= 0.5 else 'NO'} |")
        print(f"| {workload}: CLI default <= 1.2 x best package | {fmt_ratio(default)} | {'yes' if default is not None and default <= 1.2 else 'NO'} |")
    for workload, (ratio, _) in summary.items():
        if workload.startswith("charpoly"):
            limit = 1.5 if "rational64" in workload else 1.0
            print(f"| {workload} <= {limit} x FLINT | {fmt_ratio(ratio)} | {'yes' if ratio is not None and ratio <= limit else 'NO'} |")
    if "cli" in summary:
        ratio = summary["cli"][0]
        print(f"| CLI end to end <= 1.3 x solve, N = 4096 | {fmt_ratio(ratio)} | {'yes' if ratio is not None and ratio <= 1.3 else 'NO'} |")


if __name__ == "__main__":
    main()
