//! The JSON Lines scoring contract shared by the CLI and the tests: one request
//! `{"id": <any JSON>, "text": <string>}` per line in, one response line per request out, in order.
//!
//! Memory is bounded by the longest line accepted ([`MAX_LINE_BYTES`] unless the caller says
//! otherwise): a line is read into one buffer, never more than the limit of it, and its text is
//! decoded in that buffer (borrowed when it has no escapes, unescaped in place when it has), so
//! scoring a line costs the line once plus what the analyzer needs.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, Write};
use std::marker::PhantomData;
use std::ops::Range;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::{Error, Result};

/// The longest request line read by default, in bytes before its newline: 512 MiB.
///
/// Chosen so that a text of a few hundred megabytes (300 MB is tested) is still scored, while
/// the memory one line can take stays bounded: the line once, and the analyzers take at most
/// about twice the text on top of it. A longer line is rejected as soon as the limit is passed,
/// and read past without being buffered.
pub const MAX_LINE_BYTES: usize = 512 << 20;

/// Buffers grown past this by a long line are given back before the next line.
const KEEP_BUFFER_BYTES: usize = 1 << 20;

/// One request line: the id is kept as raw JSON and echoed back byte for byte, whatever JSON it
/// is; `T` is how the text is read (raw JSON on the fast path, a `String` to name errors).
///
/// Only a JSON object is a request: `Deserialize` is written out rather than derived, because
/// the derived one also reads a JSON array positionally (`[1, "x"]`).
struct Request<'a, T> {
    id: &'a RawValue,
    text: T,
}

/// The keys of a request object; any other key is ignored.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    Id,
    Text,
    #[serde(other)]
    Other,
}

impl<'de: 'a, 'a, T: Deserialize<'de>> Deserialize<'de> for Request<'a, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RequestVisitor(PhantomData))
    }
}

struct RequestVisitor<'a, T>(PhantomData<(&'a (), T)>);

impl<'de: 'a, 'a, T: Deserialize<'de>> Visitor<'de> for RequestVisitor<'a, T> {
    type Value = Request<'a, T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut id, mut text) = (None, None);
        while let Some(key) = map.next_key()? {
            match key {
                Field::Id if id.is_some() => return Err(de::Error::duplicate_field("id")),
                Field::Id => id = Some(map.next_value()?),
                Field::Text if text.is_some() => {
                    return Err(de::Error::duplicate_field("text"));
                }
                Field::Text => text = Some(map.next_value()?),
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Request {
            id: id.ok_or_else(|| de::Error::missing_field("id"))?,
            text: text.ok_or_else(|| de::Error::missing_field("text"))?,
        })
    }
}

/// One response line: the request's id followed by the analyzer's fields.
#[derive(Serialize)]
struct Response<'a, S> {
    id: &'a RawValue,
    #[serde(flatten)]
    scores: S,
}

/// What a scoring run did: lines answered and lines rejected.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Requests answered with a response line.
    pub scored: u64,
    /// Lines that were not valid requests, each passed to the `rejected` callback.
    pub rejected: u64,
}

