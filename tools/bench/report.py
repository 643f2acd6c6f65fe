#!/usr/bin/env python3
"""Merges benchmark JSON objects (files given as arguments; each holds, per unit, {name:
[per-repetition figures]}: "texts_per_s" from the sentiment benches, "ms_per_fit",
"us_per_prediction", "mb_peak" and "mb_fit_increase" from the fit benches, and from the browser
bench (tools/web/bench.mjs) "texts_per_s", "us_per_prediction", "ms_page" and
"mib_wasm_memory", plus "sizes" and "npm_vader_agreement") into benches/results.json and
benches/results.md: median, min and max per measurement, a table per unit, the download sizes,
ratios of medians under keys that say what they compare, and the goals each figure is reported
against (goals are targets, not tests: the report says whether each is met).

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
    "ms_page": ("ms, fresh load of /www/", False, "{:,.1f}"),
    "mib_wasm_memory": ("MiB, fresh load of /www/", False, "{:,.2f}"),
    "tickets_per_s": ("tickets/s", True, "{:,.0f}"),
    "s_elapsed": ("s elapsed", False, "{:,.1f}"),
    "ms_longest_task": ("ms, longest main-thread task", False, "{:,.0f}"),
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
    # The browser (wasm in Chromium) against the Python originals and the npm packages.
    ("wasm_textblob_vs_python_textblob", "texts_per_s", "wasm_textblob", "python_textblob"),
    ("wasm_seed_vs_python_seed", "texts_per_s", "wasm_seed", "python_seed"),
    ("wasm_vader_vs_python_vader", "texts_per_s", "wasm_vader", "python_vader"),
    ("wasm_textblob_vs_npm_sentiment", "texts_per_s", "wasm_textblob", "npm_sentiment"),
    ("wasm_vader_vs_npm_vader_sentiment", "texts_per_s", "wasm_vader", "npm_vader_sentiment"),
    # What running in wasm costs: native over wasm.
    ("rust_textblob_vs_wasm_textblob", "texts_per_s", "rust_textblob", "wasm_textblob"),
    ("rust_vader_vs_wasm_vader", "texts_per_s", "rust_vader", "wasm_vader"),
    ("letter_count_limit_vs_wasm_textblob", "texts_per_s", "wasm_letter_count_limit",
     "wasm_textblob"),
    ("letter_count_limit_vs_wasm_vader", "texts_per_s", "wasm_letter_count_limit", "wasm_vader"),
    ("wasm_predict_from_text_seed_vs_python_predict_from_text", "us_per_prediction",
     "wasm_predict_from_text_seed", "python_predict_from_text"),
    # The CLI (scripts/bench-cli.sh): scaling from 1 to 2 threads, and peak memory against the
    # row count (1 means independent of it; below 1, the larger file needs more).
    ("cli_predict_2_threads_vs_1_thread", "tickets_per_s", "cli_predict_2_threads",
     "cli_predict_1_thread"),
    ("cli_score_2_threads_vs_1_thread", "tickets_per_s", "cli_score_2_threads",
     "cli_score_1_thread"),
    ("cli_score_peak_mb_10m_vs_1m", "mb_peak", "cli_score_10m", "cli_score_1m"),
    ("cli_predict_peak_mb_1m_vs_200k", "mb_peak", "cli_predict_1m", "cli_predict_200k"),
    ("cli_predict_peak_mb_10m_vs_1m", "mb_peak", "cli_predict_10m", "cli_predict_1m"),
    # Large exports in the browser (scripts/bench-stream.sh): all scoring workers against one,
    # against the Python originals natively, and PapaParse's parsing alone (the JS floor for
    # the parse) against the whole analysis.
    ("browser_1m_2_workers_vs_1_worker", "tickets_per_s", "browser_1m_2_workers",
     "browser_1m_1_worker"),
    ("browser_200k_2_workers_vs_1_worker", "tickets_per_s", "browser_200k_2_workers",
     "browser_200k_1_worker"),
    ("browser_50k_2_workers_vs_python_50k", "tickets_per_s", "browser_50k_2_workers",
     "python_50k"),
    ("papaparse_1m_vs_browser_1m_2_workers", "tickets_per_s", "papaparse_1m",
     "browser_1m_2_workers"),
    ("pandas_read_csv_50k_vs_browser_50k_2_workers", "tickets_per_s", "pandas_read_csv_50k",
     "browser_50k_2_workers"),
]
# Download sizes (gzip -9 bytes, lower is better): (key, first, second) of the "sizes" entries;
# the ratio is second / first, how many times smaller the first is.
SIZE_RATIOS = [
    ("page_gzip_vs_onnxruntime_web_gzip", "page_without_dataset", "onnxruntime_web"),
    ("page_gzip_vs_onnxruntime_web_wasm_gzip", "page_without_dataset", "onnxruntime_web_wasm"),
    ("page_gzip_vs_tfjs_gzip", "page_without_dataset", "tfjs"),
    ("wasm_module_gzip_vs_onnxruntime_web_wasm_gzip", "wasm_module", "onnxruntime_web_wasm"),
]
# Goals to report against (not tests): (goal, source, at least / at most, target, unit), where
# source is ("ratio", key), ("median", unit, name) or ("gzip_kb", sizes entry).
GOALS = [
    ("wasm TextBlob ≥ 100× Python TextBlob", ("ratio", "wasm_textblob_vs_python_textblob"),
     ">=", 100, "×"),
    ("wasm TextBlob ≥ 2× npm `sentiment`", ("ratio", "wasm_textblob_vs_npm_sentiment"), ">=", 2,
     "×"),
    ("wasm VADER ≥ 25× Python VADER", ("ratio", "wasm_vader_vs_python_vader"), ">=", 25, "×"),
    ("wasm VADER ≥ 50× npm `vader-sentiment`", ("ratio", "wasm_vader_vs_npm_vader_sentiment"),
     ">=", 50, "×"),
    ("one prediction from raw text ≤ 5 µs (wasm, improved model)",
     ("median", "us_per_prediction", "wasm_predict_from_text_improved"), "<=", 5, " µs"),
    ("one prediction from raw text ≤ 5 µs (wasm, seed model)",
     ("median", "us_per_prediction", "wasm_predict_from_text_seed"), "<=", 5, " µs"),
    ("one probability from raw text ≤ 5 µs (wasm `predictProbability`, improved model)",
     ("median", "us_per_prediction", "wasm_probability_from_text_improved"), "<=", 5, " µs"),
    ("one probability from raw text ≤ 5 µs (wasm `predictProbability`, seed model)",
     ("median", "us_per_prediction", "wasm_probability_from_text_seed"), "<=", 5, " µs"),
    ("one prediction from raw text ≤ 5 µs (native, seed3)",
     ("median", "us_per_prediction", "rust_predict_from_text"), "<=", 5, " µs"),
    ("first prediction ≤ 150 ms after navigation", ("median", "ms_page", "first_prediction"),
     "<=", 150, " ms"),
    ("dashboard (analyze + 7 charts, 8469 tickets) ≤ 300 ms", ("median", "ms_page", "dashboard"),
     "<=", 300, " ms"),
    ("page ≤ 250 kB gzip without the dataset", ("gzip_kb", "page_without_dataset"), "<=", 250,
     " kB"),
    ("wasm TextBlob within 10× of the limit", ("ratio", "letter_count_limit_vs_wasm_textblob"),
     "<=", 10, "×"),
    ("wasm VADER within 10× of the limit", ("ratio", "letter_count_limit_vs_wasm_vader"), "<=",
     10, "×"),
    ("native TextBlob within 10× of the limit", ("ratio", "letter_count_limit_vs_rust_textblob"),
     "<=", 10, "×"),
    ("native VADER within 10× of the limit", ("ratio", "letter_count_limit_vs_rust_vader"), "<=",
     10, "×"),
    ("CLI `predict` ≥ 1.8× from 1 to 2 threads", ("ratio", "cli_predict_2_threads_vs_1_thread"),
     ">=", 1.8, "×"),
    ("CLI `score` ≥ 1.8× from 1 to 2 threads", ("ratio", "cli_score_2_threads_vs_1_thread"),
     ">=", 1.8, "×"),
    ("CLI `score` peak RSS independent of the row count (10M / 1M rows ≥ 0.9)",
     ("ratio", "cli_score_peak_mb_10m_vs_1m"), ">=", 0.9, "×"),
    ("CLI `predict` peak RSS independent of the row count (1M / 200k rows ≥ 0.9)",
     ("ratio", "cli_predict_peak_mb_1m_vs_200k"), ">=", 0.9, "×"),
    ("CLI `predict` peak RSS independent of the row count (10M / 1M rows ≥ 0.9)",
     ("ratio", "cli_predict_peak_mb_10m_vs_1m"), ">=", 0.9, "×"),
    ("browser ≥ 150,000 tickets/s end to end (1M tickets, all workers)",
     ("median", "tickets_per_s", "browser_1m_2_workers"), ">=", 150000, " tickets/s"),
    ("browser peak memory < 400 MB for 1M tickets (JS heap + every wasm instance, all workers)",
     ("median", "mb_peak", "browser_1m_2_workers_heap_wasm"), "<=", 400, " MiB"),
    ("browser peak memory < 400 MB for 1M tickets (the page's whole renderer process)",
     ("median", "mb_peak", "browser_1m_2_workers"), "<=", 400, " MiB"),
    ("main thread never blocked > 50 ms (200k tickets, all workers)",
     ("median", "ms_longest_task", "browser_200k_2_workers"), "<=", 50, " ms"),
    ("main thread never blocked > 50 ms (1M tickets, all workers)",
     ("median", "ms_longest_task", "browser_1m_2_workers"), "<=", 50, " ms"),
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
        "wasm_textblob": "wasm `textblobPolarity` (polarity + subjectivity), Chromium",
        "wasm_seed": "wasm `seedScore` (clean + lemmatize + TextBlob), Chromium",
        "wasm_vader": "wasm `vaderCompound`, Chromium",
        "wasm_letter_count_limit": "Limit: wasm `letterCount` (counting ASCII letters), Chromium",
        "npm_sentiment": "npm `sentiment` 5.0.2 (AFINN) `analyze(t).score`, Chromium",
        "npm_vader_sentiment": "npm `vader-sentiment` 1.1.3 `polarity_scores(t)`, Chromium",
    },
    "tickets_per_s": {
        "cli_score_1_thread": "CLI `score --analyzer textblob`, 1 thread",
        "cli_score_2_threads": "CLI `score --analyzer textblob`, 2 threads",
        "cli_predict_1_thread": "CLI `predict` (improved model, raw tickets), 1 thread",
        "cli_predict_2_threads": "CLI `predict` (improved model, raw tickets), 2 threads",
    },
    "s_elapsed": {
        "cli_generate_1m": "CLI `generate`, 1,000,000 rows (kaggle layout)",
        "cli_train_1m": "CLI `train --features improved`, 1,000,000 raw tickets",
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
        "wasm_predict_from_text_improved":
            "wasm `predict` from raw ticket, improved model (JS object in and out), Chromium",
        "wasm_predict_from_text_seed":
            "wasm `predict` from raw ticket, seed model (JS object in and out), Chromium",
        "wasm_probability_from_text_improved":
            "wasm `predictProbability` from raw ticket, improved model (scalars in, number out), Chromium",
        "wasm_probability_from_text_seed":
            "wasm `predictProbability` from raw ticket, seed model (scalars in, number out), Chromium",
    },
    "ms_page": {
        "first_prediction": "navigation → first prediction shown (`ti:first-prediction`)",
        "dataset_fetched": "navigation → dataset fetched (`ti:dataset-fetched`)",
        "dashboard": "dashboard: analyze 8469 tickets + draw 7 charts "
                     "(`ti:dashboard-drawn` − `ti:dataset-fetched`)",
    },
    "mib_wasm_memory": {
        "wasm_memory_after_dashboard": "wasm memory (`WebAssembly.Memory`) after the dashboard",
    },
}
SIZE_LABELS = {
    "page_without_dataset": "the page without the dataset (what /www/ downloads)",
    "wasm_module": "of which the wasm module (models included)",
    "dataset": "the bundled dataset",
    "onnxruntime_web": "onnxruntime-web {version}, wasm backend (API + glue + runtime)",
    "onnxruntime_web_wasm": "onnxruntime-web {version}, runtime wasm alone",
    "tfjs": "TensorFlow.js {version}, browser bundle",
}
_STREAM = {"50k": "50,000", "200k": "200,000", "1m": "1,000,000"}
for n, words in _STREAM.items():
    for w, who in (("1_worker", "1 scoring worker"), ("2_workers", "2 scoring workers")):
        what = f"page's dashboard analysis, {words} tickets, {who} (end to end), Chromium"
        LABELS["tickets_per_s"][f"browser_{n}_{w}"] = what
        LABELS["s_elapsed"][f"browser_{n}_{w}"] = what
        LABELS["ms_longest_task"] = LABELS.get("ms_longest_task", {})
        LABELS["ms_longest_task"][f"browser_{n}_{w}"] = what
    LABELS["tickets_per_s"][f"papaparse_{n}"] = \
        f"PapaParse 5.5.3 parsing alone (header rows), {words} tickets, same page"
    LABELS["tickets_per_s"][f"python_{n}"] = \
        f"pandas read_csv + TextBlob + seed + VADER, {words} tickets, native"
    LABELS["tickets_per_s"][f"pandas_read_csv_{n}"] = f"pandas read_csv alone, {words} tickets"
# Keys several benches report: they must agree (the same corpus, read the same way).
SHARED = ("texts", "bytes")
for unit in ("mb_peak", "mb_fit_increase"):
    LABELS[unit] = {
        f"{who}_1m_{solver}": f"{name} {solver}, 1,000,000 × 3 synthetic"
        for solver in ("liblinear", "lbfgs")
        for who, name in (("rust", "Rust fit,"), ("sklearn", "scikit-learn"))
    }
LABELS["mb_peak"].update({
    "cli_score_1m": "CLI `score`, 1,000,000 lines, 2 threads",
    "cli_score_10m": "CLI `score`, 10,000,000 lines, 2 threads",
    "cli_predict_200k": "CLI `predict`, 200,000 tickets, 2 threads",
    "cli_predict_1m": "CLI `predict`, 1,000,000 tickets, 2 threads",
    "cli_predict_10m": "CLI `predict`, 10,000,000 tickets, 2 threads",
    "cli_generate_1m": "CLI `generate`, 1,000,000 rows",
    "cli_train_1m": "CLI `train --features improved`, 1,000,000 raw tickets",
})
for n, words in _STREAM.items():
    for w, who in (("1_worker", "1 scoring worker"), ("2_workers", "2 scoring workers")):
        LABELS["mb_peak"][f"browser_{n}_{w}"] = \
            f"the page's renderer process, {words} tickets, {who} (peak RSS)"
        LABELS["mb_peak"][f"browser_{n}_{w}_added"] = \
            f"… of which added to the page as loaded, {words} tickets, {who}"
        LABELS["mb_peak"][f"browser_{n}_{w}_heap_wasm"] = \
            f"the page's JS heap + every wasm instance (main, coordinator, scorers), {words} tickets, {who}"
    LABELS["mb_peak"][f"python_{n}"] = \
        f"pandas + TextBlob + seed + VADER, {words} tickets (peak RSS)"

# `report.py --update FILES`: keep the figures of benches/results.json and replace only the
# measurements FILES carry (for a bench run on its own, such as scripts/bench-cli.sh).
paths = sys.argv[1:]
update = paths[:1] == ["--update"]
runs, meta = {}, {}
if update:
    paths = paths[1:]
    with open("benches/results.json") as f:
        old = json.load(f)
    for unit in UNITS:
        for name, s in old.pop(unit, {}).items():
            runs.setdefault(unit, {})[name] = list(s["runs"])
    for key in ("unit", "corpus", "units", "ratios", "goals"):
        old.pop(key, None)
    meta.update(old)
replaced = set()
for path in paths:
    with open(path) as f:
        data = json.load(f)
    for unit in UNITS:
        for name, figures in data.pop(unit, {}).items():
            if update and (unit, name) not in replaced:
                replaced.add((unit, name))
                runs.setdefault(unit, {})[name] = []
            runs.setdefault(unit, {}).setdefault(name, []).extend(figures)
    for key in SHARED:
        if key in data and key in meta and data[key] != meta[key]:
            sys.exit(f"report: {path} has {key} = {data[key]}, another bench {meta[key]}")
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
sizes = meta.get("sizes", {})
for key, a, b in SIZE_RATIOS:
    if a in sizes and b in sizes:
        ratios[key] = sizes[b]["gzip"] / sizes[a]["gzip"]


def measured(source):
    kind, *where = source
    if kind == "ratio":
        return ratios.get(where[0])
    if kind == "median":
        s = stats.get(where[0], {}).get(where[1])
        return s and s["median"]
    if kind == "gzip_kb":
        return sizes[where[0]]["gzip"] / 1000 if where[0] in sizes else None
    raise ValueError(kind)


goals = []
for goal, source, op, target, unit in GOALS:
    value = measured(source)
    if value is not None:
        met = value >= target if op == ">=" else value <= target
        goals.append({"goal": goal, "measured": value, "target": f"{op} {target}{unit}",
                      "unit": unit.strip(), "met": met})
meta["goals"] = goals
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
if sizes:
    lines += ["", "| download | raw kB | gzip -9 kB | files |", "|---|---:|---:|---|"]
    for name, size in sizes.items():
        label = SIZE_LABELS.get(name, name).format(**size)
        files = ", ".join(f"`{f.removeprefix('node_modules/')}`" for f in size["files"])
        lines.append(f"| {label} | {size['raw'] / 1000:,.1f} | {size['gzip'] / 1000:,.1f} | "
                     f"{files} |")
lines += ["", "| ratio (medians) | × |", "|---|---:|"]
lines += [f"| `{k}` | {v:,.1f} |" for k, v in ratios.items()]
lines += ["", "A ratio is how many times faster (or smaller) the first is than the second."]
if goals:
    lines += ["", "| goal (reported against, not a test) | measured | target | met |",
              "|---|---:|---:|:---:|"]
    for g in goals:
        lines.append(f"| {g['goal']} | {g['measured']:,.1f}{' ' if g['unit'] != '×' else ''}"
                     f"{g['unit']} | {g['target'].replace('>=', '≥').replace('<=', '≤')} | "
                     f"{'yes' if g['met'] else '**no**'} |")
agreement = meta.get("npm_vader_agreement")
if agreement:
    lines += ["", f"npm `vader-sentiment` disagrees with our VADER (|Δ compound| > "
              f"{agreement['tolerance']}) on {agreement['disagree']:,} of {agreement['texts']:,} "
              f"descriptions ({100 * agreement['share']:.1f}%); max |Δ| "
              f"{agreement['max_abs_delta']:.4f}."]
if "browser" in meta:
    lines += ["", f"Browser figures: {meta['browser']}, single page, wasm from `pkg/`; page loads "
              "each in a fresh browser context (1280×720, device pixel ratio 2), served from "
              "127.0.0.1."]
with open("benches/results.md", "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
