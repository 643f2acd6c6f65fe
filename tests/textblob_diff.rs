//! TextBlob's sentiment against textblob 0.20.1 on texts chosen to exercise every rule and quirk
//! (`tests/data/diff/textblob_cases.jsonl`, written by `tools/reference/diff_textblob.py`).
//! Tolerance: 1e-12 absolute on polarity and subjectivity; the test also reports how many cases
//! agree bit for bit (expected values are parsed from their Python `repr` text, exactly).
#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use serde_json::value::RawValue;
use ticket_insights::sentiment::textblob::sentiment;

const CASES: &str = include_str!("data/diff/textblob_cases.jsonl");
const TOLERANCE: f64 = 1e-12;

#[derive(Deserialize)]
struct Case<'a> {
    text: String,
    #[serde(borrow)]
    polarity: &'a RawValue,
    #[serde(borrow)]
    subjectivity: &'a RawValue,
}

#[test]
fn every_case_matches_textblob() {
    let (mut checked, mut identical) = (0, 0);
    let mut mismatches = Vec::new();
    for (line_no, line) in CASES.lines().enumerate() {
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("textblob_cases.jsonl line {}: {e}", line_no + 1));
        let float = |v: &RawValue| {
            v.get()
                .parse::<f64>()
                .unwrap_or_else(|e| panic!("line {}: {e}", line_no + 1))
        };
        let want = [float(case.polarity), float(case.subjectivity)];
        let s = sentiment(&case.text);
        let got = [s.polarity, s.subjectivity];
        if got.map(f64::to_bits) == want.map(f64::to_bits) {
            identical += 1;
        }
        if got
            .iter()
            .zip(&want)
            .any(|(g, w)| (g - w).abs() > TOLERANCE)
        {
            let shown: String = case.text.chars().take(120).collect();
            mismatches.push(format!(
                "line {}: {shown:?}: got {got:?}, want {want:?}",
                line_no + 1
            ));
        }
        checked += 1;
    }
    println!(
        "checked {checked} cases: {identical} bit-identical, {} beyond {TOLERANCE:e}",
        mismatches.len()
    );
    assert!(checked >= 2000, "only {checked} cases");
    assert!(
        mismatches.is_empty(),
        "{} mismatches; first ones:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(20)].join("\n")
    );
}
