//! The seed's text cleaning (`scripts/text_preprocessing.py`, SEED.md steps 1–2), equal to the
//! Python reference `tools/reference/seedpipe.py` for every input string.
//!
//! Python's `clean_text` lowercases, turns every character outside `[a-z]` and whitespace into a
//! space, collapses an immediately repeated word, removes four phrases, normalizes whitespace
//! and drops stopwords; `preprocess_text` tokenizes with NLTK, drops stopwords again and
//! lemmatizes. After the first two steps only three kinds of character matter: letters, the
//! space (the phrases contain one) and any other whitespace. So the text becomes an ASCII
//! buffer of `a`–`z`, `' '` and `'\t'` (standing for every other Python whitespace character),
//! and every later step rewrites that buffer in place.

mod stopwords;

pub use stopwords::{STOPWORDS, is_stopword};

use std::ops::Range;

use crate::text::lemma::{lemmatize, lemmatize_hashed};
use crate::text::pychar;
use crate::text::wordmap::hash;
use stopwords::{Stopwords, is_stopword_bytes};

/// The phrases the seed removes, in its order, as plain substrings (even inside words).
pub const PHRASES: [&str; 4] = ["please assist", "im issue", "note suggest", "kindly"];

/// Python whitespace other than the space, after the first step.
const OTHER_SPACE: u8 = b'\t';

/// The seed's `clean_text(raw)`: lowercase (Python `str.lower()`), every character that is not
/// `[a-z]` or Python whitespace becomes a space, `re.sub(r"\b(\w+)\s+\1\b", r"\1", text)`, the
/// [`PHRASES`] removed in order with `str.replace`, whitespace runs collapsed and stripped, and
/// [`STOPWORDS`] dropped. The result is `[a-z]` words separated by single spaces.
pub fn clean_text(raw: &str) -> String {
    let mut buf = before_stopwords(raw);
    drop_stopwords(&mut buf);
    // Only ASCII bytes were written, so this cannot fail.
    String::from_utf8(buf).unwrap_or_default()
}

/// The seed's `preprocess_text(cleaned)` with lemmatization, for the output of [`clean_text`]:
/// NLTK `word_tokenize` (on `[a-z]` words this splits on whitespace and also splits the
/// contractions `cannot`, `gimme`, `gonna`, `gotta`, `lemme`, `wanna` in two), stopwords
/// dropped, every token lemmatized with [`lemmatize`], joined with single spaces.
///
/// Exact for any text of `[a-z]` words separated by Python whitespace. Other tokens are split
/// on whitespace, dropped if stopwords and otherwise kept as they are.
pub fn preprocess(cleaned: &str) -> String {
    let mut out = String::with_capacity(cleaned.len() + 8);
    for word in pychar::split_whitespace(cleaned) {
        let (first, second) = split_contraction(word);
        for token in std::iter::once(first).chain(second) {
            if !is_stopword(token) {
                push_word(&mut out, &lemmatize(token));
            }
        }
    }
    out
}

/// The seed's Cleaned Text: [`preprocess`] of [`clean_text`], in one pass over the words.
pub fn seed_clean(raw: &str) -> String {
    let buf = before_stopwords(raw);
    let mut out = String::with_capacity(buf.len() + 8);
    // Only ASCII bytes were written, so this cannot fail.
    let text = std::str::from_utf8(&buf).unwrap_or_default();
    let stopwords = Stopwords::get();
    for range in Words::new(&buf) {
        let Some(word) = text.get(range) else {
            continue;
        };
        let h = hash(word.as_bytes());
        if stopwords.contains_hashed(h, word.as_bytes()) {
            continue;
        }
        // `word` is a word of clean_text's output: not a stopword, but its contraction parts
        // may be.
        match split_contraction(word) {
            (word, None) => push_word(&mut out, &lemmatize_hashed(word, h)),
            (first, Some(second)) => {
                for token in [first, second] {
                    if !is_stopword(token) {
                        push_word(&mut out, &lemmatize(token));
                    }
                }
            }
        }
    }
    out
}

