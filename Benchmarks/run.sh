#!/usr/bin/env bash
# Benchmarks of swift-synaptic-balancing against its anchors, side by side in one run.
#
#   Benchmarks/run.sh            # everything: N = 64, 256, 1024, 4096, the 100k/10M sparse network
#   Benchmarks/run.sh --quick    # N = 64, 256, 1024 only, 10k-neuron/1M-synapse sparse network
#   Benchmarks/run.sh --charpoly # only the exact characteristic polynomials (FLINT, sympy, Swift)
#
# Steps: (1) generate the inputs once (python/generate.py -> data/*.npy, *.json), (2) build
# sbal-bench in release mode, (3) run each workload in Python and in Swift on the same files,
# (4) print a Markdown table of times, ratios (ours / anchor) and |g|/C, plus the targets.
# Every record is kept in results/<UTC time>/*.jsonl. Nothing here asserts on wall time.
#
# Environment: SBAL_BENCH_REFERENCE_CAP (seconds per solve_ivp run, default 100: a capped run reports
# a projection), SBAL_BENCH_SIZES (e.g. "64,256"), SBAL_BENCH_SPARSE ("neurons,synapses").
# Needs python3 with numpy, scipy, sympy and python-flint (`pip install python-flint`), libgmp-dev.
set -euo pipefail
cd "$(dirname "$0")"

SIZES=${SBAL_BENCH_SIZES:-64,256,1024,4096}
SPARSE=${SBAL_BENCH_SPARSE:-100000,10000000}
CAP=${SBAL_BENCH_REFERENCE_CAP:-100}
CHARPOLY_ONLY=0
if [ "${1:-}" = "--charpoly" ]; then
    CHARPOLY_ONLY=1
    SIZES=""
fi
if [ "${1:-}" = "--quick" ]; then
    SIZES=${SBAL_BENCH_SIZES:-64,256,1024}
    SPARSE=${SBAL_BENCH_SPARSE:-10000,1000000}
    CAP=${SBAL_BENCH_REFERENCE_CAP:-60}
fi

OUT="results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
say() { echo "== $*" >&2; }
{
    echo "date: $(date -u)"
    echo "cores: $(nproc)"
    echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "python: $(python3 --version 2>&1)"
    python3 -c "import numpy, scipy, sympy; print('numpy', numpy.__version__, 'scipy', scipy.__version__, 'sympy', sympy.__version__)"
    python3 -c "import flint; print('python-flint', flint.__version__)" 2>/dev/null || echo "python-flint: not installed"
    swift --version 2>&1 | head -n 1
} > "$OUT/environment.txt"

say "generating inputs (sizes $SIZES)"
python3 python/generate.py --sizes "$SIZES"

say "building sbal-bench (release)"
swift build -c release --product sbal-bench >&2
BENCH="$(swift build -c release --show-bin-path)/sbal-bench"

PY="$OUT/python.jsonl"
SW="$OUT/swift.jsonl"
: > "$PY"
: > "$SW"

# Exact characteristic polynomials; both sides take the best of up to CHARPOLY_REPEATS runs.
CHARPOLY_REPEATS=${SBAL_BENCH_CHARPOLY_REPEATS:-50}
run_charpoly() {
    local CHARPOLY=(data/rational_16.json data/rational_32.json)
    say "exact charpoly: FLINT, sympy (ground types python and flint), Swift"
    if python3 -c "import flint" 2>/dev/null; then
        python3 python/baselines.py charpoly --engines flint --repeats "$CHARPOLY_REPEATS" "${CHARPOLY[@]}" >> "$PY"
        SYMPY_GROUND_TYPES=flint python3 python/baselines.py charpoly --engines sympy "${CHARPOLY[@]}" >> "$PY"
    else
        say "python-flint is not installed (pip install python-flint): FLINT rows skipped"
    fi
    SYMPY_GROUND_TYPES=python python3 python/baselines.py charpoly --engines sympy "${CHARPOLY[@]}" >> "$PY" || true
    "$BENCH" charpoly --repeats "$CHARPOLY_REPEATS" "${CHARPOLY[@]}" >> "$SW" || say "sbal-bench charpoly failed"
}

finish() {
    echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
    python3 python/table.py "$PY" "$SW" > "$OUT/table.md"
    cat "$OUT/environment.txt"
    echo
    cat "$OUT/table.md"
    say "records and table in Benchmarks/$OUT"
}

if [ "$CHARPOLY_ONLY" = 1 ]; then
    run_charpoly
    finish
    exit 0
fi

IFS=',' read -r -a NS <<< "$SIZES"
for n in "${NS[@]}"; do
    files=("data/dense_$n.npy" "data/sparse_$n.npy")
    [ -f "data/scaled_$n.npy" ] && files+=("data/scaled_$n.npy")
    say "N = $n: LAPACK gebal"
    python3 python/baselines.py gebal "${files[@]}" >> "$PY"
    say "N = $n: Newton and Osborne (Swift), and the CSR front end on the sparse network"
    for f in "${files[@]}"; do
        solvers=newton,osborne
        case "$f" in *sparse_*) solvers=newton,osborne,newton-csr ;; esac
        "$BENCH" balance --solvers "$solvers" --tolerance 1e-10 "$f" >> "$SW" || say "sbal-bench balance failed ($f)"
    done
    say "N = $n: reference solve_ivp RK45, scipy default tolerances, T = 3000 (cap ${CAP}s per run)"
    python3 python/baselines.py reference --cap "$CAP" "data/dense_$n.npy" "data/sparse_$n.npy" >> "$PY"
    say "N = $n: reference solve_ivp RK45, rtol 1e-10, atol 1e-12, stop at |g|/C <= 1e-10 (cap ${CAP}s per run)"
    python3 python/baselines.py reference --cap "$CAP" --rtol 1e-10 --atol 1e-12 "data/dense_$n.npy" "data/sparse_$n.npy" >> "$PY"
done

IFS=',' read -r SPARSE_N SPARSE_NNZ <<< "$SPARSE"
say "sparse: $SPARSE_N neurons, $SPARSE_NNZ synapses, to 1e-8 (Swift)"
"$BENCH" sparse --neurons "$SPARSE_N" --synapses "$SPARSE_NNZ" --tolerance 1e-8 >> "$SW" || say "sbal-bench sparse failed"

run_charpoly

say "exact Euler simulation N = 16, 100 steps: fractions, Swift"
python3 python/baselines.py euler data/euler_16.json >> "$PY"
"$BENCH" euler data/euler_16.json >> "$SW" || say "sbal-bench euler failed"

say "rational add/mul loop: GMP C API, Swift Rational"
"$BENCH" rational-loop --count 1024 --rounds 1000 >> "$SW" || say "sbal-bench rational-loop failed"

finish
