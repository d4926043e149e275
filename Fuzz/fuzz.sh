#!/usr/bin/env bash
# libFuzzer over the file layer (NetworkFiles): JSON network files, .npz archives, .npy arrays,
# recorded paths and certificates. Usage, from anywhere:
#
#   Fuzz/fuzz.sh build                 # build .build-fuzz/debug/NetworkFilesFuzzer (fuzzer + AddressSanitizer, lld)
#   Fuzz/fuzz.sh run [libFuzzer flags] # build, seed .build-fuzz/corpus, fuzz (default: 10 minutes, 1 job)
#   Fuzz/fuzz.sh replay FILE...        # build, run the target once on each FILE (a reproducer)
#
# The target exists only when SBAL_FUZZ is set (see the end of Package.swift).
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=.build-fuzz
FUZZER=$SCRATCH/debug/NetworkFilesFuzzer

build() {
    SBAL_FUZZ=1 swift build -c debug --scratch-path "$SCRATCH" --product NetworkFilesFuzzer \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | grep -v "Cannot export local symbol" || true
    test -x "$FUZZER" || { echo "error: $FUZZER was not built" >&2; exit 2; }
}

# Seeds: valid small network files, archives, an .npy array and certificates.
seed() {
    mkdir -p "$SCRATCH/corpus"
    cp Examples/one-synapse.json Examples/reciprocal-pair.json Examples/ring12.json Examples/two-neuron.json \
       Tests/Fixtures/numpy-original.npz Tests/Fixtures/solve-ivp-network.json Tests/Fixtures/solve-ivp-path.npz \
       Fuzz/seeds/* "$SCRATCH/corpus/"
    cp proofs/certificates/one-synapse.json "$SCRATCH/corpus/certificate-one-synapse.json"
    cp proofs/certificates/two-neuron.json "$SCRATCH/corpus/certificate-two-neuron.json"
    cp proofs/certificates/reciprocal-pair.json "$SCRATCH/corpus/certificate-reciprocal-pair.json"
    if [ -d Tests/Fixtures/fuzz-reproducers ]; then cp Tests/Fixtures/fuzz-reproducers/* "$SCRATCH/corpus/" 2>/dev/null || true; fi
}

command=${1:-run}
shift || true
case "$command" in
build) build ;;
run)
    build
    seed
    mkdir -p "$SCRATCH/artifacts"
    # Defaults first: a flag given on the command line overrides them (libFuzzer keeps the last).
    exec "$FUZZER" -max_total_time=600 -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -dict=Fuzz/network.dict -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/" "$@" "$SCRATCH/corpus" ;;
replay)
    build
    exec "$FUZZER" -runs=1 "$@" ;;
*) echo "usage: Fuzz/fuzz.sh build | run [libFuzzer flags] | replay FILE..." >&2; exit 2 ;;
esac