/// Steps 1–4 of `clean_text`, leaving words and whitespace runs (`' '` or [`OTHER_SPACE`]).
fn before_stopwords(raw: &str) -> Vec<u8> {
    let mut buf = letters_and_spaces(raw);
    let present = collapse_repeated_words(&mut buf);
    remove_phrases(&mut buf, present);
    buf
}

/// NLTK's `MacIntyreContractions.CONTRACTIONS2` that can match a lowercase `[a-z]` word (the
/// others need an apostrophe): the word split in two.
fn split_contraction(word: &str) -> (&str, Option<&str>) {
    if !matches!(
        word,
        "cannot" | "gimme" | "gonna" | "gotta" | "lemme" | "wanna"
    ) {
        return (word, None);
    }
    match word.split_at_checked(3) {
        Some((first, second)) => (first, Some(second)),
        None => (word, None),
    }
}

/// Appends `word` to `out`, after a space unless `out` is empty.
fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// What steps 1–2 make of an ASCII byte. The ASCII Python whitespace ([`pychar::is_space`])
/// is `\t`, `\n`, `\x0b`, `\x0c`, `\r`, `\x1c`–`\x1f` and the space.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [b' '; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            c @ b'a'..=b'z' => c,
            c @ b'A'..=b'Z' => c.to_ascii_lowercase(),
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f => OTHER_SPACE,
            _ => b' ',
        };
        b += 1;
    }
    table
};

fn ascii_class(b: u8) -> u8 {
    ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(b' ')
}

/// Steps 1–2: `text.lower()` then `re.sub(r"[^a-z\s]", " ", text)`, with every whitespace
/// character other than the space written as [`OTHER_SPACE`]. Python's lowercase of a character
/// is in `[a-z]` only for `A`–`Z`, `İ` (U+0130, which lowers to `i` + U+0307, two characters)
/// and the Kelvin sign (U+212A, to `k`); it is whitespace exactly when the character is; and
/// only `İ` lowers to more than one character.
///
/// Eight spaces are added at the end, which changes nothing in the later steps (no phrase
/// starts or ends with whitespace) and lets [`run_end`] read eight bytes at a time to the last
/// word's end.
fn letters_and_spaces(raw: &str) -> Vec<u8> {
    const PADDING: &[u8] = b"        ";
    let mut buf = Vec::with_capacity(raw.len() + PADDING.len());
    if raw.is_ascii() {
        buf.extend(raw.bytes().map(ascii_class));
    } else {
        for c in raw.chars() {
            match c {
                '\0'..='\u{7f}' => buf.push(ascii_class(c as u8)),
                '\u{130}' => buf.extend_from_slice(b"i "),
                '\u{212a}' => buf.push(b'k'),
                c if pychar::is_space(c) => buf.push(OTHER_SPACE),
                _ => buf.push(b' '),
            }
        }
    }
    buf.extend_from_slice(PADDING);
    buf
}

fn is_letter(b: u8) -> bool {
    b.is_ascii_lowercase()
}

/// The bit that tells letters from whitespace in the buffer: set in `a`–`z` (0x61–0x7a), clear
/// in `' '` (0x20) and [`OTHER_SPACE`] (0x09).
const LETTER_BIT: u64 = 0x4040_4040_4040_4040;

