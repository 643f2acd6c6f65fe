//! TextBlob's `find_tokens` (pattern's tokenizer, `textblob/_text.py`) as `Sentiment.__call__`
//! uses it on a string: the words of `" ".join(find_tokens(text)).split()`, in order, computed
//! by one scan without regexes and, for most texts, without allocating.
//!
//! `find_tokens` does, in order:
//! 1. `re.sub` of each contraction in `replacements` (`'d` → ` 'd`, …, `n't` → ` n't`);
//! 2. padding of `“ ” ‘ ’ ' "` with spaces;
//! 3. `\r\n` → `\n`, runs of two or more `\n` → ` END-OF-SENTENCE `, `\s+` → one space (`\s`
//!    is [`pychar::is_space`], which includes U+001C–U+001F and U+0085);
//! 4. per whitespace-separated token: split leading punctuation, then trailing punctuation,
//!    `...` (dropping any further periods before it) and a period that does not end an
//!    abbreviation;
//! 5. sentences: a sentence ends after a run that starts with `... . ! ?` or END-OF-SENTENCE and
//!    goes on over `” ’ ... . ! ? )` and END-OF-SENTENCE (which is dropped);
//! 6. per sentence, `RE_SARCASM.sub("(!)")` then `RE_EMOTICONS.sub` (an emoticon written with
//!    spaces between its characters loses the spaces; see [`Sentences`]).
//!
//! A literal `END-OF-SENTENCE` in the text is a paragraph break too, as in Python.
//!
//! Step 2 surrounds every ASCII `'` with spaces, so of the contractions only `n't` changes
//! anything (a space before its `n`: "don't" → `do n ' t`; the others only add a space next to
//! the one step 2 adds), and no token but `'` itself contains `'`, so the `t not in replace`
//! guards of step 4 always hold.

use super::lexicon::{EMOTICON_PATTERNS, MERGE_PAIRS};
use crate::text::pychar;

/// The token `find_tokens` puts where a paragraph break was (`EOS`).
const EOS: &str = "END-OF-SENTENCE";

/// `ABBREVIATIONS` of `textblob/_text.py`.
const ABBREVIATIONS: [&str; 37] = [
    "a.", "adj.", "adv.", "al.", "a.m.", "c.", "cf.", "comp.", "conf.", "def.", "ed.", "e.g.",
    "esp.", "etc.", "ex.", "f.", "fig.", "gen.", "id.", "i.e.", "int.", "l.", "m.", "Med.", "Mil.",
    "Mr.", "n.", "n.q.", "orig.", "pl.", "pred.", "pres.", "p.m.", "ref.", "v.", "vs.", "w/",
];

const MAX_ABBREVIATION_LEN: usize = {
    let mut max = 0;
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        if ABBREVIATIONS[k].len() > max {
            max = ABBREVIATIONS[k].len();
        }
        k += 1;
    }
    max
};

/// `PUNCTUATION` of `textblob/_text.py` without the period, as `find_tokens` uses it; all ASCII,
/// so a token starts (ends) with one exactly when its first (last) byte is one.
fn is_punct(b: u8) -> bool {
    PUNCT[usize::from(b)]
}

const PUNCT: [bool; 256] = {
    let mut t = [false; 256];
    let marks = b",;:!?()[]{}`'\"@#$^&*+-|=~_";
    let mut k = 0;
    while k < marks.len() {
        t[marks[k] as usize] = true;
        k += 1;
    }
    t
};

/// Calls `f` with every word of `" ".join(find_tokens(text)).split()`, in order.
pub(super) fn for_each_word(text: &str, f: impl FnMut(&str)) {
    let mut sentences = Sentences {
        words: f,
        last: None,
        chain: Vec::new(),
        in_run: false,
        buf: Buf::default(),
    };
    let mut tail = Tail {
        marks: [""; 8],
        len: 0,
        more: Vec::new(),
    };
    raw_tokens(text, |raw| {
        split_punctuation(raw, &mut tail, |t| sentences.token(t))
    });
    sentences.end_chain();
}

/// Bytes that steps 1–3 look at: ASCII whitespace (`str.isspace()`), `'` and `"`, and every
/// byte of a non-ASCII character (which may be whitespace or a curly quote). Every other byte
/// continues the current token.
const SPECIAL: [bool; 256] = byte_table(true);

