#!/usr/bin/env python3
"""Generates the compact WordNet 3.0 noun table behind `ticket_insights::text::lemma::lemmatize`:
src/text/lemma/nouns.bin (the kept noun-index lemmas, sorted and front-coded) and
src/text/lemma/exceptions.rs (the kept noun.exc entries, an array of literals).

    python3 tools/gen_lemma_table.py            # writes them, stdlib only
    python3 tools/gen_lemma_table.py --check    # fails if the committed files differ (CI)
    NLTK_DATA=... $REFPY tools/gen_lemma_table.py --verify   # reference env, see below

Inputs, all committed: tools/sources/wordnet-index.noun-lemmas.txt (the lemma column of
Debian's WordNet 3.0 `index.noun`, `wordnet-base`, for the `[a-z]+` lemmas and the forms of
`[a-z]+` exception keys: all that the table can depend on), tools/sources/wordnet-noun.exc,
TextBlob 0.20.1's lexicon keys (tools/sources/en-sentiment.xml, loaded by
gen_textblob_lexicon.py), NLTK's stopwords (tests/data/golden/nltk_stopwords.txt) and the
corpus tests/data/customer_support_tickets.csv run through the seed's cleaning. --verify
refreshes the WordNet sources from /usr/share/wordnet and checks the table against NLTK
3.10.4's `WordNetLemmatizer().lemmatize(word)` (pos "n"), the corpus tokens against NLTK's
`word_tokenize`, and the sentiment of texts against TextBlob.

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
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tablefile  # noqa: E402
from tablefile import ROOT  # noqa: E402

WORDNET = "/usr/share/wordnet"
CORPUS = os.path.join(ROOT, "tests", "data", "customer_support_tickets.csv")
STOPWORDS = os.path.join(ROOT, "tests", "data", "golden", "nltk_stopwords.txt")
NOUNS_OUT = "src/text/lemma/nouns.bin"
EXCEPTIONS_OUT = "src/text/lemma/exceptions.rs"
INDEX_SOURCE = "wordnet-index.noun-lemmas.txt"
EXC_SOURCE = "wordnet-noun.exc"

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


def parse_index(text):
    """All lemmas of index.noun (NLTK: first field of every line not starting with a space)."""
    return {line.split()[0] for line in text.splitlines() if line and not line.startswith(" ")}


def parse_exceptions(text):
    """noun.exc as NLTK reads it: key -> forms; a repeated key keeps its last line."""
    exc = {}
    for line in text.splitlines():
        terms = line.split()
        if terms:
            exc[terms[0]] = terms[1:]
    return exc


def index_extract(index, exceptions):
    """The lemmas the table can depend on: the [a-z]+ ones and the forms of [a-z]+ keys."""
    forms = {f for k, fs in exceptions.items() if AZ.fullmatch(k) for f in fs}
    keep = sorted(x for x in index if AZ.fullmatch(x) or x in forms)
    return ("".join(x + "\n" for x in keep)).encode("utf-8")


def load_index():
    return set(tablefile.source(INDEX_SOURCE).decode("utf-8").split())


def load_exceptions():
    return parse_exceptions(tablefile.source(EXC_SOURCE).decode("utf-8"))


def refresh_wordnet_sources():
    """--verify: the committed WordNet sources from Debian's files."""
    with open(os.path.join(WORDNET, "index.noun"), "rb") as fp:
        index = parse_index(fp.read().decode("utf-8"))
    with open(os.path.join(WORDNET, "noun.exc"), "rb") as fp:
        exc_bytes = fp.read()
    tablefile.store_source(EXC_SOURCE, exc_bytes)
    tablefile.store_source(INDEX_SOURCE, index_extract(index, parse_exceptions(exc_bytes.decode())))


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
    """TextBlob's lexicon keys after `load()` (which adds the -ly adverbs) that are [a-z]+."""
    import gen_textblob_lexicon

    return {k for k in gen_textblob_lexicon.committed_lexicon() if AZ.fullmatch(k)}


