#!/usr/bin/env python3
"""Writes tests/data/diff/pychar_cases.jsonl: Python 3.11's str.lower(), str.isupper(),
str.islower() and str.isalpha() on strings chosen to stress them (final sigma contexts,
multi-code-point lowercase mappings, titlecase, marks, Kelvin sign, ...). Fixed seed.
Usage: python3 tools/reference/diff_pychar.py [OUT]"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "tests", "data", "diff", "pychar_cases.jsonl")

multi = [chr(c) for c in range(0x110000) if len(chr(c).lower()) > 1]
palette = (list("aZ ΣσςΑΩ.'-İıKK\u0345\u0301\u00ad\u02b0ǅǄǆ1٣²ẞßﬁ\u2160\u1e9e\u0130\U0001d400")
           + ["\u2019", "\u00b7", "\u0387", "\u200d", "\U0001F600", "\u3000", "\u1c90"] + multi)
fixed = ["", "ΑΣ", "ΑΣ.", "ΑΣΑ", "Σ", "ΑΣ'", "Α'Σ", "Α\u0345Σ", "ΑΣ\u0345Α", "ΑΣ\u00adΒ",
         "ΣΑ", "ΟΔΥΣΣΕΥΣ", "KELVIN K", "İSTANBUL", "ǅungla", "HELLO WORLD", "Hello", "ABC1",
         "123", "ẞ", "ß", "ᾈ", "\u1c90\u1c91", "Σ\u02b0", "\u02b0Σ", "x\u02b0Σ"]
rng = random.Random(20261125)
cases = fixed + ["".join(rng.choice(palette) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
with open(OUT, "w", encoding="utf-8") as f:
    for s in cases:
        f.write(json.dumps({"text": s, "lower": s.lower(), "isupper": s.isupper(),
                            "islower": s.islower(), "isalpha": s.isalpha()}, ensure_ascii=False) + "\n")
print("wrote", len(cases), "cases to", OUT)
