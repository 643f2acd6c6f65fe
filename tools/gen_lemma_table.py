#!/usr/bin/env python3
"""Generates src/text/lemma/table.rs, the compact WordNet 3.0 noun table behind
`ticket_insights::text::lemma::lemmatize`, and verifies it against NLTK's real lemmatizer.

Run with the reference environment (tools/refenv.sh), from anywhere:

    NLTK_DATA=... $REFPY tools/gen_lemma_table.py

Inputs: Debian's WordNet 3.0 (`wordnet-base`: /usr/share/wordnet/index.noun and noun.exc), the
TextBlob 0.20.1 sentiment lexicon (its keys after `load()`, which adds the "-ly" adverbs), and
the corpus tests/data/customer_support_tickets.csv run through the reference seed pipeline
(tools/reference/seedpipe.py). The oracle for the verification is NLTK 3.10.4's
`WordNetLemmatizer().lemmatize(word)` (pos "n").

NLTK 3.10.4's noun lemmatizer (nltk/corpus/reader/wordnet.py `_morphy`, one rule application):
    forms = noun.exc[word]              if word is an exception key (the rules are then NOT tried)
            [rule(word) for each rule]  otherwise; rules in order, each replacing a suffix once:
                                        s->"", ses->s, ves->f, xes->x, zes->z, ches->ch,
                                        shes->sh, men->man, ies->y
    lemmas = [f for f in [word] + forms if f in index.noun], deduplicated in order
    result = min(lemmas, key=len) (the first shortest) if lemmas else word
The table keeps a subset D' of the noun index D and a subset E' of the exception list, so that
the scores of the seed's sentiment (TextBlob polarity of the lemmatized text) never change and
every word of the corpus gets its exact lemma. The reduction is explained in the `//!` doc of
src/text/lemma.rs; `build()` below implements it and `verify()` checks it.
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORDNET = "/usr/share/wordnet"
CORPUS = os.path.join(ROOT, "tests", "data", "customer_support_tickets.csv")
OUT = os.path.join(ROOT, "src", "text", "lemma", "table.rs")

AZ = re.compile(r"[a-z]+")
RULES = [
    ("s", ""),
    ("ses", "s"),
    ("ves", "f"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
]
NEGATIONS = ("no", "not", "n't", "never")  # TextBlob's English negations


def load_index():
    """All lemmas of index.noun (NLTK: first field of every line not starting with a space)."""
    with open(os.path.join(WORDNET, "index.noun"), encoding="utf-8") as fp:
        return {line.split()[0] for line in fp if not line.startswith(" ")}


def load_exceptions():
    """noun.exc as NLTK reads it: key -> forms; a repeated key keeps its last line."""
    exc = {}
    with open(os.path.join(WORDNET, "noun.exc"), encoding="utf-8") as fp:
        for line in fp:
            terms = line.split()
            exc[terms[0]] = terms[1:]
    return exc


def children(word):
    """The rule outputs of `word`, in rule order."""
    return [word[: len(word) - len(old)] + new for old, new in RULES if word.endswith(old)]


def parents(form):
    """Every word that has `form` among its rule outputs."""
    return [form[: len(form) - len(new)] + old for old, new in RULES if form.endswith(new)]


def first_shortest(forms, index):
    best = None
    for form in forms:
        if form in index and (best is None or len(form) < len(best)):
            best = form
    return best


def lemma_rules(word, index):
    """The lemmatizer's result for a word that is not an exception key."""
    return first_shortest([word] + children(word), index) or word


def lemma_exception(word, forms, index):
    """The lemmatizer's result for an exception key with forms `forms`."""
    return first_shortest([word] + forms, index) or word


def lexicon_keys():
    from textblob.en import sentiment

    sentiment.load()
    return {k for k in dict.keys(sentiment) if AZ.fullmatch(k)}


