#!/usr/bin/env python3
"""Writes src/sentiment/vader/lexicon.rs: vaderSentiment 3.3.2's word and emoji tables as
compact static arrays with a perfect hash, so the Rust port does no parsing at run time.

Sources, all read from the installed vaderSentiment package (MIT, C.J. Hutto):
  vader_lexicon.txt and emoji_utf8_lexicon.txt, parsed exactly as make_lex_dict() and
  make_emoji_dict() parse them; NEGATE, BOOSTER_DICT and SPECIAL_CASES, read from
  vaderSentiment.py with `ast` (nothing is imported unless the package is importable, in which
  case the parsed tables are also checked against SentimentIntensityAnalyzer's own).

Usage: python3 tools/gen_vader_lexicon.py [PACKAGE_DIR] [OUT]
  PACKAGE_DIR defaults to where `vaderSentiment` is installed for the running interpreter
  (run it with the reference venv's python: tools/refenv.sh). rustfmt formats the output.
Stdlib only.
"""
import ast
import hashlib
import importlib.util
import os
import shutil
import string
import subprocess
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))


def package_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("vaderSentiment is not installed for this python; pass its package directory")
    return list(spec.submodule_search_locations)[0]


PKG = package_dir()
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    HERE, "..", "src", "sentiment", "vader", "lexicon.rs")


def read_text(name):
    # codecs.open(..., encoding='utf-8') in the library: no newline translation.
    with open(os.path.join(PKG, name), "rb") as f:
        raw = f.read()
    return raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()


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

