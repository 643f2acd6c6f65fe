#!/usr/bin/env python3
"""Generates TextBlob 0.20.1's English sentiment lexicon as `Sentiment.__call__` on a string sees
it, and its emoticon tables, as data files of src/sentiment/textblob/lexicon/:
  words.bin  the words a token can equal, sorted and front-coded (see tools/tablefile.py)
  codes.bin  per word, in that order: its polarity's index, its subjectivity's index, and its
             flags (bits 0-1 its intensity's index, bit 2 a modifier: has an "RB" tag)
  data.rs    the distinct polarities, subjectivities and intensities, and the emoticon tables,
             as arrays of literals

    python3 tools/gen_textblob_lexicon.py            # writes them, stdlib only
    python3 tools/gen_textblob_lexicon.py --check    # fails if the committed files differ (CI)
    $REFPY tools/gen_textblob_lexicon.py --verify    # reference env: see below

The input is the committed tools/sources/en-sentiment.xml (textblob 0.20.1's
`textblob/en/en-sentiment.xml`; --verify refreshes it from the installed package and checks
the loaded lexicon against textblob's own, word by word, and the emoticon table against
`textblob._text.EMOTICONS`).

The loading replicates `textblob._text.Sentiment.load` (per-part-of-speech averages with `avg`,
then the average over part-of-speech tags stored under `None`) followed by
`textblob.en.Sentiment.load` (every adjective "JJ" annotates its "-ly" adverb, overwriting that
word's `None` entry, in dict order). A string is looked up with pos=None only, so each word keeps
its `None` triple and whether it counts as a modifier ("RB" among its tags).
"""
import os
import struct
import sys
from xml.etree import ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tablefile  # noqa: E402

SOURCE = "en-sentiment.xml"
OUT_DIR = "src/sentiment/textblob/lexicon/"

# textblob/_text.py, EMOTICONS: (facial expression, sentiment) -> emoticons. Dict order matters:
# the regex alternation and the lookup in `assessments` both follow it.
EMOTICONS = {
    ("love", +1.00): set(("<3", "♥")),
    ("grin", +1.00): set(
        (">:D", ":-D", ":D", "=-D", "=D", "X-D", "x-D", "XD", "xD", "8-D")
    ),
    ("taunt", +0.75): set(
        (">:P", ":-P", ":P", ":-p", ":p", ":-b", ":b", ":c)", ":o)", ":^)")
    ),
    ("smile", +0.50): set(
        (">:)", ":-)", ":)", "=)", "=]", ":]", ":}", ":>", ":3", "8)", "8-)")
    ),
    ("wink", +0.25): set((">;]", ";-)", ";)", ";-]", ";]", ";D", ";^)", "*-)", "*)")),
    ("gasp", +0.05): set((">:o", ":-O", ":O", ":o", ":-o", "o_O", "o.O", "°O°", "°o°")),
    ("worry", -0.25): set(
        (">:/", ":-/", ":/", ":\\", ">:\\", ":-.", ":-s", ":s", ":S", ":-S", ">.>")
    ),
    ("frown", -0.75): set(
        (">:[", ":-(", ":(", "=(", ":-[", ":[", ":{", ":-<", ":c", ":-c", "=/")
    ),
    ("cry", -1.00): set((":'(", ":'''(", ";'(")),
}
PUNCTUATION = ".,;:!?()[]{}`''\"@#$^&*+-|=~_"
NEGATIONS = ("no", "not", "n't", "never")
MODIFIERS = ("RB",)


def avg(values):
    """textblob._text.avg."""
    return sum(values) / float(len(values) or 1)


def load(xml_bytes):
    """textblob._text.Sentiment.load then textblob.en.Sentiment.load, on a plain dict."""
    words = {}
    root = ElementTree.fromstring(xml_bytes)
    for w in root.findall("word"):
        form, pos = w.attrib.get("form"), w.attrib.get("pos")
        psi = (
            float(w.attrib.get("polarity", 0.0)),
            float(w.attrib.get("subjectivity", 0.0)),
            float(w.attrib.get("intensity", 1.0)),
        )
        if form:
            words.setdefault(form, {}).setdefault(pos, []).append(psi)
    for w in words:
        words[w] = dict((pos, [avg(each) for each in zip(*psi)]) for pos, psi in words[w].items())
    for w, pos in list(words.items()):
        words[w][None] = [avg(each) for each in zip(*pos.values())]
    lexicon = dict(words)
    for w, pos in list(lexicon.items()):
        if "JJ" in pos:
            if w.endswith("y"):
                w = w[:-1] + "i"
            if w.endswith("le"):
                w = w[:-2]
            p, s, i = pos["JJ"]
            entry = lexicon.setdefault(w + "ly", {})
            entry["RB"] = entry[None] = (p, s, i)
    return lexicon


