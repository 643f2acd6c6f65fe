#!/usr/bin/env python3
"""Writes tests/data/diff/textblob_cases.jsonl: TextBlob 0.20.1's `TextBlob(text).sentiment`
(PatternAnalyzer) on texts chosen to exercise every rule of find_tokens and
Sentiment.assessments (negation, modifiers, "!", "(!)", every emoticon and near-misses,
sentence ends, abbreviations, contractions, quotes, paragraph breaks, whitespace and control
characters, Unicode case mapping), 10 kB texts, and random strings from a palette of tricky
characters and lexicon words (fixed seed: the file is reproducible).

RE_EMOTICONS is built from sets, so its alternatives come in an order that depends on the
string-hash seed. The script recomputes every case under several PYTHONHASHSEED values and
fails if any result differs (the Rust port assumes the order cannot matter).

Run with the reference venv's python (tools/refenv.sh):
  $REFPY tools/reference/diff_textblob.py [OUT]
"""
import json
import os
import random
import subprocess
import sys

from textblob import TextBlob
from textblob import _text

OUT = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--values" else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data", "diff",
    "textblob_cases.jsonl")

FIXED = [
    # empty, blank, punctuation only, whitespace and control characters
    "", " ", "\t\n", "\n\n", "\r\n\r\n", "!", "?", "!!!", "?!", ".,;:", "...", "....", "()",
    "(!)", "( ! )", "(!!)", "'", "\"", "''", "“”", "‘’", "-", "--", "_", "END-OF-SENTENCE",
    "\x00", "\x07good\x07", "good\x1cbad", "\x1cgood\x1dbad\x1e", "good\x1f!", "good\x85bad",
    "good\u00a0bad", "good\u3000bad", "good\u2028\u2029bad", "good\u200bbad", "\x0bgood\x0c",
    "  good  ", "good\r\nbad", "good\rbad", "\u180egood",
    # lexicon words, modifiers, negation
    "good", "Good", "GOOD", "bad", "great", "terrible", "not good", "not very good",
    "never bad", "no good", "not a good idea", "not a very good idea", "not at all good",
    "not the best", "n't good", "isn't good", "it isn't good", "don't like it", "doesn't work",
    "didn't help", "can't", "won't", "shouldn't", "I'd like", "I'm happy", "it's good",
    "we'll see", "they're bad", "I've got", "CAN'T be good", "NOT GOOD", "Not good",
    "very very good", "very good", "really good", "really really bad", "extremely happy",
    "very", "very !", "very bad!", "really not good", "very not good", "not really good",
    "not not good", "no no good", "never never bad", "not , good", "not - good", "not x good",
    "not xy good", "not ' good", "not '' good", "not ''' good", "very a good", "very ab good",
    "very abc good", "very :) good", "very (!) good", "terribly good", "happily sad",
    "awfully nice", "really", "extremely", "ly", "not", "no", "never", "not !", "good not",
    "good very", "good good good", "more good", "most bad", "so good", "too bad",
    "the best of the worst", "totally awesome", "incredibly boring", "pretty good",
    "simply the best", "highly recommended", "deeply disappointed", "truly terrible",
    "quite good", "rather bad", "very much bad", "seriously good", "a little good",
    "f*cking great", "ugly-duckling", "ugly duckling", "devoid of", "absolutely",
    "absolutely not", "not absolutely", "completely", "completely broken", "unexpectedly",
    # "!" boost and sarcasm
    "good!", "good!!!", "good !!!", "bad!", "bad!!!", "!good", "! good", "great!!!!!!",
    "not good!", "very good!", "good (!)", "good ( ! )", "good (! )", "good ( !)", "(!) good",
    "(!)(!)", "(!) (!)", "good(!)", "x(!)x", "( !!)", "!(!)", "(!)!", "good?!", "good!?",
    # sentence ends, abbreviations, ellipses
    "good.", "good. bad.", "good...", "good....", "good… bad", "... good", "not... good",
    "not...good", "not. good", "e.g. good", "U.S. good", "Mr. good", "Dr. Good", "Ms. bad",
    "i.e. bad", "etc. great", "a. good", "A. good", "vs. bad", "w/ good", "not e.g. good",
    "good.)", "good!)", "good?”", "good.’ bad", "good.' bad", "good.\" bad", "(good.)",
    "good. . . bad", "U.S.A. great", "u.s. good", "Mrs. good", "Mr.. good", "Mr... good",
    "x.y. good", "xy. good", "M|. good", "Mb|c. good", "no. good", "no.good", "good.bad",
    "END-OF-SENTENCE good", "good END-OF-SENTENCE bad", "not END-OF-SENTENCE good",
    "not\n\ngood", "not\r\n\r\ngood", "not\r\ngood", "very\n\n\ngood", "good\r\r\nbad",
    "not\n\r\ngood", "not\n \ngood", "not\n\r\r\ngood", "good!\n\n:)", "good\n\n\n\n",
    # quotes
    "“good”", "‘bad’", "it’s great", "don’t like", "\"good\"", "'good'", "don't", "do n't",
    "not ’ good", "not “ good", "good”!", "“not good”", "'not' good",
    # accents, NFD, Unicode case mapping
    "café good", "naïve", "nai\u0308ve", "résumé great", "\u212aind", "\u212aIND",
    "\u212aind of bad", "\u0130 am good", "GOOD \u0130", "\u0130\u0130 not good", "ΣΑΣ good",
    "ǅ good", "ß good", "ﬁne", "ＧＯＯＤ", "good\u0301", "goo\u0301d", "\u00bfgood?",
    "\u00a1bad!",
    # emoji
    "😀", "good 😀", "👍🏽 great", "❤️", "♥", "good ♥", "♥♥", "♥ ♥", "I ♥ it", "I♥it",
    # NUL bytes (a padded key must not match)
    "good\0", "\0good", "go\0od", ":)\0", "♥\0", "\0♥", ":-D\0", "x\0D", "not\0 good",
    "very\0 good", "!\0", "(!)\0", "ok\0", "°o°\0",
]