/// The end of the run of letters (`letters`) or of whitespace (`!letters`) starting at `from`,
/// eight bytes at a time.
fn run_end(buf: &[u8], mut from: usize, letters: bool) -> usize {
    while let Some(chunk) = buf.get(from..from + 8) {
        let bytes = <[u8; 8]>::try_from(chunk).unwrap_or_default();
        let bits = u64::from_le_bytes(bytes) & LETTER_BIT;
        let stops = if letters { !bits & LETTER_BIT } else { bits };
        if stops != 0 {
            return from + (stops.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&b) = buf.get(from) {
        if is_letter(b) != letters {
            break;
        }
        from += 1;
    }
    from
}

/// Moves `buf[from]` to `to` (`to <= from.start`), skipping the copy when nothing moves.
fn shift(buf: &mut [u8], from: Range<usize>, to: usize) {
    if from.start != to && from.end <= buf.len() {
        buf.copy_within(from, to);
    }
}

/// Step 3: `re.sub(r"\b(\w+)\s+\1\b", r"\1", text)` on a buffer of letters and whitespace. A
/// match starts at a word, takes the whole word (a shorter `\w+` cannot be followed by `\s`),
/// the whole whitespace run, and needs the next word to be the same word (`\1\b`). Matches do
/// not overlap and the scan resumes after the second word, so "a a a" becomes "a a".
///
/// Returns the [`PHRASES`] occurring in the result, as a bit mask: a phrase with a space is
/// the end of a word, one `' '` and the start of the next word; the others lie inside a word.
fn collapse_repeated_words(buf: &mut Vec<u8>) -> u8 {
    let n = buf.len();
    let mut write = 0;
    let (mut present, mut open) = (0, 0);
    // The whitespace run before the current word, and the word.
    let mut space = 0..run_end(buf, 0, false);
    let mut word = space.end..run_end(buf, space.end, true);
    while !word.is_empty() {
        let single_space = space.len() == 1 && buf.get(space.start) == Some(&b' ');
        let next_space = word.end..run_end(buf, word.end, false);
        let next_word = next_space.end..run_end(buf, next_space.end, true);
        let text = buf.get(word.clone()).unwrap_or_default();
        let repeated = !next_space.is_empty() && buf.get(next_word.clone()) == Some(text);
        let parts = PhraseParts::of(text);
        if single_space {
            present |= open & parts.starts;
        }
        present |= parts.inside;
        open = parts.ends;
        let (space_len, word_len) = (space.len(), word.len());
        shift(buf, space.start..word.end, write);
        write += space_len + word_len;
        if repeated {
            // The regex resumes after the second word: the whitespace after it comes next.
            space = next_word.end..run_end(buf, next_word.end, false);
            word = space.end..run_end(buf, space.end, true);
        } else {
            (space, word) = (next_space, next_word);
        }
    }
    // Trailing whitespace.
    shift(buf, space.start..n.min(space.end), write);
    write += space.len();
    buf.truncate(write);
    present
}

/// How a word can take part in the [`PHRASES`], as bit masks.
struct PhraseParts {
    /// Phrases with a space whose first part ends the word.
    ends: u8,
    /// Phrases with a space whose second part starts the word.
    starts: u8,
    /// Phrases without a space found inside the word.
    inside: u8,
}

/// Each of the [`PHRASES`] split at its space (the second part is empty for a phrase without
/// one).
const PHRASE_SPLITS: [(&[u8], &[u8]); PHRASES.len()] = {
    let mut splits: [(&[u8], &[u8]); PHRASES.len()] = [(&[], &[]); PHRASES.len()];
    let mut i = 0;
    while i < PHRASES.len() {
        let bytes = PHRASES[i].as_bytes();
        splits[i] = (bytes, &[]);
        let mut j = 0;
        while j < bytes.len() {
            if bytes[j] == b' ' {
                let (first, rest) = bytes.split_at(j);
                splits[i] = (first, rest.split_at(1).1);
            }
            j += 1;
        }
        i += 1;
    }
    splits
};

impl PhraseParts {
    fn of(word: &[u8]) -> Self {
        let mut parts = Self {
            ends: 0,
            starts: 0,
            inside: 0,
        };
        for (i, &(first, second)) in PHRASE_SPLITS.iter().enumerate() {
            let bit = 1 << i;
            if second.is_empty() {
                if word.len() >= first.len() && find(word, first, 0).is_some() {
                    parts.inside |= bit;
                }
                continue;
            }
            // The cheap test of one byte first: most words fail it.
            if word.last() == first.last() && word.ends_with(first) {
                parts.ends |= bit;
            }
            if word.first() == second.first() && word.starts_with(second) {
                parts.starts |= bit;
            }
        }
        parts
    }
}

/// Step 4: `for phrase in PHRASES: text = text.replace(phrase, "")`, given the phrases
/// `present` in the text. A removal can join text into a new occurrence of a later phrase;
/// [`remove_all`] reports which ones it may have created.
fn remove_phrases(buf: &mut Vec<u8>, mut present: u8) {
    for i in 0..PHRASES.len() {
        if present & (1 << i) != 0 {
            present |= remove_all(buf, i);
        }
    }
}

/// Python `text.replace(PHRASES[index], "")`: every leftmost non-overlapping occurrence in the
/// current text removed, in one pass (a removal can join text into a new occurrence, which
/// stays). Returns the later phrases that may now occur without having occurred before: a new
/// occurrence spans a point where two pieces of text were joined, so its phrase has the two
/// joined bytes next to each other.
fn remove_all(buf: &mut Vec<u8>, index: usize) -> u8 {
    let Some(phrase) = PHRASES.get(index).map(|p| p.as_bytes()) else {
        return 0;
    };
    let Some(first) = find(buf, phrase, 0) else {
        return 0;
    };
    let mut created = 0;
    let (mut write, mut read) = (first, first + phrase.len());
    loop {
        let found = find(buf, phrase, read);
        let end = found.unwrap_or(buf.len());
        if end > read {
            let left = write.checked_sub(1).and_then(|i| buf.get(i));
            if let (Some(&left), Some(&right)) = (left, buf.get(read)) {
                created |= later_phrases_with_pair(index, [left, right]);
            }
            shift(buf, read..end, write);
            write += end - read;
        }
        match found {
            Some(at) => read = at + phrase.len(),
            None => break,
        }
    }
    buf.truncate(write);
    created
}

/// The phrases after `PHRASES[index]` in which the bytes `pair` are next to each other.
fn later_phrases_with_pair(index: usize, pair: [u8; 2]) -> u8 {
    let mut mask = 0;
    for (i, phrase) in PHRASES.iter().enumerate().skip(index + 1) {
        if phrase.as_bytes().windows(2).any(|w| w == pair) {
            mask |= 1 << i;
        }
    }
    mask
}

/// The first occurrence of `phrase` in `buf` at or after `from`.
fn find(buf: &[u8], phrase: &[u8], from: usize) -> Option<usize> {
    let (&head, tail) = phrase.split_first()?;
    let rest = buf.get(from..)?;
    let mut i = 0;
    while let Some(rel) = rest.get(i..)?.iter().position(|&b| b == head) {
        let at = i + rel;
        if rest.get(at + 1..)?.starts_with(tail) {
            return Some(from + at);
        }
        i = at + 1;
    }
    None
}

/// The ranges of the words (runs of letters) of a buffer of letters and whitespace.
struct Words<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Words<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Self { buf, at: 0 }
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = run_end(self.buf, self.at, false);
        let end = run_end(self.buf, start, true);
        self.at = end;
        (end > start).then_some(start..end)
    }
}