/// ASCII whitespace (`str.isspace()`) and every byte of a non-ASCII character.
const SPACE_OR_NON_ASCII: [bool; 256] = byte_table(false);

const fn byte_table(quotes: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(
            b as u8,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f | b' '
        ) || (quotes && matches!(b as u8, b'\'' | b'"'))
            || b >= 0x80;
        b += 1;
    }
    t
}

/// Steps 1–3: calls `f` with each whitespace-separated token of the collapsed string.
fn raw_tokens<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    // The current token is `text[start..i]`.
    let mut start = 0;
    let mut i = 0;
    loop {
        while let Some(&b) = bytes.get(i)
            && !SPECIAL[usize::from(b)]
        {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80
            && SPACE_OR_NON_ASCII[usize::from(b)]
            && !bytes
                .get(i + 1)
                .is_some_and(|&n| SPACE_OR_NON_ASCII[usize::from(n)])
        {
            // One ASCII whitespace character: no paragraph break.
            if start < i {
                f(text.get(start..i).unwrap_or(""));
            }
            i += 1;
            start = i;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        if pychar::is_space(c) {
            if start < i {
                f(text.get(start..i).unwrap_or(""));
            }
            i = whitespace_run(text, i, &mut f);
            start = i;
        } else if matches!(
            c,
            '\'' | '"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
        ) {
            // Step 1 puts a space before the `n` of `n't` (that `n` is part of the current
            // token: it is neither whitespace nor a quote); step 2 pads the quote.
            let split_n = c == '\''
                && start < i
                && bytes.get(i - 1) == Some(&b'n')
                && bytes.get(next) == Some(&b't');
            let end = if split_n { i - 1 } else { i };
            if start < end {
                f(text.get(start..end).unwrap_or(""));
            }
            if split_n {
                f(text.get(end..i).unwrap_or(""));
            }
            f(text.get(i..next).unwrap_or(""));
            i = next;
            start = i;
        } else {
            i = next;
        }
    }
    if start < i {
        f(text.get(start..i).unwrap_or(""));
    }
}

/// Skips the whitespace run at byte `i`, calling `f(EOS)` for each run of two or more `\n` in
/// it (after `\r\n` → `\n`); returns where the run ends.
fn whitespace_run<'a>(text: &str, mut i: usize, f: &mut impl FnMut(&'a str)) -> usize {
    let bytes = text.as_bytes();
    let mut newlines = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b < 0x80 {
            char::from(b)
        } else {
            text.get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('\0')
        };
        if !pychar::is_space(c) {
            break;
        }
        if c == '\n' {
            newlines += 1;
        } else if !(c == '\r' && bytes.get(i + 1) == Some(&b'\n')) {
            if newlines >= 2 {
                f(EOS);
            }
            newlines = 0;
        }
        i += c.len_utf8();
    }
    if newlines >= 2 {
        f(EOS);
    }
    i
}

/// The trailing marks of a token, in the order they are split off (right to left): on the
/// stack, spilling into a vector for long runs.
struct Tail<'a> {
    marks: [&'a str; 8],
    len: usize,
    more: Vec<&'a str>,
}

impl<'a> Tail<'a> {
    fn clear(&mut self) {
        self.len = 0;
        self.more.clear();
    }

    fn push(&mut self, mark: &'a str) {
        match self.marks.get_mut(self.len) {
            Some(slot) => {
                *slot = mark;
                self.len += 1;
            }
            None => self.more.push(mark),
        }
    }