if importlib.util.find_spec("vaderSentiment") is not None:
    import vaderSentiment.vaderSentiment as vs  # the reference itself, as a cross-check
    if os.path.samefile(os.path.dirname(vs.__file__), PKG):
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
    (1: B_INCR, 2: B_DECR), bits 10-15 word id (0: none)."""
    x = value_index[LEX[key]] if key in LEX and can_match(key) else 127
    if key in NEGATE:
        x |= 1 << 7
    if key in single_boosters:
        x |= (1 if single_boosters[key] == B_INCR else 2) << 8
        assert single_boosters[key] in (B_INCR, B_DECR)
    if key in WORDS:
        x |= (WORDS.index(key) + 1) << 10
    return x


# --- perfect hash: FNV-1a 64 of the UTF-8 bytes, bucket by the high half, then displace ---
M64 = (1 << 64) - 1


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & M64
    return h


def mix(x):
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


N = len(keys)
NBUCKETS = (N + 3) // 4
NSLOTS = N + N // 8
hashes = {k: fnv1a(k.encode("utf-8")) for k in keys}
buckets = [[] for _ in range(NBUCKETS)]
for k in keys:
    buckets[(hashes[k] >> 32) % NBUCKETS].append(k)
disp = [0] * NBUCKETS
slots = [None] * NSLOTS
for b in sorted(range(NBUCKETS), key=lambda b: -len(buckets[b])):
    if not buckets[b]:
        continue
    for d in range(1 << 16):
        pos = [mix(hashes[k] ^ d) % NSLOTS for k in buckets[b]]
        if len(set(pos)) == len(pos) and all(slots[p] is None for p in pos):
            break
    else:
        sys.exit("no displacement found for bucket %d" % b)
    disp[b] = d
    for k, p in zip(buckets[b], pos):
        slots[p] = k


def lookup(k):
    h = fnv1a(k.encode("utf-8"))
    return slots[mix(h ^ disp[(h >> 32) % NBUCKETS]) % NSLOTS] == k


assert all(lookup(k) for k in keys)

# The keys' bytes, sorted and concatenated; a key that is a prefix of the next one shares its
# bytes. Sorted text also compresses far better than keys in slot order.
sorted_keys = sorted(k.encode("utf-8") for k in keys)
key_bytes = b""
key_at = {}
for n, k in enumerate(sorted_keys):
    key_at[k] = len(key_bytes)
    if not (n + 1 < len(sorted_keys) and sorted_keys[n + 1].startswith(k)):
        key_bytes += k
assert len(key_bytes) <= 0xFFFF
assert all(key_bytes[key_at[k]:key_at[k] + len(k)] == k for k in sorted_keys)
max_key_len = max(len(k) for k in sorted_keys)
assert max_key_len < 1 << 8
infos = sorted({info(k) for k in keys})
assert len(infos) <= 1 << 8
info_index = {x: n for n, x in enumerate(infos)}
packed_slots = []
for k in slots:
    if k is None:
        packed_slots.append(0)  # length 0: matches no key
        continue
    b = k.encode("utf-8")
    packed_slots.append(key_at[b] | len(b) << 16 | info_index[info(k)] << 24)

single_emoji = sorted((k, v) for k, v in EMOJIS.items() if len(k) == 1)
multi_emoji = [k for k in EMOJIS if len(k) != 1]
desc = ""
desc_ends = []
for _, v in single_emoji:
    desc += v
    desc_ends.append(len(desc.encode("utf-8")))
desc_type = "u16" if len(desc.encode("utf-8")) <= 0xFFFF else "u32"
assert all(ord(k) > 0x7F for k, _ in single_emoji)


def rs_str(s):
    out = []
    for c in s:
        if c == "\\" or c == '"':
            out.append("\\" + c)
        elif 0x20 <= ord(c) < 0x7F:
            out.append(c)
        else:
            out.append("\\u{%x}" % ord(c))
    return '"' + "".join(out) + '"'


def words_list(ws):
    return ", ".join("`%s`" % w for w in ws)


L = []
L.append("// @generated by tools/gen_vader_lexicon.py from vaderSentiment 3.3.2; do not edit.")
L.append("//! vaderSentiment's lexicon, emoji descriptions and word lists as static tables.")
L.append("//!")
L.append("//! Sources (MIT, C.J. Hutto; see `licenses/vader.md`), sha256:")
L.append("//! - `vader_lexicon.txt` %s" % LEX_SHA)
L.append("//! - `emoji_utf8_lexicon.txt` %s" % EMOJI_SHA)
L.append("//! - `vaderSentiment.py` %s" % SRC_SHA)
L.append("//!   (`NEGATE`, `BOOSTER_DICT`, `SPECIAL_CASES`)")
L.append("//!")
L.append("//! Only what can ever match is kept:")
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
    L.extend(textwrap.wrap(para, 100, initial_indent="//! - ", subsequent_indent="//!   ",
                           break_long_words=False, break_on_hyphens=False))
L.append("//!")
L.append("//! [`lookup`] finds a lower-cased token in one perfect-hash table (FNV-1a 64, displaced")
L.append("//! buckets, 8/9 full) holding the lexicon keys, `BOOSTER_DICT`'s one-word keys, `NEGATE` and the")
L.append("//! words the rules compare tokens with ([`Word`]). Each slot is one `u32`: where its key's")
L.append("//! bytes are in [`KEYS`] (sorted keys, concatenated, a key that is a prefix of the next")
L.append("//! sharing its bytes), the key's length, and an index into the few distinct infos")
L.append("//! ([`INFOS`]); valences are indices into [`VALUES`], each distinct `f64` stored once.")
L.append("//! Emoji code points are stored as `u16`: those below U+10000, then those of plane 1.")
L.append("")
L.append("/// A word that VADER's rules compare tokens with.")
L.append("#[derive(Clone, Copy, Debug, PartialEq, Eq)]")
L.append("pub enum Word {")
L.append("    /// Any other token.")
L.append("    Other,")
for w in WORDS:
    L.append("    /// `%s`" % w)
    L.append("    %s," % variant(w))
L.append("}")
L.append("")
L.append("/// What a booster/dampener word does (`BOOSTER_DICT`).")
L.append("#[derive(Clone, Copy, Debug, PartialEq, Eq)]")
L.append("pub enum Booster {")
L.append("    /// Not in `BOOSTER_DICT`.")
L.append("    None,")
L.append("    /// `B_INCR`.")
L.append("    Incr,")
L.append("    /// `B_DECR`.")
L.append("    Decr,")
L.append("}")
L.append("")
L.append("/// What the tables say about one lower-cased token.")
L.append("#[derive(Clone, Copy, Debug, PartialEq)]")
L.append("pub struct Info {")
L.append("    /// Its valence in the lexicon.")
L.append("    pub valence: Option<f64>,")
L.append("    /// Whether it is in `NEGATE`.")
L.append("    pub negate: bool,")
L.append("    /// Its `BOOSTER_DICT` entry.")
L.append("    pub booster: Booster,")
L.append("    /// Which rule word it is.")
L.append("    pub word: Word,")
L.append("}")
L.append("")
L.append("impl Info {")
L.append("    /// A token in none of the tables.")
L.append("    pub const NONE: Info =")
L.append("        Info { valence: None, negate: false, booster: Booster::None, word: Word::Other };")
L.append("}")
L.append("")
L.append("/// `SPECIAL_CASES` keys of two words, with their valences.")
L.append("pub static SPECIAL_CASES_2: [(Word, Word, f64); %d] = [" % len(special_2))
for k, v in special_2.items():
    a, b = k.split(" ")
    L.append("    (Word::%s, Word::%s, %r)," % (variant(a), variant(b), float(v)))
L.append("];")
L.append("")
L.append("/// `SPECIAL_CASES` keys of three words, with their valences.")
L.append("pub static SPECIAL_CASES_3: [(Word, Word, Word, f64); %d] = [" % len(special_3))
for k, v in special_3.items():
    a, b, c = k.split(" ")
    L.append("    (Word::%s, Word::%s, Word::%s, %r)," % (variant(a), variant(b), variant(c), float(v)))
L.append("];")
L.append("")
L.append("/// `BOOSTER_DICT` keys of two words, with their values.")
L.append("pub static BOOSTER_BIGRAMS: [(Word, Word, f64); %d] = [" % len(bigram_boosters))
for k, v in bigram_boosters.items():
    a, b = k.split(" ")
    L.append("    (Word::%s, Word::%s, %r)," % (variant(a), variant(b), float(v)))
L.append("];")
L.append("")
L.append("/// The distinct lexicon valences (Python `repr`), indexed by the low bits of [`INFOS`].")
L.append("static VALUES: [f64; %d] = [%s];" % (len(values), ", ".join(repr(v) for v in values)))
L.append("")
L.append("/// Word ids of [`INFOS`] bits 10-15 (id 0 is [`Word::Other`]).")
L.append("static WORDS: [Word; %d] = [Word::Other, %s];"
         % (len(WORDS) + 1, ", ".join("Word::" + variant(w) for w in WORDS)))
L.append("")
L.append("/// The longest key, in bytes: longer tokens are in no table.")
L.append("pub const MAX_KEY_LEN: usize = %d;" % max_key_len)
L.append("const NBUCKETS: u64 = %d;" % NBUCKETS)
L.append("const NSLOTS: u64 = %d;" % NSLOTS)
L.append("")
L.append("/// Per-bucket displacements of the perfect hash.")
L.append("static DISP: [u16; %d] = [%s];" % (NBUCKETS, ", ".join(str(d) for d in disp)))
L.append("")
L.append("/// The keys, sorted and concatenated; a key that is a prefix of the next shares its bytes.")
L.append("static KEYS: &str = %s;" % rs_str(key_bytes.decode("utf-8")))
L.append("")
L.append("/// The distinct packed infos of the keys: bits 0-6 lexicon value index (127: none), bit 7")
L.append("/// `NEGATE`, bits 8-9 booster (1: `B_INCR`, 2: `B_DECR`), bits 10-15 word id.")
L.append("static INFOS: [u16; %d] = [%s];" % (len(infos), ", ".join(str(i) for i in infos)))
L.append("")
L.append("/// Per slot, the key there (0: none): bits 0-15 its start in [`KEYS`], bits 16-23 its")
L.append("/// length in bytes, bits 24-31 the index of its info in [`INFOS`].")
L.append("static SLOTS: [u32; %d] = [%s];" % (NSLOTS, ", ".join("0x%x" % x for x in packed_slots)))
L.append("")
L.append("""fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn slot_of(key: &[u8]) -> usize {
    let h = fnv1a(key);
    let d = DISP.get(((h >> 32) % NBUCKETS) as usize).copied().unwrap_or(0);
    (mix(h ^ u64::from(d)) % NSLOTS) as usize
}

