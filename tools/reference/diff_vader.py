#!/usr/bin/env python3
"""Writes tests/data/diff/vader_cases.jsonl: vaderSentiment 3.3.2's polarity_scores() on texts
chosen to exercise every rule (negation, "no", "least", "without", boosters, ALL CAPS, "but" and
its list.index quirk, idioms and special cases, "!"/"?" emphasis, emoticons, emoji with and
without variation selectors, ZWJ sequences, skin tones, whitespace and control characters,
Unicode case mapping), 10 kB texts, and random strings from a palette of tricky characters and
lexicon words (fixed seed: the file is reproducible).

Run with the reference venv's python (tools/refenv.sh):
  $REFPY tools/reference/diff_vader.py [OUT]
"""
import json
import os
import random
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data", "diff", "vader_cases.jsonl")

FIXED = [
    # empty, blank, punctuation only, whitespace and control characters
    "", " ", "\t\n", "!", "?", "!!!!", "?!", "??", "???", "????", "!?!?!?", ".,;:", "...",
    "\x00", "\x07good\x07", "good\x1cbad", "good\x85bad", "good\u00a0bad", "good\u3000bad",
    "good\u2028bad", "good\u200bbad", "\u200b", "good\x0bbad\x0cugly", "  good  ", "good\r\nbad",
    # negation, "no", "least", "without"
    "no no no", "no", "No", "NO", "no good", "no, good", "no way", "not bad", "Not bad at all",
    "not good", "isn't good", "isnt good", "ISN'T good", "wasn't very good", "didn't like it",
    "never good", "never so good", "never this good", "never so very good", "so good",
    "this is so good", "not so good", "it is never this good", "not at all good",
    "no problem", "no or bad", "no nor bad", "no good or bad", "no a or bad", "no x nor good",
    "least good", "the least good", "at least good", "very least good", "at the least good",
    "least", "Least good", "LEAST good", "not the least bad",
    "without", "without doubt good", "without a doubt good", "without any doubt good",
    "Without a doubt, excellent idea.", "Without a doubt, an excellent idea.",
    "without good", "uh-uh good", "nope good", "cannot good", "rarely good", "despite good",
    "don't you dare hate it", "aren't n't good", "wouldn't've good", "won't good",
    # boosters, dampeners, kind of
    "very good", "very very good", "really very good", "extremely bad", "kind of good",
    "kind of", "kind", "of", "the book was only kind of good.", "sort of good", "kinda good",
    "just enough good", "it was just enough fun", "kind of of good", "sort of kind of good",
    "barely good", "hardly bad", "slightly bad", "somewhat good", "more good",
    "the kind of good", "a sort of bad", "just enough", "kind of the bomb",
    # ALL CAPS
    "GREAT", "GREAT good", "GOOD", "good GOOD", "VERY good", "VERY GOOD", "very GOOD",
    "THIS IS ALL CAPS AND GREAT", "This Is Title Case Great", "I LOVE it", "I HATE it",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", "Today SUX!",
    "NOT good", "NO good", "good NO", "A b C good", "123 GOOD", "GOOD 123", "GOOD123 good",
    # punctuation emphasis
    "good!", "good!!", "good!!!", "good!!!!", "good!!!!!", "bad!", "bad!!!!!!", "good?",
    "good??", "good???", "good????", "bad??", "good?!", "good!?!?", "ok ?? ! ok", "meh!!!",
    # emoticons and punctuation stripping
    ":)", ":(", ":-)", ":D", ":d", ":P", "(:", "):", "<3", "</3", ":'(", "xD", "XD", "D:",
    ":) :)", "good :)", "Make sure you :) or :D today!", "'good'", "\"good\"", "(good)",
    "!!!good!!!", "--no--", "...bad...", "g!", "'ok'", "ok.", ".ok", "^urs", "(-:O", "o_O",
    "( '}{' )", "can't stand it", "fed up", "screwed up", ":-\u00de", ":-\u00fe",
    # emoji (one code point, with/without variation selector, ZWJ sequences, skin tones, flags)
    "\U0001F600", "\U0001F600\U0001F600", "good\U0001F600", "\U0001F600good", "a \U0001F600 b",
    "a\U0001F600b", "Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601",
    "\u2764", "\u2764\ufe0f", "I \u2764\ufe0f it", "I\u2764it", "\u263a", "\u263a\ufe0f",
    "\U0001F44D", "\U0001F44D\U0001F3FD", "\U0001F44D\U0001F3FB good", "\U0001F3FD",
    "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F469\u200d\u2764\ufe0f\u200d\U0001F468",
    "\U0001F1FA\U0001F1F8", "#\ufe0f\u20e3", "1\u20e3", "\u00a9 \u00ae", "\U0001F51B",
    "\U0001F51B good", "\U0001F199\U0001F199", "\U0001F68F", "the \U0001F68F", "\U0001F493",
    "my \U0001F493", "\U0001F625", "good \U0001F625 bad", "\U0001F4A9", "\U0001F602\U0001F602\U0001F602",
    "\U0001F621 \U0001F620 \U0001F62D", "\U0001F60D!!!", "\U0001F494 but \U0001F60A",
    # idioms and special cases
    "the bomb", "that was the bomb", "you are the bomb", "the shit", "this is the shit",
    "cut the mustard", "it does not cut the mustard", "bad ass", "badass", "a bad ass car",
    "such a bus stop", "at the bus stop", "yeah right", "oh yeah right", "kiss of death",
    "the kiss of death", "to die for", "a cake to die for", "beating heart", "my beating heart",
    "hand to mouth", "upper hand", "break a leg", "in the black", "under the weather",
    "x the bomb", "x y the bomb", "x y z the bomb", "the bomb x", "x x x the shit y",
    "yeah right good", "good yeah right", "x x kiss of death", "x kiss of death x",
    "x x x bad ass", "x x bad ass y", "x x x beating heart z",
    "x x x bus stop good", "x x to die for", "x x x to die for it",
    "kind of x good", "x kind of good", "x x kind of good", "sort of x good", "just enough x good",
    # "but" and the list.index quirk
    "good but bad", "bad but good", "good good but good", "good but good good",
    "good bad good but bad good bad", "but", "but good", "good but", "BUT good", "good BUT bad",
    "good but bad but good", "not good but not bad", "good, but bad", "good,but bad",
    "great great great but great great great", "no but no", "good good good but",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol", "happy happy joy but joy happy",
    "love love hate hate but hate hate love love", "bad but \U0001F625",
    "the bomb but the bomb", "kind of good but kind of good",
    # accents and Unicode case
    "caf\u00e9 good", "na\u00efve", "GR\u00c9AT good", "\u00dcBER good", "uber good",
    "\u0130 good", "\u0130NCREDIBLE good", "O\u212a", "o\u212a good", "\u212aind of good",
    "N\u0130CE good", "\u03a3\u03a3 good", "\u03b1\u03a3 good", "\u01c5 good", "GOOD \u01c5",
    "\u00df good", "GOOD \u00df", "\u1e9e GOOD good", "\uff27\uff2f\uff2f\uff24 good",
    "\u0127appy", "\u2160 good", "GOOD \u2160", "ISN\u2019T good", "isn\u2019t good",
    "don\u2018t like", "\u00bfgood?", "\u00a1bad!", "good\u0301", "goo\u0301d",
]

