#!/usr/bin/env python3
"""The Python side of tools/bench/stream.mjs: what the page's dashboard analysis does to an
export, natively with the Python originals: pandas `read_csv`, then per ticket description
TextBlob polarity + subjectivity, the seed score (NLTK cleaning + WordNet lemmatization +
TextBlob polarity) and VADER's scores. Single-threaded, as each Python call is. Prints one JSON
object: rows, seconds reading, seconds in the analyzers, peak RSS in MiB.

    NLTK_DATA=... python_stream.py EXPORT.csv
"""
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
import pandas as pd  # noqa: E402
from textblob import TextBlob  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402
from seedpipe import clean_text, preprocess_text  # noqa: E402

t0 = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
t1 = time.perf_counter()
vader = SentimentIntensityAnalyzer()
for text in frame["Ticket Description"].fillna(""):
    TextBlob(text).sentiment
    TextBlob(preprocess_text(clean_text(text))).sentiment.polarity
    vader.polarity_scores(text)
t2 = time.perf_counter()
print(json.dumps({"rows": len(frame), "read_s": t1 - t0, "analyzers_s": t2 - t1,
                  "mb_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
