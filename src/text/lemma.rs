//! The seed's WordNet 3.0 noun lemmatizer (NLTK 3.10.4 `WordNetLemmatizer().lemmatize(word)`),
//! on a compact table that gives every score and every corpus lemma exactly.
//!
//! # What NLTK does
//! `lemmatize(word)` (pos `"n"`) calls `nltk/corpus/reader/wordnet.py` `_morphy` once:
//! - if `word` is a key of `noun.exc`, its forms are the exception list's forms for it and the
//!   suffix rules are *not* tried; otherwise its forms are the outputs of the rules, in this
//!   order, for each rule whose suffix ends the word: `s`→``, `ses`→`s`, `ves`→`f`, `xes`→`x`,
//!   `zes`→`z`, `ches`→`ch`, `shes`→`sh`, `men`→`man`, `ies`→`y` (applied once: NLTK 3.10.4 no
//!   longer re-applies the rules to their outputs);
//! - the lemmas are `[word] + forms` filtered to lemmas of `index.noun`, deduplicated in order;
//! - the result is `min(lemmas, key=len)`, the first shortest, or `word` itself when there is
//!   none (also for an exception key none of whose forms is in the index).
//!
//! # The compact table
//! The noun index D has 55,191 `[a-z]+` lemmas (516 kB), too big for the browser. Only two
//! things matter downstream: the Cleaned Text of the 8469 corpus tickets (a golden file) and
//! the seed's score, TextBlob's polarity of the Cleaned Text. On `[a-z ]` text TextBlob sees a
//! token only through its *class*: the token itself if it is a lexicon key (after the `-ly`
//! adverbs TextBlob adds when loading) or a negation (`no`, `not`, `never`), otherwise only
//! whether it has 1, 2 or ≥ 3 letters (`len(w.strip("'")) > 1` and `len(w) > 2` are its only
//! other tests). A D entry is *important* if it is a lexicon key, a negation or has ≤ 2 letters.
//!
//! `tools/gen_lemma_table.py` keeps D' ⊆ D (1418 lemmas, 7333 bytes) and E' ⊆ noun.exc (33
//! keys, each stored with its final lemma: 300 bytes), and [`lemmatize`] runs NLTK's algorithm
//! on them. Write forms(w) for `[w] + rule outputs` and f_X(w) for the first shortest of
//! forms(w) in X, else w. Why that is enough:
//! 1. If x = f_D(w) is kept, f_D'(w) = x: the lemmas found in D' are a sublist of those found
//!    in D that still holds x, and nothing before x or shorter than x. If w has no lemma in D,
//!    it has none in D' and f_D'(w) = w = f_D(w).
//! 2. Rules are applied once, so forms(w) ⊆ S(x) for every x in forms(w), where
//!    S(x) = {x} ∪ out(x) ∪ ⋃_{p ∈ in(x)} ({p} ∪ out(p)), out(x) being the rule outputs of x and
//!    in(x) the finitely many words having x among theirs.
//! 3. D' keeps (a) every important entry, (b) every x with an important entry of D in S(x), and
//!    (c), repeated until nothing changes, f_D(w) for every corpus word w with
//!    f_D'(w) ≠ f_D(w) and every lexicon key or negation w whose f_D'(w) has another class.
//!    Then f_D'(w) has the class of f_D(w) for every w, and equals it for corpus words. By (c)
//!    for corpus words, keys and negations; by 1 when x = f_D(w) is kept or w has no lemma in
//!    D. Otherwise x was dropped, so it is unimportant by (a) (class "≥ 3 letters, unknown");
//!    by (b) and 2 every lemma of forms(w) in D' is unimportant too, and f_D'(w) is one of
//!    them or w itself, which is not a key or negation and has at least as many letters as x
//!    (no rule lengthens a word): the same class every time.
//! 4. An exception key left out of E' goes through the rules on D', whose class is, by 3, the
//!    class of the rules on D. E' keeps every key for which that class is not the class of its
//!    NLTK result, and every corpus word.
//!
//! The generator verifies the table against NLTK's lemmatizer itself: the exact lemma of all
//! 6089 corpus tokens, the same class for ~505k words (every D entry with and without `s`,
//! `es`, `ss`, `sss`, `ses`, `ies`, `ves`, `men` endings, every exception key, every lexicon
//! key, 100k random and 100k suffix-heavy words), and the same TextBlob sentiment for 20k
//! random texts made of the words whose lemma differs. So a word outside the corpus may keep
//! its plural (`dogs`), but no score changes.
//!
//! # Storage and lookups
//! `lemma/nouns.bin` holds D' sorted and front-coded, `lemma/exceptions.rs` E' as an array
//! (both written by the generator, whose `--check` keeps them equal to what it builds from the
//! committed sources). At first use each becomes a `WordMap`, so a lookup hashes the
//! candidate once and compares about one entry. Only a word ending in `s` or `men` has rule
//! outputs, and the word itself needs a lookup only if it ends in `men`: the other outputs are
//! shorter and win when found.

