//! Golden test: the seed's Sentiment Score (`sentiment::seed::seed_score`: TextBlob polarity of
//! the seed-cleaned, lemmatized description) on every ticket against the real pipeline's value
//! (`tests/data/golden/textblob_tickets.csv`, column `seed_score`), within 1e-12; the cleaned
//! text against `seed_cleaned_tickets.csv`, identical.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use ticket_insights::sentiment::seed::seed_score;
mod common;

const TOLERANCE: f64 = 1e-12;

fn golden(file: &str, column: &str) -> HashMap<String, String> {
    let path = format!("{}/tests/data/golden/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[0].to_string(), r[at].to_string()))
        .collect()
}

#[test]
fn seed_score_and_cleaned_text_match_the_python_pipeline_on_every_ticket() {
    let scores = golden("textblob_tickets.csv", "seed_score");
    let cleaned = golden("seed_cleaned_tickets.csv", "cleaned");
    let tickets = common::read(&common::bundled_csv()).tickets;
    let (mut identical, mut mismatches) = (0, Vec::new());
    for t in &tickets {
        let got = seed_score(&t.description);
        let want: f64 = scores[&t.id].parse().unwrap();
        if got.score.to_bits() == want.to_bits() {
            identical += 1;
        }
        if (got.score - want).abs() > TOLERANCE || got.cleaned != cleaned[&t.id] {
            mismatches.push(format!(
                "ticket {}: {} vs {want}, {:?}",
                t.id, got.score, got.cleaned
            ));
        }
    }
    println!(
        "seed score: {} tickets, {identical} bit-identical, {} mismatches",
        tickets.len(),
        mismatches.len()
    );
    assert_eq!(tickets.len(), 8469);
    assert!(
        mismatches.is_empty(),
        "first mismatches: {:#?}",
        &mismatches[..mismatches.len().min(5)]
    );
}
