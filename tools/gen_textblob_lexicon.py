#!/usr/bin/env python3
"""Writes src/sentiment/textblob/lexicon.rs: TextBlob 0.20.1's English sentiment lexicon as
`Sentiment.__call__` on a string sees it, plus its emoticon tables.

Usage: python3 tools/gen_textblob_lexicon.py [EN_SENTIMENT_XML] [OUT]

EN_SENTIMENT_XML defaults to the `en-sentiment.xml` of the textblob package this interpreter can
import (run it with the reference venv's Python: `$REFPY tools/gen_textblob_lexicon.py`), else to
`.refvenv/lib/python3.11/site-packages/textblob/en/en-sentiment.xml` in the repository root.

The loading replicates `textblob._text.Sentiment.load` (per-part-of-speech averages with `avg`,
then the average over part-of-speech tags stored under `None`) followed by
`textblob.en.Sentiment.load` (every adjective "JJ" annotates its "-ly" adverb, overwriting that
word's `None` entry, in dict order). A string is looked up with pos=None only, so each word keeps
its `None` triple and whether it counts as a modifier ("RB" among its tags). When textblob is
importable, the table is checked against textblob's own loaded lexicon, word by word, and the
emoticon table against `textblob._text.EMOTICONS`. Stdlib only.
"""
import os
import struct
import sys
from xml.etree import ElementTree

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT_DEFAULT = os.path.join(ROOT, "src", "sentiment", "textblob", "lexicon.rs")

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


def load(path):
    """textblob._text.Sentiment.load then textblob.en.Sentiment.load, on a plain dict."""
    words = {}
    root = ElementTree.parse(path).getroot()
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


def check_against_textblob(lexicon):
    """Compares with textblob's own lexicon when textblob is importable; returns its version."""
    try:
        from importlib.metadata import version

        from textblob import _text
        from textblob.en import sentiment
    except ImportError:
        return None
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


KEY_CHUNKS = 3  # a key is at most 24 bytes, stored as three little-endian u64, zero-padded
HASH_MULTIPLIER = 0x9E3779B97F4A7C15
M64 = (1 << 64) - 1


def key_chunks(word):
    data = word.encode()
    assert 0 < len(data) <= 8 * KEY_CHUNKS and b"\0" not in data
    data += bytes(8 * KEY_CHUNKS - len(data))
    return [int.from_bytes(data[8 * k:8 * k + 8], "little") for k in range(KEY_CHUNKS)]