use std::borrow::Cow;

use std::sync::LazyLock;

use crate::text::wordmap::{WordMap, hash};

mod exceptions;

use exceptions::EXCEPTIONS;

/// The kept noun-index lemmas D', sorted and front-coded.
static NOUN_LIST: &[u8] = include_bytes!("lemma/nouns.bin");

/// D', built at first use.
static NOUNS: LazyLock<WordMap> = LazyLock::new(|| WordMap::from_front_coded(NOUN_LIST));

/// The forms of [`EXCEPTIONS`], built at first use.
static EXCEPTION_FORMS: LazyLock<WordMap> =
    LazyLock::new(|| WordMap::new(EXCEPTIONS.iter().map(|&(form, _)| form)));

/// The rules that remove two letters, in NLTK's order; at most one of them ends any word.
const TWO_LETTER_RULES: [(&str, &str); 7] = [
    ("ses", "s"),
    ("ves", "f"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("ies", "y"),
];

/// The seed's lemma of one token: NLTK 3.10.4 `WordNetLemmatizer().lemmatize(word)` (noun,
/// WordNet 3.0) on the compact table described in the [module docs](self): the exact lemma of
/// every word of the ticket corpus, and for any other `[a-z]+` word a lemma of the same
/// TextBlob class. Any word that is not `[a-z]+` is returned unchanged. Never allocates.
pub fn lemmatize(word: &str) -> Cow<'_, str> {
    lemmatize_hashed(word, hash(word.as_bytes()))
}

/// [`lemmatize`] given `h == wordmap::hash(word.as_bytes())`, for callers that already have it.
pub(crate) fn lemmatize_hashed(word: &str, h: u64) -> Cow<'_, str> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    let exception = EXCEPTION_FORMS
        .find_hashed(h, word.as_bytes())
        .and_then(|i| EXCEPTIONS.get(i));
    if let Some(&(_, lemma)) = exception {
        return Cow::Borrowed(lemma);
    }
    Cow::Borrowed(by_rules(word))
}

/// The first shortest of `word` and its rule outputs found in the table, else `word`. Only
/// the outputs need looking up: they are shorter than `word` and win when found, except the
/// `men`→`man` output, which is as long and comes after `word`.
fn by_rules(word: &str) -> &str {
    if word.ends_with("men") {
        if noun(word.as_bytes()).is_some() {
            return word;
        }
        return rule_output(word, "men", "man").unwrap_or(word);
    }
    if !word.ends_with('s') {
        return word;
    }
    TWO_LETTER_RULES
        .iter()
        .find(|(old, _)| word.ends_with(old))
        .and_then(|&(old, new)| rule_output(word, old, new))
        .or_else(|| rule_output(word, "s", ""))
        .unwrap_or(word)
}

/// `word` with the suffix `old` replaced by `new`, if that is a kept noun (the table's copy).
fn rule_output(word: &str, old: &str, new: &str) -> Option<&'static str> {
    let stem = word.strip_suffix(old)?;
    if old.starts_with(new) {
        // The output is a prefix of the word.
        return noun(word.as_bytes().get(..stem.len() + new.len())?);
    }
    let mut buf = [0u8; 16];
    let output = buf.get_mut(..stem.len() + new.len())?;
    for (to, from) in output.iter_mut().zip(stem.bytes().chain(new.bytes())) {
        *to = from;
    }
    noun(output)
}