def corpus_tokens():
    """Every token the seed pipeline passes to the lemmatizer on the corpus."""
    import csv

    sys.path.insert(0, os.path.join(HERE, "reference"))
    from nltk.tokenize import word_tokenize
    from seedpipe import clean_text, stop_words

    tokens = set()
    with open(CORPUS, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cleaned = clean_text(row["Ticket Description"])
            tokens.update(
                w for w in word_tokenize(cleaned, preserve_line=True) if w not in stop_words
            )
    return tokens


class Data:
    def __init__(self):
        self.index = load_index()
        self.nouns = {x for x in self.index if AZ.fullmatch(x)}
        self.exceptions = {k: v for k, v in load_exceptions().items() if AZ.fullmatch(k)}
        self.lexicon = lexicon_keys()
        self.corpus = corpus_tokens()
        self.known = self.lexicon | {w for w in NEGATIONS if AZ.fullmatch(w)}

    def token_class(self, token):
        """What TextBlob's polarity can see of a token: the token itself if it is a lexicon
        key or a negation, else only `len(w.strip("'")) > 1` and `len(w) > 2`."""
        if token in self.known or token in NEGATIONS:
            return token
        return (len(token.strip("'")) > 1, len(token) > 2)

    def important(self, form):
        return form in self.known or len(form) <= 2

    def true_lemma(self, word):
        """NLTK's result, computed from the files (checked against NLTK in verify())."""
        if word in self.exceptions:
            return lemma_exception(word, self.exceptions[word], self.index)
        return lemma_rules(word, self.index)


def build(data):
    """Returns (kept nouns D', kept exceptions E' as {key: final lemma})."""
    nouns = data.nouns
    important = {x for x in nouns if data.important(x)}
    kept = set(important)
    # Keep x when an important entry is among the forms that compete with it: x, its rule
    # outputs, the words it is a rule output of, and their other rule outputs.
    for x in nouns - kept:
        near = {x, *children(x)}
        for p in parents(x):
            near.add(p)
            near.update(children(p))
        if near & important:
            kept.add(x)
    # Keep the lemma of a corpus word when needed for its exact lemma, and of a lexicon word or
    # negation when needed for its class; adding entries can change other words, so iterate.
    exact = sorted(w for w in data.corpus if w not in data.exceptions)
    by_class = sorted(data.known)  # exception keys too: a dropped key goes through the rules
    while True:
        added = set()
        for w in exact:
            target = lemma_rules(w, nouns)
            if lemma_rules(w, kept) != target:
                added.add(target)
        for w in by_class:
            target = lemma_rules(w, nouns)
            if data.token_class(lemma_rules(w, kept)) != data.token_class(target):
                added.add(target)
        if not added:
            break
        kept |= added
    # Exceptions: a dropped key goes through the rules on D', which give the class of the rules
    # on D; keep a key whose exception result has another class, and every corpus word.
    exceptions = {}
    for key, forms in sorted(data.exceptions.items()):
        lemma = lemma_exception(key, forms, data.index)
        if key in data.corpus or data.token_class(lemma) != data.token_class(
            lemma_rules(key, nouns)
        ):
            exceptions[key] = lemma
    return kept, exceptions


class Compact:
    """The runtime algorithm of src/text/lemma.rs on a table (D', E')."""

    def __init__(self, nouns, exceptions):
        self.nouns = set(nouns)
        self.exceptions = dict(exceptions)

    def lemmatize(self, word):
        if not AZ.fullmatch(word):
            return word
        if word in self.exceptions:
            return self.exceptions[word]
        return lemma_rules(word, self.nouns)


def suffix_heavy_words(rng, stems, n):
    suffixes = ["s", "es", "ss", "ses", "ies", "ves", "xes", "zes", "ches", "shes", "men", "man"]
    words = []
    for _ in range(n):
        w = rng.choice(stems)
        for _ in range(rng.randint(1, 3)):
            w += rng.choice(suffixes)
        words.append(w)
    return words


def verify(data, compact):
    """Checks the table against NLTK; returns the number of words checked."""
    from nltk.stem import WordNetLemmatizer

    oracle = WordNetLemmatizer().lemmatize
    rng = random.Random(20240611)
    failures = []

    # The model of NLTK used by build() is NLTK.
    for w in sorted(data.corpus | set(data.exceptions) | data.known):
        if data.true_lemma(w) != oracle(w):
            failures.append(("model", w, data.true_lemma(w), oracle(w)))

    for w in sorted(data.corpus):
        if compact.lemmatize(w) != oracle(w):
            failures.append(("exact", w, compact.lemmatize(w), oracle(w)))

    words = set(data.nouns) | set(data.exceptions) | data.known
    for x in data.nouns:
        for suffix in ("s", "es", "ss", "sss", "ses"):
            words.add(x + suffix)
        if x.endswith("y"):
            words.add(x[:-1] + "ies")
        if x.endswith("f"):
            words.add(x[:-1] + "ves")
        if x.endswith("man"):
            words.add(x[:-3] + "men")
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(100_000):
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(1, 12))))
    words.update(suffix_heavy_words(rng, sorted(data.nouns), 100_000))
    different = []
    for w in sorted(words):
        got, want = compact.lemmatize(w), oracle(w)
        if got != want:
            different.append(w)
            if data.token_class(got) != data.token_class(want):
                failures.append(("class", w, got, want))

    # End to end: TextBlob's polarity and subjectivity of texts mixing the words whose lemma
    # differs with lexicon words, negations and short words.
    from textblob import TextBlob

    pool = different + sorted(data.known) + ["no", "not", "never", "a", "an", "is", "very"]
    texts = 0
    for _ in range(20_000):
        tokens = [rng.choice(pool) for _ in range(rng.randint(1, 12))]
        a = " ".join(oracle(t) for t in tokens)
        b = " ".join(compact.lemmatize(t) for t in tokens)
        texts += 1
        if a != b and TextBlob(a).sentiment != TextBlob(b).sentiment:
            failures.append(("textblob", " ".join(tokens), b, a))

    for f in failures[:20]:
        print("MISMATCH", *f, file=sys.stderr)
    if failures:
        sys.exit(f"{len(failures)} verification failures")
    print(
        f"verified: {len(data.corpus)} corpus tokens exact; {len(words)} words same class "
        f"({len(different)} with another lemma); {texts} TextBlob texts same sentiment"
    )


