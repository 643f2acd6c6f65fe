#!/usr/bin/env bash
# Training on a helpdesk export, text features included, natively next to scikit-learn with the
# Python analyzers on the same texts, in the same run (tools/bench/python_train_export.py; the
# Python environment from tools/refenv.sh). For each size: `ticket-insights generate --layout
# zendesk` writes the export, then `ticket-insights train` (its defaults: forward selection of
# the feature groups by 5-fold CV AUC, the newest 20% held out, no permutation null) and the
# Python pipeline (one 5-fold CV and the fit on every candidate feature) each train on it once.
# Prints wall seconds and peak RSS of each and their ratio. Not a timed test.
#   ROWS="20000 200000" scripts/bench-train.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-20000 200000}
eval "$(tools/refenv.sh)"
cargo build --release --quiet
bin=target/release/ticket-insights
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in $rows; do
  "$bin" generate --layout zendesk --rows "$n" --signal linear --seed 7 --out "$tmp/z.csv" 2>/dev/null
  /usr/bin/time -f '%e %M' -o "$tmp/rust.time" \
    "$bin" train --data "$tmp/z.csv" --permutations 0 --out "$tmp/m.bin" --report "$tmp/r.json" 2>/dev/null
  /usr/bin/time -f '%e %M' -o "$tmp/py.time" "$REFPY" tools/bench/python_train_export.py "$tmp/z.csv" > "$tmp/py.json"
  "$REFPY" - "$n" "$tmp" <<'PY'
import json, sys
n, tmp = sys.argv[1], sys.argv[2]
rs, rk = open(f"{tmp}/rust.time").read().split()
ps, pk = open(f"{tmp}/py.time").read().split()
r = json.load(open(f"{tmp}/r.json"))
p = json.load(open(f"{tmp}/py.json"))
print(f"{int(n):>8} tickets | ticket-insights train {float(rs):7.1f} s {int(rk)/1024:7.0f} MiB "
      f"(test AUC {r['metrics']['test']['roc_auc']:.3f}, {len(r['features'])} features chosen) | "
      f"pandas+TextBlob+VADER+sklearn {float(ps):7.1f} s {int(pk)/1024:7.0f} MiB "
      f"(analyzers {p['analyzers_s']:.1f} s, test AUC {p['test_auc']:.3f}) | time ratio {float(ps)/float(rs):.2f}x")
PY
done
