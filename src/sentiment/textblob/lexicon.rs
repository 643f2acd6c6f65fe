//! TextBlob's English sentiment lexicon (`en-sentiment.xml`, PDDL, by Tom De Smedt and Walter
//! Daelemans for Pattern) as `Sentiment.__call__` on a string sees it: the pos=None
//! (polarity, subjectivity, intensity) of every word a token can equal, and whether the word is
//! a modifier (has an "RB" tag); with TextBlob's emoticon tables.
//!
//! The data are the files of `lexicon/`, written by `tools/gen_textblob_lexicon.py` from the
//! committed `en-sentiment.xml` (its `--check` keeps them equal): `words.bin`, the words
//! sorted and front-coded, which a [`WordMap`] indexes at first use; `codes.bin`, per word in
//! that order its polarity's index, its subjectivity's index and its flags; and `data.rs`,
//! the distinct values those indices pick (each `f64` once, so values read back bit-exact)
//! and the emoticon tables.

mod data;

use std::sync::LazyLock;

use crate::text::wordmap::WordMap;
pub(super) use data::{
    EMOTICON_MAX_BYTES, EMOTICON_PATTERNS, EMOTICON_WORDS, MAX_WORD_LEN, MERGE_PAIRS,
};
use data::{INTENSITIES, MIN_WORD_LEN, POLARITIES, SUBJECTIVITIES, WORDS};

/// The lexicon's words, sorted and front-coded.
static WORD_LIST: &[u8] = include_bytes!("lexicon/words.bin");

/// Per word (in [`WORD_LIST`] order), three codes, as three runs of [`WORDS`] bytes: the
/// index of its polarity in [`POLARITIES`], of its subjectivity in [`SUBJECTIVITIES`], and
/// its flags: bits 0-1 the index of its intensity in [`INTENSITIES`], bit 2 set for a
/// modifier. (The type checks the file's length.)
static CODES: &[u8; 3 * WORDS] = include_bytes!("lexicon/codes.bin");

/// [`Entry`] flag of a modifier.
const MODIFIER: u8 = 4;

/// The word map, built at first use.
static MAP: LazyLock<WordMap> = LazyLock::new(|| WordMap::from_front_coded(WORD_LIST));

/// A lexicon word's pos=None scores.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub(super) polarity: f64,
    pub(super) subjectivity: f64,
    pub(super) intensity: f64,
    /// Has an "RB" tag: modifies the next known word.
    pub(super) modifier: bool,
    /// Ends with "ly" (`Sentiment.modifier`).
    pub(super) ends_ly: bool,
}

/// The decoded lexicon: taken once per text, so that each lookup skips `LazyLock`'s check.
#[derive(Clone, Copy)]
pub(super) struct Lexicon {
    map: &'static WordMap,
}

impl Lexicon {
    /// The lexicon (decoded at the first call).
    pub(super) fn get() -> Self {
        Self { map: &MAP }
    }

    /// The entry of a lower-cased word, given `h == wordmap::hash(lower)`. Inlined up to the
    /// first slot of the map, where most tokens end.
    #[inline(always)]
    pub(super) fn lookup(self, h: u64, lower: &[u8]) -> Option<Entry> {
        if lower.len() < MIN_WORD_LEN {
            return None;
        }
        entry(self.map.find_hashed(h, lower)?, lower)
    }
}

/// The entry of word `i` of the list, `lower`.
#[inline(never)]
fn entry(i: usize, lower: &[u8]) -> Option<Entry> {
    let code = |run: usize| CODES.get(run * WORDS + i).copied().map(usize::from);
    let flags = code(2)?;
    Some(Entry {
        polarity: *POLARITIES.get(code(0)?)?,
        subjectivity: *SUBJECTIVITIES.get(code(1)?)?,
        intensity: *INTENSITIES.get(flags & 3)?,
        modifier: flags & usize::from(MODIFIER) != 0,
        ends_ly: lower.ends_with(b"ly"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wordmap::hash;

    fn find(word: &[u8]) -> Option<Entry> {
        Lexicon::get().lookup(hash(word), word)
    }

    #[test]
    fn every_word_is_found_with_codes_in_range() {
        assert_eq!(MAP.len(), WORDS);
        let mut prev: Option<Vec<u8>> = None;
        let mut lengths = (usize::MAX, 0);
        for i in 0..WORDS {
            let word = MAP.word(i).expect("in range").as_bytes().to_vec();
            assert!(
                prev.as_ref().is_none_or(|p| *p < word),
                "sorted and distinct"
            );
            lengths = (lengths.0.min(word.len()), lengths.1.max(word.len()));
            assert!(find(&word).is_some(), "{}", String::from_utf8_lossy(&word));
            prev = Some(word);
        }
        assert_eq!(lengths, (MIN_WORD_LEN, MAX_WORD_LEN));
        assert!(
            CODES[..WORDS]
                .iter()
                .all(|&c| usize::from(c) < POLARITIES.len())
        );
        assert!(
            CODES[WORDS..2 * WORDS]
                .iter()
                .all(|&c| usize::from(c) < SUBJECTIVITIES.len())
        );
        assert!(
            CODES[2 * WORDS..]
                .iter()
                .all(|&c| usize::from(c & 3) < INTENSITIES.len())
        );
    }

    #[test]
    fn known_words_and_unknown_ones() {
        let good = find(b"good").expect("good is in the lexicon");
        assert_eq!(
            (good.polarity, good.subjectivity, good.intensity),
            (0.7, 0.6000000000000001, 1.0)
        );
        assert!(!good.modifier);
        let very = find(b"very").expect("very is in the lexicon");
        assert!(very.modifier && !very.ends_ly && very.intensity == 1.3);
        let really = find(b"really").expect("really is in the lexicon");
        assert!(really.modifier && really.ends_ly);
        for word in [
            &b"zzzz"[..],
            b"good\0",
            b"Good",
            b"",
            b"a",
            b"not",
            b"never",
        ] {
            assert!(find(word).is_none(), "{word:?}");
        }
    }
}
