#!/usr/bin/env python3
"""Generates vaderSentiment 3.3.2's word and emoji tables as data files of
src/sentiment/vader/lexicon/:
  keys.bin          every key a token's `lower()` is looked up with: the lexicon keys that can
                    match, BOOSTER_DICT's one-word keys, NEGATE and the words the rules compare
                    tokens with; sorted (as UTF-8 bytes) and front-coded (tools/tablefile.py)
  codes.bin         per key, in that order, the index of its info in INFOS (data.rs)
  emoji_points.bin  the one-code-point emoji keys, sorted, as LEB128 gaps from the previous one
  emoji_names.txt   their descriptions, one per line, in that order
  data.rs           the distinct valences and infos, and SPECIAL_CASES and BOOSTER_DICT's
                    two-word keys, as arrays of literals

    python3 tools/gen_vader_lexicon.py            # writes them, stdlib only
    python3 tools/gen_vader_lexicon.py --check    # fails if the committed files differ (CI)
    $REFPY tools/gen_vader_lexicon.py --verify    # reference env: see below

Inputs, committed in tools/sources/ (MIT, C.J. Hutto): vader_lexicon.txt and
emoji_utf8_lexicon.txt, parsed exactly as make_lex_dict() and make_emoji_dict() parse them, and
vaderSentiment.py, whose NEGATE, BOOSTER_DICT and SPECIAL_CASES are read with `ast`. --verify
refreshes them from the installed package and checks the parsed tables against
SentimentIntensityAnalyzer's own. Stdlib only otherwise.
"""
import ast
import os
import string
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tablefile  # noqa: E402

MODE = tablefile.mode()
FILES = ("vader_lexicon.txt", "emoji_utf8_lexicon.txt", "vaderSentiment.py")
OUT_DIR = "src/sentiment/vader/lexicon/"

if MODE == "verify":
    import importlib.util

    spec = importlib.util.find_spec("vaderSentiment")
    pkg = list(spec.submodule_search_locations)[0]
    for name in FILES:
        with open(os.path.join(pkg, name), "rb") as f:
            tablefile.store_source(name, f.read())


def read_text(name):
    # codecs.open(..., encoding='utf-8') in the library: no newline translation.
    raw = tablefile.source(name)
    return raw.decode("utf-8"), tablefile.sha256(raw)


LEX_TEXT, LEX_SHA = read_text("vader_lexicon.txt")
EMOJI_TEXT, EMOJI_SHA = read_text("emoji_utf8_lexicon.txt")
SRC_TEXT, SRC_SHA = read_text("vaderSentiment.py")


def make_lex_dict(text):
    lex = {}
    for line in text.rstrip("\n").split("\n"):
        if not line:
            continue
        (word, measure) = line.strip().split("\t")[0:2]
        lex[word] = float(measure)
    return lex


def make_emoji_dict(text):
    emojis = {}
    for line in text.rstrip("\n").split("\n"):
        (emoji, description) = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return emojis


def module_constants(src):
    """NEGATE, BOOSTER_DICT, SPECIAL_CASES and the booster increments, from the module's AST."""
    env = {}
    for node in ast.parse(src).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        if name in ("B_INCR", "B_DECR", "NEGATE", "SPECIAL_CASES"):
            env[name] = ast.literal_eval(node.value)
        elif name == "BOOSTER_DICT":
            assert isinstance(node.value, ast.Dict)
            env[name] = {ast.literal_eval(k): env[v.id] for k, v in zip(node.value.keys, node.value.values)}
    return env


LEX = make_lex_dict(LEX_TEXT)
EMOJIS = make_emoji_dict(EMOJI_TEXT)
CONST = module_constants(SRC_TEXT)
NEGATE, BOOSTER, SPECIAL = CONST["NEGATE"], CONST["BOOSTER_DICT"], CONST["SPECIAL_CASES"]
B_INCR, B_DECR = CONST["B_INCR"], CONST["B_DECR"]
assert (B_INCR, B_DECR) == (0.293, -0.293), "vader.rs hard-codes B_INCR/B_DECR"

if MODE == "verify":
    import vaderSentiment.vaderSentiment as vs  # the reference itself, as a cross-check

    analyzer = vs.SentimentIntensityAnalyzer()
    assert analyzer.lexicon == LEX and analyzer.emojis == EMOJIS
    assert vs.NEGATE == NEGATE and vs.BOOSTER_DICT == BOOSTER and vs.SPECIAL_CASES == SPECIAL

PUNCT = string.punctuation


