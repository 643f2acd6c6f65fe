//! NLTK's classic English stopword list (179 words), which the seed drops twice.

use std::sync::LazyLock;

use crate::text::wordmap::{WordMap, hash};

/// NLTK's classic English stopwords (`stopwords.words("english")`; newer NLTK data adds 19
/// contractions such as "i'm"), in NLTK's order. The 26 with an apostrophe never survive
/// cleaning, which leaves only `[a-z]` words.
pub const STOPWORDS: [&str; 179] = [
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "you're",
    "you've",
    "you'll",
    "you'd",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "she's",
    "her",
    "hers",
    "herself",
    "it",
    "it's",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "this",
    "that",
    "that'll",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
    "s",
    "t",
    "can",
    "will",
    "just",
    "don",
    "don't",
    "should",
    "should've",
    "now",
    "d",
    "ll",
    "m",
    "o",
    "re",
    "ve",
    "y",
    "ain",
    "aren",
    "aren't",
    "couldn",
    "couldn't",
    "didn",
    "didn't",
    "doesn",
    "doesn't",
    "hadn",
    "hadn't",
    "hasn",
    "hasn't",
    "haven",
    "haven't",
    "isn",
    "isn't",
    "ma",
    "mightn",
    "mightn't",
    "mustn",
    "mustn't",
    "needn",
    "needn't",
    "shan",
    "shan't",
    "shouldn",
    "shouldn't",
    "wasn",
    "wasn't",
    "weren",
    "weren't",
    "won",
    "won't",
    "wouldn",
    "wouldn't",
];

/// The [`STOPWORDS`] as a hash map, built at first use.
static INDEX: LazyLock<WordMap> = LazyLock::new(|| WordMap::new(STOPWORDS));

/// Whether `word` is one of the 179 [`STOPWORDS`].
pub fn is_stopword(word: &str) -> bool {
    is_stopword_bytes(word.as_bytes())
}

/// [`is_stopword`] on bytes.
pub(crate) fn is_stopword_bytes(word: &[u8]) -> bool {
    INDEX.find_hashed(hash(word), word).is_some()
}

/// The decoded stopwords: taken once per text, so that each lookup skips `LazyLock`'s check.
#[derive(Clone, Copy)]
pub(crate) struct Stopwords {
    map: &'static WordMap,
}

impl Stopwords {
    /// The stopwords (decoded at the first call).
    pub(crate) fn get() -> Self {
        Self { map: &INDEX }
    }

    /// [`is_stopword`] of `word`, given `h == hash(word)`.
    #[inline]
    pub(crate) fn contains_hashed(self, h: u64, word: &[u8]) -> bool {
        self.map.find_hashed(h, word).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stopword_is_membership_in_the_list() {
        for word in STOPWORDS {
            assert!(is_stopword(word), "{word}");
        }
        let unique: std::collections::BTreeSet<&str> = STOPWORDS.iter().copied().collect();
        assert_eq!(unique.len(), 179);
        for word in [
            "",
            "im",
            "i'm",
            "please",
            "kindly",
            "issue",
            "dont",
            "No",
            "thee",
            "mee",
            "wont",
            "\0i",
            "i\0",
            "ourselvesx",
            "yourselvesyourselves",
        ] {
            assert_eq!(is_stopword(word), STOPWORDS.contains(&word), "{word}");
        }
    }

    #[test]
    fn apostrophe_words_are_the_only_ones_outside_a_to_z() {
        let with_apostrophe = STOPWORDS.iter().filter(|w| w.contains('\'')).count();
        assert_eq!(with_apostrophe, 26);
        assert!(
            STOPWORDS
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\''))
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn is_stopword_is_membership(word in "[a-z'\\x00]{0,11}|\\PC{0,4}") {
                prop_assert_eq!(is_stopword(&word), STOPWORDS.contains(&word.as_str()));
            }
        }
    }
}
