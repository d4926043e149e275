#!/bin/sh
# Rewrites every certificate in proofs/certificates from the example networks.
# Run it after a change to the exact checks' report texts (CI re-checks the stored reports field by
# field, wording included). Usage: proofs/regenerate-certificates.sh   (SBAL overrides the command)
set -e
cd "$(dirname "$0")/.."
SBAL="${SBAL:-swift run sbal}"
for name in two-neuron one-synapse reciprocal-pair ring12; do
    $SBAL verify "Examples/$name.json" --write-certificate "proofs/certificates/$name.json" > /dev/null
done
$SBAL audit Examples/reciprocal-pair.json --integrator euler --form jh --step 0.02 --steps 20 --exact-steps 4 \
    --write-certificate proofs/certificates/reciprocal-pair-euler-audit.json > /dev/null
for file in proofs/certificates/*.json; do
    $SBAL verify "$file" > /dev/null && echo "re-checked $file"
done
