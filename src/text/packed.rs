//! The two encodings of the generated data files (`tools/tablefile.py` writes them): front-coded
//! word lists and unsigned LEB128 number streams.
//!
//! Both are decoded once, at first use, by the table that includes the file; neither has an
//! error path: a malformed file decodes to some list, and the tests that compare every table
//! with its source (and the generators' `--check`) keep the committed files well formed.

/// The words of a front-coded list: each word is one byte `p < 0x20`, the length of the prefix
/// it shares with the previous word, then the rest of its bytes, all `>= 0x20`. Sorted words
/// share long prefixes, so this is about 40% of their text and compresses better than it.
///
/// Calls `f` with each word in order.
pub(crate) fn for_each_front_coded(data: &[u8], mut f: impl FnMut(&[u8])) {
    let mut word: Vec<u8> = Vec::with_capacity(32);
    let mut rest = data;
    while let Some((&shared, tail)) = rest.split_first() {
        let end = tail.iter().position(|&b| b < 0x20).unwrap_or(tail.len());
        let (suffix, next) = tail.split_at(end);
        word.truncate(usize::from(shared));
        word.extend_from_slice(suffix);
        f(&word);
        rest = next;
    }
}

/// The numbers of an unsigned LEB128 stream: seven bits per byte, low groups first, the high
/// bit set on every byte but a number's last. Bits past 32 are dropped.
pub(crate) fn varints(data: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = data.iter();
    std::iter::from_fn(move || {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let &b = bytes.next()?;
            if shift < 32 {
                value |= u32::from(b & 0x7f) << shift;
            }
            shift += 7;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(data: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        for_each_front_coded(data, |w| out.push(String::from_utf8_lossy(w).into_owned()));
        out
    }

    #[test]
    fn front_coded_words_share_prefixes() {
        assert_eq!(
            decode(b"\x00abandon\x07ed\x07ment\x00b\x00"),
            ["abandon", "abandoned", "abandonment", "b", ""]
        );
        assert!(decode(b"").is_empty());
        // A prefix longer than the previous word takes all of it.
        assert_eq!(decode(b"\x00ab\x05c"), ["ab", "abc"]);
    }

    #[test]
    fn varints_are_little_endian_groups_of_seven_bits() {
        let got: Vec<u32> = varints(&[0x00, 0x7f, 0x80, 0x01, 0xe5, 0x8e, 0x26]).collect();
        assert_eq!(got, [0, 127, 128, 624_485]);
        // A truncated last number is dropped.
        assert_eq!(varints(&[0x05, 0x80]).collect::<Vec<_>>(), [5]);
    }
}