def committed_lexicon():
    """The lexicon loaded from the committed source."""
    return load(tablefile.source(SOURCE))


def check_against_textblob(lexicon):
    """--verify: compares with textblob's own lexicon; returns its version."""
    from importlib.metadata import version

    from textblob import _text
    from textblob.en import sentiment
    assert "good" in sentiment  # lazydict: loads on first use
    theirs = dict(dict.items(sentiment))
    assert theirs.keys() == lexicon.keys(), "word sets differ"
    assert list(theirs) == list(lexicon), "dict orders differ"
    for w, pos in theirs.items():
        assert tuple(pos[None]) == tuple(lexicon[w][None]), w
        assert is_modifier(pos) == is_modifier(lexicon[w]), w
    assert list(_text.EMOTICONS.items()) == list(EMOTICONS.items()), "EMOTICONS differ"
    assert _text.PUNCTUATION == PUNCTUATION
    assert tuple(sentiment.negations) == NEGATIONS
    assert tuple(sentiment.modifiers) == MODIFIERS
    return version("textblob")


def is_modifier(pos):
    """`any(map(self[w].__contains__, self.modifiers))` in Sentiment.assessments."""
    return any(m in pos for m in MODIFIERS)


def reachable(word):
    """Whether a lower-cased token from find_tokens can equal `word`.

    Tokens never contain whitespace, and the only tokens with an ASCII apostrophe are "'" itself
    (find_tokens pads every "'" with spaces) and emoticons merged by RE_EMOTICONS, which end with
    the emoticon's last character.
    """
    if not word or any(c.isspace() for c in word):
        return False
    if "'" in word and word != "'":
        last_chars = {e[-1].lower() for v in EMOTICONS.values() for e in v}
        assert word[-1] not in last_chars, word
        return False
    return word == word.lower()


def emoticon_alternatives():
    """RE_EMOTICONS' alternatives: grouped by type in dict order; within a type the set order
    (string-hash dependent) cannot change a match, because the only emoticons that are proper
    prefixes of others (":c" of ":c)", ":o" of ":o)") belong to a type listed after the longer
    one's, so the longer is always tried first."""
    types = list(EMOTICONS)
    alts = []
    for t in types:
        for e in sorted(EMOTICONS[t]):
            alts.append(e)
    for t1 in types:
        for e1 in EMOTICONS[t1]:
            for t2 in types:
                for e2 in EMOTICONS[t2]:
                    if e1 != e2 and e2.startswith(e1):
                        assert types.index(t2) < types.index(t1), (e1, e2)
    return alts


