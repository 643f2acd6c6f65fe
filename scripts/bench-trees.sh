#!/usr/bin/env bash
# The tree learners next to scikit-learn (and LightGBM when its wheel installs) in the same run:
# benches/trees.rs and tools/bench/python_trees.py on the same planted rows and folds, REPS rounds
# alternating, then tools/bench/trees_report.py prints the CV AUC differences and the fit and
# prediction time ratios. Python: tools/refenv.sh's environment, or REFPY when set.
#   ROWS=20000 REPS=1 scripts/bench-trees.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-20000}
reps=${REPS:-1}
if [ -z "${REFPY:-}" ]; then
  eval "$(tools/refenv.sh)"
fi
"$REFPY" -c 'import lightgbm' 2>/dev/null || "$REFPY" -m pip install -q lightgbm >&2 ||
  echo "bench-trees: lightgbm did not install; compared with scikit-learn only" >&2
bench=$(cargo bench --bench trees --no-run --message-format=json 2>/dev/null \
  | "$REFPY" -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and "bench" in m["target"]["kind"]:
        print(m["executable"])')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bench" write "$tmp/planted.csv" "$rows"
for i in $(seq "$reps"); do
  echo "bench-trees: round $i/$reps ($rows rows)" >&2
  "$bench" run "$tmp/planted.csv" > "$tmp/rust-$i.jsonl"
  "$REFPY" tools/bench/python_trees.py "$tmp/planted.csv" > "$tmp/python-$i.jsonl"
done
cat "$tmp"/*.jsonl
"$REFPY" tools/bench/trees_report.py "$tmp"/*.jsonl
