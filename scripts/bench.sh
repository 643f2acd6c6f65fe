#!/usr/bin/env bash
# Measures sentiment scoring over the 8469 ticket descriptions, natively, next to the Python
# originals (installed by tools/refenv.sh into a scratch virtual environment) in the same run,
# alternating the two REPS times each. Writes benches/results.json and benches/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-3}
eval "$(tools/refenv.sh)"
export NLTK_DATA
bench=$(cargo bench --bench sentiment --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
tmp=$(mktemp -d)
for i in $(seq "$reps"); do
  echo "bench: round $i/$reps" >&2
  BENCH_REPS=1 "$bench" > "$tmp/rust-$i.json"
  "$REFPY" tools/bench/python_sentiment.py www/data/customer_support_tickets.csv 1 > "$tmp/python-$i.json"
done
"$REFPY" tools/bench/report.py "$tmp"/*.json
rm -rf "$tmp"
