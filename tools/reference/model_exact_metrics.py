#!/usr/bin/env python3
"""Writes tests/data/diff/model_exact_metrics.json: scikit-learn's metrics for the EXACT optimum
of every configuration in tests/data/golden/sklearn_models.json (the `exact_optimum` weights,
not scikit-learn's early-stopped fit), on the seed split's test rows and on the fit rows, so a
trainer that solves the objective exactly can be checked against scikit-learn's metric code.
Run with the reference venv (scikit-learn 1.9.1).
Usage: python3 tools/reference/model_exact_metrics.py [OUT]"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, brier_score_loss, log_loss,
                             roc_auc_score)

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
GOLDEN = os.path.join(ROOT, "tests", "data", "golden")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "data", "diff",
                                                          "model_exact_metrics.json")

models = json.load(open(os.path.join(GOLDEN, "sklearn_models.json")))
features = pd.read_csv(os.path.join(GOLDEN, "features.csv"))
features["s_x_priority"] = features["s"] * features["priority_seed"]
row_of = {tid: i for i, tid in enumerate(features["Ticket ID"])}
train = [row_of[int(l)] for l in open(os.path.join(GOLDEN, "seed_split_train_ids.txt"))]
test = [row_of[int(l)] for l in open(os.path.join(GOLDEN, "seed_split_test_ids.txt"))]
everything = list(range(len(features)))


def model_for(cfg, fit, classes):
    exact = fit["exact_optimum"]
    m = LogisticRegression()
    m.classes_ = np.array(classes)
    m.coef_ = np.atleast_2d(np.array(exact["coef"], dtype=float))
    m.intercept_ = np.array(exact.get("intercept", exact.get("intercept_centered")), dtype=float)
    return m


def design(cfg, fit, rows):
    x = features.iloc[rows][cfg["features"]].to_numpy(dtype=float)
    if cfg.get("standardized"):
        x = (x - np.array(fit["scaler"]["mean"])) / np.array(fit["scaler"]["scale"])
    return x


def metrics(cfg, fit, rows):
    m = model_for(cfg, fit, fit["classes"])
    x = design(cfg, fit, rows)
    if cfg["target"] == "resolved":
        y = features.iloc[rows]["resolved"].to_numpy()
        p = m.predict_proba(x)[:, 1]
        pred = m.predict(x)
        return {"n": len(rows), "accuracy": accuracy_score(y, pred),
                "balanced_accuracy": balanced_accuracy_score(y, pred),
                "roc_auc": roc_auc_score(y, p),
                "roc_auc_decision_function": roc_auc_score(y, m.decision_function(x)),
                "log_loss": log_loss(y, p), "brier": brier_score_loss(y, p),
                "predicted_positive_share": float(np.mean(pred == 1))}
    y = features.iloc[rows]["status"].to_numpy()
    p = m.predict_proba(x)
    pred = m.predict(x)
    return {"n": len(rows), "accuracy": accuracy_score(y, pred),
            "balanced_accuracy": balanced_accuracy_score(y, pred),
            "roc_auc_ovr_macro": roc_auc_score(y, p, multi_class="ovr", average="macro"),
            "roc_auc_ovo_macro": roc_auc_score(y, p, multi_class="ovo", average="macro"),
            "log_loss": log_loss(y, p),
            "brier_multiclass_sum_over_classes": brier_score_loss(y, p)}


out = {"how_produced": "tools/reference/model_exact_metrics.py: scikit-learn metrics of the "
                       "exact_optimum weights of tests/data/golden/sklearn_models.json",
       "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
       "configs": {}}
for key, cfg in models["configs"].items():
    seed = cfg["seed_split"]
    allr = cfg["all_rows"]
    out["configs"][key] = {
        "seed_split": {"test_metrics": metrics(cfg, seed, test),
                       "fit_rows_metrics": metrics(cfg, seed, train)},
        "all_rows": {"fit_rows_metrics": metrics(cfg, allr, everything)},
    }
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", OUT)
