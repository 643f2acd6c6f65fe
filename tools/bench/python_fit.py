#!/usr/bin/env python3
"""Times scikit-learn's LogisticRegression next to benches/fit.rs, single-threaded, and prints
one JSON object of figures per repetition under the same units:

- ms_per_fit: LogisticRegression(solver="liblinear" | "lbfgs", C=1, max_iter=1000) on the seed3
  features (age, priority_seed, s) of the 8469 tickets, read from the golden features.csv (bit
  for bit the Rust features), mean of 50 fits; and one fit on the 1,000,000 synthetic rows the
  Rust bench wrote (SYNTHETIC_DIR/synthetic_{x,y}.npy), in a child process.
- us_per_prediction: predict_proba on one row per call over the 8469 rows; and from raw text:
  the seed pipeline (NLTK cleaning + WordNet lemmatization + TextBlob polarity) then
  predict_proba on that row, per ticket.
- mb_peak / mb_fit_increase: the child's VmHWM after the 1M-row fit, and that minus its VmRSS
  just before the fit (interpreter, numpy, scikit-learn and the data loaded by then).

Usage: NLTK_DATA=... python tools/bench/python_fit.py FEATURES_CSV TICKETS_CSV SYNTHETIC_DIR [REPS]
       python tools/bench/python_fit.py --fit-1m SYNTHETIC_DIR liblinear|lbfgs   (the child)"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # single-threaded, like the Rust side

import csv  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

FITS = 50
SOLVERS = ("liblinear", "lbfgs")


def model(solver):
    return LogisticRegression(solver=solver, C=1.0, max_iter=1000)


def memory_mb():
    """(VmRSS, VmHWM) of this process in MiB."""
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def fit_1m(directory, solver):
    x = np.load(os.path.join(directory, "synthetic_x.npy"))
    y = np.load(os.path.join(directory, "synthetic_y.npy"))
    before, _ = memory_mb()
    m = model(solver)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m.fit(x, y)
    seconds = time.perf_counter() - start
    _, peak = memory_mb()
    print(json.dumps({"rows": len(y), "seconds": seconds, "iterations": int(m.n_iter_[0]),
                      "mb_before_fit": before, "mb_peak": peak,
                      "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])}))


def main(features_csv, tickets_csv, directory, reps):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
    from textblob import TextBlob
    from seedpipe import clean_text, preprocess_text

    with open(features_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["age"]), float(r["priority_seed"]), float(r["s"])] for r in rows])
    y = np.array([float(r["resolved"]) for r in rows])
    with open(tickets_csv, newline="", encoding="utf-8") as f:
        tickets = list(csv.DictReader(f))
    codes = {"low": 1.0, "medium": 2.0, "high": 3.0}
    fitted = model("liblinear").fit(x, y)

    def predict_from_text(t):
        s = TextBlob(preprocess_text(clean_text(t["Ticket Description"]))).sentiment.polarity
        priority = codes.get(t["Ticket Priority"].strip().lower(), 0.0)
        row = np.array([[float(t["Customer Age"]), priority, s]])
        return fitted.predict_proba(row)

    for t in tickets[:200]:
        predict_from_text(t)  # warm-up: lazy lexicon and WordNet loading

    figures = {"ms_per_fit": {}, "us_per_prediction": {}, "mb_peak": {}, "mb_fit_increase": {}}

    def push(unit, name, value):
        figures[unit].setdefault(name, []).append(value)

    iterations = {}
    for _ in range(reps):
        for solver in SOLVERS:
            for _ in range(5):
                model(solver).fit(x, y)
            start = time.perf_counter()
            for _ in range(FITS):
                model(solver).fit(x, y)
            push("ms_per_fit", f"sklearn_fit_{solver}", (time.perf_counter() - start) * 1e3 / FITS)
        start = time.perf_counter()
        for i in range(len(x)):
            fitted.predict_proba(x[i:i + 1])
        push("us_per_prediction", "sklearn_predict_proba_row",
             (time.perf_counter() - start) * 1e6 / len(x))
        start = time.perf_counter()
        for t in tickets:
            predict_from_text(t)
        push("us_per_prediction", "python_predict_from_text",
             (time.perf_counter() - start) * 1e6 / len(tickets))
        for solver in SOLVERS:
            out = subprocess.run([sys.executable, __file__, "--fit-1m", directory, solver],
                                 check=True, capture_output=True, text=True).stdout
            child = json.loads(out)
            push("ms_per_fit", f"sklearn_fit_1m_{solver}", child["seconds"] * 1e3)
            push("mb_peak", f"sklearn_1m_{solver}", child["mb_peak"])
            push("mb_fit_increase", f"sklearn_1m_{solver}",
                 child["mb_peak"] - child["mb_before_fit"])
            iterations[solver] = child["iterations"]
    print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__,
                      "sklearn_fit_1m_iterations": iterations, **figures}))


if __name__ == "__main__":
    if sys.argv[1] == "--fit-1m":
        fit_1m(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3)