EMOTICON_VARIANTS = []
for (_kind, _p), _set in _text.EMOTICONS.items():
    for e in sorted(_set):
        spaced = " ".join(e)
        EMOTICON_VARIANTS += [
            e, "good " + e, e + " good", "not " + e, "very " + e, e + "!", "!" + e, e + e,
            e + " " + e, spaced, "x " + spaced + " y", "a" + e, e + "x", e + ")", "(" + e,
            e[:-1], e[1:], e.upper(), e.lower(), e + ".", e + "...", "." + e, "\"" + e + "\"",
        ]
EMOTICON_VARIANTS += [
    ":c)", ":c )", ": c )", ":c", ":o)", ": o )", ":o", ":-)x", "x:-)", ":))", "::)", ":- )",
    ": - )", "XD", "xD", "x-D", "X-d", "x D", "box D", "relax D", "Tax D good", ">:D", ">:d",
    ":'(", ": ' (", ":'''(", ": ' ' ' (", "<3", "< 3", "</3", "°O°", "° o °", "°o°", "o_O",
    "o.O", "o . O", "o. O", "wo. O", ">.>", "> . >", ":-.", "=/", "8)", "8-)", "8 )", "a8 )",
    "great8 )", ":-D:-D", ":D:D", ";'(", "; ' (", "*)", "* )", ":^)", ":3", "=]", ":}",
    ":>", ":-P", ":p", ":-b", ":b", ":S", ":-S", ":\\", ">:\\", ":/", "=(", ":-<", ":{",
]

WORDS = ["good", "bad", "great", "love", "hate", "happy", "sad", "terrible", "excellent",
         "nice", "ugly", "fun", "best", "worst", "amazing", "awful", "broken", "fine", "free",
         "not", "no", "never", "n't", "very", "really", "extremely", "terribly", "happily",
         "absolutely", "completely", "too", "so", "more", "most", "quite", "pretty", "little",
         "the", "a", "x", "ab", "it", "is", "ticket", "product", "issue", "please", "help",
         "fix", "error", "e.g.", "U.S.", "Mr.", "etc.", "END-OF-SENTENCE", "don't", "isn't",
         "can't", "it's", "I'm", "wasn't", "unexpectedly", "intermittent", "recent", "new",
         "old", "clear", "important", "sure", "wrong", "right", "easy", "hard", "slow", "fast"]
