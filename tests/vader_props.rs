//! Properties of VADER's scores on arbitrary text: no panic, compound in [-1, 1], and the three
//! proportions in [0, 1] summing to 1 within their rounding (each is rounded to 3 decimals, so
//! by at most 0.0005), or all 0 for a text without tokens.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use ticket_insights::sentiment::vader::{VaderScores, polarity_scores};

/// Tokens that reach every rule: lexicon words, boosters, negations, rule words, idioms,
/// emoticons, emoji (with modifiers and joiners), case-mapping oddities, whitespace.
const PALETTE: &[&str] = &[
    "good", "bad", "GREAT", "Love", "hate", "no", "NO", "not", "isn't", "never", "so", "this",
    "without", "doubt", "least", "at", "very", "VERY", "kind", "of", "sort", "just", "enough",
    "but", "BUT", "the", "bomb", "shit", "bus", "stop", "yeah", "right", "kiss", "death", "to",
    "die", "for", "beating", "heart", "or", "nor", "kinda", ":)", ":(", ":D", "<3", "!", "!!!",
    "?", "??", "?!", "'", "\"", "...", "-", "😀", "😢", "❤", "\u{fe0f}", "\u{200d}", "👍🏽", "🔛",
    "🚏", "💓", "😥", "İ", "K", "Σ", "ǅ", "ß", "é", "\u{301}", "\0", " ", " ", " ", "\t", "\n",
    "\u{1c}", "\u{85}", "\u{a0}", "\u{3000}",
];

fn check(text: &str) -> Result<(), TestCaseError> {
    let VaderScores {
        neg,
        neu,
        pos,
        compound,
    } = polarity_scores(text);
    prop_assert!((-1.0..=1.0).contains(&compound), "compound {compound}");
    for p in [neg, neu, pos] {
        prop_assert!((0.0..=1.0).contains(&p), "proportion {p}");
    }
    let sum = neg + neu + pos;
    prop_assert!(
        sum == 0.0 || (sum - 1.0).abs() <= 0.0015 + 1e-12,
        "neg {neg} + neu {neu} + pos {pos} = {sum}"
    );
    if sum == 0.0 {
        prop_assert_eq!(compound, 0.0);
    }
    Ok(())
}

fn palette_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PALETTE),
            prop::sample::select(&[" ", "", " ", "\n"][..]),
        ),
        0..80,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(a, b)| [a, b]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_scores_in_range(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn palette_text_scores_in_range(text in palette_text()) {
        check(&text)?;
    }
}

#[test]
fn text_without_tokens_scores_zero() {
    for text in ["", " ", "\u{3000}\u{85}\t\u{1c}"] {
        assert_eq!(
            polarity_scores(text),
            VaderScores {
                neg: 0.0,
                neu: 0.0,
                pos: 0.0,
                compound: 0.0
            },
            "{text:?}"
        );
    }
}
