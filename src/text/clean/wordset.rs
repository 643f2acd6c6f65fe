//! A hash index of short words built at compile time, for the word lists looked up for every
//! token (stopwords, lemma exceptions): a few loads, two multiplies and usually one probe.

/// A word of 1 to 16 bytes as two overlapping little-endian loads (its first and last 8 bytes,
/// or 4 and 4, or all of a word shorter than 4) and its length, which together identify it.
/// Computed once per token, it serves every index the token is looked up in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct Key {
    loads: u128,
    len: u8,
}

/// `n` bytes of `word` from `start`, little-endian (bytes past the end count as zero).
const fn load(word: &[u8], start: usize, n: usize) -> u64 {
    let mut value = 0u64;
    let mut i = 0;
    while i < n {
        if start + i < word.len() {
            value |= (word[start + i] as u64) << (8 * i);
        }
        i += 1;
    }
    value
}

impl Key {
    /// The key of `word`, or `None` if it is empty or longer than 16 bytes.
    pub(crate) const fn of(word: &[u8]) -> Option<Self> {
        let len = word.len();
        let (first, last) = if len > 16 {
            return None;
        } else if let (Some(first), Some(last)) = (word.first_chunk(), word.last_chunk()) {
            (u64::from_le_bytes(*first), u64::from_le_bytes(*last))
        } else if let (Some(first), Some(last)) = (word.first_chunk(), word.last_chunk()) {
            (
                u32::from_le_bytes(*first) as u64,
                u32::from_le_bytes(*last) as u64,
            )
        } else if len == 0 {
            return None;
        } else {
            (load(word, 0, 3), 0)
        };
        Some(Self {
            loads: first as u128 | (last as u128) << 64,
            len: len as u8,
        })
    }

    /// The first slot to probe in a table of `n` slots, `n` a power of two.
    pub(crate) const fn slot(self, n: usize) -> usize {
        let mixed = (self.loads as u64)
            ^ ((self.loads >> 64) as u64).wrapping_mul(0xff51_afd7_ed55_8ccd)
            ^ self.len as u64;
        (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & (n - 1)
    }
}

/// `M` words of 1 to 16 bytes: their keys by position in the list, and `N` hash slots holding
/// position + 1 (`0` for an empty slot). `N` is a power of two, at least twice `M`.
pub(crate) struct WordIndex<const M: usize, const N: usize> {
    loads: [u128; M],
    lens: [u8; M],
    slots: [u16; N],
}

impl<const M: usize, const N: usize> WordIndex<M, N> {
    /// Builds the index of `words`. Only evaluated at compile time (in `static` items), where a
    /// failed assertion is a build error: words must be 1 to 16 bytes and distinct, and `N` a
    /// power of two, at least `2 * M`.
    pub(crate) const fn new(words: &[&str; M]) -> Self {
        assert!(N.is_power_of_two() && M * 2 <= N && M < u16::MAX as usize);
        let mut index = Self {
            loads: [0; M],
            lens: [0; M],
            slots: [0; N],
        };
        let mut i = 0;
        while i < M {
            let Some(key) = Key::of(words[i].as_bytes()) else {
                panic!("a word is empty or longer than 16 bytes");
            };
            index.loads[i] = key.loads;
            index.lens[i] = key.len;
            let mut slot = key.slot(N);
            while index.slots[slot] != 0 {
                let other = index.slots[slot] as usize - 1;
                assert!(
                    !(index.loads[other] == key.loads && index.lens[other] == key.len),
                    "repeated word"
                );
                slot = (slot + 1) & (N - 1);
            }
            index.slots[slot] = i as u16 + 1;
            i += 1;
        }
        index
    }

    /// The position of the word with key `key` in the list the index was built from, if it is
    /// in it.
    pub(crate) fn position_of_key(&self, key: Key) -> Option<usize> {
        let mut slot = key.slot(N);
        // At most N probes; the table is at most half full, so an empty slot ends the search.
        for _ in 0..N {
            let position = usize::from(*self.slots.get(slot)?).checked_sub(1)?;
            if self.lens.get(position) == Some(&key.len)
                && self.loads.get(position) == Some(&key.loads)
            {
                return Some(position);
            }
            slot = (slot + 1) & (N - 1);
        }
        None
    }

    /// The position of `word` in the list the index was built from, if it is in it.
    pub(crate) fn position(&self, word: &[u8]) -> Option<usize> {
        self.position_of_key(Key::of(word)?)
    }

    /// Whether `word` is in the index.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        self.position(word).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SMALL: WordIndex<7, 16> = WordIndex::new(&[
        "a",
        "bb",
        "sixteen_bytes_xx",
        "c\0d",
        "\0",
        "aaaaaaaaa",
        "abcdefg",
    ]);

    #[test]
    fn finds_exactly_the_words() {
        assert_eq!(SMALL.position(b"a"), Some(0));
        assert_eq!(SMALL.position(b"bb"), Some(1));
        assert_eq!(SMALL.position(b"sixteen_bytes_xx"), Some(2));
        assert_eq!(SMALL.position(b"c\0d"), Some(3));
        assert_eq!(SMALL.position(b"\0"), Some(4));
        assert_eq!(SMALL.position(b"aaaaaaaaa"), Some(5));
        assert_eq!(SMALL.position(b"abcdefg"), Some(6));
        for word in [
            &b""[..],
            b"b",
            b"aa",
            b"bbb",
            b"sixteen_bytes_xxx",
            b"\0a",
            b"a\0",
            b"cd",
            b"\0\0",
            b"aaaaaaaa",
            b"aaaaaaaaaa",
            b"abcdefgh",
            b"abcdefgabcdefg",
        ] {
            assert!(!SMALL.contains(word), "{word:?}");
        }
    }

    #[test]
    fn keys_identify_words() {
        let mut seen = std::collections::HashMap::new();
        let alphabet = [b'a', b'b', 0];
        for len in 1..=16_usize {
            // every word over a 3-letter alphabet for short lengths, periodic ones for long
            let count = if len <= 8 {
                3_usize.pow(len as u32)
            } else {
                3 * 3 * 3
            };
            for n in 0..count {
                let word: Vec<u8> = (0..len)
                    .map(|i| alphabet[(n / 3_usize.pow((i % 8) as u32)) % 3])
                    .collect();
                let key = Key::of(&word).expect("1 to 16 bytes");
                if let Some(other) = seen.insert(key, word.clone()) {
                    assert_eq!(other, word, "same key");
                }
            }
        }
        assert!(Key::of(&[b'a'; 17]).is_none());
        assert!(Key::of(b"").is_none());
    }
}
