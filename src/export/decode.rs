//! The text encoding of an export, told from its first bytes (a UTF-8 or UTF-16 byte-order
//! mark, else valid UTF-8, else Windows-1252, what Excel writes in western locales), and a
//! streaming decoder to UTF-8 built on encoding_rs.

use serde::Serialize;

/// Bytes of a file's start that decide its encoding.
pub const SNIFF_BYTES: usize = 1 << 20;

/// An export's text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 after a byte-order mark.
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    /// UTF-16, little-endian, after its byte-order mark.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16, big-endian, after its byte-order mark.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Windows-1252 (a superset of Latin-1): every byte is a character.
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    /// The encoding's name as reports show it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding of a file starting with `head`; `complete` when `head` is the whole file
    /// (otherwise a UTF-8 sequence cut at its end still counts as valid).
    pub fn sniff(head: &[u8], complete: bool) -> Encoding {
        if head.starts_with(b"\xEF\xBB\xBF") {
            return Encoding::Utf8Bom;
        }
        if head.starts_with(b"\xFF\xFE") {
            return Encoding::Utf16Le;
        }
        if head.starts_with(b"\xFE\xFF") {
            return Encoding::Utf16Be;
        }
        match std::str::from_utf8(head) {
            Ok(_) => Encoding::Utf8,
            // A sequence cut by the end of `head` (error_len None) is not an error.
            Err(e) if !complete && e.error_len().is_none() => Encoding::Utf8,
            Err(_) => Encoding::Windows1252,
        }
    }

    fn decoder(self) -> Option<encoding_rs::Decoder> {
        let encoding = match self {
            Encoding::Utf8 | Encoding::Utf8Bom => return None,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        };
        Some(encoding.new_decoder_with_bom_removal())
    }
}

/// Turns chunks of an export into UTF-8 bytes. UTF-8 passes through unchanged (invalid
/// sequences are caught per field, where the column can be named); other encodings are decoded,
/// and a malformed UTF-16 sequence becomes U+FFFD and is counted.
pub struct Decoder {
    encoding: Encoding,
    inner: Option<encoding_rs::Decoder>,
    /// Bytes of a UTF-8 BOM still to drop.
    bom_left: usize,
    malformed: u64,
}

impl Decoder {
    /// A decoder for `encoding`.
    pub fn new(encoding: Encoding) -> Decoder {
        Decoder {
            encoding,
            inner: encoding.decoder(),
            bom_left: if encoding == Encoding::Utf8Bom { 3 } else { 0 },
            malformed: 0,
        }
    }

    /// The encoding decoded.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Malformed sequences replaced so far.
    pub fn malformed(&self) -> u64 {
        self.malformed
    }

    /// Decodes `chunk` (the last one when `last`) and appends the UTF-8 to `out`.
    pub fn decode(&mut self, mut chunk: &[u8], last: bool, out: &mut Vec<u8>) {
        if self.bom_left > 0 {
            let n = self.bom_left.min(chunk.len());
            chunk = &chunk[n..];
            self.bom_left -= n;
        }
        let Some(decoder) = self.inner.as_mut() else {
            out.extend_from_slice(chunk);
            return;
        };
        loop {
            let room = decoder
                .max_utf8_buffer_length_without_replacement(chunk.len())
                .unwrap_or(chunk.len() * 3 + 16);
            let start = out.len();
            out.resize(start + room, 0);
            let (result, read, written) =
                decoder.decode_to_utf8_without_replacement(chunk, &mut out[start..], last);
            out.truncate(start + written);
            chunk = &chunk[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => return,
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    self.malformed += 1;
                    out.extend_from_slice("\u{FFFD}".as_bytes());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(encoding: Encoding, bytes: &[u8], size: usize) -> (String, u64) {
        let mut d = Decoder::new(encoding);
        let mut out = Vec::new();
        let chunks: Vec<&[u8]> = bytes.chunks(size).collect();
        for (i, c) in chunks.iter().enumerate() {
            d.decode(c, i + 1 == chunks.len(), &mut out);
        }
        if chunks.is_empty() {
            d.decode(&[], true, &mut out);
        }
        (String::from_utf8(out).unwrap(), d.malformed())
    }

    #[test]
    fn encodings_are_told_by_their_first_bytes() {
        assert_eq!(Encoding::sniff(b"\xEF\xBB\xBFa,b", true), Encoding::Utf8Bom);
        assert_eq!(Encoding::sniff(b"\xFF\xFEa\0", true), Encoding::Utf16Le);
        assert_eq!(Encoding::sniff(b"\xFE\xFF\0a", true), Encoding::Utf16Be);
        assert_eq!(Encoding::sniff("café".as_bytes(), true), Encoding::Utf8);
        assert_eq!(Encoding::sniff(b"caf\xE9", true), Encoding::Windows1252);
        // "é" cut in half at the end of a partial head is still UTF-8; of a whole file it is not.
        assert_eq!(Encoding::sniff(b"caf\xC3", false), Encoding::Utf8);
        assert_eq!(Encoding::sniff(b"caf\xC3", true), Encoding::Windows1252);
    }

    #[test]
    fn every_encoding_decodes_the_same_text_in_any_pieces() {
        let text = "Ticket,Text\n1,\"Café – “déjà vu” €5\"\n";
        let cp1252: Vec<u8> = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for (encoding, bytes) in [
            (Encoding::Windows1252, &cp1252),
            (Encoding::Utf16Le, &utf16),
            (Encoding::Utf8Bom, &bom),
        ] {
            assert_eq!(Encoding::sniff(bytes, true), encoding);
            for size in [1, 2, 3, 5, 1000] {
                assert_eq!(
                    decode_in_pieces(encoding, bytes, size),
                    (text.to_string(), 0),
                    "{encoding:?} in pieces of {size}"
                );
            }
        }
    }

    #[test]
    fn malformed_utf16_is_replaced_and_counted() {
        // An unpaired high surrogate (D800) before "a".
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, b'a', 0x00];
        assert_eq!(
            decode_in_pieces(Encoding::Utf16Le, &bytes, 1),
            ("\u{FFFD}a".to_string(), 1)
        );
    }
}