    /// Calls `f` with the marks in text order (`reversed(tail)`).
    fn emit(&self, mut f: impl FnMut(&'a str)) {
        self.more.iter().rev().for_each(|&m| f(m));
        self.marks.iter().take(self.len).rev().for_each(|&m| f(m));
    }
}

/// Step 4 on one token: calls `f` with the leading punctuation marks, the rest, then the
/// trailing marks.
fn split_punctuation<'a>(raw: &'a str, tail: &mut Tail<'a>, mut f: impl FnMut(&'a str)) {
    if let (Some(&first), Some(&last)) = (raw.as_bytes().first(), raw.as_bytes().last())
        && !is_punct(first)
        && !is_punct(last)
        && last != b'.'
    {
        f(raw);
        return;
    }
    let mut t = raw;
    while let Some(&b) = t.as_bytes().first() {
        if !is_punct(b) {
            break;
        }
        let (mark, rest) = t.split_at_checked(1).unwrap_or((t, ""));
        f(mark);
        t = rest;
    }
    tail.clear();
    while let Some(&b) = t.as_bytes().last() {
        if !(is_punct(b) || b == b'.') {
            break;
        }
        if is_punct(b) {
            let (rest, mark) = t.split_at_checked(t.len() - 1).unwrap_or(("", t));
            tail.push(mark);
            t = rest;
        }
        if let Some(rest) = t.strip_suffix("...") {
            tail.push("...");
            t = rest.trim_end_matches('.');
        }
        if t.ends_with('.') {
            if is_abbreviation(t) {
                break;
            }
            let (rest, mark) = t.split_at_checked(t.len() - 1).unwrap_or(("", t));
            tail.push(mark);
            t = rest;
        }
    }
    if !t.is_empty() {
        f(t);
    }
    tail.emit(f);
}

/// `t in ABBREVIATIONS or RE_ABBR1.match(t) or RE_ABBR2.match(t) or RE_ABBR3.match(t)`, for a
/// `t` that ends with a period (`$` cannot meet a newline: tokens have no whitespace).
fn is_abbreviation(t: &str) -> bool {
    let b = t.as_bytes();
    // RE_ABBR1 `^[A-Za-z]\.$` is the one-letter case of RE_ABBR2 `^([A-Za-z]\.)+$`.
    let abbr2 = !b.is_empty()
        && b.len().is_multiple_of(2)
        && b.chunks_exact(2)
            .all(|p| p.first().is_some_and(u8::is_ascii_alphabetic) && p.get(1) == Some(&b'.'));
    // RE_ABBR3 `^[A-Z][b|c|d|…|z]+.$` (the `|` are literal, inside a class); the final `.` is
    // the period `t` ends with.
    let abbr3 = b.len() >= 3
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1..b.len() - 1)
            .is_some_and(|mid| mid.iter().all(|c| b"bcdfghjklmnpqrstvwxz|".contains(c)));
    abbr2
        || abbr3
        || (t.len() <= MAX_ABBREVIATION_LEN
            && ABBREVIATIONS
                .iter()
                .any(|a| a.as_bytes().first() == b.first() && *a == t))
}

/// Steps 5 and 6: splits the tokens into sentences and hands their words on, applying
/// RE_SARCASM and RE_EMOTICONS.
///
/// The substitutions can change a sentence only where a match spans a space, that is across
/// boundaries between tokens whose facing characters form a pair of [`MERGE_PAIRS`]; every other
/// match is replaced by itself. So a sentence is handed on in chains: maximal runs of tokens
/// joined by such boundaries, where a chain of one token is handed on as it is. No match starts
/// at a space or crosses a boundary between chains, so the scan over the whole sentence reaches
/// the start of each chain just as a scan of the chain alone starts there: the substitutions
/// give the same words chain by chain as over the whole sentence (`$` at a chain's end stands
/// for the space that follows it there).
struct Sentences<'a, F> {
    words: F,
    /// The last token of the current chain, not yet handed on.
    last: Option<&'a str>,
    /// The tokens of the current chain before `last` (empty for a chain of one token).
    chain: Vec<&'a str>,
    /// Inside a run of sentence-ending tokens.
    in_run: bool,
    buf: Buf,
}

/// Scratch strings for chains that the substitutions may change.
#[derive(Default)]
struct Buf {
    joined: String,
    sarcasm: String,
    emoticons: String,
}

/// `"..."`, `"."`, `"!"`, `"?"` or [`EOS`]: a token that ends a sentence (with what follows it
/// in [`continues_end`]).
fn is_end(t: &[u8]) -> bool {
    matches!(t, [b'.' | b'!' | b'?'] | [b'.', b'.', b'.']) || t == EOS.as_bytes()
}

/// The tokens the inner `while` of find_tokens takes into a sentence after its end: [`is_end`],
/// `”`, `’` and `)`. It stops at `'` and `"` too, because it compares the count of those in
/// `sentences[-1]`, which is always still empty there.
fn continues_end(t: &[u8]) -> bool {
    matches!(t, [b')'] | [0xe2, 0x80, 0x9d | 0x99]) || is_end(t)
}

