#!/usr/bin/env python3
"""Generates Python 3's per-code-point str predicates and str.lower() mapping, from the running
interpreter's Unicode database, as data files of src/text/pychar/ (decoded by
src/text/pychar.rs at first use):
  <name>.bin   a predicate's code points as inclusive ranges, each as two LEB128 numbers: its
               start minus the previous range's end + 1 (from 0), and its length - 1
  lower_single.bin  str.lower() where it is one other code point, as runs of code points spaced by
               a stride with one offset: per run, LEB128 of its start minus the previous run's
               last code point + 1, its length, its stride, and its offset zigzag-encoded
  tables.rs    the Unicode version and the one code point whose lower() is several, as literals

    python3 tools/gen_pychar.py            # writes them (needs Python 3.11: Unicode 14.0.0)
    python3 tools/gen_pychar.py --check    # fails if the committed files differ (CI)

The reference libraries ran on Python 3.11, so the tables must come from Unicode 14.0.0; any
other interpreter is refused. Stdlib only.
"""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tablefile  # noqa: E402

UNICODE = "14.0.0"
OUT_DIR = "src/text/pychar/"
ALL = [chr(c) for c in range(0x110000)]


def ranges(pred):
    out, start, prev = [], None, None
    for c in range(0x110000):
        if pred(ALL[c]):
            if start is None:
                start = c
            prev = c
        elif start is not None:
            out.append((start, prev))
            start = None
    if start is not None:
        out.append((start, prev))
    return out


# Python's `_PyUnicode_IsCaseIgnorable` / `_PyUnicode_IsCased` are not exposed; read them off
# str.lower()'s final-sigma rule itself (Objects/unicodeobject.c, handle_capital_sigma):
#   (c + "Σ").lower() ends in final sigma  <=>  c is not case-ignorable and c is cased;
#   ("A" + c + "Σ").lower() ends in final sigma  <=>  c is case-ignorable or c is cased.
# Whether a case-ignorable character is also cased never matters (the rule skips it).
def _final(s):
    return s.lower()[-1] == "\u03c2"


def cased_stop(ch):
    return _final(ch + "\u03a3")


def case_ignorable(ch):
    return _final("A" + ch + "\u03a3") and not cased_stop(ch)


PREDICATES = [
    ("word", lambda ch: ch.isalnum() or ch == "_"),
    ("alpha", str.isalpha),
    ("alnum", str.isalnum),
    ("decimal", str.isdecimal),
    ("digit", str.isdigit),
    ("numeric", str.isnumeric),
    ("upper", str.isupper),
    ("lower", str.islower),
    ("title", lambda ch: unicodedata.category(ch) == "Lt"),
    ("case_ignorable", case_ignorable),
    ("cased", cased_stop),
]


def encode_ranges(rs):
    numbers, prev = [], 0
    for a, b in rs:
        numbers += [a - prev, b - a]
        prev = b + 1
    return tablefile.varints(numbers)


def runs_of(mapping):
    """(start, count, stride, offset) runs covering the sorted (from, to) pairs exactly."""
    runs = []
    for a, b in mapping:
        d = b - a
        if runs:
            s, n, st, dd = runs[-1]
            last = s + (n - 1) * st
            if dd == d and ((n == 1 and a - last in (1, 2)) or (n > 1 and a - last == st)):
                runs[-1] = (s, n + 1, a - last if n == 1 else st, dd)
                continue
        runs.append((a, 1, 1, d))
    expanded = [(s + k * st, s + k * st + d) for s, n, st, d in runs for k in range(n)]
    assert expanded == mapping
    return runs


def encode_runs(runs):
    numbers, prev = [], 0
    for s, n, st, d in runs:
        numbers += [s - prev, n, st, (d << 1) if d >= 0 else ((-d) << 1) - 1]
        prev = s + (n - 1) * st + 1
    return tablefile.varints(numbers)


def main():
    mode = tablefile.mode()
    if unicodedata.unidata_version != UNICODE:
        sys.exit(f"gen_pychar.py needs Python 3.11 (Unicode {UNICODE}), not "
                 f"{sys.version.split()[0]} (Unicode {unicodedata.unidata_version})")
    out = tablefile.Output("tools/gen_pychar.py")
    counts = {}
    for name, pred in PREDICATES:
        rs = ranges(pred)
        counts[name] = len(rs)
        out.add(OUT_DIR + name + ".bin", encode_ranges(rs))
    # str.lower() per code point; final sigma is context-dependent and handled in code.
    single, multi = [], []
    for c in range(0x110000):
        ch = ALL[c]
        if c == 0x3A3:
            continue
        lo = ch.lower()
        if lo == ch:
            continue
        if len(lo) == 1:
            single.append((c, ord(lo)))
        else:
            multi.append((c, lo))
    runs = runs_of(single)
    out.add(OUT_DIR + "lower_single.bin", encode_runs(runs))
    out.rust(OUT_DIR + "tables.rs", [
        f"What the data files of this directory come from, and the one str.lower() of several",
        f"code points.",
    ], [
        ["/// The Unicode version of the Python these tables come from.",
         f"pub const UNICODE_VERSION: &str = {tablefile.rust_str(unicodedata.unidata_version)};"],
        ["/// `str.lower()` of one code point, where it is several code points. Sorted.",
         "#[rustfmt::skip]",
         f"pub(super) static LOWER_MULTI: [(u32, &str); {len(multi)}] = [",
         *[f"    (0x{a:x}, {tablefile.rust_str(s)})," for a, s in multi],
         "];"],
    ])
    out.finish(mode == "check")
    print(f"ranges {counts}; lower(): {len(single)} single code points in {len(runs)} runs, "
          f"{len(multi)} multi")


if __name__ == "__main__":
    main()
