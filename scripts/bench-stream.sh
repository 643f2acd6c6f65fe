#!/usr/bin/env bash
# Large exports in the browser (issue 16): tools/bench/stream.mjs in headless Chromium, in the
# same run as PapaParse parsing the same files in the same page and, natively, pandas read_csv
# + TextBlob + the seed pipeline + VADER (tools/bench/python_stream.py; Python from
# tools/refenv.sh): tickets/s end to end with 1 and all scoring workers, the page's peak
# memory and its longest main-thread task, for 50k, 200k and 1M tickets. Prints one JSON object
# in tools/bench/report.py's format (scripts/bench.sh merges it).
#   scripts/bench-stream.sh > stream.json
#   scripts/bench-stream.sh --update     (on its own: merges into benches/results.json and .md)
#   STREAM_ROWS=50000,200000,1000000     sizes;  STREAM_PYTHON_ROWS=50000  Python up to this size
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin ticket-insights
if [ ! -f pkg/studio/studio_bg.wasm ] || [ -n "$(find src Cargo.toml www -newer pkg/studio/studio_bg.wasm -name '*.rs' -print -quit)" ]; then
  scripts/build-web.sh >&2
fi
[ -f node_modules/papaparse/package.json ] || npm install --no-audit --no-fund >&2
if [ -z "${REFPY:-}" ]; then
  eval "$(tools/refenv.sh)"
fi
export REFPY NLTK_DATA
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node tools/bench/stream.mjs --rows "${STREAM_ROWS:-50000,200000,1000000}" \
  --python-rows "${STREAM_PYTHON_ROWS:-50000}" > "$tmp/stream.json"
cat "$tmp/stream.json"
if [ "${1:-}" = "--update" ]; then
  "$REFPY" tools/bench/report.py --update "$tmp/stream.json" > /dev/null
  echo "bench-stream: merged into benches/results.json and benches/results.md" >&2
fi
