#!/usr/bin/env bash
# Measures, natively and next to the Python originals (installed by tools/refenv.sh into a
# scratch virtual environment) in the same run, alternating Rust and Python REPS times each:
# sentiment scoring over the 8469 ticket descriptions (benches/sentiment.rs,
# tools/bench/python_sentiment.py), and logistic-regression fit time, single-prediction latency
# and 1M-row fit memory (benches/fit.rs, tools/bench/python_fit.py); and in each round, in
# headless Chromium, the browser bench (tools/web/bench.mjs: the wasm exports next to npm
# `sentiment` and `vader-sentiment` in www/bench/, prediction latency, fresh loads of the product
# page, download sizes next to onnxruntime-web and TensorFlow.js); and once, the CLI at full
# machine speed (scripts/bench-cli.sh: tickets/s on 1 and 2 threads, peak RSS against the row
# count, training on 1,000,000 raw tickets) and large exports in the browser
# (scripts/bench-stream.sh: the dashboard's analysis of 50k, 200k and 1M tickets with 1 and all
# workers, next to PapaParse and pandas). Writes benches/results.json and benches/results.md.
#   REPS=3 scripts/bench.sh   (rounds; WEB_REPS repetitions inside the bench page per round,
#                              default 3; WEB_LOADS fresh page loads per round, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-3}
web_reps=${WEB_REPS:-3}
web_loads=${WEB_LOADS:-5}
# The browser bench needs pkg/ current (rebuilt when a source is newer than it) and the pinned
# npm packages (package-lock.json).
if [ ! -f pkg/predictor/predictor_bg.wasm ] || [ ! -f pkg/studio/studio_bg.wasm ] ||
  [ -n "$(find src models Cargo.toml Cargo.lock scripts/build-web.sh \
    -newer pkg/predictor/predictor_bg.wasm -print -quit)" ]; then
  echo "bench: building pkg/ (scripts/build-web.sh)" >&2
  scripts/build-web.sh
fi
for package in playwright-core sentiment vader-sentiment onnxruntime-web @tensorflow/tfjs; do
  if [ ! -f "node_modules/$package/package.json" ]; then
    echo "bench: installing the npm devDependencies (npm install)" >&2
    npm install --no-audit --no-fund >&2
    break
  fi
done
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
  node tools/web/bench.mjs --reps "$web_reps" --loads "$web_loads" > "$tmp/web-$i.json"
done
echo "bench: the CLI (scripts/bench-cli.sh)" >&2
REPS="$reps" REFPY="$REFPY" scripts/bench-cli.sh > "$tmp/cli.json"
echo "bench: large exports in the browser (scripts/bench-stream.sh)" >&2
REFPY="$REFPY" NLTK_DATA="$NLTK_DATA" scripts/bench-stream.sh > "$tmp/stream.json"
"$REFPY" tools/bench/report.py "$tmp"/*.json
