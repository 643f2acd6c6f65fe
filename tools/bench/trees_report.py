#!/usr/bin/env python3
"""Reads the JSON lines of benches/trees.rs and tools/bench/python_trees.py (one or more rounds)
and prints, for each of our learners against each Python learner of its family: the CV AUC
difference paired over the folds with its standard error (and whether it is within 2 SE), and
the fit and prediction time ratios (ours / theirs; medians over the rounds).

Usage: python tools/bench/trees_report.py FILE..."""
import json
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                runs[(r["impl"], r["model"])].append(r)

ours = {m: rs for (i, m), rs in runs.items() if i == "rust"}
print(f"{'ours':9} {'vs':9} {'n':>6} {'CV AUC ours':>11} {'theirs':>7} {'diff ± SE':>17} "
      f"{'within 2SE':>10} {'fit ours/theirs':>22} {'predict ours/theirs':>24}")
for (impl, model), theirs in sorted(runs.items()):
    if impl == "rust" or model not in ours:
        continue
    mine = ours[model]
    a, b = mine[0]["fold_auc"], theirs[0]["fold_auc"]
    d = [x - y for x, y in zip(a, b)]
    se = statistics.stdev(d) / len(d) ** 0.5
    diff = statistics.mean(d)
    fit_o = statistics.median(r["fit_s"] for r in mine)
    fit_t = statistics.median(r["fit_s"] for r in theirs)
    pr_o = statistics.median(r["predict_s"] for r in mine)
    pr_t = statistics.median(r["predict_s"] for r in theirs)
    print(f"{model:9} {impl:9} {mine[0]['n']:>6} {mine[0]['cv_auc']:>11.4f} "
          f"{theirs[0]['cv_auc']:>7.4f} {diff:>+9.4f} ± {se:.4f} {str(abs(diff) <= 2 * se):>10} "
          f"{fit_o:>7.2f}/{fit_t:.2f} s = {fit_o / fit_t:>5.2f} "
          f"{pr_o:>7.3f}/{pr_t:.3f} s = {pr_o / pr_t:>5.2f}")