EMOTICONS = [e for s in _text.EMOTICONS.values() for e in sorted(s)]
PUNCT = list("!?.,;:'\"()[]{}-_*#@`^&+|=~/\\<>") + [
    "!!", "??", "?!", "...", "....", "(!)", "( ! )", "“", "”", "‘", "’", "…"]
SPACES = [" ", " ", " ", " ", " ", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\x1c", "\x1f",
          "\x85", "\u00a0", "\u3000", "\u2028", "  ", "\u200b", "\x0b"]
ODD = ["\u0130", "\u212a", "\u03a3", "\u01c5", "\u00df", "\u00e9", "\u0301", "\x00", "\x07",
       "\u00b0", "\u2665", "\U0001F600", "\U0001F44D\U0001F3FD", "\u2764\ufe0f", "\uff27",
       "8", "x", "X", "D", "o", "O", "c", "p", "P", "b", "s", "S", "3", "K"]


def shape(w, rng):
    r = rng.random()
    if r < 0.12:
        return w.upper()
    if r < 0.2:
        return w.capitalize()
    return w


def random_text(rng, n_words):
    parts = []
    for _ in range(n_words):
        r = rng.random()
        if r < 0.55:
            tok = shape(rng.choice(WORDS), rng)
        elif r < 0.67:
            tok = rng.choice(PUNCT)
        elif r < 0.77:
            tok = rng.choice(EMOTICONS)
            if rng.random() < 0.3:
                tok = " ".join(tok)
        elif r < 0.87:
            tok = rng.choice(ODD)
        else:
            tok = rng.choice(PUNCT) + shape(rng.choice(WORDS), rng) + rng.choice(PUNCT)
        if rng.random() < 0.15:
            tok += rng.choice(PUNCT)
        parts.append(tok)
        parts.append(rng.choice(SPACES) if rng.random() < 0.88 else "")
    return "".join(parts)


def random_chars(rng, n):
    palette = (list("aZno !?.'\"\t\n\r:;)(-_=<>^*/\\[]{}8xXDoOcpbsS3°♥tl")
               + ["n't", "'t", "(!)", "...", "y", "ly"] + ODD + SPACES)
    return "".join(rng.choice(palette) for _ in range(n))


def cases():
    rng = random.Random(20260611)
    out = list(FIXED) + EMOTICON_VARIANTS
    for _ in range(400):
        out.append(random_text(rng, rng.randint(1, 30)))
    for _ in range(250):
        out.append(random_chars(rng, rng.randint(1, 30)))
    # 10 kB texts
    for _ in range(5):
        text = ""
        while len(text.encode("utf-8")) < 10_000:
            text += random_text(rng, 40) + rng.choice([" ", "\n\n", ". "])
        out.append(text)
    out.append(("not very good! " * 700).strip())
    out.append("very " * 2000 + "good")
    out.append(":" + " )" * 3000)
    out.append("(!)" * 3000)
    out.append("." * 10_000)
    return out


def values(texts):
    result = []
    for text in texts:
        s = TextBlob(text).sentiment
        result.append((s.polarity, s.subjectivity))
    return result


def main():
    if sys.argv[1:] == ["--values"]:
        texts = json.load(sys.stdin)
        json.dump([[repr(p), repr(s)] for p, s in values(texts)], sys.stdout)
        return
    texts = cases()
    got = values(texts)
    mine = [[repr(p), repr(s)] for p, s in got]
    for seed in ("0", "1", "2", "3", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--values"],
                              input=json.dumps(texts), capture_output=True, text=True, env=env,
                              check=True)
        theirs = json.loads(proc.stdout)
        diff = [t for t, a, b in zip(texts, mine, theirs) if a != b]
        assert not diff, f"PYTHONHASHSEED={seed} changes {len(diff)} results, e.g. {diff[:3]!r}"
    with open(OUT, "w", encoding="utf-8") as f:
        for text, (p, s) in zip(texts, got):
            f.write(json.dumps({"text": text, "polarity": p, "subjectivity": s},
                               ensure_ascii=False) + "\n")
    print(f"wrote {len(texts)} cases to {OUT} (same under PYTHONHASHSEED 0, 1, 2, 3, 4242)")


if __name__ == "__main__":
    main()
