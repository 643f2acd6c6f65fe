#!/usr/bin/env python3
"""scikit-learn's RandomForestClassifier and HistGradientBoostingClassifier, and LightGBM when
it is installed, on the rows benches/trees.rs wrote, with its folds and the settings both sides
share (see benches/trees.rs), single-threaded. Prints one JSON line per learner:
{impl, model, n, fold_auc, cv_auc, fit_s, predict_s} (seconds summed over the folds; wall).

Usage: python tools/bench/python_trees.py DATA_CSV"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # single-threaded, like the Rust side

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402


def learners():
    yield "sk_rf", "forest", lambda: RandomForestClassifier(
        n_estimators=100, max_depth=8, max_features="sqrt", bootstrap=True, n_jobs=1, random_state=0
    )
    yield "sk_hgb", "boosting", lambda: HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
        l2_regularization=0.0, max_bins=255, early_stopping=False, random_state=0,
    )
    try:
        import lightgbm  # noqa: F401
    except ImportError:
        print("python_trees: lightgbm not installed, skipped", file=sys.stderr)
        return
    from lightgbm import LGBMClassifier

    yield "lightgbm", "boosting", lambda: LGBMClassifier(
        n_estimators=100, learning_rate=0.1, num_leaves=31, min_child_samples=20,
        reg_lambda=0.0, max_bin=255, num_threads=1, verbose=-1, random_state=0,
    )


def main():
    data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
    x, y, folds = data[:, :-2], data[:, -2].astype(int), data[:, -1].astype(int)
    for impl, model, make in learners():
        fit_s = predict_s = 0.0
        fold_auc = []
        for k in range(5):
            train, test = folds != k, folds == k
            m = make()
            start = time.perf_counter()
            m.fit(x[train], y[train])
            fit_s += time.perf_counter() - start
            start = time.perf_counter()
            p = m.predict_proba(x[test])[:, 1]
            predict_s += time.perf_counter() - start
            fold_auc.append(float(roc_auc_score(y[test], p)))
        print(json.dumps({"impl": impl, "model": model, "n": int(len(y)), "fold_auc": fold_auc,
                          "cv_auc": float(np.mean(fold_auc)), "fit_s": fit_s,
                          "predict_s": predict_s}))


if __name__ == "__main__":
    main()