/// Steps 5–6: `re.sub(r"\s+", " ", text).strip()`, then the words that are not stopwords
/// joined with single spaces, in place.
fn drop_stopwords(buf: &mut Vec<u8>) {
    let (mut read, mut write) = (0, 0);
    loop {
        let start = run_end(buf, read, false);
        let end = run_end(buf, start, true);
        if end == start {
            break;
        }
        read = end;
        if buf.get(start..end).is_none_or(is_stopword_bytes) {
            continue;
        }
        // A kept word and its space take no more room than the word and the whitespace
        // before it, so `write < start` here.
        if write > 0 {
            if let Some(b) = buf.get_mut(write) {
                *b = b' ';
            }
            write += 1;
        }
        shift(buf, start..end, write);
        write += end - start;
    }
    buf.truncate(write);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_masks() {
        assert_eq!(clean_text("Hello, WORLD! 123 café"), "hello world caf");
        assert_eq!(clean_text("İSTANBUL"), "stanbul");
        assert_eq!(clean_text("\u{212a}ELVIN"), "kelvin");
        assert_eq!(clean_text("x\u{1c}y\u{85}z\u{3000}w"), "x z w");
        assert_eq!(clean_text(""), "");
        assert_eq!(clean_text("!?.,;:"), "");
    }

    /// The shortcut of [`letters_and_spaces`] against Python's full `str.lower()` for every
    /// code point: the lowered characters, classified as letter, space or other whitespace.
    #[test]
    fn letters_and_spaces_matches_python_lower_on_every_code_point() {
        let mut one = String::new();
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            one.clear();
            one.push(c);
            let mut want: Vec<u8> = pychar::lower(&one)
                .chars()
                .map(|l| match l {
                    'a'..='z' | ' ' => l as u8,
                    l if pychar::is_space(l) => OTHER_SPACE,
                    _ => b' ',
                })
                .collect();
            want.extend_from_slice(b"        ");
            assert_eq!(letters_and_spaces(&one), want, "U+{:04X}", u32::from(c));
        }
    }

    /// `clean_text` written plainly on `String`s, with the real whitespace characters and
    /// Rust's `str::replace`, which like Python's removes leftmost non-overlapping matches.
    fn naive_clean_text(raw: &str) -> String {
        let chars: Vec<char> = pychar::lower(raw)
            .chars()
            .map(|c| {
                if c.is_ascii_lowercase() || pychar::is_space(c) {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let is_space = |i: usize| chars.get(i).is_some_and(|&c| pychar::is_space(c));
        let is_char = |i: usize| chars.get(i).is_some_and(|&c| !pychar::is_space(c));
        let mut text = String::new();
        let mut i = 0;
        while i < chars.len() {
            if is_space(i) {
                text.push(chars[i]);
                i += 1;
                continue;
            }
            let start = i;
            while is_char(i) {
                i += 1;
            }
            text.extend(&chars[start..i]);
            let mut next = i;
            while is_space(next) {
                next += 1;
            }
            let mut next_end = next;
            while is_char(next_end) {
                next_end += 1;
            }
            if next > i && chars[next..next_end] == chars[start..i] {
                i = next_end;
            }
        }
        for phrase in PHRASES {
            text = text.replace(phrase, "");
        }
        let words: Vec<&str> = pychar::split_whitespace(&text)
            .filter(|w| !STOPWORDS.contains(w))
            .collect();
        words.join(" ")
    }

    /// The phrases occurring in a buffer, by plain search.
    fn naive_phrases_present(buf: &[u8]) -> u8 {
        let mut mask = 0;
        for (i, phrase) in PHRASES.iter().enumerate() {
            if buf.windows(phrase.len()).any(|w| w == phrase.as_bytes()) {
                mask |= 1 << i;
            }
        }
        mask
    }

    #[test]
    fn matches_the_naive_version_on_tricky_texts() {
        for raw in [
            "please assist",
            "please please assist",
            "pleaseplease assist assist",
            "im im issue",
            "note im issuesuggest",
            "noteplease assist suggest",
            "kinkindlydly",
            "please askindlysist",
            "imkindly issue",
            "please  assist please\tassist",
            "Please Assist, KINDLY note suggest",
        ] {
            assert_eq!(clean_text(raw), naive_clean_text(raw), "{raw:?}");
        }
    }

    #[test]
    fn collapses_repeated_words_in_one_pass() {
        assert_eq!(clean_text("help help"), "help");
        assert_eq!(clean_text("help help help"), "help help");
        assert_eq!(clean_text("help help help help"), "help help");
        assert_eq!(clean_text("help\t\u{3000}help"), "help");
        assert_eq!(clean_text("the theory theory"), "theory");
        assert_eq!(clean_text("help helper"), "help helper");
        assert_eq!(clean_text("help, help"), "help");
        assert_eq!(clean_text("xhelp help"), "xhelp help");
    }

    #[test]
    fn removes_phrases_like_str_replace() {
        assert_eq!(clean_text("Please assist me"), "");
        assert_eq!(clean_text("please\tassist"), "please assist");
        assert_eq!(clean_text("kindlyx unkindly"), "x un");
        assert_eq!(clean_text("kinkindlydly"), "kindly");
        // Removing "kindly" joins "im" and " issue"; "im issue" was already removed.
        assert_eq!(clean_text("imkindly issue"), "im issue");
        // Removing "im issue" creates "note suggest", removed next.
        assert_eq!(clean_text("note im issuesuggest"), "");
        assert_eq!(clean_text("please please assist"), "");
    }

    #[test]
    fn drops_stopwords() {
        assert_eq!(
            clean_text("I am not sure about the product"),
            "sure product"
        );
        assert_eq!(clean_text("don't"), "");
    }

    #[test]
    fn preprocess_splits_contractions_and_lemmatizes() {
        assert_eq!(
            preprocess("cannot gonna wanna gimme lemme gotta"),
            "gon na wan na gim lem got ta"
        );
        assert_eq!(preprocess("customers issues"), "customer issue");
        assert_eq!(preprocess(""), "");
        assert_eq!(
            seed_clean("The customers' ISSUES, issues!"),
            "customer issue"
        );
    }

    fn is_clean(s: &str) -> bool {
        s.is_empty()
            || s.split(' ')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Texts made of the phrases' pieces and odd separators.
        const PHRASE_HEAVY: &str = concat!(
            "((please|assist|im|issue|note|suggest|kindly|kind|ly|no|a)",
            "[ \t\u{85}\u{3000}.]{0,2}){0,12}"
        );
        /// The same with the characters that lowercase to letters.
        const PHRASE_AND_CASE_HEAVY: &str = concat!(
            "((please|assist|im|issue|note|suggest|kindly|kind|ly|pl|ease|a|no|İ|K|\u{212a})",
            "[ \t\u{85}\u{3000}.]{0,2}){0,14}"
        );
        /// Phrase pieces separated by nothing, spaces or tabs.
        const PHRASE_PIECES: &str =
            "((please|assist|im|issue|note|suggest|kindly|kind|ly|him|notes)[ \t]{0,2}){0,10}";

        proptest! {
            #[test]
            fn clean_text_gives_words_separated_by_single_spaces(raw in any::<String>()) {
                let cleaned = clean_text(&raw);
                prop_assert!(is_clean(&cleaned), "{:?}", cleaned);
                prop_assert!(!cleaned.split(' ').any(is_stopword));
            }

            #[test]
            fn seed_clean_gives_words_separated_by_single_spaces(raw in any::<String>()) {
                prop_assert!(is_clean(&seed_clean(&raw)));
            }

            #[test]
            fn phrase_heavy_text_stays_clean(
                raw in PHRASE_HEAVY
            ) {
                prop_assert!(is_clean(&seed_clean(&raw)));
            }

            #[test]
            fn clean_text_matches_the_naive_version(
                raw in PHRASE_AND_CASE_HEAVY
            ) {
                prop_assert_eq!(clean_text(&raw), naive_clean_text(&raw));
            }

            #[test]
            fn clean_text_matches_the_naive_version_on_any_string(raw in any::<String>()) {
                prop_assert_eq!(clean_text(&raw), naive_clean_text(&raw));
            }

            #[test]
            fn repeated_word_pass_reports_the_phrases_present(
                raw in PHRASE_PIECES
            ) {
                let mut buf = letters_and_spaces(&raw);
                let present = collapse_repeated_words(&mut buf);
                prop_assert_eq!(present, naive_phrases_present(&buf));
            }

            #[test]
            fn preprocess_never_panics(text in any::<String>()) {
                let _ = preprocess(&text);
            }
        }
    }
}
