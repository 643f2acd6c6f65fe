//! vaderSentiment's lexicon, emoji descriptions and word lists, decoded at first use from the
//! generated files of `lexicon/` (`tools/gen_vader_lexicon.py`, whose `--check` keeps them
//! equal to what it builds from the committed sources; `lexicon/data.rs` says what is kept).
//!
//! [`lookup`] finds a lower-cased token in one [`WordMap`] of every key a rule looks up: the
//! lexicon keys, `BOOSTER_DICT`'s one-word keys, `NEGATE` and the words the rules compare
//! tokens with ([`Word`]). A key's info (valence, negation, booster) is one byte of
//! `codes.bin`, an index into the few distinct infos; valences are indices into the distinct
//! `f64` values, so each reads back bit-exact. The emoji are their code points (gaps from the
//! previous one) and their descriptions, one per line.

mod data;

use std::sync::LazyLock;

use crate::text::packed;
use crate::text::wordmap::WordMap;
pub use data::MAX_KEY_LEN;
use data::{EMOJI, INFOS, KEYS, RULE_WORDS, VALUES};

/// The keys, sorted and front-coded.
static KEY_LIST: &[u8] = include_bytes!("lexicon/keys.bin");

/// Per key (in [`KEY_LIST`] order), the index of its info in [`INFOS`]. (The type checks the
/// file's length.)
static CODES: &[u8; KEYS] = include_bytes!("lexicon/codes.bin");

/// The one-code-point emoji keys, sorted, as LEB128 gaps from the previous one (from 0).
static EMOJI_POINTS: &[u8] = include_bytes!("lexicon/emoji_points.bin");

/// The descriptions of the emoji of [`EMOJI_POINTS`], one per line, in their order.
static EMOJI_NAMES: &str = include_str!("lexicon/emoji_names.txt");

/// A word that VADER's rules compare tokens with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// Any other token.
    Other,
    /// `no`
    No,
    /// `kind`
    Kind,
    /// `of`
    Of,
    /// `but`
    But,
    /// `least`
    Least,
    /// `at`
    At,
    /// `very`
    Very,
    /// `never`
    Never,
    /// `so`
    So,
    /// `this`
    This,
    /// `without`
    Without,
    /// `doubt`
    Doubt,
    /// `or`
    Or,
    /// `nor`
    Nor,
    /// `the`
    The,
    /// `shit`
    Shit,
    /// `bomb`
    Bomb,
    /// `bad`
    Bad,
    /// `ass`
    Ass,
    /// `bus`
    Bus,
    /// `stop`
    Stop,
    /// `yeah`
    Yeah,
    /// `right`
    Right,
    /// `kiss`
    Kiss,
    /// `death`
    Death,
    /// `to`
    To,
    /// `die`
    Die,
    /// `for`
    For,
    /// `beating`
    Beating,
    /// `heart`
    Heart,
    /// `just`
    Just,
    /// `enough`
    Enough,
    /// `sort`
    Sort,
}

/// Every [`Word`] but [`Word::Other`], in the order of the generator's `RULE_WORDS` (their
/// texts; tested): the words of the rules (`polarity_scores`, `sentiment_valence`,
/// `_least_check`, `_negation_check`, `_but_check`), then those of the two- and three-word
/// `SPECIAL_CASES` and `BOOSTER_DICT` keys.
const WORDS: [Word; RULE_WORDS.len()] = [
    Word::No,
    Word::Kind,
    Word::Of,
    Word::But,
    Word::Least,
    Word::At,
    Word::Very,
    Word::Never,
    Word::So,
    Word::This,
    Word::Without,
    Word::Doubt,
    Word::Or,
    Word::Nor,
    Word::The,
    Word::Shit,
    Word::Bomb,
    Word::Bad,
    Word::Ass,
    Word::Bus,
    Word::Stop,
    Word::Yeah,
    Word::Right,
    Word::Kiss,
    Word::Death,
    Word::To,
    Word::Die,
    Word::For,
    Word::Beating,
    Word::Heart,
    Word::Just,
    Word::Enough,
    Word::Sort,
];

impl Word {
    /// The word whose text is `name` ([`Word::Other`] for any other text).
    fn named(name: &str) -> Word {
        RULE_WORDS
            .iter()
            .position(|&n| n == name)
            .and_then(|i| WORDS.get(i).copied())
            .unwrap_or(Word::Other)
    }
}

/// What a booster/dampener word does (`BOOSTER_DICT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Booster {
    /// Not in `BOOSTER_DICT`.
    None,
    /// `B_INCR`.
    Incr,
    /// `B_DECR`.
    Decr,
}

/// What the tables say about one lower-cased token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Info {
    /// Its valence in the lexicon.
    pub valence: Option<f64>,
    /// Whether it is in `NEGATE`.
    pub negate: bool,
    /// Its `BOOSTER_DICT` entry.
    pub booster: Booster,
    /// Which rule word it is.
    pub word: Word,
}

impl Info {
    /// A token in none of the tables.
    pub const NONE: Info = Info {
        valence: None,
        negate: false,
        booster: Booster::None,
        word: Word::Other,
    };
}