def key_hash(word):
    """The Rust side's `key_hash`: over the chunks that hold the word's bytes,
    h = ((h ^ chunk) * HASH_MULTIPLIER) mod 2**64, then h ^= h >> 32; starting from the byte
    length."""
    n = len(word.encode())
    h = n
    for chunk in key_chunks(word)[:(n + 7) // 8]:
        h = ((h ^ chunk) * HASH_MULTIPLIER) & M64
        h ^= h >> 32
    return h


PILOT_MULTIPLIER = 0xC2B2AE3D27D4EB4F


def key_blob(words):
    """The sorted words concatenated, a word that is a prefix of the next one pointing into it;
    returns the blob and each word's start."""
    blob, at = "", []
    for k, w in enumerate(words):
        at.append(len(blob))
        if not (k + 1 < len(words) and words[k + 1].startswith(w)):
            blob += w
    for w, a in zip(words, at):
        assert blob[a:a + len(w)] == w
    return blob, at


def slot_hash(h, pilot, n):
    """The Rust side's slot of a word with key hash `h` in bucket with pilot `pilot`."""
    g = ((h ^ ((pilot * PILOT_MULTIPLIER) & M64)) * HASH_MULTIPLIER) & M64
    return ((g >> 32) * n) >> 32


def perfect_hash(words):
    """Hash and displace, minimal: buckets of about four words, largest first, each given the
    smallest pilot (u16) that sends all its words to free, distinct slots."""
    n = len(words)
    nb = (n + 3) // 4
    buckets = [[] for _ in range(nb)]
    for w in words:
        h = key_hash(w)
        buckets[((h >> 32) * nb) >> 32].append(h)
    taken = [False] * n
    pilots = [0] * nb
    slot_of_hash = {}
    for b in sorted(range(nb), key=lambda b: -len(buckets[b])):
        hs = buckets[b]
        if not hs:
            continue
        for pilot in range(1 << 16):
            slots = [slot_hash(h, pilot, n) for h in hs]
            if len(set(slots)) == len(slots) and not any(taken[s] for s in slots):
                break
        else:
            raise SystemExit(f"no pilot for bucket {b}")
        pilots[b] = pilot
        for h, s in zip(hs, slots):
            taken[s] = True
            slot_of_hash[h] = s
    assert len(slot_of_hash) == n, "key hashes collide"
    return nb, pilots, {w: slot_of_hash[key_hash(w)] for w in words}


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def bits_f64(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def f64_rows(values):
    return ["    " + ", ".join(rust_f64(x) for x in values[k:k + 6]) + ","
            for k in range(0, len(values), 6)]


def rust_str(s):
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= ord(c) < 0x7F:
            out.append(c)
        else:
            out.append("\\u{%x}" % ord(c))
    return '"' + "".join(out) + '"'


def rust_char(c):
    if c in "'\\":
        return "'\\" + c + "'"
    if 0x20 <= ord(c) < 0x7F:
        return "'" + c + "'"
    return "'\\u{%x}'" % ord(c)


def rust_f64(x):
    assert x == x and abs(x) != float("inf")
    r = repr(float(x))
    return r if ("." in r or "e" in r) else r + ".0"


def main():
    xml = sys.argv[1] if len(sys.argv) > 1 else None
    out = sys.argv[2] if len(sys.argv) > 2 else OUT_DEFAULT
    if xml is None:
        try:
            import textblob

            xml = os.path.join(os.path.dirname(textblob.__file__), "en", "en-sentiment.xml")
        except ImportError:
            xml = os.path.join(ROOT, ".refvenv", "lib", "python3.11", "site-packages",
                               "textblob", "en", "en-sentiment.xml")
    lexicon = load(xml)
    version = check_against_textblob(lexicon)
    for w in NEGATIONS:
        assert w not in lexicon, w  # assessments' known-word branch never sees a negation

    words = [(w, pos[None], is_modifier(pos)) for w, pos in lexicon.items() if reachable(w)]
    dropped = [w for w in lexicon if not reachable(w)]
    words.sort(key=lambda x: x[0])
    assert all(w.isascii() for w, _, _ in words)
    keys, key_at = key_blob([w for w, _, _ in words])
    assert len(keys) < 1 << 16
    # Distinct by bit pattern (0.0 == -0.0 in Python), so each value reads back bit-exact.
    columns = [[f for _, f in sorted({(v[k], f64_bits(v[k])) for _, v, _ in words})]
               for k in range(3)]
    columns = [[bits_f64(b) for b in col] for col in columns]
    assert len(columns[0]) <= 256 and len(columns[1]) <= 256 and len(columns[2]) <= 4
    index = [{f64_bits(x): n for n, x in enumerate(col)} for col in columns]
    buckets, pilots, slot_of = perfect_hash([w for w, _, _ in words])
    entries = [None] * len(words)
    for idx, (w, (p, s, i), m) in enumerate(words):
        flags = index[2][f64_bits(i)] | (4 if m else 0) | (8 if w.endswith("ly") else 0)
        fields = (key_hash(w) & 0xFFFF, key_at[idx], len(w), index[0][f64_bits(p)],
                  index[1][f64_bits(s)], flags)
        entries[slot_of[w]] = (w, fields)
    assert all(e is not None for e in entries)
    alts = emoticon_alternatives()
    emo = emoticon_words()
    max_len = max(len(w) for w, _, _ in words)
    pairs = sorted({(e[k], e[k + 1]) for e in alts + ["(!)"] for k in range(len(e) - 1)})

    src = "tools/gen_textblob_lexicon.py"
    lines = [
        f"// @generated by {src} from en-sentiment.xml"
        + (f" (textblob {version}, checked against its loaded lexicon)" if version else "")
        + "; do not edit.",
        "//! TextBlob's English sentiment lexicon (`en-sentiment.xml`, PDDL, by Tom De Smedt and",
        "//! Walter Daelemans for Pattern) as `Sentiment.__call__` on a string sees it: the pos=None",
        "//! (polarity, subjectivity, intensity) of every word a token can equal, whether the word is a",
        "//! modifier (has an \"RB\" tag), and TextBlob's emoticon tables. The lexicon's "
        + f"{len(dropped)} words",
        "//! with whitespace or an apostrophe, which no token can equal, are left out.",
        "//!",
        "//! Layout: a word's bytes are a slice of [`KEYS`] (the sorted words concatenated, a word",
        "//! that is a prefix of the next one sharing its bytes); its scores are indices into",
        "//! [`POLARITIES`], [`SUBJECTIVITIES`] and [`INTENSITIES`], which hold each distinct `f64`",
        "//! once, so the values read back are bit-identical. [`ENTRIES`] is a minimal perfect hash",
        "//! table (hash and displace): the key hash `h` (see the generator's `key_hash`) picks a",
        "//! bucket, whose pilot in [`PILOTS`] picks the one slot the word can be in; a 16-bit",
        "//! fingerprint of `h` rejects most other tokens before their bytes are compared.",
        "",
        "/// One lexicon word, at its slot.",
        "#[derive(Debug, Clone, Copy)]",
        "pub(super) struct Entry {",
        "    /// The low 16 bits of the word's key hash.",
        "    pub(super) fingerprint: u16,",
        "    /// Start of the word's bytes in [`KEYS`].",
        "    pub(super) key_at: u16,",
        "    /// The word's length in bytes.",
        "    pub(super) len: u8,",
        "    /// Index of its polarity (-1.0 to 1.0) in [`POLARITIES`].",
        "    pub(super) polarity: u8,",
        "    /// Index of its subjectivity (0.0 to 1.0) in [`SUBJECTIVITIES`].",
        "    pub(super) subjectivity: u8,",
        "    /// Bits 0-1: index of its intensity (1.0 to 2.0) in [`INTENSITIES`]; bit 2: has an \"RB\"",
        "    /// tag (modifies the next known word); bit 3: ends with \"ly\" (`Sentiment.modifier`).",
        "    pub(super) flags: u8,",
        "}",
        "",
        "/// [`Entry::flags`] bit: the word is a modifier.",
        "pub(super) const MODIFIER: u8 = 4;",
        "",
        "/// [`Entry::flags`] bit: the word ends with \"ly\".",
        "pub(super) const ENDS_LY: u8 = 8;",
        "",
        "/// Length in bytes of the shortest word.",
        f"pub(super) const MIN_WORD_LEN: usize = {min(len(w) for w, _, _ in words)};",
        "",
        "/// Length in bytes of the longest word (at most 8 × the key's chunks).",
        f"pub(super) const MAX_WORD_LEN: usize = {max_len};",
        "",
        "/// The distinct polarities, sorted.",
        "#[rustfmt::skip]",
        f"pub(super) static POLARITIES: [f64; {len(columns[0])}] = [",
    ]
    lines += f64_rows(columns[0])
    lines += [
        "];",
        "",
        "/// The distinct subjectivities, sorted.",
        "#[rustfmt::skip]",
        f"pub(super) static SUBJECTIVITIES: [f64; {len(columns[1])}] = [",
    ]
    lines += f64_rows(columns[1])
    lines += [
        "];",
        "",
        "/// The distinct intensities, sorted.",
        f"pub(super) static INTENSITIES: [f64; {len(columns[2])}] = "
        + "[" + ", ".join(rust_f64(x) for x in columns[2]) + "];",
        "",
        "/// The sorted words' bytes; a word that is a prefix of the next shares its bytes.",
        "#[rustfmt::skip]",
        f"pub(super) static KEYS: &[u8; {len(keys)}] = b\"\\",
    ]
    for k in range(0, len(keys), 96):
        lines.append(rust_str(keys[k:k + 96])[1:-1] + "\\")
    lines += [
        "\";",
        "",
        "/// Number of buckets of the perfect hash.",
        f"pub(super) const BUCKETS: u64 = {len(pilots)};",
        "",
        "/// Multiplier of a pilot before it is mixed into the key hash.",
        f"pub(super) const PILOT_MULTIPLIER: u64 = 0x{PILOT_MULTIPLIER:x};",
        "",
        "/// Per bucket (`((h >> 32) * BUCKETS) >> 32`), the pilot `p` that sends its words to",
        "/// distinct slots: `(((h ^ p * PILOT_MULTIPLIER) * HASH_MULTIPLIER) >> 32) * ENTRIES.len() >> 32`.",
        "#[rustfmt::skip]",
        f"pub(super) static PILOTS: [u16; {len(pilots)}] = [",
    ]
    for k in range(0, len(pilots), 16):
        lines.append("    " + ", ".join(str(x) for x in pilots[k:k + 16]) + ",")
    lines += [
        "];",
        "",
        "/// The words, each at its slot.",
        "#[rustfmt::skip]",
        f"pub(super) static ENTRIES: [Entry; {len(entries)}] = [",
    ]
    for w, (fp, at, n, p, s_, f) in entries:
        lines.append(
            f"    Entry {{ fingerprint: 0x{fp:04x}, key_at: {at}, len: {n}, polarity: {p}, "
            f"subjectivity: {s_}, flags: {f} }}, // {w}"
        )
    lines += [
        "];",
        "",
        "/// `RE_EMOTICONS`' alternatives in an order that matches as Python's does (see the",
        "/// generator); each is matched with an optional space between its characters.",
        "#[rustfmt::skip]",
        f"pub(super) const EMOTICON_PATTERNS: [&str; {len(alts)}] = [",
    ]
    for e in alts:
        lines.append(f"    {rust_str(e)},")
    lines += [
        "];",
        "",
        "/// Lower-cased words that `assessments` scores as emoticons (those that pass its",
        "/// `isalpha`/length/punctuation guard), with their polarity; sorted.",
        "#[rustfmt::skip]",
        f"pub(super) const EMOTICON_WORDS: [(&str, f64); {len(emo)}] = [",
    ]
    for w, p in emo:
        lines.append(f"    ({rust_str(w)}, {rust_f64(p)}),")
    lines += [
        "];",
        "",
        "/// Multiplier of the key hash.",
        f"pub(super) const HASH_MULTIPLIER: u64 = 0x{HASH_MULTIPLIER:x};",
        "",
        "/// Longest emoticon word, in bytes.",
        f"pub(super) const EMOTICON_MAX_BYTES: usize = {max(len(w.encode()) for w, _ in emo)};",
        "",
        "/// Characters (x, y) such that RE_SARCASM (`\\( ?\\! ?\\)`) or an RE_EMOTICONS alternative",
        "/// matches x, a space, then y: a sentence can change under those substitutions only where",
        "/// a token ending in x is followed by one starting with y. Sorted.",
        "#[rustfmt::skip]",
        f"pub(super) const MERGE_PAIRS: [(char, char); {len(pairs)}] = [",
    ]
    for x, y in pairs:
        lines.append(f"    ({rust_char(x)}, {rust_char(y)}),")
    lines += ["];", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"wrote {out}: {len(words)} words ({len(dropped)} unreachable dropped), "
          f"{len(alts)} emoticon patterns, {len(emo)} emoticon words, "
          f"{len(keys)} key bytes, {len(pilots)} buckets, textblob check: {version or 'skipped'}")


if __name__ == "__main__":
    main()