/// Reads requests from `input`, writes `score(text)` for each to `out` as one JSON line.
///
/// A line that is not a valid request is passed to `rejected` as an [`Error::JsonLine`] naming
/// its 1-based line number, as soon as it is read, and scoring goes on with the next line, so
/// one bad line loses nothing else; blank lines are skipped. A line longer than
/// `max_line_bytes` before its `\n` is rejected when the limit is passed, and
/// the rest of it is read and dropped without being kept. A UTF-8 byte order mark at the start
/// of the input is ignored. Each response is serialized in full before it is written, so a
/// line is never printed half. Only I/O failures stop the run.
pub fn score_lines<S, F, R>(
    mut input: impl BufRead,
    mut out: impl Write,
    max_line_bytes: usize,
    mut score: F,
    mut rejected: R,
) -> Result<Summary>
where
    S: Serialize,
    F: FnMut(&str) -> S,
    R: FnMut(Error),
{
    let mut summary = Summary::default();
    let mut raw = Vec::new();
    let mut line_buf = Vec::new();
    let mut reject = |summary: &mut Summary, line: u64, message: String| {
        summary.rejected += 1;
        rejected(line_error(line, message));
    };
    for line in 1.. {
        shrink(&mut raw);
        shrink(&mut line_buf);
        match read_line(&mut input, &mut raw, max_line_bytes)? {
            LineRead::Eof => break,
            LineRead::Line => {}
            LineRead::TooLong => {
                let message =
                    format!("longer than the limit of {max_line_bytes} bytes; line skipped");
                reject(&mut summary, line, message);
                skip_line(&mut input)?;
                continue;
            }
        }
        if line == 1 && raw.starts_with(BOM) {
            raw.drain(..BOM.len());
        }
        let end = raw
            .iter()
            .rposition(|&b| b != b'\n' && b != b'\r')
            .map_or(0, |e| e + 1);
        raw.truncate(end);
        let fast = match std::str::from_utf8(&raw) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => fast_path(text),
            Err(e) => {
                reject(&mut summary, line, format!("not UTF-8 ({e})"));
                continue;
            }
        };
        let request = match decode_request(&mut raw, fast) {
            Ok(request) => request,
            Err(message) => {
                reject(&mut summary, line, message);
                continue;
            }
        };
        line_buf.clear();
        let response = Response {
            id: request.id,
            scores: score(&request.text),
        };
        serde_json::to_writer(&mut line_buf, &response)
            .map_err(|e| line_error(line, format!("cannot write the response: {e}")))?;
        line_buf.push(b'\n');
        out.write_all(&line_buf)?;
        summary.scored += 1;
    }
    out.flush()?;
    Ok(summary)
}

fn line_error(line: u64, message: String) -> Error {
    Error::JsonLine { line, message }
}

/// serde_json's message without its own " at line 1 column N" suffix, with the column kept.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = full.split(" at line ").next().unwrap_or(&full);
    match e.classify() {
        serde_json::error::Category::Data => {
            format!("{message} (expected {{\"id\": ..., \"text\": \"...\"}})")
        }
        _ => format!("invalid JSON: {message} at column {}", e.column()),
    }
}

/// The UTF-8 byte order mark, ignored at the start of the input.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Gives back the memory of a buffer that a long line grew.
fn shrink(buf: &mut Vec<u8>) {
    if buf.capacity() > KEEP_BUFFER_BYTES {
        *buf = Vec::new();
    }
}

/// What [`read_line`] found.
enum LineRead {
    /// The input has ended.
    Eof,
    /// One line, with its line ending if it had one, is in the buffer.
    Line,
    /// The line is longer than the limit; the buffer holds none of it and the input is inside
    /// the line.
    TooLong,
}

/// Reads one line into `buf` (cleared first), keeping at most `max` bytes before its `\n`.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<LineRead> {
    buf.clear();
    let most = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let read = io::Read::take(&mut *input, most).read_until(b'\n', buf)?;
    if read == 0 {
        Ok(LineRead::Eof)
    } else if buf.ends_with(b"\n") || (read as u64) < most {
        Ok(LineRead::Line)
    } else {
        buf.clear();
        Ok(LineRead::TooLong)
    }
}

/// Reads past the rest of the current line, its `\n` included, keeping none of it.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    input.skip_until(b'\n')?;
    Ok(())
}

/// A request decoded in its line's buffer: the text borrowed from it (or, on the slow path,
/// decoded by serde_json).
struct Decoded<'a> {
    id: &'a RawValue,
    text: Cow<'a, str>,
}

/// Where a request's id and text body (between the quotes) are in `line`, and whether the
/// text has escapes: the request read with its text as raw JSON, so nothing is copied.
type FastPath = Option<(Range<usize>, Range<usize>, bool)>;

/// The [`FastPath`] of a line, `None` if the line is not a request with a string text.
fn fast_path(line: &str) -> FastPath {
    let request: Request<&RawValue> = serde_json::from_str(line).ok()?;
    let body = request.text.get().strip_prefix('"')?.strip_suffix('"')?;
    let escaped = memchr::memchr(b'\\', body.as_bytes()).is_some();
    Some((
        sub_range(line, request.id.get())?,
        sub_range(line, body)?,
        escaped,
    ))
}

