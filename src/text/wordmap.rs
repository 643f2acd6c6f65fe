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
//! Why not the `phf` crate: it builds its table at compile time, so its slots are in the
//! module, in hash order, next to a fat `&str` pointer per entry; and it hashes with
//! SipHash-1-3. Measured on the TextBlob lexicon (2840 words, three code bytes each), each
//! alone in an otherwise empty wasm module (release, wasm-opt -Oz, gzip -9): `phf` 0.14 took
//! 29.4 kB, this map's data 10.3 kB (its code, with the allocator and `LazyLock`, 7.3 kB, which
//! the crate has anyway). Looking up the 593,755 word tokens of the ticket corpus natively
//! (best of 10, a loaded 2-core machine) took 32-35 ns per token with `phf`, 10 ns with this
//! map and 10-12 ns with the previous compile-time perfect hash.
//!
//! Lookups hash a word once ([`hash`], which callers may compute once for several tables),
//! then probe an open-addressing table at most half full, whose 64-bit slots hold a 16-bit
//! fingerprint of the hash, the word's length, where its bytes are and its position: a miss
//! usually costs one slot read, a hit one slot read and one comparison of the word's bytes.

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
/// Words of at most 16 bytes (nearly all) take one or two loads, without a loop.
#[inline]
pub(crate) fn hash(word: &[u8]) -> u64 {
    let len = word.len();
    let h = len as u64;
    if let Some(&first) = word.first_chunk::<8>() {
        let h = step(h, u64::from_le_bytes(first));
        if len == 8 {
            return h;
        }
        if let (true, Some(&last)) = (len <= 16, word.last_chunk::<8>()) {
            return step(h, u64::from_le_bytes(last) >> (8 * (16 - len)));
        }
        let rest = word.get(8..).unwrap_or_default();
        let mut h = h;
        let mut chunks = rest.chunks_exact(8);
        for chunk in &mut chunks {
            h = step(h, u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let tail = chunks.remainder().len();
        return if tail > 0 {
            step(h, tail_chunk(word, tail))
        } else {
            h
        };
    }
    if len == 0 {
        return h;
    }
    step(h, tail_chunk(word, len))
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

/// Longest word a [`WordMap`] finds (lengths are stored in 8 bits).
pub(crate) const MAX_WORD_LEN: usize = 0xff;

/// Most bytes of words a [`WordMap`] holds (starts are stored in 24 bits).
const MAX_BYTES: usize = 1 << 24;

/// A word list and a hash index of it: [`WordMap::find`] gives a word's position in the list.
#[derive(Debug, Clone)]
pub(crate) struct WordMap {
    /// The words back to back, in list order.
    bytes: String,
    /// Where each word starts in `bytes`, and then where the last one ends.
    starts: Vec<u32>,
    /// `0` for an empty slot, else, from the high bits: the word's fingerprint (the low 16 bits
    /// of its hash), its length (8 bits), its start in `bytes` (24 bits) and its position + 1
    /// (16 bits), so that one load tells a miss and gives a hit's bytes. A power of two, at
    /// least twice the number of words, so an empty slot ends every probe sequence.
    slots: Vec<u64>,
    /// `64 - log2(slots.len())`: the shift that gives a hash's first slot.
    shift: u32,
}

impl WordMap {
    /// The map of a word list (at most [`MAX_WORDS`] words, later ones left out, of at most
    /// [`MAX_WORD_LEN`] bytes, longer ones never found). A repeated word is found at its first
    /// position.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut map = Self::empty();
        for word in words {
            map.push(word);
        }
        map.index();
        map
    }

    /// The map of a front-coded list of UTF-8 words ([`packed::for_each_front_coded`]); a word
    /// that is not UTF-8 is left out.
    pub(crate) fn from_front_coded(data: &[u8]) -> Self {
        let mut map = Self::empty();
        packed::for_each_front_coded(data, |word| {
            if let Ok(word) = std::str::from_utf8(word) {
                map.push(word);
            }
        });
        map.index();
        map
    }

    fn empty() -> Self {
        Self {
            bytes: String::new(),
            starts: vec![0],
            slots: Vec::new(),
            shift: 63,
        }
    }

    fn push(&mut self, word: &str) {
        if self.len() < MAX_WORDS && self.bytes.len() + word.len() < MAX_BYTES {
            self.bytes.push_str(word);
            self.starts.push(self.bytes.len() as u32);
        }
    }

    /// Builds the hash index of the words pushed so far.
    fn index(&mut self) {
        self.bytes.shrink_to_fit();
        self.starts.shrink_to_fit();
        let n = self.len();
        let size = (4 * n).max(2).next_power_of_two();
        self.shift = 64 - size.trailing_zeros();
        self.slots = vec![0; size];
        let mask = size - 1;
        for i in 0..n {
            let start = self.starts.get(i).copied().unwrap_or(0);
            let word = self.word(i).unwrap_or_default().as_bytes();
            let (h, len) = (hash(word), word.len());
            if len > MAX_WORD_LEN || self.find_hashed(h, word).is_some() {
                continue;
            }
            let mut at = self.home(h);
            while self.slots.get(at).is_some_and(|&s| s != 0) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = tag(h, len) | u64::from(start) << 16 | (i as u64 + 1);
            }
        }
    }

    /// The first slot to probe for hash `h`: its top bits, the best mixed.
    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    /// The number of words in the list.
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Word `i` of the list.
    #[inline]
    pub(crate) fn word(&self, i: usize) -> Option<&str> {
        let start = *self.starts.get(i)? as usize;
        let end = *self.starts.get(i + 1)? as usize;
        self.bytes.get(start..end)
    }

    /// The position of `word` in the list, if it is in it.
    #[inline]
    pub(crate) fn find(&self, word: &[u8]) -> Option<usize> {
        self.find_hashed(hash(word), word)
    }

    /// [`WordMap::find`] given `h == hash(word)`. Inlined up to the first slot, which for
    /// most misses is empty.
    #[inline]
    pub(crate) fn find_hashed(&self, h: u64, word: &[u8]) -> Option<usize> {
        let at = self.home(h);
        if *self.slots.get(at)? == 0 {
            return None;
        }
        self.probe(at, tag(h, word.len()), word)
    }

    /// Whether the word of (non-empty) `slot` is `word`, given their tags are equal.
    #[inline]
    fn holds(&self, slot: u64, word: &[u8]) -> bool {
        let start = (slot >> 16 & 0xff_ffff) as usize;
        self.bytes
            .as_bytes()
            .get(start..start + word.len())
            .is_some_and(|w| equal(w, word))
    }

    /// The rest of [`WordMap::find_hashed`], from slot `at`.
    #[inline(never)]
    fn probe(&self, mut at: usize, tag: u64, word: &[u8]) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        // At most every slot; an empty one (there always is one) ends the search sooner.
        for _ in 0..self.slots.len() {
            let slot = *self.slots.get(at)?;
            if slot == 0 {
                return None;
            }
            if slot & TAG_BITS == tag && self.holds(slot, word) {
                return Some((slot & 0xffff) as usize - 1);
            }
            at = (at + 1) & mask;
        }
        None
    }
}

