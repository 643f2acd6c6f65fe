//! Properties of TextBlob's sentiment on arbitrary text: no panic, polarity finite in [-1, 1],
//! subjectivity in [0, 1] (TextBlob's algorithm keeps both in range: see the module docs of
//! `sentiment::textblob`), and whitespace other than `\r` and `\n` is interchangeable.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use ticket_insights::sentiment::textblob::{Sentiment, sentiment};

/// Pieces that reach every rule: lexicon words (adjectives, "-ly" adverbs, modifiers),
/// negations, contractions, "!", "(!)", emoticons and their characters, abbreviations, sentence
/// ends, quotes, case-mapping oddities, whitespace and paragraph breaks.
const PALETTE: &[&str] = &[
    "good",
    "GOOD",
    "bad",
    "great",
    "terrible",
    "happy",
    "nice",
    "very",
    "really",
    "extremely",
    "terribly",
    "happily",
    "too",
    "so",
    "most",
    "not",
    "no",
    "never",
    "n't",
    "don't",
    "isn't",
    "it's",
    "!",
    "!!!",
    "(!)",
    "(",
    ")",
    ":",
    "-",
    ";",
    "'",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    ".",
    "...",
    "?",
    "8",
    "x",
    "X",
    "D",
    "o",
    "O",
    "c",
    "p",
    "b",
    "s",
    "S",
    "3",
    "<",
    ">",
    "=",
    "_",
    "/",
    "\\",
    "[",
    "]",
    "{",
    "}",
    "^",
    "*",
    "°",
    "♥",
    ":)",
    ":-(",
    ":c)",
    ":'(",
    "o.O",
    "x-D",
    "e.g.",
    "U.S.",
    "Mr.",
    "a.",
    "END-OF-SENTENCE",
    "İ",
    "\u{212a}ind",
    "é",
    "\u{301}",
    "😀",
    "\0",
    " ",
    " ",
    " ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{1c}",
    "\u{85}",
    "\u{a0}",
    "\u{3000}",
];

fn check(text: &str) -> Result<Sentiment, TestCaseError> {
    let s = sentiment(text);
    prop_assert!(
        s.polarity.is_finite() && (-1.0..=1.0).contains(&s.polarity),
        "polarity {}",
        s.polarity
    );
    prop_assert!(
        (0.0..=1.0).contains(&s.subjectivity),
        "subjectivity {}",
        s.subjectivity
    );
    Ok(s)
}

fn palette_text(max_parts: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PALETTE),
            prop::sample::select(&[" ", "", " ", "\n"][..]),
        ),
        0..max_parts,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(a, b)| [a, b]).collect())
}

/// One palette piece repeated up to 5000 times, with or without spaces: long runs of marks,
/// dots, emoticon characters or modifiers.
fn repeated_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PALETTE),
        prop::sample::select(&["", " "][..]),
        1..5000usize,
    )
        .prop_map(|(piece, sep, n)| [piece, sep].concat().repeat(n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_scores_in_range(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn palette_text_scores_in_range(text in palette_text(80)) {
        check(&text)?;
    }

    #[test]
    fn long_palette_text_scores_in_range(text in palette_text(2000)) {
        check(&text)?;
    }

    #[test]
    fn whitespace_other_than_line_breaks_is_interchangeable(
        text in palette_text(60),
        other in prop::sample::select(&["\t", "\u{b}", "\u{c}", "\u{1c}", "\u{1f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{3000}"][..]),
    ) {
        let s = check(&text)?;
        let t = check(&text.replace(' ', other))?;
        prop_assert_eq!(s.polarity.to_bits(), t.polarity.to_bits());
        prop_assert_eq!(s.subjectivity.to_bits(), t.subjectivity.to_bits());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn repeated_text_scores_in_range(text in repeated_text()) {
        check(&text)?;
    }
}

#[test]
fn texts_without_assessments_score_zero() {
    for text in [
        "",
        " ",
        "\u{3000}\u{85}\t\u{1c}",
        "the ticket",
        "...",
        "END-OF-SENTENCE",
    ] {
        assert_eq!(
            sentiment(text),
            Sentiment {
                polarity: 0.0,
                subjectivity: 0.0
            },
            "{text:?}"
        );
    }
}