/// Decodes the request in `raw` (one UTF-8 line without its line ending), of which `fast`
/// is the [`fast_path`].
///
/// The fast path decodes the text in the line's own buffer. Anything that path does not take
/// (an error, or a text it cannot decode in place) is read again with the text as a
/// `String`, which gives serde_json's own message for what is wrong.
fn decode_request(raw: &mut [u8], fast: FastPath) -> Result<Decoded<'_>, String> {
    let decoded = fast.and_then(|(id, body, escaped)| {
        let len = if escaped {
            unescape_in_place(raw.get_mut(body.clone())?)?
        } else {
            body.len()
        };
        Some((id, body.start..body.start + len))
    });
    let raw: &[u8] = raw;
    let fast = decoded.and_then(|(id, text)| {
        let id = serde_json::from_str(std::str::from_utf8(raw.get(id)?).ok()?).ok()?;
        let text = std::str::from_utf8(raw.get(text)?).ok()?;
        Some(Decoded {
            id,
            text: Cow::Borrowed(text),
        })
    });
    if let Some(decoded) = fast {
        return Ok(decoded);
    }
    let line = std::str::from_utf8(raw).map_err(|e| format!("not UTF-8 ({e})"))?;
    match serde_json::from_str::<Request<String>>(line) {
        Ok(request) => Ok(Decoded {
            id: request.id,
            text: Cow::Owned(request.text),
        }),
        Err(e) => Err(json_message(&e)),
    }
}

/// Where `inner`, a part of `outer`, lies in it.
fn sub_range(outer: &str, inner: &str) -> Option<Range<usize>> {
    let start = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    let end = start.checked_add(inner.len())?;
    (end <= outer.len()).then_some(start..end)
}

/// Decodes the escapes of a JSON string's body (between its quotes, as serde_json validated
/// it) in place, returning the decoded length; `None`, with `body` unchanged, where serde_json
/// would not read the string as text (a lone surrogate) or the body is not valid.
///
/// Every escape is at least as long as what it stands for, so the decoded text is written
/// over the body from its start, never past what has been read.
fn unescape_in_place(body: &mut [u8]) -> Option<usize> {
    unescape(body, false)?;
    unescape(body, true)
}

/// One pass of [`unescape_in_place`]: checks only, or also writes.
fn unescape(body: &mut [u8], write: bool) -> Option<usize> {
    let (mut r, mut w) = (0, 0);
    let mut utf8 = [0; 4];
    loop {
        let run = memchr::memchr(b'\\', body.get(r..)?).unwrap_or(body.len() - r);
        if write && w != r {
            body.copy_within(r..r + run, w);
        }
        r += run;
        w += run;
        if r == body.len() {
            return Some(w);
        }
        let (decoded, len): (&[u8], usize) = match *body.get(r + 1)? {
            b'"' => (b"\"", 2),
            b'\\' => (b"\\", 2),
            b'/' => (b"/", 2),
            b'b' => (b"\x08", 2),
            b'f' => (b"\x0c", 2),
            b'n' => (b"\n", 2),
            b'r' => (b"\r", 2),
            b't' => (b"\t", 2),
            b'u' => {
                let (c, len) = match hex4(body.get(r + 2..r + 6)?)? {
                    n @ 0xD800..=0xDBFF => {
                        if body.get(r + 6..r + 8)? != b"\\u" {
                            return None;
                        }
                        let n2 = hex4(body.get(r + 8..r + 12)?)?;
                        if !(0xDC00..=0xDFFF).contains(&n2) {
                            return None;
                        }
                        let c = 0x1_0000 + ((n - 0xD800) << 10) + (n2 - 0xDC00);
                        (char::from_u32(c)?, 12)
                    }
                    0xDC00..=0xDFFF => return None,
                    n => (char::from_u32(n)?, 6),
                };
                (c.encode_utf8(&mut utf8).as_bytes(), len)
            }
            _ => return None,
        };
        r += len;
        if write {
            body.get_mut(w..w + decoded.len())?.copy_from_slice(decoded);
        }
        w += decoded.len();
    }
}

