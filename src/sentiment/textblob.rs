//! TextBlob's default sentiment analyzer (`TextBlob(text).sentiment`: `PatternAnalyzer`,
//! textblob 0.20.1), bit-exact for any text.
//!
//! `PatternAnalyzer` calls `textblob.en.sentiment(text)`, a `Sentiment` lexicon whose
//! `__call__` on a string lower-cases the words of `" ".join(find_tokens(text)).split()` (see
//! `tokenize.rs`) and scores them with `Sentiment.assessments` (`textblob/_text.py`):
//! - a lexicon word (looked up with pos=None) starts an assessment with its polarity,
//!   subjectivity and intensity; after a modifier (a word with an "RB" tag) it is merged into
//!   the modifier's assessment instead, its scores multiplied by the modifier's intensity and
//!   clamped to [-1, 1];
//! - a negation ("no", "not", "n't", "never") before a known word inverts the intensity and
//!   marks the assessment negated; it survives unknown words of at most one character (not
//!   counting `'`), and a modifier survives unknown words of at most two; a negation right
//!   after an "-ly" modifier negates the modifier's assessment;
//! - "!" multiplies the last assessment's polarity by 1.25 (clamped), "(!)" adds (0.0, 1.0), an
//!   emoticon adds (its polarity, 1.0);
//! - a negated assessment's polarity is multiplied by -0.5; polarity and subjectivity are the
//!   plain means of the assessments, summed in order from 0, or 0.0 when there are none.
//!
//! Words are lower-cased as Python's `str.lower` does ([`pychar::lower_into`] for non-ASCII, so
//! "\u{212a}ind", with a Kelvin sign, is "kind"), and `len` counts code points.
//!
//! Every step is IEEE-754 double arithmetic in Python's order, so results are bit-identical.
//! All intensities in the lexicon are at least 1.0, so `1.0 / intensity` never divides by
//! zero, and Python's algorithm has no other error path on a `str`.
//!
//! Range: lexicon polarities are in [-1, 1], subjectivities in [0, 1] and intensities in
//! [1, 2] (so their inverses are in [0.5, 1]); emoticons and "(!)" are within the same ranges;
//! each update is clamped or scales by -0.5, and a sum of n values in [lo, hi] rounded step by
//! step stays in [n·lo, n·hi] (rounding is monotone and the bounds are exact), so both means
//! stay in range: polarity in [-1, 1], subjectivity in [0, 1].

mod lexicon;
mod tokenize;

use crate::text::pychar;
use crate::text::wordmap::{hash, hash_chunks};
use lexicon::{EMOTICON_MAX_BYTES, EMOTICON_WORDS, Entry, Lexicon, MAX_WORD_LEN};
use serde::Serialize;

/// Polarity and subjectivity of a text, as `TextBlob(text).sentiment` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sentiment {
    /// From -1.0 (negative) to 1.0 (positive).
    pub polarity: f64,
    /// From 0.0 (objective) to 1.0 (subjective).
    pub subjectivity: f64,
}

/// `TextBlob(text).sentiment` with TextBlob 0.20.1's default analyzer, bit for bit.
///
/// ```
/// use ticket_insights::sentiment::textblob::sentiment;
///
/// let s = sentiment("The app crashes every time I log in. Very frustrating!");
/// assert_eq!((s.polarity, s.subjectivity), (-0.65, 1.0));
/// ```
pub fn sentiment(text: &str) -> Sentiment {
    let mut a = Assessor::new();
    tokenize::for_each_word(text, |w| a.word(w));
    a.finish()
}

/// One assessment of `Sentiment.assessments` (its word list and label do not affect scores).
#[derive(Debug, Clone, Copy)]
struct Assessment {
    polarity: f64,
    subjectivity: f64,
    intensity: f64,
    negated: bool,
}

/// `Sentiment.assessments` and the final averages, fed one word at a time. Only the last
/// assessment is ever updated, so earlier ones are added to the sums as soon as the next one
/// starts, in the same order as Python's `avg`.
struct Assessor {
    lexicon: Lexicon,
    last: Option<Assessment>,
    polarity_sum: f64,
    subjectivity_sum: f64,
    count: u64,
    /// The preceding modifier, if any: whether it ends with "ly".
    modifier: Option<bool>,
    /// A preceding negation is pending.
    negation: bool,
    /// Scratch for lower-casing non-ASCII words.
    lower: String,
}

impl Assessor {
    fn new() -> Self {
        Self {
            lexicon: Lexicon::get(),
            last: None,
            polarity_sum: 0.0,
            subjectivity_sum: 0.0,
            count: 0,
            modifier: None,
            negation: false,
            lower: String::new(),
        }
    }
}

