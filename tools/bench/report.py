#!/usr/bin/env python3
"""Merges benchmark JSON objects (files given as arguments; each holds, per unit, {name:
[per-repetition figures]}: "texts_per_s" from the sentiment benches, "ms_per_fit",
"us_per_prediction", "mb_peak" and "mb_fit_increase" from the fit benches) into
benches/results.json and benches/results.md: median, min and max per measurement, a table per
unit, and ratios of medians under keys that say what they compare.

Every ratio reads "how many times better the first is than the second": for texts/s (higher is
better) first / second; for times and memory (lower is better) second / first. So above 1 means
the first is faster, or smaller."""
import json
import statistics
import sys

# unit key -> (table heading, higher is better, number format)
UNITS = {
    "texts_per_s": ("texts/s", True, "{:,.0f}"),
    "ms_per_fit": ("ms per fit", False, "{:,.2f}"),
    "us_per_prediction": ("µs per prediction", False, "{:,.3f}"),
    "mb_peak": ("peak MiB (VmHWM)", False, "{:,.1f}"),
    "mb_fit_increase": ("MiB added by the fit", False, "{:,.1f}"),
}
RATIOS = [  # (key, unit, first, second)
    ("rust_textblob_vs_python_textblob", "texts_per_s", "rust_textblob", "python_textblob"),
    ("rust_seed_vs_python_seed", "texts_per_s", "rust_seed", "python_seed"),
    ("rust_vader_vs_python_vader", "texts_per_s", "rust_vader", "python_vader"),
    # How many times slower than merely reading the bytes (lower is better; 1 is the limit).
    ("letter_count_limit_vs_rust_textblob", "texts_per_s", "rust_letter_count_limit",
     "rust_textblob"),
    ("letter_count_limit_vs_rust_vader", "texts_per_s", "rust_letter_count_limit", "rust_vader"),
    ("rust_fit_vs_sklearn_fit_liblinear", "ms_per_fit", "rust_fit_liblinear",
     "sklearn_fit_liblinear"),
    ("rust_fit_vs_sklearn_fit_lbfgs", "ms_per_fit", "rust_fit_lbfgs", "sklearn_fit_lbfgs"),
    ("rust_fit_1m_vs_sklearn_fit_1m_liblinear", "ms_per_fit", "rust_fit_1m_liblinear",
     "sklearn_fit_1m_liblinear"),
    ("rust_fit_1m_vs_sklearn_fit_1m_lbfgs", "ms_per_fit", "rust_fit_1m_lbfgs",
     "sklearn_fit_1m_lbfgs"),
    ("rust_predict_row_vs_sklearn_predict_proba_row", "us_per_prediction", "rust_predict_row",
     "sklearn_predict_proba_row"),
    ("rust_predict_from_text_vs_python_predict_from_text", "us_per_prediction",
     "rust_predict_from_text", "python_predict_from_text"),
    ("rust_peak_mb_vs_sklearn_peak_mb_1m_liblinear", "mb_peak", "rust_1m_liblinear",
     "sklearn_1m_liblinear"),
    ("rust_peak_mb_vs_sklearn_peak_mb_1m_lbfgs", "mb_peak", "rust_1m_lbfgs", "sklearn_1m_lbfgs"),
    ("rust_fit_mb_vs_sklearn_fit_mb_1m_liblinear", "mb_fit_increase", "rust_1m_liblinear",
     "sklearn_1m_liblinear"),
    ("rust_fit_mb_vs_sklearn_fit_mb_1m_lbfgs", "mb_fit_increase", "rust_1m_lbfgs",
     "sklearn_1m_lbfgs"),
]
LABELS = {
    "texts_per_s": {
        "rust_textblob": "Rust TextBlob (polarity + subjectivity), native",
        "rust_seed": "Rust seed score (clean + lemmatize + TextBlob), native",
        "rust_vader": "Rust VADER, native",
        "rust_letter_count_limit": "Limit: counting ASCII letters, native",
        "python_textblob": "Python TextBlob 0.20.1",
        "python_seed": "Python seed pipeline (NLTK + TextBlob)",
        "python_vader": "Python vaderSentiment 3.3.2",
    },
    "ms_per_fit": {
        "rust_fit_liblinear": "Rust fit, liblinear objective, 8469 × 3 (seed3)",
        "sklearn_fit_liblinear": "scikit-learn liblinear, 8469 × 3 (seed3)",
        "rust_fit_lbfgs": "Rust fit, lbfgs objective, 8469 × 3 (seed3)",
        "sklearn_fit_lbfgs": "scikit-learn lbfgs, 8469 × 3 (seed3)",
        "rust_fit_1m_liblinear": "Rust fit, liblinear objective, 1,000,000 × 3 synthetic",
        "sklearn_fit_1m_liblinear": "scikit-learn liblinear, 1,000,000 × 3 synthetic",
        "rust_fit_1m_lbfgs": "Rust fit, lbfgs objective, 1,000,000 × 3 synthetic",
        "sklearn_fit_1m_lbfgs": "scikit-learn lbfgs, 1,000,000 × 3 synthetic",
    },
    "us_per_prediction": {
        "rust_predict_row": "Rust `predict_proba`, one row per call",
        "sklearn_predict_proba_row": "scikit-learn `predict_proba`, one row per call",
        "rust_predict_from_text": "Rust from raw ticket (seed3 features + predict)",
        "python_predict_from_text": "Python from raw ticket (seed pipeline + predict_proba)",
    },
}
for unit in ("mb_peak", "mb_fit_increase"):
    LABELS[unit] = {
        f"{who}_1m_{solver}": f"{name} {solver}, 1,000,000 × 3 synthetic"
        for solver in ("liblinear", "lbfgs")
        for who, name in (("rust", "Rust fit,"), ("sklearn", "scikit-learn"))
    }