/// A quick filter for [`MERGE_PAIRS`]: bit `128 * x + y` is set when some pair has a first
/// character whose UTF-8 ends with byte `x` and a second character that starts with byte `y`
/// (`y` = 127 standing for every non-ASCII lead byte).
const MERGE_FILTER: [u64; 512] = {
    let mut t = [0u64; 512];
    let mut k = 0;
    while k < MERGE_PAIRS.len() {
        let (mut a, mut b) = ([0u8; 4], [0u8; 4]);
        let x = MERGE_PAIRS[k].0.encode_utf8(&mut a).as_bytes();
        let y = MERGE_PAIRS[k].1.encode_utf8(&mut b).as_bytes()[0];
        let bit = 128 * x[x.len() - 1] as usize + if y < 0x80 { y as usize } else { 0x7f };
        t[bit / 64] |= 1 << (bit % 64);
        k += 1;
    }
    t
};

/// Whether RE_SARCASM or RE_EMOTICONS can match across the space between tokens `a` and `b`.
#[inline(always)]
fn may_merge(a: &str, b: &str) -> bool {
    let (Some(&x), Some(&y)) = (a.as_bytes().last(), b.as_bytes().first()) else {
        return false;
    };
    let bit = 128 * usize::from(x) + usize::from(y.min(0x7f));
    MERGE_FILTER[bit / 64] >> (bit % 64) & 1 == 1
        && match (a.chars().next_back(), b.chars().next()) {
            (Some(x), Some(y)) => MERGE_PAIRS.binary_search(&(x, y)).is_ok(),
            _ => false,
        }
}

impl<'a, F: FnMut(&str)> Sentences<'a, F> {
    /// The next token of `find_tokens` (END-OF-SENTENCE included).
    fn token(&mut self, t: &'a str) {
        let bytes = t.as_bytes();
        if self.in_run {
            if !continues_end(bytes) {
                self.end_chain();
                self.in_run = false;
            }
        } else if is_end(bytes) {
            self.in_run = true;
        }
        if t != EOS {
            if let Some(prev) = self.last {
                if may_merge(prev, t) {
                    self.chain.push(prev);
                } else {
                    self.end_chain();
                }
            }
            self.last = Some(t);
        }
    }

    /// Hands on the words of the current chain (at a sentence's end, or the next token does not
    /// join it).
    fn end_chain(&mut self) {
        let Some(last) = self.last.take() else { return };
        if self.chain.is_empty() {
            (self.words)(last);
            return;
        }
        let buf = &mut self.buf;
        buf.joined.clear();
        for t in &self.chain {
            buf.joined.push_str(t);
            buf.joined.push(' ');
        }
        buf.joined.push_str(last);
        sub_sarcasm(&buf.joined, &mut buf.sarcasm);
        sub_emoticons(&buf.sarcasm, &mut buf.emoticons);
        buf.emoticons
            .split(' ')
            .filter(|w| !w.is_empty())
            .for_each(&mut self.words);
        self.chain.clear();
    }
}

/// Matches `chars` at byte `at` of `s` with `" ?"` between consecutive characters (a sentence
/// has single spaces between tokens, so the optional space never needs backtracking); returns
/// the end of the match.
fn match_spaced(s: &[u8], at: usize, chars: &str) -> Option<usize> {
    let mut k = at;
    for (n, c) in chars.chars().enumerate() {
        if n > 0 && s.get(k) == Some(&b' ') {
            k += 1;
        }
        if c.is_ascii() {
            if s.get(k) != Some(&(c as u8)) {
                return None;
            }
            k += 1;
        } else {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            if s.get(k..k + enc.len()) != Some(enc) {
                return None;
            }
            k += enc.len();
        }
    }
    Some(k)
}

/// `RE_SARCASM.sub("(!)", s)` with `RE_SARCASM = \( ?\! ?\)`, into `out`.
fn sub_sarcasm(s: &str, out: &mut String) {
    out.clear();
    let b = s.as_bytes();
    let mut last = 0;
    let mut at = 0;
    while at < b.len() {
        if b.get(at) == Some(&b'(')
            && let Some(end) = match_spaced(b, at, "(!)")
        {
            out.push_str(s.get(last..at).unwrap_or(""));
            out.push_str("(!)");
            last = end;
            at = end;
            continue;
        }
        at += 1;
    }
    out.push_str(s.get(last..).unwrap_or(""));
}