def can_match(key):
    """Whether some token's .lower() can equal `key` (see the doc comment written below)."""
    if not key or any(c.isspace() for c in key) or key.lower() != key:
        return False
    stripped = key.strip(PUNCT)
    if stripped == key or len(stripped) <= 2:
        return True
    # A token keeps leading/trailing punctuation only when stripping leaves <= 2 characters;
    # str.lower() keeps ASCII punctuation and, for these ASCII keys, the length.
    assert key.isascii(), key
    return False


# The words the rules compare tokens with, by literal, in polarity_scores, sentiment_valence,
# _least_check, _negation_check and _but_check; then the words of the multi-word SPECIAL_CASES
# and BOOSTER_DICT keys, which _special_idioms_check compares with joined token pairs/triples.
RULE_WORDS = ["no", "kind", "of", "but", "least", "at", "very", "never", "so", "this",
              "without", "doubt", "or", "nor"]
PHRASE_WORDS = []
for phrase in list(SPECIAL) + list(BOOSTER):
    for w in phrase.split(" ") if " " in phrase else []:
        if w not in RULE_WORDS and w not in PHRASE_WORDS:
            PHRASE_WORDS.append(w)
WORDS = RULE_WORDS + PHRASE_WORDS
assert len(WORDS) < 64
for w in WORDS:
    assert w.isascii() and w.isalpha() and w.islower(), w


def variant(w):
    return w[0].upper() + w[1:]


lex_keys = [k for k in LEX if can_match(k)]
dropped = [k for k in LEX if not can_match(k)]
single_boosters = {k: v for k, v in BOOSTER.items() if " " not in k}
bigram_boosters = {k: v for k, v in BOOSTER.items() if " " in k}
assert all(len(k.split(" ")) == 2 for k in bigram_boosters)
for k in list(single_boosters) + list(NEGATE):
    assert k.isascii() and k.lower() == k and not any(c.isspace() for c in k), k
special_2 = {k: v for k, v in SPECIAL.items() if len(k.split(" ")) == 2}
special_3 = {k: v for k, v in SPECIAL.items() if len(k.split(" ")) == 3}
special_1 = [k for k in SPECIAL if " " not in k]
assert len(special_1) + len(special_2) + len(special_3) == len(SPECIAL)

values = sorted(set(LEX[k] for k in lex_keys))
assert len(values) < 127
value_index = {v: i for i, v in enumerate(values)}

keys = []
for k in lex_keys + list(single_boosters) + list(NEGATE) + WORDS:
    if k not in keys:
        keys.append(k)
keys_set = set(keys)


def info(key):
    """Packed: bits 0-6 lexicon value index (127: none), bit 7 NEGATE, bits 8-9 booster
    (1: B_INCR, 2: B_DECR)."""
    x = value_index[LEX[key]] if key in LEX and can_match(key) else 127
    if key in NEGATE:
        x |= 1 << 7
    if key in single_boosters:
        x |= (1 if single_boosters[key] == B_INCR else 2) << 8
        assert single_boosters[key] in (B_INCR, B_DECR)
    return x


sorted_keys = sorted(k.encode("utf-8") for k in keys)
max_key_len = max(len(k) for k in sorted_keys)
infos = sorted({info(k) for k in keys})
assert len(infos) <= 1 << 8
info_index = {x: n for n, x in enumerate(infos)}
codes = bytes(info_index[info(k.decode("utf-8"))] for k in sorted_keys)

single_emoji = sorted((k, v) for k, v in EMOJIS.items() if len(k) == 1)
multi_emoji = [k for k in EMOJIS if len(k) != 1]
assert all(ord(k) > 0x7F for k, _ in single_emoji)
assert all(v and "\n" not in v for _, v in single_emoji)
points = [ord(k) for k, _ in single_emoji]
gaps = [b - a for a, b in zip([0] + points, points)]


def words_list(ws):
    return ", ".join("`%s`" % w for w in ws)


doc = [
    "vaderSentiment 3.3.2's lexicon, emoji descriptions and word lists (MIT, C.J. Hutto; see",
    "`licenses/vader.md`): the small tables, and what the data files of this directory hold.",
    "",
    "Sources (committed in `tools/sources/`), sha256:",
    "- `vader_lexicon.txt` %s" % LEX_SHA,
    "- `emoji_utf8_lexicon.txt` %s" % EMOJI_SHA,
    "- `vaderSentiment.py` %s" % SRC_SHA,
    "  (`NEGATE`, `BOOSTER_DICT`, `SPECIAL_CASES`)",
    "",
    "Only what can ever match is kept:",
]
for para in [
    "Lexicon: %d of the %d keys. A key is looked up with a token's `str.lower()`, and a token "
    "never holds whitespace (`str.split()`), so the keys with whitespace (%s) never match; nor "
    "do the keys that are not their own `lower()` (%s); nor those that keep leading or trailing "
    "ASCII punctuation while more than two characters remain inside it (%s), because "
    "`_strip_punc_if_word` strips such tokens."
    % (len(lex_keys), len(LEX),
       words_list(k for k in dropped if any(c.isspace() for c in k)),
       words_list(k for k in dropped if k.lower() != k and not any(c.isspace() for c in k)),
       words_list(k for k in dropped if k.lower() == k and not any(c.isspace() for c in k))),
    "Emoji: the %d keys of one code point. `polarity_scores` looks up one code point at a "
    "time, so the %d multi-code-point keys (ZWJ sequences, skin tones, flags, keycaps, "
    "variation selectors) never match." % (len(single_emoji), len(multi_emoji)),
    "Special cases: the one-word keys (%s) never match: `_special_idioms_check` only looks up "
    "space-joined pairs and triples of tokens." % words_list(special_1),
]:
    doc.extend(textwrap.wrap(para, 96, initial_indent="- ", subsequent_indent="  ",
                             break_long_words=False, break_on_hyphens=False))

