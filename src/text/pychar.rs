//! Python 3 `str` character semantics that differ from Rust's `char` methods, exact to the
//! Python 3.11 (Unicode 14) the reference libraries ran on, for every code point.

mod tables;

use std::sync::LazyLock;

use super::packed;
pub use tables::UNICODE_VERSION;

/// Sorted, inclusive code-point ranges, decoded at first use from a file of
/// `tools/gen_pychar.py`: per range, LEB128 of its start minus the previous range's end + 1
/// (from 0), then of its length - 1. About a third of `u16` pairs, and it compresses to a
/// quarter of them.
type Ranges = LazyLock<Vec<(u32, u32)>>;

fn decode_ranges(data: &[u8]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut numbers = packed::varints(data);
    let mut next = 0u32;
    while let (Some(gap), Some(len)) = (numbers.next(), numbers.next()) {
        let start = next.wrapping_add(gap);
        let end = start.wrapping_add(len);
        out.push((start, end));
        next = end.wrapping_add(1);
    }
    out
}

static WORD: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/word.bin")));
static ALPHA: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/alpha.bin")));
static ALNUM: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/alnum.bin")));
static DECIMAL: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/decimal.bin")));
static DIGIT: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/digit.bin")));
static NUMERIC: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/numeric.bin")));
static UPPER: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/upper.bin")));
static LOWER: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/lower.bin")));
static TITLE: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/title.bin")));
/// Case_Ignorable, as `str.lower()`'s final-sigma rule uses it.
static CASE_IGNORABLE: Ranges =
    LazyLock::new(|| decode_ranges(include_bytes!("pychar/case_ignorable.bin")));
/// Cased and not Case_Ignorable, as `str.lower()`'s final-sigma rule uses it.
static CASED: Ranges = LazyLock::new(|| decode_ranges(include_bytes!("pychar/cased.bin")));

/// A run of a one-to-one code-point mapping: the `count` code points from `start` spaced by
/// `stride` map to themselves plus `offset`.
struct Run {
    start: u32,
    count: u32,
    stride: u32,
    offset: i32,
}

/// `str.lower()` where it is a different single code point (U+03A3 excluded: its final-sigma
/// rule is in code), as sorted runs decoded at first use: per run, LEB128 of its start minus
/// the previous run's last code point + 1, its count, its stride and its offset (zigzag).
/// 1431 code points in 181 runs.
static LOWER_SINGLE: LazyLock<Vec<Run>> = LazyLock::new(|| {
    let mut out = Vec::new();
    let mut numbers = packed::varints(include_bytes!("pychar/lower_single.bin"));
    let mut next = 0u32;
    while let (Some(gap), Some(count), Some(stride), Some(zigzag)) = (
        numbers.next(),
        numbers.next(),
        numbers.next(),
        numbers.next(),
    ) {
        let start = next.wrapping_add(gap);
        let offset = if zigzag & 1 == 0 {
            (zigzag >> 1) as i32
        } else {
            -(((zigzag >> 1) + 1) as i32)
        };
        out.push(Run {
            start,
            count,
            stride,
            offset,
        });
        next = start
            .wrapping_add(count.saturating_sub(1).wrapping_mul(stride))
            .wrapping_add(1);
    }
    out
});

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    let i = table.partition_point(|&(start, _)| start <= c);
    i.checked_sub(1)
        .and_then(|i| table.get(i))
        .is_some_and(|&(_, end)| c <= end)
}

/// The code point that `str.lower()` maps `c` to, if it is one other code point.
fn lower_single(c: char) -> Option<char> {
    let cp = u32::from(c);
    let runs: &[Run] = &LOWER_SINGLE;
    let run = runs.get(runs.partition_point(|r| r.start <= cp).checked_sub(1)?)?;
    let k = cp - run.start;
    if k.checked_rem(run.stride)? != 0 || k / run.stride >= run.count {
        return None;
    }
    char::from_u32(cp.wrapping_add_signed(run.offset))
}

/// `re`'s `\w` in a `str` pattern: `str.isalnum()` or `_`.
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(&WORD, c)
    }
}

/// `str.isalpha()` of one character.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(&ALPHA, c)
    }
}

/// `str.isalnum()` of one character.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_ranges(&ALNUM, c)
    }
}

/// `str.isdecimal()` of one character.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&DECIMAL, c)
    }
}

/// `str.isdigit()` of one character.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&DIGIT, c)
    }
}

/// `str.isnumeric()` of one character.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&NUMERIC, c)
    }
}

/// `str.isupper()` of one character (Python's UPPER flag: Unicode `Uppercase`).
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(&UPPER, c)
    }
}

/// `str.islower()` of one character (Python's LOWER flag: Unicode `Lowercase`).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_ranges(&LOWER, c)
    }
}

/// Python's TITLE flag (general category Lt; no ASCII character has it).
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(&TITLE, c)
}