WORDS = ["good", "bad", "great", "love", "hate", "happy", "sad", "terrible", "excellent", "ok",
         "okay", "nice", "ugly", "fun", "lol", "sux", "no", "not", "never", "so", "this",
         "without", "doubt", "least", "at", "very", "kind", "of", "sort", "just", "enough", "but",
         "the", "shit", "bomb", "bad", "ass", "bus", "stop", "yeah", "right", "kiss", "death",
         "to", "die", "for", "beating", "heart", "isn't", "can't", "won't", "wouldn't", "nope",
         "uh-uh", "really", "extremely", "barely", "kinda", "sorta", "or", "nor", "problem",
         "issue", "help", "thanks", "please", "product", "ticket", "broken", "fail", "failed",
         "worst", "best", "amazing", "awful", "fix", "fixed", "crash", "error", "free", "win"]
PUNCT = list("!?.,;:'\"()-_*#@") + ["!!", "??", "?!", ":)", ":(", ":D", "<3", ":-/", "..."]
SPACES = [" ", " ", " ", " ", "\t", "\n", "\r\n", "\x1c", "\x85", "\u00a0", "\u3000", "\u2028",
          "  ", "\u200b"]
EMOJI = ["\U0001F600", "\U0001F622", "\u2764\ufe0f", "\u2764", "\U0001F44D\U0001F3FD",
         "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F51B", "\U0001F68F", "\U0001F493",
         "\U0001F625", "\U0001F494", "\U0001F602", "\U0001F3FD", "\ufe0f", "\u200d", "\u263a",
         "\U0001F1FA\U0001F1F8", "\U0001F4A9", "\U0001F621"]