S = tablefile.rust_str
out = tablefile.Output("tools/gen_vader_lexicon.py")
out.add(OUT_DIR + "keys.bin", tablefile.front_coded(sorted_keys))
out.add(OUT_DIR + "codes.bin", codes)
out.add(OUT_DIR + "emoji_points.bin", tablefile.varints(gaps))
out.add(OUT_DIR + "emoji_names.txt", "".join(v + "\n" for _, v in single_emoji))
out.rust(OUT_DIR + "data.rs", doc, [
    ["/// Number of keys in `keys.bin` (and of codes in `codes.bin`).",
     f"pub(super) const KEYS: usize = {len(sorted_keys)};"],
    ["/// Number of emoji in `emoji_points.bin` (and of lines in `emoji_names.txt`).",
     f"pub(super) const EMOJI: usize = {len(single_emoji)};"],
    ["/// The longest key, in bytes: longer tokens are in no table.",
     f"pub const MAX_KEY_LEN: usize = {max_key_len};"],
    ["/// The distinct lexicon valences (Python `repr`), indexed by the low bits of [`INFOS`].",
     "#[rustfmt::skip]",
     f"pub(super) static VALUES: [f64; {len(values)}] = [",
     *tablefile.rust_rows([repr(v) for v in values], 16), "];"],
    ["/// The distinct infos of the keys, indexed by `codes.bin`: bits 0-6 the index of the",
     "/// lexicon valence in [`VALUES`] (127: none), bit 7 in `NEGATE`, bits 8-9 `BOOSTER_DICT`",
     "/// (1: `B_INCR`, 2: `B_DECR`).",
     "#[rustfmt::skip]",
     f"pub(super) static INFOS: [u16; {len(infos)}] = [",
     *tablefile.rust_rows([str(i) for i in infos], 16), "];"],
    ["/// The words the rules compare tokens with (all keys), as the generator knows them.",
     "#[rustfmt::skip]",
     f"pub(super) static RULE_WORDS: [&str; {len(WORDS)}] = [",
     *tablefile.rust_rows([S(w) for w in WORDS], 10), "];"],
    ["/// `SPECIAL_CASES` keys of two words, with their valences.",
     "#[rustfmt::skip]",
     f"pub(super) static SPECIAL_CASES_2: [(&str, &str, f64); {len(special_2)}] = [",
     *["    (%s, %s, %s)," % (S(k.split(" ")[0]), S(k.split(" ")[1]), tablefile.rust_f64(v))
       for k, v in special_2.items()], "];"],
    ["/// `SPECIAL_CASES` keys of three words, with their valences.",
     "#[rustfmt::skip]",
     f"pub(super) static SPECIAL_CASES_3: [(&str, &str, &str, f64); {len(special_3)}] = [",
     *["    (%s, %s, %s, %s)," % (*(S(w) for w in k.split(" ")), tablefile.rust_f64(v))
       for k, v in special_3.items()], "];"],
    ["/// `BOOSTER_DICT` keys of two words, with their values.",
     "#[rustfmt::skip]",
     f"pub(super) static BOOSTER_BIGRAMS: [(&str, &str, f64); {len(bigram_boosters)}] = [",
     *["    (%s, %s, %s)," % (S(k.split(" ")[0]), S(k.split(" ")[1]), tablefile.rust_f64(v))
       for k, v in bigram_boosters.items()], "];"],
])
out.finish(MODE == "check")
print("%d keys (%d lexicon of %d, %d dropped), %d rule words, %d emoji (%d multi-code-point "
      "dropped), %d values, %d infos"
      % (len(keys), len(lex_keys), len(LEX), len(dropped), len(WORDS), len(single_emoji),
         len(multi_emoji), len(values), len(infos)))
