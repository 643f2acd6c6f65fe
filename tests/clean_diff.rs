//! Differential test of the cleaning pipeline against the real Python seed pipeline, on the
//! edge cases and random strings of `tests/data/diff/clean_cases.jsonl` (written by
//! `tools/reference/diff_clean.py`): `clean_text` equals Python's `clean_text` exactly, and
//! `seed_clean` equals the seed's Cleaned Text, or, where the compact lemma table gives a word
//! another lemma of the same TextBlob class (checked by the script), the `compact` text.
#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use ticket_insights::text::clean::{clean_text, seed_clean};

const CASES: &str = include_str!("data/diff/clean_cases.jsonl");

#[derive(Deserialize)]
struct Case {
    text: String,
    clean: String,
    cleaned: String,
    compact: Option<String>,
}

#[test]
fn cleaning_matches_python_on_every_case() {
    let cases: Vec<Case> = CASES
        .lines()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1))
        })
        .collect();
    assert!(cases.len() > 1000, "{} cases", cases.len());

    let mut failures = Vec::new();
    let mut compact = 0;
    for (i, case) in cases.iter().enumerate() {
        let clean = clean_text(&case.text);
        if clean != case.clean {
            failures.push(format!(
                "line {}: clean_text({:?})\n  got:  {clean:?}\n  want: {:?}",
                i + 1,
                case.text,
                case.clean
            ));
        }
        let want = case.compact.as_ref().unwrap_or(&case.cleaned);
        compact += usize::from(case.compact.is_some());
        let cleaned = seed_clean(&case.text);
        if &cleaned != want {
            failures.push(format!(
                "line {}: seed_clean({:?})\n  got:  {cleaned:?}\n  want: {want:?}",
                i + 1,
                case.text
            ));
        }
    }
    println!(
        "{} cases: clean_text and seed_clean checked; {} equal NLTK's Cleaned Text, {} the \
         compact table's same-class lemmas; {} failures",
        cases.len(),
        cases.len() - compact,
        compact,
        failures.len()
    );
    for failure in failures.iter().take(10) {
        println!("{failure}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}