def emoticon_words():
    """Lower-cased words `assessments` scores as emoticons: the first type (dict order) whose
    lower-cased set holds the word, for words that pass its guard
    `w.isalpha() is False and len(w) <= 5 and w not in PUNCTUATION`."""
    out = {}
    for (_type, p), e in EMOTICONS.items():
        for w in sorted(x.lower() for x in e):
            if w.isalpha() is False and len(w) <= 5 and w not in PUNCTUATION:
                out.setdefault(w, p)
    return sorted(out.items())


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def bits_f64(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def refresh_source():
    """--verify: the committed en-sentiment.xml from the installed textblob package."""
    import textblob

    path = os.path.join(os.path.dirname(textblob.__file__), "en", "en-sentiment.xml")
    with open(path, "rb") as f:
        tablefile.store_source(SOURCE, f.read())


def main():
    mode = tablefile.mode()
    if mode == "verify":
        refresh_source()
    lexicon = committed_lexicon()
    version = check_against_textblob(lexicon) if mode == "verify" else None
    for w in NEGATIONS:
        assert w not in lexicon, w  # assessments' known-word branch never sees a negation

    words = [(w, pos[None], is_modifier(pos)) for w, pos in lexicon.items() if reachable(w)]
    dropped = [w for w in lexicon if not reachable(w)]
    words.sort(key=lambda x: x[0].encode())
    assert all(w.isascii() for w, _, _ in words)
    # Distinct by bit pattern (0.0 == -0.0 in Python), so each value reads back bit-exact.
    columns = [[f for _, f in sorted({(v[k], f64_bits(v[k])) for _, v, _ in words})]
               for k in range(3)]
    columns = [[bits_f64(b) for b in col] for col in columns]
    assert len(columns[0]) <= 256 and len(columns[1]) <= 256 and len(columns[2]) <= 4
    index = [{f64_bits(x): n for n, x in enumerate(col)} for col in columns]
    polarity = bytes(index[0][f64_bits(p)] for _, (p, _, _), _ in words)
    subjectivity = bytes(index[1][f64_bits(s)] for _, (_, s, _), _ in words)
    flags = bytes(index[2][f64_bits(i)] | (4 if m else 0) for _, (_, _, i), m in words)
    alts = emoticon_alternatives()
    emo = emoticon_words()
    lengths = [len(w) for w, _, _ in words]
    pairs = sorted({(e[k], e[k + 1]) for e in alts + ["(!)"] for k in range(len(e) - 1)})

    f64s = tablefile.rust_f64
    out = tablefile.Output("tools/gen_textblob_lexicon.py")
    out.add(OUT_DIR + "words.bin", tablefile.front_coded([w.encode() for w, _, _ in words]))
    out.add(OUT_DIR + "codes.bin", polarity + subjectivity + flags)
    out.rust(OUT_DIR + "data.rs", [
        "TextBlob's English sentiment lexicon (`en-sentiment.xml`, PDDL, by Tom De Smedt and Walter",
        "Daelemans for Pattern): the distinct values its words' codes index, and TextBlob's emoticon",
        f"tables. {len(words)} words a token can equal are in `words.bin` and `codes.bin`; the",
        f"lexicon's {len(dropped)} words with whitespace or an apostrophe, which no token can equal, are",
        "left out.",
    ], [
        ["/// Number of words in `words.bin`.",
         f"pub(crate) const WORDS: usize = {len(words)};"],
        ["/// Length in bytes of the shortest word.",
         f"pub(crate) const MIN_WORD_LEN: usize = {min(lengths)};"],
        ["/// Length in bytes of the longest word.",
         f"pub(crate) const MAX_WORD_LEN: usize = {max(lengths)};"],
        ["/// The distinct polarities, sorted.",
         "#[rustfmt::skip]",
         f"pub(crate) static POLARITIES: [f64; {len(columns[0])}] = [",
         *tablefile.rust_rows([f64s(x) for x in columns[0]], 6), "];"],
        ["/// The distinct subjectivities, sorted.",
         "#[rustfmt::skip]",
         f"pub(crate) static SUBJECTIVITIES: [f64; {len(columns[1])}] = [",
         *tablefile.rust_rows([f64s(x) for x in columns[1]], 6), "];"],
        ["/// The distinct intensities, sorted.",
         f"pub(crate) static INTENSITIES: [f64; {len(columns[2])}] = "
         + "[" + ", ".join(f64s(x) for x in columns[2]) + "];"],
        ["/// `RE_EMOTICONS`' alternatives in an order that matches as Python's does (see the",
         "/// generator); each is matched with an optional space between its characters.",
         "#[rustfmt::skip]",
         f"pub(crate) const EMOTICON_PATTERNS: [&str; {len(alts)}] = [",
         *tablefile.rust_rows([tablefile.rust_str(e) for e in alts], 8), "];"],
        ["/// Lower-cased words that `assessments` scores as emoticons (those that pass its",
         "/// `isalpha`/length/punctuation guard), with their polarity; sorted.",
         "#[rustfmt::skip]",
         f"pub(crate) const EMOTICON_WORDS: [(&str, f64); {len(emo)}] = [",
         *tablefile.rust_rows([f"({tablefile.rust_str(w)}, {f64s(p)})" for w, p in emo], 4), "];"],
        ["/// Longest emoticon word, in bytes.",
         f"pub(crate) const EMOTICON_MAX_BYTES: usize = {max(len(w.encode()) for w, _ in emo)};"],
        ["/// Characters (x, y) such that RE_SARCASM (`\\( ?\\! ?\\)`) or an RE_EMOTICONS alternative",
         "/// matches x, a space, then y: a sentence can change under those substitutions only where",
         "/// a token ending in x is followed by one starting with y. Sorted.",
         "#[rustfmt::skip]",
         f"pub(crate) const MERGE_PAIRS: [(char, char); {len(pairs)}] = [",
         *tablefile.rust_rows([f"({tablefile.rust_char(x)}, {tablefile.rust_char(y)})" for x, y in pairs], 6),
         "];"],
    ])
    out.finish(mode == "check")
    print(f"{len(words)} words ({len(dropped)} unreachable dropped), {len(alts)} emoticon patterns, "
          f"{len(emo)} emoticon words, textblob check: {version or 'skipped (run --verify)'}")


if __name__ == "__main__":
    main()