runs, meta = {}, {}
for path in sys.argv[1:]:
    with open(path) as f:
        data = json.load(f)
    for unit in UNITS:
        for name, figures in data.pop(unit, {}).items():
            runs.setdefault(unit, {}).setdefault(name, []).extend(figures)
    meta.update(data)


def summary(v):
    return {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": v}


def order(unit, names):
    """texts/s rows in input order (as before); the other units pair ours with theirs, in
    LABELS order, unknown names last."""
    if unit == "texts_per_s":
        return list(names)
    known = list(LABELS.get(unit, {}))
    return sorted(names, key=lambda n: known.index(n) if n in known else len(known))


stats = {unit: {name: summary(runs[unit][name]) for name in order(unit, runs[unit])}
         for unit in UNITS if unit in runs}
ratios = {}
for key, unit, a, b in RATIOS:
    sa, sb = stats.get(unit, {}).get(a), stats.get(unit, {}).get(b)
    if sa and sb:
        higher_better = UNITS[unit][1]
        ratios[key] = sa["median"] / sb["median"] if higher_better else sb["median"] / sa["median"]
result = {"unit": "texts/s", "corpus": "8469 ticket descriptions", **meta,
          "units": {unit: UNITS[unit][0] for unit in stats}, **stats, "ratios": ratios}
with open("benches/results.json", "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")

lines = []
for unit, measurements in stats.items():
    heading, _, fmt = UNITS[unit]
    if lines:
        lines.append("")
    lines += [f"| measurement | {heading} (median) | min | max |", "|---|---:|---:|---:|"]
    for name, s in measurements.items():
        label = LABELS.get(unit, {}).get(name, name)
        lines.append(f"| {label} | {fmt.format(s['median'])} | {fmt.format(s['min'])} | "
                     f"{fmt.format(s['max'])} |")
lines += ["", "| ratio (medians) | × |", "|---|---:|"]
lines += [f"| `{k}` | {v:,.1f} |" for k, v in ratios.items()]
lines += ["", "A ratio is how many times faster (or smaller) the first is than the second."]
with open("benches/results.md", "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