/// The table's copy of `candidate`, if it is a kept noun.
fn noun(candidate: &[u8]) -> Option<&'static str> {
    let nouns: &'static WordMap = &NOUNS;
    nouns.word(nouns.find(candidate)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::OnceLock;

    /// NLTK's algorithm written out (all nine rules, first shortest of the found lemmas) over
    /// the same table, to check the shortcuts of [`by_rules`].
    fn reference(word: &str) -> String {
        const RULES: [(&str, &str); 9] = [
            ("s", ""),
            ("ses", "s"),
            ("ves", "f"),
            ("xes", "x"),
            ("zes", "z"),
            ("ches", "ch"),
            ("shes", "sh"),
            ("men", "man"),
            ("ies", "y"),
        ];
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return word.to_owned();
        }
        if let Some((_, lemma)) = EXCEPTIONS.iter().find(|(form, _)| *form == word) {
            return (*lemma).to_owned();
        }
        let forms = std::iter::once(word.to_owned()).chain(
            RULES
                .iter()
                .filter_map(|(old, new)| word.strip_suffix(old).map(|s| format!("{s}{new}"))),
        );
        let mut best: Option<String> = None;
        for form in forms {
            let shorter = best.as_ref().is_none_or(|b| form.len() < b.len());
            if shorter && noun_set().contains(form.as_str()) {
                best = Some(form);
            }
        }
        best.unwrap_or_else(|| word.to_owned())
    }

    /// The kept nouns as a set, built once.
    fn noun_set() -> &'static HashSet<&'static str> {
        static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
        SET.get_or_init(|| all_nouns().into_iter().collect())
    }

    fn all_nouns() -> Vec<&'static str> {
        let nouns: &'static WordMap = &NOUNS;
        (0..nouns.len()).filter_map(|i| nouns.word(i)).collect()
    }

    #[test]
    fn table_is_sorted_lowercase_and_of_short_words() {
        let nouns = all_nouns();
        assert_eq!(nouns.len(), 1418);
        assert!(nouns.windows(2).all(|w| w[0] < w[1]));
        assert!(nouns.iter().all(|n| !n.is_empty() && n.len() <= 16));
        assert!(
            nouns
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(EXCEPTIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(EXCEPTIONS.len(), 33);
    }

    #[test]
    fn every_kept_noun_is_found_and_is_its_own_lemma_unless_shorter_forms_exist() {
        for noun_str in all_nouns() {
            assert_eq!(noun(noun_str.as_bytes()), Some(noun_str));
            assert_eq!(lemmatize(noun_str), reference(noun_str), "{noun_str}");
        }
    }

    #[test]
    fn noun_lookup_is_set_membership() {
        let mut checked = 0;
        for noun_str in all_nouns() {
            let mut candidates = vec![
                noun_str.to_owned(),
                format!("{noun_str}s"),
                format!("x{noun_str}"),
            ];
            candidates.extend(noun_str.char_indices().map(|(i, _)| {
                let mut changed = noun_str.to_owned();
                changed.replace_range(i..=i, "q");
                changed
            }));
            if let Some(shorter) = noun_str.get(..noun_str.len() - 1) {
                candidates.push(shorter.to_owned());
            }
            for candidate in candidates {
                let found = noun(candidate.as_bytes());
                assert_eq!(
                    found.is_some(),
                    noun_set().contains(candidate.as_str()),
                    "{candidate}"
                );
                assert!(found.is_none_or(|f| f == candidate));
                checked += 1;
            }
        }
        assert!(checked > 10_000);
        assert_eq!(noun(b""), None);
        assert_eq!(noun(b"abcdefghijklmnopq"), None);
    }

    #[test]
    fn known_lemmas() {
        for (word, lemma) in [
            // corpus words (exact)
            ("issues", "issue"),
            ("customers", "customer"),
            ("classes", "class"),
            ("passes", "pass"),
            ("boxes", "box"),
            ("women", "woman"),
            ("accounts", "account"),
            ("thanks", "thanks"),
            // exception keys
            ("children", "child"),
            ("media", "medium"),
            ("data", "data"),
            ("lives", "life"),
            ("leaves", "leaf"),
            ("men", "men"),
            ("is", "is"),
            // short lemmas change the class: always exact
            ("us", "u"),
            ("nos", "no"),
            // unknown words and chains stay
            ("catsss", "catsss"),
            ("xyzzy", "xyzzy"),
            ("s", "s"),
        ] {
            assert_eq!(lemmatize(word), lemma, "{word}");
        }
    }

    #[test]
    fn words_outside_the_alphabet_are_unchanged() {
        for word in ["", "Dogs", "comic_strips", "naïves", "us ", "42s"] {
            assert!(matches!(lemmatize(word), Cow::Borrowed(w) if w == word));
        }
    }

    #[test]
    fn suffix_chains_match_the_reference() {
        let suffixes = [
            "s", "es", "ses", "ies", "ves", "xes", "zes", "ches", "shes", "men",
        ];
        for noun_str in all_nouns() {
            for a in suffixes {
                let word = format!("{noun_str}{a}");
                assert_eq!(lemmatize(&word), reference(&word), "{word}");
                for b in suffixes {
                    let word = format!("{noun_str}{a}{b}");
                    assert_eq!(lemmatize(&word), reference(&word), "{word}");
                }
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Words ending in the rules' suffixes, and chains of them.
        const SUFFIX_HEAVY: &str = concat!(
            "[a-z]{0,10}(s|es|ses|ies|ves|xes|zes|ches|shes|men|man|y|f)?",
            "(s|es|ss)?"
        );

        proptest! {
            #[test]
            fn never_panics(word in any::<String>()) {
                let _ = lemmatize(&word);
            }

            #[test]
            fn matches_reference(word in SUFFIX_HEAVY) {
                prop_assert_eq!(lemmatize(&word), reference(&word));
            }

            #[test]
            fn result_is_the_word_or_a_lowercase_lemma(word in "[a-z]{0,14}") {
                let lemma = lemmatize(&word);
                let lowercase = lemma.bytes().all(|b| b.is_ascii_lowercase());
                prop_assert!(lemma == word || (!lemma.is_empty() && lowercase));
            }
        }
    }
}
