#!/usr/bin/env python3
"""Merges benchmark JSON objects (files given as arguments; each holds "texts_per_s": {name:
[per-repetition figures]}) into benches/results.json and benches/results.md: median, min and
max per measurement, and ratios of medians under keys that say what they compare."""
import json
import statistics
import sys

RATIOS = [  # (key, ours, theirs)
    ("rust_textblob_vs_python_textblob", "rust_textblob", "python_textblob"),
    ("rust_seed_vs_python_seed", "rust_seed", "python_seed"),
    ("rust_vader_vs_python_vader", "rust_vader", "python_vader"),
    # How many times slower than merely reading the bytes (lower is better; 1 is the limit).
    ("letter_count_limit_vs_rust_textblob", "rust_letter_count_limit", "rust_textblob"),
    ("letter_count_limit_vs_rust_vader", "rust_letter_count_limit", "rust_vader"),
]
LABELS = {
    "rust_textblob": "Rust TextBlob (polarity + subjectivity), native",
    "rust_seed": "Rust seed score (clean + lemmatize + TextBlob), native",
    "rust_vader": "Rust VADER, native",
    "rust_letter_count_limit": "Limit: counting ASCII letters, native",
    "python_textblob": "Python TextBlob 0.20.1",
    "python_seed": "Python seed pipeline (NLTK + TextBlob)",
    "python_vader": "Python vaderSentiment 3.3.2",
}

runs, meta = {}, {}
for path in sys.argv[1:]:
    with open(path) as f:
        data = json.load(f)
    for name, figures in data.pop("texts_per_s").items():
        runs.setdefault(name, []).extend(figures)
    meta.update(data)

stats = {name: {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": v}
         for name, v in runs.items()}
ratios = {key: stats[a]["median"] / stats[b]["median"]
          for key, a, b in RATIOS if a in stats and b in stats}
result = {"unit": "texts/s", "corpus": "8469 ticket descriptions", **meta,
          "texts_per_s": stats, "ratios": ratios}
with open("benches/results.json", "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")

lines = ["| measurement | texts/s (median) | min | max |", "|---|---:|---:|---:|"]
for name, s in stats.items():
    lines.append(f"| {LABELS.get(name, name)} | {s['median']:,.0f} | {s['min']:,.0f} | {s['max']:,.0f} |")
lines += ["", "| ratio (medians) | × |", "|---|---:|"]
lines += [f"| `{k}` | {v:,.1f} |" for k, v in ratios.items()]
with open("benches/results.md", "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
