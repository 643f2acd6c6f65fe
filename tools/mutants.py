#!/usr/bin/env python3
"""Planted faults: each one a small, plausible bug in a core module, and the test that must
catch it. The script plants each fault in a scratch copy of HEAD (a git worktree under
target/mutants, never the working tree), runs the named test, and records whether the test
failed (caught), passed (survived), or the fault did not compile (unviable). The last result
is committed as docs/MUTANTS.md, with the reason a surviving fault is harmless.

    python3 tools/mutants.py            # all faults (about 2-4 min each on 2 busy cores)
    python3 tools/mutants.py F3 F7      # some

Why a list and not cargo-mutants: cargo-mutants generates thousands of mutants for this crate
and rebuilds it for each (about a minute here), so a full run takes days; a bounded run tries
an arbitrary sample. These are the faults the product's promises rest on (exact scores, exact
metrics, censoring, the reader's recovery, the model file's bounds), each with the test that
guards it. Stdlib only.
"""

import datetime
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "target" / "mutants" / "tree"
TARGET = ROOT / "target" / "mutants" / "cargo"
RESULT = ROOT / "docs" / "MUTANTS.md"

# id, file, text to find (exactly once), replacement, what the fault breaks, test arguments.
FAULTS = [
    ("F1", "src/charts/histogram.rs",
     "if !(lo..=hi).contains(&v) || width <= 0.0 {",
     "if !(lo..hi).contains(&v) || width <= 0.0 {",
     "a value on the histogram's closed right edge is not counted",
     ["--lib", "charts::histogram"]),
    ("F2", "src/text/clean/stopwords.rs",
     '    "ourselves",', '    "ourselvez",',
     "one NLTK stopword missing from the list",
     ["--test", "stopwords_golden"]),
    ("F3", "src/model/metrics/mod.rs",
     "Some((b.fpr - a.fpr) * (b.tpr + a.tpr) / 2.0)",
     "Some((b.fpr - a.fpr) * b.tpr)",
     "ROC AUC by the upper step instead of the trapezoid",
     ["--test", "model_golden"]),
    ("F4", "src/sentiment/vader.rs",
     "const B_INCR: f64 = 0.293;", "const B_INCR: f64 = 0.292;",
     "VADER's booster increment off by 0.001",
     ["--test", "vader_golden"]),
    ("F5", "src/sentiment/textblob.rs",
     "                a.polarity * -0.5", "                a.polarity * -0.4",
     "TextBlob's negation factor -0.4 instead of -0.5",
     ["--test", "textblob_golden"]),
    ("F6", "src/target.rs",
     "Some(r) if r.instant() <= deadline && r.instant() <= known_until => Ok(true),",
     "Some(r) if r.instant() < deadline && r.instant() <= known_until => Ok(true),",
     "a ticket resolved exactly at the deadline counts as late",
     ["--lib", "target"]),
    ("F7", "src/target.rs",
     "_ if known_until < deadline => Err(Unlabeled::Censored),",
     "_ if known_until <= deadline => Err(Unlabeled::Censored),",
     "a ticket whose deadline is exactly the export time is censored",
     ["--lib", "target"]),
    ("F8", "src/model/artifact.rs",
     "pub const MAX_LOGIT: f64 = 1e4;", "pub const MAX_LOGIT: f64 = 1e300;",
     "a model file with absurd weights is accepted",
     ["--lib", "model::artifact"]),
    ("F9", "src/model/logistic/standardize.rs",
     "let var = (squares - correction * correction / n) / n;",
     "let var = (squares - correction * correction / n) / (n - 1.0);",
     "StandardScaler with ddof 1 instead of 0",
     ["--test", "model_golden"]),
    ("F10", "src/features/mod.rs",
     "pub const IMPUTED_RANK: f64 = 2.0;", "pub const IMPUTED_RANK: f64 = 1.0;",
     "an unknown priority imputed as low instead of medium",
     ["--lib", "features"]),
    ("F11", "src/export/csv.rs",
     "            if self.started && self.quote == Quoting::Quoted {",
     "            if false && self.started && self.quote == Quoting::Quoted {",
     "an unclosed quote at the end of the file is not reported",
     ["--lib", "export::csv"]),
    ("F12", "src/export/decode.rs",
     "Encoding::Windows1252 => encoding_rs::WINDOWS_1252,",
     "Encoding::Windows1252 => encoding_rs::UTF_8,",
     "a Windows-1252 export decoded as UTF-8 (é becomes U+FFFD)",
     ["--test", "roles"]),
    ("F13", "src/train/select.rs",
     "let added = best.filter(|b| b.1 - current >= MIN_GAIN);",
     "let added = best.filter(|b| b.1 - current >= 0.0);",
     "forward selection adds groups that do not raise the CV AUC by MIN_GAIN",
     ["--test", "models_committed"]),
    ("F14", "src/train/mod.rs",
     "if let Some(first) = times.iter().position(|&t| t == i64::MIN) {",
     "if let Some(first) = times.iter().position(|&t| t == i64::MIN && false) {",
     "a time split over tickets without a creation time goes ahead (they sort first)",
     ["--test", "bad_input"]),
]


