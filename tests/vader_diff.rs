//! VADER against vaderSentiment 3.3.2 on texts chosen to exercise every rule and quirk
//! (`tests/data/diff/vader_cases.jsonl`, written by `tools/reference/diff_vader.py`): all four
//! values equal, bit for bit. No tolerance.
#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use ticket_insights::sentiment::vader::polarity_scores;

const CASES: &str = include_str!("data/diff/vader_cases.jsonl");

#[derive(Deserialize)]
struct Case {
    text: String,
    neg: f64,
    neu: f64,
    pos: f64,
    compound: f64,
}

#[test]
fn every_case_matches_vadersentiment() {
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for (line_no, line) in CASES.lines().enumerate() {
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("vader_cases.jsonl line {}: {e}", line_no + 1));
        let s = polarity_scores(&case.text);
        let got = [s.neg, s.neu, s.pos, s.compound];
        let want = [case.neg, case.neu, case.pos, case.compound];
        if got.map(f64::to_bits) != want.map(f64::to_bits) {
            let shown: String = case.text.chars().take(120).collect();
            mismatches.push(format!(
                "line {}: {shown:?}: got {got:?}, want {want:?}",
                line_no + 1
            ));
        }
        checked += 1;
    }
    println!("checked {checked} cases, {} mismatches", mismatches.len());
    assert!(checked >= 700, "only {checked} cases");
    assert!(
        mismatches.is_empty(),
        "first mismatches:\n{}",
        mismatches[..mismatches.len().min(20)].join("\n")
    );
}