ODD = ["\u0130", "\u212a", "\u03a3", "\u01c5", "\u00df", "\u00e9", "\u0301", "\x00", "\x07",
       "\u2019", "\uff27", "\u1e9e", "\u2160", "\u00de", "\u00fe", "\U0001d400"]


def shape(w, rng):
    r = rng.random()
    if r < 0.15:
        return w.upper()
    if r < 0.25:
        return w.capitalize()
    return w


def random_text(rng, n_words):
    parts = []
    for _ in range(n_words):
        r = rng.random()
        if r < 0.62:
            tok = shape(rng.choice(WORDS), rng)
        elif r < 0.72:
            tok = rng.choice(PUNCT)
        elif r < 0.8:
            tok = rng.choice(EMOJI)
        elif r < 0.88:
            tok = rng.choice(ODD)
        else:
            tok = rng.choice(PUNCT) + shape(rng.choice(WORDS), rng) + rng.choice(PUNCT)
        if rng.random() < 0.15:
            tok += rng.choice(PUNCT)
        parts.append(tok)
        parts.append(rng.choice(SPACES) if rng.random() < 0.9 else "")
    return "".join(parts)


def random_chars(rng, n):
    palette = list("aZ !?.'\t\n:)(-_bBuUtT") + EMOJI + ODD + SPACES
    return "".join(rng.choice(palette) for _ in range(n))


def main():
    rng = random.Random(20240607)
    cases = list(FIXED)
    for _ in range(300):
        cases.append(random_text(rng, rng.randint(1, 30)))
    for _ in range(150):
        cases.append(random_chars(rng, rng.randint(1, 24)))
    # 10 kB texts: many tokens, several "but"s (the long-text path of _but_check).
    for _ in range(6):
        text = ""
        while len(text.encode("utf-8")) < 10_000:
            text += random_text(rng, 40) + " "
        cases.append(text)
    cases.append(("good bad but " * 800).strip())
    cases.append("but " + "good great bad " * 700)
    cases.append(("GOOD " * 500) + "bad " * 500 + "!!!")
    cases.append("\U0001F600" * 3000)

    analyzer = SentimentIntensityAnalyzer()
    with open(OUT, "w", encoding="utf-8") as f:
        for text in cases:
            s = analyzer.polarity_scores(text)
            f.write(json.dumps({"text": text, "neg": s["neg"], "neu": s["neu"], "pos": s["pos"],
                                "compound": s["compound"]}, ensure_ascii=False) + "\n")
    print("wrote", len(cases), "cases to", OUT)


if __name__ == "__main__":
    main()
