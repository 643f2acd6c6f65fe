#!/usr/bin/env python3
"""Prints the reference numbers of the chart tests in src/charts/ (histogram.rs KDE, roc.rs ROC
points), as Rust literals to paste into those tests.

- KDE: scipy.stats.gaussian_kde(values) (Scott's factor n**-0.2) evaluated on seaborn
  histplot(kde=True)'s grid, np.linspace(min, max, 200) (histplot sets cut=0), at a few grid
  indices, for the seed sentiment scores (tests/data/golden/features.csv column `s`), the filled
  Customer Satisfaction Ratings of tests/data/customer_support_tickets.csv, and a small
  hand-made sample with ties.
- ROC: sklearn.metrics.roc_curve(y, scores) (drop_intermediate=True) on a small sample with ties.

Run with the reference venv (scipy 1.17.1, scikit-learn 1.9.1):
  /work/scratch/refvenv/bin/python tools/reference/charts_reference.py"""
import os

import numpy as np
import pandas as pd
from scipy.stats import gaussian_kde
from sklearn.metrics import roc_auc_score, roc_curve

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
DATA = os.path.join(ROOT, "tests", "data")
INDICES = [0, 37, 99, 150, 199]


def kde_case(name, values):
    values = np.asarray(values, dtype=float)
    kde = gaussian_kde(values)
    grid = np.linspace(values.min(), values.max(), 200)
    dens = kde(grid)
    print(f"// {name}: n = {len(values)}, bandwidth = sqrt(kde.covariance)")
    print(f"bandwidth: {float(np.sqrt(kde.covariance[0, 0]))!r},")
    print("at: &[" + ", ".join(f"({i}, {float(grid[i])!r}, {float(dens[i])!r})"
                               for i in INDICES) + "],")


features = pd.read_csv(os.path.join(DATA, "golden", "features.csv"))
kde_case("sentiment", features["s"])
tickets = pd.read_csv(os.path.join(DATA, "customer_support_tickets.csv"))
kde_case("satisfaction", tickets["Customer Satisfaction Rating"].dropna())
kde_case("small", [-0.5, -0.5, 0.0, 0.0, 0.0, 0.1, 0.25, 0.4, 0.4, 0.9])

y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0]
s = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1]
fpr, tpr, thr = roc_curve(y, s)
print("// roc_curve: (fpr, tpr, threshold)")
print("[" + ", ".join(f"({float(a)!r}, {float(b)!r}, {float(c)!r})"
                      for a, b, c in zip(fpr, tpr, thr)) + "]")
print(f"// auc {roc_auc_score(y, s)!r}")
