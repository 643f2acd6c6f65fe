"""Writes tests/data/diff/clean_cases.jsonl, the differential cases of tests/clean_diff.rs, from
the real seed pipeline (seedpipe.py: NLTK 3.10.4, WordNet 3.0).

    NLTK_DATA=... $REFPY tools/reference/diff_clean.py

One JSON object per line:
  text     the raw input
  clean    seedpipe.clean_text(text)                       (Rust: clean_text, exact)
  cleaned  seedpipe.preprocess_text(clean_text(text))      (the seed's Cleaned Text)
  compact  present only when it differs from `cleaned`: the same pipeline with the lemmatizer
           of the committed compact table (src/text/lemma/nouns.bin and exceptions.rs, read
           here), which is what
           Rust's seed_clean must return. This script checks that every such token has the
           class of NLTK's lemma and that TextBlob gives both texts the same sentiment.
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

from nltk.corpus import stopwords  # noqa: E402
from nltk.tokenize import word_tokenize  # noqa: E402
from seedpipe import clean_text, preprocess_text, stop_words  # noqa: E402
from textblob import TextBlob  # noqa: E402

import gen_lemma_table as gen  # noqa: E402

LEMMA = os.path.join(ROOT, "src", "text", "lemma")
OUT = os.path.join(ROOT, "tests", "data", "diff", "clean_cases.jsonl")


def committed_table():
    """(nouns, exceptions) as committed in src/text/lemma/ (nouns.bin, exceptions.rs)."""
    import tablefile

    with open(os.path.join(LEMMA, "nouns.bin"), "rb") as fh:
        nouns = {w.decode() for w in tablefile.decode_front_coded(fh.read())}
    with open(os.path.join(LEMMA, "exceptions.rs"), encoding="utf-8") as fh:
        exceptions = dict(re.findall(r'\("([a-z]+)", "([a-z]+)"\)', fh.read()))
    return nouns, exceptions


def cases():
    rng = random.Random(7)
    out = []
    add = out.append

    # Edge cases of the cleaning steps.
    for t in [
        "",
        " ",
        "!!! ??? ...",
        "12345 67890",
        "\x00\x01\x02\x7f",
        "Hello, World!",
        "ÉCOLE café naïve résumé Straße ΣΊΣΥΦΟΣ",
        "İstanbul İSTANBUL iİi",
        "\u212aelvin \u212a \u212a\u212a",
        "emoji 😀 test 🎉🎉 party 👍🏽",
        "tab\tnewline\ncr\rvt\x0bff\x0c",
        "info\x1csep\x1dsep\x1esep\x1fsep",
        "nel\x85nbsp\xa0ideo\u3000line\u2028para\u2029",
        "zero\u200bwidth joiner\u200d",
        "The product is not working. I'm frustrated!!!",
        "{product_purchased} isn't working; {product_purchased} is broken",
    ]:
        add(t)

    # Repeated words: runs of 2, 3, 4 across every kind of whitespace.
    spaces = [" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f",
              "\x85", "\xa0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f",
              "\u205f", "\u3000", " \x1f\u3000 "]
    for ws in spaces:
        for n in (2, 3, 4, 5):
            add(ws.join(["issue"] * n))
            add(ws.join(["no"] * n) + ws + "good")
        add(f"the{ws}theory{ws}theory{ws}theorem")
        add(f"printer{ws}printers{ws}printers{ws}printer")
    add("a a a a")
    add("no no no")
    add("Help help HELP hElP")
    add("bad, bad. bad! bad?")
    add("x-x-x-x")
    add("don't don't won't won't")

    # Phrases: inside words, across odd whitespace, created by other removals.
    for t in [
        "please assist", "Please Assist me", "please\tassist", "please  assist",
        "please\u3000assist", "pleaseassist", "xplease assistx", "please please assist",
        "please assist assist", "im issue", "Im Issue", "him issues", "aim issued",
        "note suggest", "notes suggestion", "denote suggests", "kindly", "unkindly",
        "kindlyness", "Kindly, please assist; I'm issue", "kinkindlydly",
        "please askindlysist", "imkindly issue", "im isskindlyue", "note im issuesuggest",
        "noteplease assist suggest", "please assistkindly", "note sugkindlygest",
        "please im issue assist", "kindkindlyly", "please assist please assist",
        "im im issue issue", "note note suggest suggest", "kindly kindly kindly",
    ]:
        add(t)

    # NLTK's tokenizer splits some contractions.
    add("cannot gonna wanna gimme lemme gotta")
    add("CANNOT Gonna wannabe cannots xcannot gotta gotta")
    add("I cannot login, gonna cancel; wanna refund")

    # Long text.
    add(("My printer is not printing, please assist. Kindly help!!! " * 200)[:10_000])
    add(" ".join(["word"] * 2500))

    # Random strings from a palette (fixed seed).
    palette = (
        ["please", "assist", "im", "issue", "note", "suggest", "kindly", "kind", "ly", "no",
         "not", "never", "good", "bad", "great", "terrible", "very", "the", "a", "is",
         "cannot", "gonna", "wanna", "issues", "boxes", "women", "data", "us", "nos",
         "happy", "happily", "unhappy", "thanks", "love", "lovely"]
        + list("aAbBiIkKsSxyz")
        + [" ", " ", " ", "\t", "\n", "\x1c", "\x1f", "\x85", "\u3000", "\xa0"]
        + list(".,!?'\"-_()0123456789")
        + ["İ", "\u212a", "é", "ß", "Σ", "😀", "\u0307", "\x00"]
    )
    for _ in range(400):
        add("".join(rng.choice(palette) for _ in range(rng.randint(0, 40))))

    # The lemmatizer: every exception key, irregular plurals, suffix families, chains.
    data = gen.Data()
    keys = sorted(data.exceptions)
    for i in range(0, len(keys), 20):
        add(" ".join(keys[i : i + 20]))
    add("us nos is has was gas bus plus bias kudos news series species thanks")
    add("mice geese feet teeth oxen children men women people data media criteria")
    add("leaves lives wives knives wolves halves shelves selves calves")
    add("cats catss catsss catssss dogs dogses glasses glassess classes bosses")
    add("ladies babies companies flies skies monies movies pies ties")
    add("boxes taxes foxes buzzes quizzes fezzes churches watches dishes wishes bushes")
    add("firemen salesmen gentlemen policemen amen omen semen ramen women")
    nouns = sorted(data.nouns)
    suffixes = ["s", "es", "ss", "sss", "ses", "ies", "ves", "xes", "zes", "ches", "shes", "men"]
    for _ in range(150):
        words = []
        for _ in range(12):
            w = rng.choice(nouns)
            if w.endswith("y") and rng.random() < 0.3:
                w = w[:-1] + "ies"
            elif w.endswith("f") and rng.random() < 0.3:
                w = w[:-1] + "ves"
            elif w.endswith("man") and rng.random() < 0.3:
                w = w[:-3] + "men"
            else:
                w += rng.choice(suffixes)
            words.append(w)
        add(" ".join(words))
    lexicon = sorted(data.lexicon)
    for i in range(0, len(lexicon), 25):
        add(" ".join(w + "s" for w in lexicon[i : i + 25]))

    # NLTK's stopwords, in its order: all of them, upper-cased, each next to a kept word, and
    # each with a letter more (a renamed or missing stopword changes these expectations, which
    # come from NLTK's list, not the crate's).
    words = stopwords.words("english")
    assert len(words) == 179
    add(" ".join(words))
    add(" ".join(w.upper() for w in words))
    add(" ".join(f"{w} ticket" for w in words))
    add(" ".join(w + "x" for w in words))
    return out


def main():
    data = gen.Data()
    nouns, exceptions = committed_table()
    if (nouns, exceptions) != gen.build(data):
        sys.exit("src/text/lemma/ is not what tools/gen_lemma_table.py builds: regenerate")
    compact = gen.Compact(nouns, exceptions)
    n_compact = 0
    lines = []
    for text in cases():
        clean = clean_text(text)
        cleaned = preprocess_text(clean)
        tokens = [w for w in word_tokenize(clean, preserve_line=True) if w not in stop_words]
        ours = " ".join(compact.lemmatize(w) for w in tokens)
        case = {"text": text, "clean": clean, "cleaned": cleaned}
        if ours != cleaned:
            a, b = cleaned.split(), ours.split()
            assert len(a) == len(b), text
            for x, y in zip(a, b):
                assert data.token_class(x) == data.token_class(y), (text, x, y)
            assert TextBlob(cleaned).sentiment == TextBlob(ours).sentiment, text
            case["compact"] = ours
            n_compact += 1
        lines.append(json.dumps(case, ensure_ascii=True))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(
        f"wrote {os.path.relpath(OUT, ROOT)}: {len(lines)} cases, {n_compact} where the compact "
        "table's lemmas differ from NLTK's (same classes, same TextBlob sentiment)"
    )


if __name__ == "__main__":
    main()