def run(args, cwd, env=None):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def main(selected):
    faults = [f for f in FAULTS if not selected or f[0] in selected]
    head = run(["git", "rev-parse", "--short", "HEAD"], ROOT).stdout.strip()
    if SCRATCH.exists():
        run(["git", "worktree", "remove", "--force", str(SCRATCH)], ROOT)
    SCRATCH.parent.mkdir(parents=True, exist_ok=True)
    out = run(["git", "worktree", "add", "--detach", str(SCRATCH), "HEAD"], ROOT)
    if out.returncode != 0:
        sys.exit(f"mutants: git worktree add failed: {out.stderr}")
    if not TARGET.exists() and (ROOT / "target" / "release").is_dir():
        # Seeded from the main build, so the dependencies are not compiled again.
        TARGET.mkdir(parents=True)
        run(["cp", "-a", str(ROOT / "target" / "release"), str(TARGET)], ROOT)
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    rows = []
    try:
        for fid, path, find, replace, what, test in faults:
            file = SCRATCH / path
            original = file.read_text()
            if original.count(find) != 1:
                rows.append((fid, path, what, test, "stale: the text to change is not there once"))
                continue
            file.write_text(original.replace(find, replace))
            print(f"mutants: {fid} {what} ...", file=sys.stderr, flush=True)
            r = run(["cargo", "test", "--release", *test], SCRATCH, env)
            file.write_text(original)
            log = r.stdout + r.stderr
            if r.returncode == 0:
                verdict = "SURVIVED"
            elif "could not compile" in log and "test result" not in log:
                verdict = "unviable (does not compile)"
            else:
                failed = [l.split()[1] for l in log.splitlines()
                          if l.startswith("test ") and l.rstrip().endswith("FAILED")
                          and len(l.split()) > 1]
                verdict = "caught by " + (", ".join(f"`{t}`" for t in failed[:3]) or "a failing test")
            print(f"mutants: {fid} {verdict}", file=sys.stderr, flush=True)
            rows.append((fid, path, what, test, verdict))
    finally:
        run(["git", "worktree", "remove", "--force", str(SCRATCH)], ROOT)
    caught = sum(r[4].startswith("caught") for r in rows)
    survived = sum(r[4] == "SURVIVED" for r in rows)
    lines = [
        "# Planted faults: the last run",
        "",
        f"`python3 tools/mutants.py` at {head}, {datetime.date.today()}: {len(rows)} faults "
        f"tried, {caught} caught, {survived} survived, {len(rows) - caught - survived} "
        "unviable or stale. Each fault is planted alone in a scratch worktree and the named "
        "test run (`cargo test --release ARGS`); the list and the reasons are in tools/mutants.py.",
        "",
        "| fault | file | what it breaks | test run | result |",
        "|---|---|---|---|---|",
    ]
    for fid, path, what, test, verdict in rows:
        lines.append(f"| {fid} | `{path}` | {what} | `{' '.join(test)}` | {verdict} |")
    if not selected:
        RESULT.write_text("\n".join(lines) + "\n")
        print(f"mutants: wrote {RESULT.relative_to(ROOT)}", file=sys.stderr)
    else:
        print("\n".join(lines))
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(set(sys.argv[1:])))
