//! The one word-table mechanism of the crate: a read-only hash map from a word to its position
//! in a word list, built at first use from generated data (the TextBlob and VADER lexicons,
//! the stopwords, the lemma tables).
//!
//! Each table ships only what its lookups need, in the order that compresses best: its words
//! sorted and front-coded ([`crate::text::packed`]), and per word a few small integer codes in
//! the same order (each table keeps them next to its words). The hash index is built in
//! memory when a table is first used, so none of its high-entropy slots is in the module:
//! with them, the previous compile-time perfect-hash tables took 28 kB (TextBlob) of the
//! gzip'd module where its words and codes alone take 10 kB.
//!
//! Lookups hash a word once ([`hash`], which callers may compute once for several tables),
//! then probe an open-addressing table at most half full, whose slots hold a 16-bit
//! fingerprint of the hash and the word's position: a miss usually costs one slot read, a hit
//! one slot read and one comparison of the word's bytes.

use super::packed;

/// Multiplier of [`hash`] (2^64 / φ).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// One step of [`hash`]: an 8-byte chunk mixed into `h`.
#[inline]
fn step(h: u64, chunk: u64) -> u64 {
    let h = (h ^ chunk).wrapping_mul(MULTIPLIER);
    h ^ (h >> 32)
}

/// The hash of a word: over its bytes as little-endian 8-byte chunks, the last one
/// zero-padded, `h = ((h ^ chunk) * MULTIPLIER) ^ (… >> 32)`, starting from its length.
#[inline]
pub(crate) fn hash(word: &[u8]) -> u64 {
    let len = word.len();
    let mut h = len as u64;
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        h = step(h, u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
    }
    let tail = chunks.remainder().len();
    if tail > 0 {
        h = step(h, tail_chunk(word, tail));
    }
    h
}

/// The last `tail` (1 to 7) bytes of `word` as a zero-padded little-endian number, read with
/// as few loads as possible: an overlapping 8-byte load when the word is long enough, else
/// two overlapping 4-byte loads, else the bytes.
#[inline]
fn tail_chunk(word: &[u8], tail: usize) -> u64 {
    let len = word.len();
    if let Some(last) = word.last_chunk::<8>() {
        return u64::from_le_bytes(*last) >> (8 * (8 - tail));
    }
    if let (Some(first), Some(last)) = (word.first_chunk::<4>(), word.last_chunk::<4>()) {
        let first = u64::from(u32::from_le_bytes(*first));
        let last = u64::from(u32::from_le_bytes(*last));
        return first | ((last >> (8 * (8 - len))) << 32);
    }
    let byte = |i: usize| u64::from(word.get(i).copied().unwrap_or(0));
    byte(0) | (byte(len / 2) << (8 * (len / 2))) | (byte(len - 1) << (8 * (len - 1)))
}

/// [`hash`] of a word of `len` bytes given as its zero-padded little-endian 8-byte chunks (at
/// least `len.div_ceil(8)` of them), for callers that build the chunks in registers.
#[inline]
pub(crate) fn hash_chunks(chunks: &[u64], len: usize) -> u64 {
    chunks
        .iter()
        .take(len.div_ceil(8))
        .fold(len as u64, |h, &chunk| step(h, chunk))
}

/// Most words a [`WordMap`] holds (positions are stored in 16 bits, 0 meaning empty).
pub(crate) const MAX_WORDS: usize = u16::MAX as usize - 1;

/// A word list and a hash index of it: [`WordMap::find`] gives a word's position in the list.
#[derive(Debug, Clone)]
pub(crate) struct WordMap {
    /// The words' bytes back to back, in list order.
    bytes: Vec<u8>,
    /// Where each word starts in `bytes`, and then where the last one ends.
    starts: Vec<u32>,
    /// `0` for an empty slot, else the word's fingerprint (the low 16 bits of its hash) in
    /// the high half and its position + 1 in the low half. A power of two, at least twice the
    /// number of words, so an empty slot ends every probe sequence.
    slots: Vec<u32>,
    /// `slots.len() == 1 << bits`.
    bits: u32,
}