/// The value of four hex digits.
fn hex4(digits: &[u8]) -> Option<u32> {
    let digits = std::str::from_utf8(digits).ok()?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Len {
        chars: usize,
    }

    /// Scores `input` with a limit, returning the output and every rejection's message.
    fn run_limited(input: &[u8], max: usize) -> (String, Summary, Vec<String>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let summary = score_lines(
            input,
            &mut out,
            max,
            |t| Len {
                chars: t.chars().count(),
            },
            |e| errors.push(e.to_string()),
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), summary, errors)
    }

    fn run(input: &str) -> (String, Summary, Vec<String>) {
        run_limited(input.as_bytes(), MAX_LINE_BYTES)
    }

    #[test]
    fn echoes_any_json_id_byte_for_byte_in_order() {
        let input = concat!(
            "{\"id\": 18446744073709551617123, \"text\": \"abc\"}\n",
            "{\"text\": \"é\", \"id\": {\"k\": [1, 2.50]}}\n",
            "{\"id\": null, \"text\": \"\"}"
        );
        let (out, summary, errors) = run(input);
        assert_eq!(
            out,
            "{\"id\":18446744073709551617123,\"chars\":3}\n{\"id\":{\"k\": [1, 2.50]},\"chars\":1}\n{\"id\":null,\"chars\":0}\n"
        );
        assert_eq!(summary.scored, 3);
        assert!(errors.is_empty());
    }

    #[test]
    fn bad_lines_are_rejected_by_line_number_and_lose_nothing_else() {
        let input = "{\"id\":1,\"text\":\"a\"}\n{\"id\":2}\n\n{\"id\":3,\"text\":7}\nnot json\n{\"id\":4,\"text\":\"bb\"}\n{\"text\":7}\n";
        let (out, summary, errors) = run(input);
        assert_eq!(out, "{\"id\":1,\"chars\":1}\n{\"id\":4,\"chars\":2}\n");
        assert_eq!(
            summary,
            Summary {
                scored: 2,
                rejected: 4
            }
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(
            errors[0].starts_with("line 2: missing field `text`"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].starts_with("line 4: invalid type: integer `7`"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].starts_with("line 5: invalid JSON: expected ident at column 2"),
            "{}",
            errors[2]
        );
        // The text's error comes first, as serde_json finds it, not the missing id.
        assert!(
            errors[3].starts_with("line 7: invalid type: integer `7`"),
            "{}",
            errors[3]
        );
    }

    #[test]
    fn only_a_json_object_is_a_request() {
        let input = "[1,\"x\"]\n\"x\"\n{\"id\":1,\"text\":\"a\",\"id\":2}\n{\"id\":1,\"x\":[{}],\"text\":\"a\"}\n";
        let (out, summary, errors) = run(input);
        assert_eq!(out, "{\"id\":1,\"chars\":1}\n");
        assert_eq!(
            summary,
            Summary {
                scored: 1,
                rejected: 3
            }
        );
        assert!(
            errors[0].starts_with("line 1: invalid type: sequence, expected a JSON object"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].starts_with("line 2: invalid type: string \"x\", expected a JSON object"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].starts_with("line 3: duplicate field `id`"),
            "{}",
            errors[2]
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored_at_the_start_only() {
        let input = "\u{feff}{\"id\":1,\"text\":\"a\"}\n\u{feff}{\"id\":2,\"text\":\"a\"}\n";
        let (out, summary, errors) = run(input);
        assert_eq!(out, "{\"id\":1,\"chars\":1}\n");
        assert_eq!(summary.rejected, 1);
        assert!(
            errors[0].starts_with("line 2: invalid JSON"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn invalid_utf8_is_rejected_with_its_line() {
        let mut input = b"{\"id\":1,\"text\":\"a\"}\n".to_vec();
        input.extend_from_slice(b"{\"id\":2,\"text\":\"\xff\"}\r\n");
        let (_, summary, errors) = run_limited(&input, MAX_LINE_BYTES);
        assert_eq!(
            summary,
            Summary {
                scored: 1,
                rejected: 1
            }
        );
        assert!(errors[0].starts_with("line 2: not UTF-8"), "{}", errors[0]);
    }

    #[test]
    fn a_line_over_the_limit_is_rejected_and_the_next_lines_are_scored() {
        let line = |text: &str| format!("{{\"id\":1,\"text\":\"{text}\"}}");
        let at_limit = line("abcdef");
        let max = at_limit.len();
        let input = format!(
            "{at_limit}\n{}\n{}\r\n{}",
            line("abcdefg"),
            line("abcde"),
            line("abcdefgh")
        );
        let (out, summary, errors) = run_limited(input.as_bytes(), max);
        // The limit counts the bytes before the `\n`, a `\r` included.
        assert_eq!(out, "{\"id\":1,\"chars\":6}\n{\"id\":1,\"chars\":5}\n");
        assert_eq!(
            summary,
            Summary {
                scored: 2,
                rejected: 2
            }
        );
        let want = format!("longer than the limit of {max} bytes; line skipped");
        assert_eq!(
            errors,
            [format!("line 2: {want}"), format!("line 4: {want}")]
        );
    }

    /// A reader that fails once read past its data, like an input that never ends.
    struct ThenFail<'a>(&'a [u8]);

    impl io::Read for ThenFail<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("read past the end"));
            }
            let n = io::Read::read(&mut self.0, buf)?;
            Ok(n)
        }
    }

    #[test]
    fn a_long_line_is_rejected_as_soon_as_the_limit_is_passed() {
        let zeros = vec![0u8; 100_000];
        let mut errors = Vec::new();
        let result = score_lines(
            io::BufReader::with_capacity(4096, ThenFail(&zeros)),
            io::sink(),
            10_000,
            |t| t.len(),
            |e| errors.push(e.to_string()),
        );
        // The rejection is reported before the rest of the line is read.
        assert_eq!(
            errors,
            ["line 1: longer than the limit of 10000 bytes; line skipped"]
        );
        assert!(matches!(result, Err(Error::Io(_))), "{result:?}");
    }

    /// JSON string literals with escapes, and what serde_json makes of them as `String`.
    #[test]
    fn escapes_are_decoded_in_place_as_serde_json_decodes_them() {
        let literals = [
            r#""a\nb\"c\\d\/e\bf\fg\rh\ti""#,
            r#""\u00e9\u00E9 \u20ac \ud83d\ude00 x""#,
            r#""\u0000\u001f""#,
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\ud83d\n""#,
            r#""\ud83dx""#,
            r#""é\\""#,
        ];
        for literal in literals {
            let want = serde_json::from_str::<String>(literal).ok();
            let mut body = literal.as_bytes()[1..literal.len() - 1].to_vec();
            let before = body.clone();
            let got = unescape_in_place(&mut body)
                .map(|n| String::from_utf8(body[..n].to_vec()).unwrap());
            assert_eq!(got, want, "{literal}");
            if got.is_none() {
                assert_eq!(body, before, "{literal}: changed on failure");
            }
        }
    }

    #[test]
    fn a_lone_surrogate_is_named_as_serde_json_names_it() {
        let (out, _, errors) = run("{\"id\":1,\"text\":\"a\\ud83d\"}\n");
        assert_eq!(out, "");
        assert_eq!(
            errors,
            ["line 1: invalid JSON: unexpected end of hex escape at column 24"]
        );
    }

    proptest::proptest! {
        /// Any mix of raw characters, short escapes, `\u` escapes (pairs for non-BMP) and lone
        /// surrogates decodes as serde_json decodes it, or fails where serde_json does.
        #[test]
        fn unescape_equals_serde_json(parts in proptest::collection::vec(
            (proptest::char::any(), 0u8..4, 0xd800u32..0xe000), 0..40)) {
            let mut literal = String::from("\"");
            for (c, how, surrogate) in parts {
                match how {
                    0 if c != '"' && c != '\\' && c >= ' ' => literal.push(c),
                    0 | 1 => {
                        let escaped = serde_json::to_string(&c.to_string()).unwrap();
                        literal.push_str(&escaped[1..escaped.len() - 1]);
                    }
                    2 => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            literal.push_str(&format!("\\u{u:04x}"));
                        }
                    }
                    _ => literal.push_str(&format!("\\u{surrogate:04X}")),
                }
            }
            literal.push('"');
            let want = serde_json::from_str::<String>(&literal).ok();
            let mut body = literal.as_bytes()[1..literal.len() - 1].to_vec();
            let got = unescape_in_place(&mut body)
                .map(|n| String::from_utf8(body[..n].to_vec()).unwrap());
            proptest::prop_assert_eq!(got, want, "{}", literal);
        }
    }
}
