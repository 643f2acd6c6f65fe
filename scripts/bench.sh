#!/usr/bin/env bash
# Measures, natively and next to the Python originals (installed by tools/refenv.sh into a
# scratch virtual environment) in the same run, alternating Rust and Python REPS times each:
# sentiment scoring over the 8469 ticket descriptions (benches/sentiment.rs,
# tools/bench/python_sentiment.py), and logistic-regression fit time, single-prediction latency
# and 1M-row fit memory (benches/fit.rs, tools/bench/python_fit.py). Writes
# benches/results.json and benches/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-3}
eval "$(tools/refenv.sh)"
export NLTK_DATA
# The path of each bench executable, by bench name.
executables=$(cargo bench --bench sentiment --bench fit --no-run --message-format=json 2>/dev/null \
  | "$REFPY" -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and "bench" in m["target"]["kind"]:
        print(m["target"]["name"], m["executable"])')
sentiment=$(awk '$1 == "sentiment" {print $2}' <<<"$executables")
fit=$(awk '$1 == "fit" {print $2}' <<<"$executables")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The 1,000,000 synthetic feature rows both fit benches train on.
"$fit" write-synthetic "$tmp/synthetic"
for i in $(seq "$reps"); do
  echo "bench: round $i/$reps" >&2
  BENCH_REPS=1 "$sentiment" > "$tmp/rust-$i.json"
  "$REFPY" tools/bench/python_sentiment.py www/data/customer_support_tickets.csv 1 > "$tmp/python-$i.json"
  BENCH_REPS=1 BENCH_SYNTHETIC_DIR="$tmp/synthetic" "$fit" > "$tmp/fit-rust-$i.json"
  "$REFPY" tools/bench/python_fit.py tests/data/golden/features.csv \
    www/data/customer_support_tickets.csv "$tmp/synthetic" 1 > "$tmp/fit-python-$i.json"
done
"$REFPY" tools/bench/report.py "$tmp"/*.json