/// The decoded word tables.
struct Tables {
    keys: WordMap,
    /// Per key, which rule word it is.
    words: Vec<Word>,
    special_2: Vec<(Word, Word, f64)>,
    special_3: Vec<(Word, Word, Word, f64)>,
    booster_bigrams: Vec<(Word, Word, f64)>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let keys = WordMap::from_front_coded(KEY_LIST);
    let mut words = vec![Word::Other; keys.len()];
    for (&word, name) in WORDS.iter().zip(RULE_WORDS) {
        if let Some(w) = keys.find(name.as_bytes()).and_then(|i| words.get_mut(i)) {
            *w = word;
        }
    }
    let named = Word::named;
    Tables {
        keys,
        words,
        special_2: (data::SPECIAL_CASES_2.iter())
            .map(|&(a, b, v)| (named(a), named(b), v))
            .collect(),
        special_3: (data::SPECIAL_CASES_3.iter())
            .map(|&(a, b, c, v)| (named(a), named(b), named(c), v))
            .collect(),
        booster_bigrams: (data::BOOSTER_BIGRAMS.iter())
            .map(|&(a, b, v)| (named(a), named(b), v))
            .collect(),
    }
});

/// `SPECIAL_CASES` keys of two words, with their valences.
pub fn special_cases_2() -> &'static [(Word, Word, f64)] {
    &TABLES.special_2
}

/// `SPECIAL_CASES` keys of three words, with their valences.
pub fn special_cases_3() -> &'static [(Word, Word, Word, f64)] {
    &TABLES.special_3
}

/// `BOOSTER_DICT` keys of two words, with their values.
pub fn booster_bigrams() -> &'static [(Word, Word, f64)] {
    &TABLES.booster_bigrams
}

/// What the tables hold for `key`, the UTF-8 bytes of a token's `str.lower()`.
#[cfg(test)]
pub fn lookup(key: &[u8]) -> Info {
    Lexicon::get().lookup(key)
}

/// The decoded tables: taken once per text, so that each lookup skips `LazyLock`'s check.
#[derive(Clone, Copy)]
pub struct Lexicon {
    tables: &'static Tables,
}

impl Lexicon {
    /// The tables (decoded at the first call).
    pub fn get() -> Self {
        Self { tables: &TABLES }
    }

    /// What the tables hold for `key`, the UTF-8 bytes of a token's `str.lower()`.
    #[inline]
    pub fn lookup(self, key: &[u8]) -> Info {
        if key.is_empty() || key.len() > MAX_KEY_LEN {
            return Info::NONE;
        }
        info(self.tables, key)
    }
}

/// [`Lexicon::lookup`] of a key of 1 to [`MAX_KEY_LEN`] bytes.
#[inline]
fn info(tables: &Tables, key: &[u8]) -> Info {
    let Some(i) = tables.keys.find(key) else {
        return Info::NONE;
    };
    let Some(&bits) = CODES.get(i).and_then(|&c| INFOS.get(usize::from(c))) else {
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
        word: tables.words.get(i).copied().unwrap_or(Word::Other),
    }
}

/// The decoded emoji: code points, sorted, and where each description starts in
/// [`EMOJI_NAMES`] (then where the last one ends).
struct Emoji {
    points: Vec<u32>,
    starts: Vec<u32>,
}

static EMOJI_TABLE: LazyLock<Emoji> = LazyLock::new(|| {
    let mut point = 0u32;
    let points: Vec<u32> = packed::varints(EMOJI_POINTS)
        .map(|gap| {
            point = point.wrapping_add(gap);
            point
        })
        .collect();
    let mut starts = Vec::with_capacity(EMOJI + 1);
    starts.push(0);
    for (i, b) in EMOJI_NAMES.bytes().enumerate() {
        if b == b'\n' {
            // The next description starts after the newline; the previous one ends before it.
            starts.push(i as u32 + 1);
        }
    }
    Emoji { points, starts }
});

/// The description that replaces emoji `c`, if `c` is one of the one-code-point emoji keys.
pub fn emoji_description(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    let emoji: &'static Emoji = &EMOJI_TABLE;
    let i = emoji.points.binary_search(&u32::from(c)).ok()?;
    let start = *emoji.starts.get(i)? as usize;
    let end = *emoji.starts.get(i + 1)? as usize;
    EMOJI_NAMES.get(start..end.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_words_are_the_generators_and_all_keys() {
        for (&word, name) in WORDS.iter().zip(RULE_WORDS) {
            assert_eq!(format!("{word:?}").to_lowercase(), name);
            assert_eq!(lookup(name.as_bytes()).word, word, "{name}");
            assert_eq!(Word::named(name), word);
        }
        assert_eq!(Word::named("other"), Word::Other);
        for (a, b, _) in special_cases_2().iter().chain(booster_bigrams()) {
            assert!(*a != Word::Other && *b != Word::Other);
        }
        for (a, b, c, _) in special_cases_3() {
            assert!(*a != Word::Other && *b != Word::Other && *c != Word::Other);
        }
        assert_eq!(special_cases_2().len(), data::SPECIAL_CASES_2.len());
    }

    #[test]
    fn tables_have_the_generated_sizes() {
        let tables: &Tables = &TABLES;
        assert_eq!(tables.keys.len(), KEYS);
        for i in 0..KEYS {
            let key = tables.keys.word(i).expect("in range").as_bytes();
            assert!(key.len() <= MAX_KEY_LEN);
            assert_eq!(tables.keys.find(key), Some(i));
        }
        assert!(CODES.iter().all(|&c| usize::from(c) < INFOS.len()));
        let emoji: &Emoji = &EMOJI_TABLE;
        assert_eq!(emoji.points.len(), EMOJI);
        assert_eq!(emoji.starts.len(), EMOJI + 1);
        assert!(emoji.points.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            emoji_description('\u{1f601}'),
            Some("beaming face with smiling eyes")
        );
        let last = char::from_u32(*emoji.points.last().expect("emoji")).expect("a char");
        assert_eq!(emoji_description(last), EMOJI_NAMES.lines().last());
    }
}