/// What the tables hold for `key`, the UTF-8 bytes of a token's `str.lower()`.
pub fn lookup(key: &[u8]) -> Info {
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Info::NONE;
    }
    let Some(&slot) = SLOTS.get(slot_of(key)) else {
        return Info::NONE;
    };
    let start = (slot & 0xffff) as usize;
    let len = ((slot >> 16) & 0xff) as usize;
    if len != key.len() || KEYS.as_bytes().get(start..start + len) != Some(key) {
        return Info::NONE;
    }
    let Some(&bits) = INFOS.get((slot >> 24) as usize) else {
        return Info::NONE;
    };
    Info {
        valence: VALUES.get(usize::from(bits & 0x7f)).copied(),
        negate: bits & 0x80 != 0,
        booster: match (bits >> 8) & 3 {
            1 => Booster::Incr,
            2 => Booster::Decr,
            _ => Booster::None,
        },
        word: WORDS.get(usize::from(bits >> 10)).copied().unwrap_or(Word::Other),
    }
}

/// The description that replaces emoji `c`, if `c` is one of the one-code-point emoji keys.
pub fn emoji_description(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    let cp = u32::from(c);
    let i = match cp >> 16 {
        0 => EMOJI_BMP.binary_search(&(cp as u16)).ok()?,
        1 => EMOJI_BMP.len() + EMOJI_PLANE1.binary_search(&(cp as u16)).ok()?,
        _ => return None,
    };
    let start = i.checked_sub(1).and_then(|j| EMOJI_DESC_ENDS.get(j)).map_or(0, |&e| e as usize);
    let end = *EMOJI_DESC_ENDS.get(i)? as usize;
    EMOJI_DESCS.get(start..end)
}
""")
assert all(ord(k) < 0x20000 for k, _ in single_emoji)
emoji_bmp = [ord(k) for k, _ in single_emoji if ord(k) < 0x10000]
emoji_plane1 = [ord(k) & 0xFFFF for k, _ in single_emoji if ord(k) >= 0x10000]
L.append("/// The one-code-point emoji keys below U+10000, sorted.")
L.append("static EMOJI_BMP: [u16; %d] = [%s];"
         % (len(emoji_bmp), ", ".join("0x%x" % c for c in emoji_bmp)))
L.append("")
L.append("/// The low 16 bits of the one-code-point emoji keys of plane 1 (U+10000 to U+1FFFF),")
L.append("/// sorted; their descriptions follow those of [`EMOJI_BMP`].")
L.append("static EMOJI_PLANE1: [u16; %d] = [%s];"
         % (len(emoji_plane1), ", ".join("0x%x" % c for c in emoji_plane1)))
L.append("")
L.append("/// The descriptions of [`EMOJI_BMP`] then [`EMOJI_PLANE1`], concatenated in their order.")
L.append("static EMOJI_DESCS: &str = %s;" % rs_str(desc))
L.append("")
L.append("/// End of each description in [`EMOJI_DESCS`].")
L.append("static EMOJI_DESC_ENDS: [%s; %d] = [%s];"
         % (desc_type, len(desc_ends), ", ".join(str(e) for e in desc_ends)))
L.append("")

with open(OUT, "w", encoding="utf-8") as f:
    f.write("\n".join(L))
rustfmt = shutil.which("rustfmt")
if rustfmt:
    subprocess.run([rustfmt, "--edition", "2024", OUT], check=True)
else:
    print("warning: rustfmt not found; the output is not formatted", file=sys.stderr)
print("wrote %s: %d keys (%d lexicon of %d, %d dropped) in %d slots, %d words, %d emoji "
      "(%d multi-code-point dropped), %d values"
      % (OUT, N, len(lex_keys), len(LEX), len(dropped), NSLOTS, len(WORDS), len(single_emoji),
         len(multi_emoji), len(values)))