/// Unicode `Cased`: the characters that `str.isupper()`/`str.islower()` look at.
pub fn is_cased(c: char) -> bool {
    is_upper(c) || is_lower(c) || is_title(c)
}

/// `str.isupper()` of a string: at least one cased character, and none lowercase or titlecase.
pub fn str_is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_title(c) {
            return false;
        }
        cased |= is_upper(c);
    }
    cased
}

/// `str.islower()` of a string: at least one cased character, and none uppercase or titlecase.
pub fn str_is_lower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            return false;
        }
        cased |= is_lower(c);
    }
    cased
}

/// `str.isalpha()` of a string: non-empty and every character alphabetic.
pub fn str_is_alpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_alpha)
}

/// Appends Python's `str.lower()` of `s` to `out`: full case mapping (`'İ'` becomes `"i\u{307}"`)
/// and the final-sigma rule, as in CPython's `Objects/unicodeobject.c`.
pub fn lower_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\u{3a3}' {
            out.push(if final_sigma(s, i) {
                '\u{3c2}'
            } else {
                '\u{3c3}'
            });
        } else {
            push_lower(c, out);
        }
    }
}

/// Python's `str.lower()`.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    lower_into(s, &mut out);
    out
}

fn push_lower(c: char, out: &mut String) {
    let cp = u32::from(c);
    if let Some(lc) = lower_single(c) {
        out.push(lc);
        return;
    }
    if let Ok(i) = tables::LOWER_MULTI.binary_search_by_key(&cp, |&(from, _)| from)
        && let Some(&(_, to)) = tables::LOWER_MULTI.get(i)
    {
        out.push_str(to);
        return;
    }
    out.push(c);
}

/// CPython's `handle_capital_sigma`: `Σ` at byte `i` of `s` lowers to final `ς` when a cased
/// character precedes it and none follows it (case-ignorable characters skipped both ways).
fn final_sigma(s: &str, i: usize) -> bool {
    let is_ignorable = |c: char| in_ranges(&CASE_IGNORABLE, c);
    let is_stop_cased = |c: char| in_ranges(&CASED, c);
    let before = s
        .get(..i)
        .unwrap_or("")
        .chars()
        .rev()
        .find(|&c| !is_ignorable(c));
    let after = s
        .get(i..)
        .unwrap_or("")
        .chars()
        .skip(1)
        .find(|&c| !is_ignorable(c));
    before.is_some_and(is_stop_cased) && !after.is_some_and(is_stop_cased)
}

/// Python's `str.isspace()` for one character, which is also what `re`'s `\s` matches in a
/// `str` pattern. Unlike [`char::is_whitespace`], it includes the information separators
/// U+001C–U+001F; both include U+0085.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' | '\u{1c}'..='\u{1f}' | ' ' | '\u{85}' | '\u{a0}'
            | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}'
            | '\u{205f}' | '\u{3000}'
    )
}

/// Python's `str.split()` with no argument: runs of [`is_space`] separate words; leading and
/// trailing whitespace yields no empty words.
pub fn split_whitespace(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code point Python 3.11 reports as `isspace()` (checked with
    /// `[hex(c) for c in range(0x110000) if chr(c).isspace()]`).
    const PYTHON_SPACES: [u32; 29] = [
        0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
        0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
        0x202f, 0x205f, 0x3000,
    ];

    #[test]
    fn is_space_matches_python_over_all_code_points() {
        let ours: Vec<u32> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_space(c))
            .map(u32::from)
            .collect();
        assert_eq!(ours, PYTHON_SPACES);
    }

    /// Python 3.11's answers on the strings of `tools/reference/diff_pychar.py`.
    #[test]
    fn string_functions_match_python_cases() {
        let cases = include_str!("../../tests/data/diff/pychar_cases.jsonl");
        let mut n = 0;
        for line in cases.lines() {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = case["text"].as_str().unwrap();
            assert_eq!(
                lower(text),
                case["lower"].as_str().unwrap(),
                "lower({text:?})"
            );
            assert_eq!(str_is_upper(text), case["isupper"], "isupper({text:?})");
            assert_eq!(str_is_lower(text), case["islower"], "islower({text:?})");
            assert_eq!(str_is_alpha(text), case["isalpha"], "isalpha({text:?})");
            n += 1;
        }
        assert!(n > 3000, "only {n} cases");
    }

    #[test]
    fn lower_maps_kelvin_and_dotted_capital_i_like_python() {
        assert_eq!(lower("\u{212a}"), "k");
        assert_eq!(lower("\u{130}"), "i\u{307}");
        assert_eq!(lower("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
    }

    #[test]
    fn split_whitespace_splits_on_information_separators() {
        let words: Vec<&str> = split_whitespace("\u{1c}a\u{1f}\u{85}b  c\u{3000}").collect();
        assert_eq!(words, ["a", "b", "c"]);
    }
}
