//! The JSON Lines scoring contract shared by the CLI and the tests: one request
//! `{"id": <any JSON>, "text": <string>}` per line in, one response line per request out, in order.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::{Error, Result};

/// One request line. The `id` is echoed back byte for byte, whatever JSON it is.
#[derive(Deserialize)]
struct Request<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    text: String,
}

/// One response line: the request's id followed by the analyzer's fields.
#[derive(Serialize)]
struct Response<'a, S> {
    id: &'a RawValue,
    #[serde(flatten)]
    scores: S,
}

/// What a scoring run did: lines answered, and the rejected lines with their errors.
#[derive(Debug, Default)]
pub struct Summary {
    /// Requests answered with a response line.
    pub scored: u64,
    /// Lines that were not valid requests, each an [`Error::JsonLine`] naming its line.
    pub rejected: Vec<Error>,
}

/// Reads requests from `input`, writes `score(text)` for each to `out` as one JSON line.
///
/// A line that is not a valid request is rejected with an error naming its 1-based line number
/// and scoring goes on with the next line, so one bad line loses nothing else; blank lines are
/// skipped. Each response is serialized in full before it is written, so a line is never
/// printed half. Only I/O failures stop the run.
pub fn score_lines<S, F>(
    mut input: impl BufRead,
    mut out: impl Write,
    mut score: F,
) -> Result<Summary>
where
    S: Serialize,
    F: FnMut(&str) -> S,
{
    let mut summary = Summary::default();
    let mut raw = Vec::new();
    let mut line_buf = Vec::new();
    for line in 1.. {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        let text = match std::str::from_utf8(&raw) {
            Ok(text) => text.trim_end_matches(['\n', '\r']),
            Err(e) => {
                summary
                    .rejected
                    .push(line_error(line, format!("not UTF-8 ({e})")));
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        let request: Request = match serde_json::from_str(text) {
            Ok(request) => request,
            Err(e) => {
                summary.rejected.push(line_error(line, json_message(&e)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Len {
        chars: usize,
    }

    fn run(input: &str) -> (String, Summary) {
        let mut out = Vec::new();
        let summary = score_lines(input.as_bytes(), &mut out, |t| Len {
            chars: t.chars().count(),
        })
        .unwrap();
        (String::from_utf8(out).unwrap(), summary)
    }

    #[test]
    fn echoes_any_json_id_byte_for_byte_in_order() {
        let input = concat!(
            "{\"id\": 18446744073709551617123, \"text\": \"abc\"}\n",
            "{\"text\": \"é\", \"id\": {\"k\": [1, 2.50]}}\n",
            "{\"id\": null, \"text\": \"\"}"
        );
        let (out, summary) = run(input);
        assert_eq!(
            out,
            "{\"id\":18446744073709551617123,\"chars\":3}\n{\"id\":{\"k\": [1, 2.50]},\"chars\":1}\n{\"id\":null,\"chars\":0}\n"
        );
        assert_eq!(summary.scored, 3);
        assert!(summary.rejected.is_empty());
    }

    #[test]
    fn bad_lines_are_rejected_by_line_number_and_lose_nothing_else() {
        let input = "{\"id\":1,\"text\":\"a\"}\n{\"id\":2}\n\n{\"id\":3,\"text\":7}\nnot json\n{\"id\":4,\"text\":\"bb\"}\n";
        let (out, summary) = run(input);
        assert_eq!(out, "{\"id\":1,\"chars\":1}\n{\"id\":4,\"chars\":2}\n");
        let errors: Vec<String> = summary.rejected.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
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
    }

    #[test]
    fn invalid_utf8_is_rejected_with_its_line() {
        let mut input = b"{\"id\":1,\"text\":\"a\"}\n".to_vec();
        input.extend_from_slice(b"{\"id\":2,\"text\":\"\xff\"}\r\n");
        let mut out = Vec::new();
        let summary = score_lines(&input[..], &mut out, |t| Len { chars: t.len() }).unwrap();
        assert_eq!(summary.scored, 1);
        assert!(
            summary.rejected[0]
                .to_string()
                .starts_with("line 2: not UTF-8")
        );
    }
}