/// `w.strip("'")`.
fn trim_apostrophes(mut s: &[u8]) -> &[u8] {
    while let [b'\'', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b'\''] = s {
        s = rest;
    }
    s
}

/// `max(-1.0, min(x, +1.0))` as Python evaluates it.
fn clamp(x: f64) -> f64 {
    let y = if 1.0 < x { 1.0 } else { x };
    if y > -1.0 { y } else { -1.0 }
}

/// Longest word whose bytes [`Assessor::word`] lower-cases in registers, as three `u64`.
const KEY_BYTES: usize = 24;
const _: () = assert!(MAX_WORD_LEN <= KEY_BYTES);

/// ASCII lower-casing of eight bytes, each below 0x80 (adding 0x3f or 0x25 to such a byte
/// cannot carry into the next).
fn ascii_lower(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = v.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let above_z = v.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = at_least_a & !above_z & (ONES * 0x80);
    v | (upper >> 2)
}

/// First bytes of [`EMOTICON_WORDS`] (a quick filter).
const EMOTICON_FIRST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < EMOTICON_WORDS.len() {
        t[EMOTICON_WORDS[k].0.as_bytes()[0] as usize] = true;
        k += 1;
    }
    t
};

/// [`EMOTICON_WORDS`] as big-endian `u64`, zero-padded: as the words are sorted and have no NUL
/// bytes, so are these numbers.
const EMOTICON_KEYS: [u64; EMOTICON_WORDS.len()] = {
    let mut keys = [0u64; EMOTICON_WORDS.len()];
    let mut k = 0;
    while k < keys.len() {
        keys[k] = be_key(EMOTICON_WORDS[k].0.as_bytes());
        k += 1;
    }
    keys
};
const _: () = assert!(EMOTICON_MAX_BYTES <= 8);

/// Up to eight bytes as a big-endian `u64`, zero-padded.
const fn be_key(bytes: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut k = 0;
    while k < 8 {
        v <<= 8;
        if k < bytes.len() {
            v |= bytes[k] as u64;
        }
        k += 1;
    }
    v
}

/// The polarity of an emoticon word (lower-cased).
fn emoticon(lower: &[u8]) -> Option<f64> {
    let first = *lower.first()?;
    if lower.len() > EMOTICON_MAX_BYTES || !EMOTICON_FIRST_BYTES[usize::from(first)] {
        return None;
    }
    // The key pads with NUL bytes, which a word may also contain: compare lengths too.
    let i = EMOTICON_KEYS.binary_search(&be_key(lower)).ok()?;
    let &(word, p) = EMOTICON_WORDS.get(i)?;
    (word.len() == lower.len()).then_some(p)
}

