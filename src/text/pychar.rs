//! Python 3 `str` character semantics that differ from Rust's `char` methods, exact to the
//! Python 3.11 (Unicode 14) the reference libraries ran on, for every code point.

mod tables;

pub use tables::UNICODE_VERSION;

/// Sorted, inclusive code-point ranges, split by plane: plane `p`'s ranges are
/// `pairs[plane_ends[p - 1]..plane_ends[p]]` (from 0 for plane 0), as the low 16 bits of their
/// ends. Half the size of `u32` pairs; the generator splits ranges that cross a plane.
struct Ranges {
    plane_ends: [u16; 17],
    pairs: &'static [(u16, u16)],
}

/// A one-to-one code-point mapping, sorted by the first field, split by plane as [`Ranges`]
/// are; each code point maps into its own plane.
struct Mapping {
    plane_ends: [u16; 17],
    pairs: &'static [(u16, u16)],
}

/// The pairs of plane `c >> 16` in a table split by plane, and the low 16 bits of `c`.
fn plane_of(
    plane_ends: &[u16; 17],
    pairs: &'static [(u16, u16)],
    c: char,
) -> (&'static [(u16, u16)], u16) {
    let c = u32::from(c);
    let plane = (c >> 16) as usize;
    let start = plane
        .checked_sub(1)
        .and_then(|p| plane_ends.get(p))
        .map_or(0, |&e| usize::from(e));
    let end = plane_ends.get(plane).map_or(0, |&e| usize::from(e));
    (pairs.get(start..end).unwrap_or_default(), c as u16)
}

fn in_ranges(table: &Ranges, c: char) -> bool {
    let (pairs, c) = plane_of(&table.plane_ends, table.pairs, c);
    pairs
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The code point that `table` maps `c` to, if any.
fn mapped(table: &Mapping, c: char) -> Option<char> {
    let (pairs, low) = plane_of(&table.plane_ends, table.pairs, c);
    let i = pairs.binary_search_by_key(&low, |&(from, _)| from).ok()?;
    let &(_, to) = pairs.get(i)?;
    char::from_u32(u32::from(c) & !0xffff | u32::from(to))
}

/// `re`'s `\w` in a `str` pattern: `str.isalnum()` or `_`.
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(&tables::WORD, c)
    }
}

/// `str.isalpha()` of one character.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(&tables::ALPHA, c)
    }
}

/// `str.isalnum()` of one character.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_ranges(&tables::ALNUM, c)
    }
}

/// `str.isdecimal()` of one character.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&tables::DECIMAL, c)
    }
}

/// `str.isdigit()` of one character.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&tables::DIGIT, c)
    }
}

/// `str.isnumeric()` of one character.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(&tables::NUMERIC, c)
    }
}

/// `str.isupper()` of one character (Python's UPPER flag: Unicode `Uppercase`).
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(&tables::UPPER, c)
    }
}

/// `str.islower()` of one character (Python's LOWER flag: Unicode `Lowercase`).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_ranges(&tables::LOWER, c)
    }
}

/// Python's TITLE flag (general category Lt; no ASCII character has it).
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(&tables::TITLE, c)
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
    if let Some(lc) = mapped(&tables::LOWER_SINGLE, c) {
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
    let is_ignorable = |c: char| in_ranges(&tables::CASE_IGNORABLE, c);
    let is_stop_cased = |c: char| in_ranges(&tables::CASED, c);
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