/// First bytes of [`EMOTICON_PATTERNS`] (a quick filter).
const EMOTICON_FIRST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < EMOTICON_PATTERNS.len() {
        t[EMOTICON_PATTERNS[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    t
};

/// `RE_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s)`, into `out`.
/// `RE_EMOTICONS = (e1|e2|…)($|\s)`, each emoticon with `" ?"` between its characters; matches
/// are tried at each position in turn (UTF-8 is self-synchronizing, so trying byte positions
/// finds exactly the character positions), alternatives in [`EMOTICON_PATTERNS`] order. The only
/// whitespace in a sentence is the single space between tokens.
fn sub_emoticons(s: &str, out: &mut String) {
    out.clear();
    let b = s.as_bytes();
    let mut last = 0;
    let mut at = 0;
    'scan: while let Some(&first) = b.get(at) {
        if !EMOTICON_FIRST_BYTES[usize::from(first)] {
            at += 1;
            continue;
        }
        for pattern in EMOTICON_PATTERNS {
            if pattern.as_bytes().first() != Some(&first) {
                continue;
            }
            let Some(end) = match_spaced(b, at, pattern) else {
                continue;
            };
            let group2_end = match b.get(end) {
                None => end,
                Some(b' ') => end + 1,
                Some(_) => continue,
            };
            out.push_str(s.get(last..at).unwrap_or(""));
            out.push_str(pattern);
            out.push_str(s.get(end..group2_end).unwrap_or(""));
            last = group2_end;
            at = group2_end;
            continue 'scan;
        }
        at += 1;
    }
    out.push_str(s.get(last..).unwrap_or(""));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn splits_contractions_quotes_and_punctuation() {
        assert_eq!(
            words("I don't know."),
            ["I", "do", "n", "'", "t", "know", "."]
        );
        assert_eq!(
            words("“Hi,” she said"),
            ["“", "Hi", ",", "”", "she", "said"]
        );
        assert_eq!(words("(wait...)"), ["(", "wait", "...", ")"]);
        assert_eq!(words("wow....."), ["wow", "..."]);
    }

    #[test]
    fn keeps_abbreviations() {
        assert_eq!(
            words("e.g. U.S. Mr. etc. Dr. x."),
            ["e.g.", "U.S.", "Mr.", "etc.", "Dr.", "x."]
        );
        assert_eq!(words("Ms|. end."), ["Ms|.", "end", "."]);
    }

    #[test]
    fn drops_paragraph_breaks() {
        assert_eq!(words("a\r\n\r\nb\n \nc\n\r\r\nd"), ["a", "b", "c", "d"]);
        assert_eq!(words("END-OF-SENTENCE x"), ["x"]);
    }

    #[test]
    fn rejoins_emoticons_and_sarcasm() {
        assert_eq!(
            words("good :) (!) :c) :o)"),
            ["good", ":)", "(!)", ":c)", ":o)"]
        );
        // `:c` (a frown) also matches ": c " but ":c)" (a taunt) comes first in RE_EMOTICONS.
        assert_eq!(words("x :c )"), ["x", ":c)"]);
        // A match may start inside a token.
        assert_eq!(words("box D"), ["boxD"]);
        // ... but not across sentences: "wo ." ends one ("o." is an abbreviation, not an end).
        assert_eq!(words("wo. O"), ["wo", ".", "O"]);
        assert_eq!(words("o. O"), ["o.O"]);
    }

    #[test]
    fn emoticon_substitution_follows_re_sub() {
        let mut out = String::new();
        sub_emoticons(": ) : )", &mut out);
        assert_eq!(out, ":) :)");
        sub_emoticons("8) )", &mut out);
        assert_eq!(out, "8) )");
        sub_emoticons("a ♥ b", &mut out);
        assert_eq!(out, "a ♥ b");
        sub_sarcasm("( ! ) ( !", &mut out);
        assert_eq!(out, "(!) ( !");
    }
}