/// Python's `len()` of a UTF-8 string: its code points, i.e. its bytes that are not UTF-8
/// continuation bytes.
fn char_len(s: &[u8]) -> usize {
    s.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Assessor {
    /// One word of `" ".join(find_tokens(text)).split()`, before lower-casing (`w.lower()`).
    fn word(&mut self, w: &str) {
        let bytes = w.as_bytes();
        if bytes.len() <= MAX_WORD_LEN {
            // Lower-case ASCII eight bytes at a time, in registers (reading the chunks back from
            // bytes stored one by one would stall on store forwarding), and hash the chunks.
            let mut key = [0u64; 3];
            let mut high = 0;
            for (k, chunk) in key.iter_mut().zip(bytes.chunks(8)) {
                let mut v = 0;
                for (j, &b) in chunk.iter().enumerate() {
                    v |= u64::from(b) << (8 * j);
                }
                high |= v;
                *k = ascii_lower(v);
            }
            if high & 0x8080_8080_8080_8080 == 0 {
                let mut buf = [0u8; KEY_BYTES];
                for (d, k) in buf.chunks_exact_mut(8).zip(&key) {
                    d.copy_from_slice(&k.to_le_bytes());
                }
                let lower = buf.get(..bytes.len()).unwrap_or_default();
                let entry = self.lexicon.lookup(hash_chunks(&key, lower.len()), lower);
                self.assess(lower, entry);
                return;
            }
        } else if bytes.is_ascii() {
            // Longer than any lexicon word; lower-casing keeps the length and the apostrophes,
            // which are all that matter for an unknown word this long.
            self.assess(bytes, None);
            return;
        }
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        pychar::lower_into(w, &mut lower);
        let l = lower.as_bytes();
        let word = if l.len() <= MAX_WORD_LEN {
            self.lexicon.lookup(hash(l), l)
        } else {
            None
        };
        self.assess(l, word);
        self.lower = lower;
    }

    /// The loop body of `Sentiment.assessments` for the lower-cased word `lower`, whose
    /// lexicon entry is `word`.
    fn assess(&mut self, lower: &[u8], word: Option<Entry>) {
        if let Some(word) = word {
            // Known word.
            match (self.modifier, self.last.as_mut()) {
                (Some(_), Some(last)) => {
                    last.polarity = clamp(word.polarity * last.intensity);
                    last.subjectivity = clamp(word.subjectivity * last.intensity);
                    last.intensity = word.intensity;
                }
                _ => self.push(Assessment {
                    polarity: word.polarity,
                    subjectivity: word.subjectivity,
                    intensity: word.intensity,
                    negated: false,
                }),
            }
            if self.negation
                && let Some(last) = self.last.as_mut()
            {
                last.intensity = 1.0 / last.intensity;
                last.negated = true;
            }
            self.modifier = word.modifier.then_some(word.ends_ly);
            // No negation is a lexicon word (the generator checks), so `n` is reset.
            self.negation = false;
            return;
        }
        // Unknown word.
        if matches!(
            lower,
            [b'n', b'o']
                | [b'n', b'o', b't']
                | [b'n', b'\'', b't']
                | [b'n', b'e', b'v', b'e', b'r']
        ) {
            self.negation = true;
        } else if self.negation && char_len(trim_apostrophes(lower)) > 1 {
            self.negation = false;
        }
        if self.negation && self.modifier == Some(true) {
            if let Some(last) = self.last.as_mut() {
                last.negated = true;
            }
            self.negation = false;
        } else if self.modifier.is_some() && char_len(lower) > 2 {
            self.modifier = None;
        }
        if lower == [b'!']
            && let Some(last) = self.last.as_mut()
        {
            last.polarity = clamp(last.polarity * 1.25);
        }
        if lower == [b'(', b'!', b')'] {
            self.push(Assessment {
                polarity: 0.0,
                subjectivity: 1.0,
                intensity: 1.0,
                negated: false,
            });
        }
        if let Some(p) = emoticon(lower) {
            self.push(Assessment {
                polarity: p,
                subjectivity: 1.0,
                intensity: 1.0,
                negated: false,
            });
        }
    }

    fn push(&mut self, a: Assessment) {
        self.flush();
        self.last = Some(a);
    }

    /// Adds the last assessment to the sums: `(w, p * -0.5 if n < 0 else p, s, x)`.
    fn flush(&mut self) {
        if let Some(a) = self.last.take() {
            self.polarity_sum += if a.negated {
                a.polarity * -0.5
            } else {
                a.polarity
            };
            self.subjectivity_sum += a.subjectivity;
            self.count += 1;
        }
    }

    /// `avg`: `s / float(n or 1)` for polarity and subjectivity.
    fn finish(mut self) -> Sentiment {
        self.flush();
        let n = self.count.max(1) as f64;
        Sentiment {
            polarity: self.polarity_sum / n,
            subjectivity: self.subjectivity_sum / n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, polarity: f64, subjectivity: f64) {
        assert_eq!(
            sentiment(text),
            Sentiment {
                polarity,
                subjectivity
            },
            "{text:?}"
        );
    }

    #[test]
    fn empty_and_unknown_texts_score_zero() {
        check("", 0.0, 0.0);
        check("   \n\n ", 0.0, 0.0);
        check("the ticket number", 0.0, 0.0);
    }

    #[test]
    fn lexicon_modifiers_and_negation() {
        // Values from textblob 0.20.1.
        check("good", 0.7, 0.6000000000000001);
        check("not good", -0.35, 0.6000000000000001);
        check("very good", 0.9099999999999999, 0.7800000000000001);
        check("not very good", -0.26923076923076916, 0.46153846153846156);
        check("really not good", -0.35, 0.6000000000000001);
        check("very (!) good", 0.3, 0.6333333333333334);
        check("Terribly sorry!!", -0.78125, 1.0);
        // "don't" becomes `do n ' t`: no negation.
        check("I don't like it", 0.0, 0.0);
    }

    #[test]
    fn emoticons_and_nul_bytes() {
        check("♥", 1.0, 1.0);
        check("x :c )", 0.75, 1.0);
        // Keys are padded with NUL bytes; a word that has them is still unknown.
        check("♥\0", 0.0, 0.0);
        check("good\0", 0.0, 0.0);
    }
}