def stop_words():
    with open(STOPWORDS, encoding="utf-8") as fh:
        return set(fh.read().split())


def clean_text(text, stop):
    """seedpipe.clean_text (the seed's clean_text), stdlib only."""
    text = text.lower()
    text = re.sub(r"[^a-z\s]", " ", text)
    text = re.sub(r"\b(\w+)\s+\1\b", r"\1", text)
    for phrase in ["please assist", "im issue", "note suggest", "kindly"]:
        text = text.replace(phrase, "")
    text = re.sub(r"\s+", " ", text).strip()
    return " ".join([w for w in text.split() if w not in stop])


# NLTK's MacIntyreContractions.CONTRACTIONS2 that match an [a-z]+ word: word_tokenize splits
# them after three letters; on clean_text's output it does nothing else.
CONTRACTIONS = ("cannot", "gimme", "gonna", "gotta", "lemme", "wanna")


def tokenize(cleaned):
    """word_tokenize(cleaned, preserve_line=True) on clean_text's output (checked in --verify)."""
    out = []
    for w in cleaned.split():
        out += [w[:3], w[3:]] if w in CONTRACTIONS else [w]
    return out


def corpus_descriptions():
    with open(CORPUS, newline="", encoding="utf-8") as fh:
        return [row["Ticket Description"] for row in csv.DictReader(fh)]


def corpus_tokens():
    """Every token the seed pipeline passes to the lemmatizer on the corpus."""
    stop = stop_words()
    tokens = set()
    for text in corpus_descriptions():
        tokens.update(w for w in tokenize(clean_text(text, stop)) if w not in stop)
    return tokens


def verify_corpus_tokens():
    """--verify: the stdlib tokens equal the seed pipeline's (NLTK's stopwords, word_tokenize)."""
    sys.path.insert(0, os.path.join(HERE, "reference"))
    from nltk.tokenize import word_tokenize
    import seedpipe

    assert seedpipe.stop_words == stop_words(), "stopwords differ from the golden"
    for text in corpus_descriptions():
        cleaned = seedpipe.clean_text(text)
        assert cleaned == clean_text(text, seedpipe.stop_words), text
        assert word_tokenize(cleaned, preserve_line=True) == tokenize(cleaned), cleaned


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


def emit(nouns, exceptions, check):
    out = tablefile.Output("tools/gen_lemma_table.py")
    out.add(NOUNS_OUT, tablefile.front_coded(sorted(x.encode() for x in nouns)))
    rows = [f"    ({tablefile.rust_str(k)}, {tablefile.rust_str(exceptions[k])})," for k in sorted(exceptions)]
    noun_bytes = sum(len(x) for x in nouns)
    out.rust(EXCEPTIONS_OUT, [
        f"The kept noun.exc entries of the compact WordNet 3.0 table ({len(nouns)} noun-index",
        f"lemmas of {noun_bytes} bytes are in `nouns.bin`).",
    ], [[
        "/// The kept noun.exc entries `(inflected form, lemma)`, sorted by form.",
        "#[rustfmt::skip]",
        f"pub(super) static EXCEPTIONS: [(&str, &str); {len(exceptions)}] = [",
        *rows,
        "];",
    ]])
    out.finish(check)


def main():
    mode = tablefile.mode()
    if mode == "verify":
        refresh_wordnet_sources()
        verify_corpus_tokens()
    data = Data()
    print(
        f"index.noun: {len(data.index)} lemmas kept from the source, {len(data.nouns)} [a-z]+; "
        f"noun.exc: {len(data.exceptions)} [a-z]+ keys; lexicon keys: {len(data.lexicon)}; "
        f"corpus tokens: {len(data.corpus)}"
    )
    nouns, exceptions = build(data)
    for lemma in exceptions.values():
        assert re.fullmatch(r"[a-z]+", lemma), lemma
    if mode == "verify":
        verify(data, Compact(nouns, exceptions))
    emit(nouns, exceptions, mode == "check")


if __name__ == "__main__":
    main()