impl WordMap {
    /// The map of a word list (at most [`MAX_WORDS`]; later words are left out). A repeated
    /// word is found at its first position.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut map = Self::empty();
        for word in words {
            map.push(word);
        }
        map.index();
        map
    }

    /// The map of a front-coded word list ([`packed::for_each_front_coded`]).
    pub(crate) fn from_front_coded(data: &[u8]) -> Self {
        let mut map = Self::empty();
        packed::for_each_front_coded(data, |word| map.push(word));
        map.index();
        map
    }

    fn empty() -> Self {
        Self {
            bytes: Vec::new(),
            starts: vec![0],
            slots: Vec::new(),
            bits: 0,
        }
    }

    fn push(&mut self, word: &[u8]) {
        if self.len() < MAX_WORDS {
            self.bytes.extend_from_slice(word);
            self.starts.push(self.bytes.len() as u32);
        }
    }

    /// Builds the hash index of the words pushed so far.
    fn index(&mut self) {
        self.bytes.shrink_to_fit();
        self.starts.shrink_to_fit();
        let n = self.len();
        self.bits = (2 * n).max(2).next_power_of_two().trailing_zeros();
        self.slots = vec![0; 1 << self.bits];
        let mask = self.slots.len() - 1;
        for i in 0..n {
            let word = self.word(i).unwrap_or_default();
            let h = hash(word);
            if self.find_hashed(h, word).is_some() {
                continue;
            }
            let mut at = self.home(h);
            while self.slots.get(at).is_some_and(|&s| s != 0) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = (h as u32) << 16 | (i as u32 + 1);
            }
        }
    }

    /// The first slot to probe for hash `h`: its top bits, the best mixed.
    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    /// The number of words in the list.
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Word `i` of the list.
    #[inline]
    pub(crate) fn word(&self, i: usize) -> Option<&[u8]> {
        let start = *self.starts.get(i)? as usize;
        let end = *self.starts.get(i + 1)? as usize;
        self.bytes.get(start..end)
    }

    /// The position of `word` in the list, if it is in it.
    #[inline]
    pub(crate) fn find(&self, word: &[u8]) -> Option<usize> {
        self.find_hashed(hash(word), word)
    }

    /// [`WordMap::find`] given `h == hash(word)`.
    #[inline]
    pub(crate) fn find_hashed(&self, h: u64, word: &[u8]) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let fingerprint = (h as u32) << 16;
        let mut at = self.home(h);
        // At most every slot; an empty one (there always is one) ends the search sooner.
        for _ in 0..self.slots.len() {
            let slot = *self.slots.get(at)?;
            if slot == 0 {
                return None;
            }
            if slot & 0xffff_0000 == fingerprint {
                let i = (slot & 0xffff) as usize - 1;
                if self.word(i) == Some(word) {
                    return Some(i);
                }
            }
            at = (at + 1) & mask;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_of_bytes_equals_hash_of_zero_padded_chunks() {
        let text: Vec<u8> = (0u8..64)
            .map(|i| i.wrapping_mul(37).wrapping_add(1))
            .collect();
        for start in 0..8 {
            for len in 0..=40 {
                let word = &text[start..start + len];
                let mut chunks = [0u64; 5];
                for (k, chunk) in word.chunks(8).enumerate() {
                    let mut padded = [0u8; 8];
                    padded[..chunk.len()].copy_from_slice(chunk);
                    chunks[k] = u64::from_le_bytes(padded);
                }
                assert_eq!(hash(word), hash_chunks(&chunks, len), "{word:?}");
            }
        }
    }

    #[test]
    fn finds_exactly_the_words_at_their_positions() {
        let words: [&[u8]; 8] = [
            b"good",
            b"",
            b"a",
            b"\0",
            b"very good",
            b"goo",
            b"gooo",
            b"a",
        ];
        let map = WordMap::new(words);
        assert_eq!(map.len(), 8);
        for (i, word) in words.iter().enumerate().take(7) {
            assert_eq!(map.find(word), Some(i), "{word:?}");
            assert_eq!(map.word(i), Some(*word));
        }
        // The repeated "a" is found at its first position.
        assert_eq!(map.find(b"a"), Some(2));
        for word in [&b"goodx"[..], b"go", b"\0\0", b"very", b"A", b"good\0"] {
            assert_eq!(map.find(word), None, "{word:?}");
        }
        assert_eq!(map.word(8), None);
    }

    #[test]
    fn front_coded_list_gives_the_same_map() {
        let map = WordMap::from_front_coded(b"\x00abandon\x07ed\x07ment\x00b");
        assert_eq!(map.len(), 4);
        assert_eq!(map.find(b"abandoned"), Some(1));
        assert_eq!(map.find(b"abandonment"), Some(2));
        assert_eq!(map.find(b"abandonme"), None);
        let empty = WordMap::from_front_coded(b"");
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.find(b""), None);
        assert_eq!(empty.find(b"a"), None);
    }

    #[test]
    fn many_words_with_shared_chunks() {
        // Words differing only in their last byte, or only in length, all distinct.
        let words: Vec<Vec<u8>> = (0..5000u32)
            .map(|i| {
                let mut w = b"prefix__".repeat((i % 3) as usize);
                w.extend_from_slice(format!("{i}").as_bytes());
                w
            })
            .collect();
        let map = WordMap::new(words.iter().map(Vec::as_slice));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.find(w), Some(i));
            let mut other = w.clone();
            other.push(b'x');
            assert_eq!(map.find(&other), None);
        }
    }
}