/// `a == b`, without a call for slices of at most 16 bytes (the first, middle and last byte
/// of at most three, or two overlapping loads).
#[inline]
fn equal(a: &[u8], b: &[u8]) -> bool {
    let load8 = |s: &[u8]| {
        let first = s.first_chunk::<8>().map(|c| u64::from_le_bytes(*c));
        let last = s.last_chunk::<8>().map(|c| u64::from_le_bytes(*c));
        (first, last)
    };
    let load4 = |s: &[u8]| {
        let first = s.first_chunk::<4>().map(|c| u32::from_le_bytes(*c));
        let last = s.last_chunk::<4>().map(|c| u32::from_le_bytes(*c));
        (first, last)
    };
    let three = |s: &[u8], n: usize| (s.first().copied(), s.get(n / 2).copied(), s.last().copied());
    match a.len() {
        n if n != b.len() => false,
        0 => true,
        n @ 1..4 => three(a, n) == three(b, n),
        4..8 => load4(a) == load4(b),
        8..=16 => load8(a) == load8(b),
        _ => a == b,
    }
}

/// The bits of a slot that [`tag`] sets.
const TAG_BITS: u64 = !((1 << 40) - 1);

/// A slot's fingerprint and length bits, for a word of hash `h` and `len` bytes (a length over
/// [`MAX_WORD_LEN`] gives the tag of a shorter word, whose bytes then differ).
#[inline]
fn tag(h: u64, len: usize) -> u64 {
    (h << 48) | ((len as u64 & 0xff) << 40)
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
        let words = [
            "good",
            "",
            "a",
            "\0",
            "very good",
            "goo",
            "gooo",
            "a",
            "ünïcödé",
        ];
        let map = WordMap::new(words);
        assert_eq!(map.len(), 9);
        for (i, word) in words.iter().enumerate().filter(|&(i, _)| i != 7) {
            assert_eq!(map.find(word.as_bytes()), Some(i), "{word:?}");
            assert_eq!(map.word(i), Some(*word));
        }
        // The repeated "a" is found at its first position.
        assert_eq!(map.find(b"a"), Some(2));
        for word in [
            &b"goodx"[..],
            b"go",
            b"\0\0",
            b"very",
            b"A",
            b"good\0",
            b"gooo\0",
        ] {
            assert_eq!(map.find(word), None, "{word:?}");
        }
        assert_eq!(map.word(9), None);
    }

    #[test]
    fn equal_compares_every_length() {
        let text: Vec<u8> = (0u8..40).collect();
        for len in 0..=33 {
            let a = &text[..len];
            assert!(equal(a, a));
            for i in 0..len {
                let mut b = a.to_vec();
                b[i] ^= 1;
                assert!(!equal(a, &b), "{len} {i}");
            }
            assert!(!equal(a, &text[..len + 1]));
        }
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
        let words: Vec<String> = (0..5000u32)
            .map(|i| format!("{}{i}", "prefix__".repeat((i % 3) as usize)))
            .collect();
        let map = WordMap::new(words.iter().map(String::as_str));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.find(w.as_bytes()), Some(i));
            assert_eq!(map.find(format!("{w}x").as_bytes()), None);
            assert_eq!(map.find(format!("x{w}").as_bytes()), None);
        }
    }
}