def rust_blob(words, width):
    """A Rust string literal holding `words` concatenated, wrapped with `\\` continuations."""
    per_line = max(1, 88 // width)
    lines = ["".join(words[i : i + per_line]) for i in range(0, len(words), per_line)]
    return '"' + "\\\n        ".join(lines) + '"'


def emit(nouns, exceptions):
    by_len = {}
    for x in sorted(nouns):
        by_len.setdefault(len(x), []).append(x)
    longest = max(by_len)
    noun_bytes = sum(len(x) for x in nouns)
    exc_bytes = sum(len(k) + len(v) for k, v in exceptions.items())
    out = [
        "// @generated by tools/gen_lemma_table.py; do not edit",
        "//! The compact WordNet 3.0 noun table behind [`super::lemmatize`]: "
        f"{len(nouns)} noun-index",
        f"//! lemmas ({noun_bytes} bytes) and {len(exceptions)} noun.exc entries "
        f"({exc_bytes} bytes).",
        "",
        "/// The kept noun-index lemmas by length: entry `n` is the ascending concatenation of "
        "the",
        "/// kept lemmas of `n` letters, so lemma `i` is bytes `i * n..(i + 1) * n`.",
        f"pub(super) static NOUNS_BY_LEN: [&str; {longest + 1}] = [",
    ]
    for n in range(longest + 1):
        words = by_len.get(n, [])
        unit = "letter" if n == 1 else "letters"
        count = "lemma" if len(words) == 1 else "lemmas"
        out.append(f"    // {n} {unit}: {len(words)} {count}")
        out.append(f"    {rust_blob(words, n) if words else chr(34) * 2},")
    out.append("];")
    out.append("")
    out.append("/// The kept noun.exc entries `(inflected form, lemma)`, sorted by form.")
    out.append(f"pub(super) static EXCEPTIONS: [(&str, &str); {len(exceptions)}] = [")
    for k in sorted(exceptions):
        out.append(f'    ("{k}", "{exceptions[k]}"),')
    out.append("];")
    text = "\n".join(out) + "\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(
        f"wrote {os.path.relpath(OUT, ROOT)}: {len(nouns)} nouns ({noun_bytes} bytes), "
        f"{len(exceptions)} exceptions ({exc_bytes} bytes); "
        f"table data {noun_bytes + exc_bytes} bytes"
    )


def main():
    data = Data()
    print(
        f"index.noun: {len(data.index)} lemmas, {len(data.nouns)} [a-z]+ "
        f"({sum(len(x) + 1 for x in data.nouns)} bytes with separators); noun.exc: "
        f"{len(data.exceptions)} [a-z]+ keys; lexicon keys: {len(data.lexicon)}; "
        f"corpus tokens: {len(data.corpus)}"
    )
    nouns, exceptions = build(data)
    for lemma in exceptions.values():
        assert re.fullmatch(r"[a-z]+", lemma), lemma
    verify(data, Compact(nouns, exceptions))
    emit(nouns, exceptions)


if __name__ == "__main__":
    main()
