#!/usr/bin/env python3
"""Writes tests/data/diff/split_cases.json: numpy's legacy RandomState (MT19937) raw 32-bit
words, random_sample() values and permutation(n) for several seeds and sizes, scikit-learn's
train_test_split row indices for many (n, test_size, random_state), and
StratifiedKFold(shuffle=True) fold assignments for fixed label vectors. Run with the reference
venv (numpy 2.4.6, scikit-learn 1.9.1).
Usage: python3 tools/reference/diff_split.py [OUT]"""
import json
import os
import random
import sys

import numpy as np
import sklearn
from sklearn.model_selection import StratifiedKFold, train_test_split

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "tests", "data", "diff", "split_cases.json")

SEEDS = [0, 1, 42, 12345, 2**32 - 1]


def raw_words(seed, count):
    bg = np.random.MT19937()
    bg._legacy_seeding(seed)
    return [int(v) for v in bg.random_raw(count)]


raw = [{"seed": s, "words": raw_words(s, 8)} for s in SEEDS]
# 700 draws run past the 624-word state, so the regeneration is exercised too.
# As repr strings: they parse to the same float64 in any language.
samples = [{"seed": s, "values_repr": [repr(float(v)) for v in np.random.RandomState(s).random_sample(700)]}
           for s in (0, 42)]
perms = []
for s in SEEDS:
    for n in list(range(0, 41)) + [63, 64, 65, 127, 128, 129]:
        perms.append({"seed": s, "n": n, "perm": [int(v) for v in np.random.RandomState(s).permutation(n)]})
for s in (0, 42):
    for n in (255, 256, 257, 1000, 4097):
        perms.append({"seed": s, "n": n, "perm": [int(v) for v in np.random.RandomState(s).permutation(n)]})

splits = []
for n in list(range(2, 61)) + [99, 100, 101, 333, 1694]:
    for test_size in (0.2, 0.1, 0.25, 0.3, 0.33, 0.5, 0.7):
        for seed in (42, 7):
            try:
                train, test = train_test_split(np.arange(n), test_size=test_size, random_state=seed)
            except ValueError as e:
                splits.append({"n": n, "test_size": test_size, "seed": seed, "error": str(e)})
                continue
            splits.append({"n": n, "test_size": test_size, "seed": seed,
                           "train": [int(v) for v in train], "test": [int(v) for v in test]})

rng = random.Random(20261126)
kfold = []
for n, labels_of, n_splits, seed in [
    (10, ["a", "b"], 2, 0), (37, ["no", "yes"], 5, 0), (100, [1, 0], 5, 0), (100, [1, 0], 3, 42),
    (503, [0, 1, 2], 5, 0), (503, ["Open", "Closed", "Pending"], 4, 7), (1000, [0, 1], 5, 0),
    (64, [2, 1, 0], 5, 12345),
]:
    for trial in range(3):
        y = [rng.choice(labels_of) if rng.random() < 0.8 else labels_of[0] for _ in range(n)]
        folds = np.empty(n, dtype=int)
        for fold, (_, test) in enumerate(StratifiedKFold(n_splits, shuffle=True, random_state=seed).split(np.zeros(n), y)):
            folds[test] = fold
        kfold.append({"labels": y, "n_splits": n_splits, "seed": seed, "folds": [int(v) for v in folds]})

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"how_produced": "tools/reference/diff_split.py",
               "versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__},
               "raw_words": raw, "random_sample": samples, "permutations": perms,
               "train_test_split": splits, "stratified_kfold": kfold}, f, separators=(",", ":"))
    f.write("\n")
print("wrote", len(raw), "raw,", len(perms), "permutations,", len(splits), "splits,", len(kfold),
      "k-fold cases to", OUT)
