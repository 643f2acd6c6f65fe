#!/usr/bin/env python3
"""Times the Python originals over the 8469 ticket descriptions, single-threaded, and prints
one JSON object of texts/s per repetition: TextBlob polarity+subjectivity on the raw text, the
seed pipeline (NLTK cleaning + WordNet lemmatization + TextBlob polarity) and vaderSentiment.
Usage: NLTK_DATA=... python tools/bench/python_sentiment.py CSV [REPS]"""
import csv
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
from textblob import TextBlob  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402
from seedpipe import clean_text, preprocess_text  # noqa: E402

path = sys.argv[1]
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
with open(path, newline="", encoding="utf-8") as f:
    texts = [row["Ticket Description"] for row in csv.DictReader(f)]
vader = SentimentIntensityAnalyzer()


def rate(fn):
    for t in texts[:200]:
        fn(t)  # warm-up: lazy lexicon loading, WordNet loading
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        for t in texts:
            fn(t)
        out.append(len(texts) / (time.perf_counter() - start))
    return out


print(json.dumps({"texts": len(texts), "texts_per_s": {
    "python_textblob": rate(lambda t: TextBlob(t).sentiment),
    "python_seed": rate(lambda t: TextBlob(preprocess_text(clean_text(t))).sentiment.polarity),
    "python_vader": rate(vader.polarity_scores),
}}))
