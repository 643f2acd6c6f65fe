"""The Python side of scripts/bench-train.sh: train on a Zendesk-layout export (from
`ticket-insights generate --layout zendesk`) as a scikit-learn user would, with the Python
analyzers on the same texts: pandas read_csv, TextBlob polarity and subjectivity and VADER's
compound of the subject and the description, the priority's rank, one-hot channel, type and
weekday of creation, the newest 20% held out by creation time, StandardScaler, 5-fold
cross-validated ROC AUC and the final lbfgs fit. Prints one JSON object: seconds per stage.

    python_train_export.py EXPORT.csv
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

RANK = {"low": 1, "normal": 2, "high": 3, "urgent": 4}
RESOLVED = {"solved", "closed"}


def main(path):
    t0 = time.perf_counter()
    df = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    t1 = time.perf_counter()
    vader = SentimentIntensityAnalyzer()
    cols = {}
    for text in ("Subject", "Description"):
        blobs = [TextBlob(s).sentiment for s in df[text]]
        cols[f"{text}_polarity"] = [b.polarity for b in blobs]
        cols[f"{text}_subjectivity"] = [b.subjectivity for b in blobs]
        cols[f"{text}_vader"] = [vader.polarity_scores(s)["compound"] for s in df[text]]
    t2 = time.perf_counter()
    x = pd.DataFrame(cols)
    x["priority"] = df["Priority"].str.lower().map(RANK).fillna(2)
    created = pd.to_datetime(df["Created at"], utc=True)
    x = pd.concat(
        [
            x,
            pd.get_dummies(df["Via"], prefix="via", dtype=float),
            pd.get_dummies(df["Ticket type"], prefix="type", dtype=float),
            pd.get_dummies(created.dt.day_of_week, prefix="day", dtype=float),
        ],
        axis=1,
    )
    y = df["Status"].str.lower().isin(RESOLVED).astype(int).to_numpy()
    order = np.argsort(created.to_numpy(), kind="stable")
    cut = int(round(len(order) * 0.8))
    fit, test = order[:cut], order[cut:]
    xs = x.to_numpy(dtype=float)
    t3 = time.perf_counter()
    model = make_pipeline(StandardScaler(), LogisticRegression(solver="lbfgs", max_iter=1000))
    cv = cross_val_score(
        model, xs[fit], y[fit], cv=StratifiedKFold(5, shuffle=True, random_state=42),
        scoring="roc_auc",
    )
    model.fit(xs[fit], y[fit])
    auc = roc_auc_score(y[test], model.predict_proba(xs[test])[:, 1])
    t4 = time.perf_counter()
    print(json.dumps({
        "rows": len(df), "features": xs.shape[1],
        "read_s": t1 - t0, "analyzers_s": t2 - t1, "features_s": t3 - t2, "cv_fit_s": t4 - t3,
        "total_s": t4 - t0, "cv_auc": float(cv.mean()), "test_auc": float(auc),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
