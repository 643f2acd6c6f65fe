//! The JSON Lines reader (`score_lines`) on any bytes, against serde_json: every line that
//! serde_json reads as a request object is answered, in order, with the same id and text
//! (the reader decodes texts in place; the oracle with `String`), and nothing else is.
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use ticket_insights::score;

/// A small limit, so that lines over it are found too.
const MAX_LINE_BYTES: usize = 256;

#[derive(Serialize)]
struct Echo {
    text: String,
}

#[derive(Deserialize)]
struct Oracle {
    id: Box<RawValue>,
    text: String,
}

/// The requests the documented rules make of `data`, as (id, text): lines split at `\n`, one
/// over the limit (a byte order mark on line 1 counted) dropped, a byte order mark before
/// line 1 ignored, line endings trimmed, and a JSON object that serde_json reads as
/// `{id, text: String}` is a request.
fn expected(data: &[u8]) -> Vec<(String, String)> {
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if data.ends_with(b"\n") {
        lines.pop();
    }
    let mut out = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        if line.len() > MAX_LINE_BYTES {
            continue;
        }
        let line = match line.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) if i == 0 => rest,
            _ => line,
        };
        let Ok(line) = std::str::from_utf8(line) else {
            continue;
        };
        let line = line.trim_end_matches(['\n', '\r']);
        if !line
            .trim_start_matches([' ', '\t', '\n', '\r'])
            .starts_with('{')
        {
            continue;
        }
        if let Ok(request) = serde_json::from_str::<Oracle>(line) {
            out.push((request.id.get().to_string(), request.text));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut rejected = 0;
    let summary = score::score_lines(
        BufReader::with_capacity(64, data),
        &mut out,
        MAX_LINE_BYTES,
        |text| Echo {
            text: text.to_string(),
        },
        |_| rejected += 1,
    )
    .expect("reading from memory cannot fail");
    assert_eq!(summary.rejected, rejected);
    let got: Vec<(String, String)> = std::str::from_utf8(&out)
        .expect("responses are UTF-8")
        .lines()
        .map(|line| {
            let response: Oracle = serde_json::from_str(line).expect("a response is JSON");
            (response.id.get().to_string(), response.text)
        })
        .collect();
    assert_eq!(got.len() as u64, summary.scored);
    assert_eq!(got, expected(data));
});
