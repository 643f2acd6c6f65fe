//! Golden test: `sentiment::textblob::sentiment` on every ticket description against TextBlob
//! 0.20.1's `TextBlob(description).sentiment` (`tests/data/golden/textblob_tickets.csv`).
//! Tolerance: 1e-12 absolute on polarity and subjectivity; the test also reports how many
//! tickets agree bit for bit.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use ticket_insights::sentiment::textblob::sentiment;

const TICKETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/customer_support_tickets.csv"
);
const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/golden/textblob_tickets.csv"
);
const TOLERANCE: f64 = 1e-12;

fn column(headers: &csv::StringRecord, name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?}"))
}

/// Ticket ID → (polarity, subjectivity) from the golden file.
fn golden() -> HashMap<String, (f64, f64)> {
    let mut reader = csv::Reader::from_path(GOLDEN).expect("golden file");
    let headers = reader.headers().expect("golden header").clone();
    let (id, p, s) = (
        column(&headers, "Ticket ID"),
        column(&headers, "polarity"),
        column(&headers, "subjectivity"),
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("golden row");
            let float = |i: usize| r[i].parse::<f64>().expect("golden float");
            (r[id].to_string(), (float(p), float(s)))
        })
        .collect()
}

#[test]
fn textblob_matches_python_on_every_ticket() {
    let golden = golden();
    let mut reader = csv::Reader::from_path(TICKETS).expect("tickets file");
    let headers = reader.headers().expect("tickets header").clone();
    let (id, text) = (
        column(&headers, "Ticket ID"),
        column(&headers, "Ticket Description"),
    );
    let (mut checked, mut identical) = (0, 0);
    let mut mismatches = Vec::new();
    for record in reader.records() {
        let record = record.expect("tickets row");
        let (ticket, description) = (&record[id], &record[text]);
        let &(polarity, subjectivity) = golden
            .get(ticket)
            .unwrap_or_else(|| panic!("ticket {ticket} not in the golden file"));
        let got = sentiment(description);
        checked += 1;
        if got.polarity.to_bits() == polarity.to_bits()
            && got.subjectivity.to_bits() == subjectivity.to_bits()
        {
            identical += 1;
        }
        if (got.polarity - polarity).abs() > TOLERANCE
            || (got.subjectivity - subjectivity).abs() > TOLERANCE
        {
            mismatches.push(format!(
                "ticket {ticket}: got ({:?}, {:?}), TextBlob ({polarity:?}, {subjectivity:?}) for {description:?}",
                got.polarity, got.subjectivity
            ));
        }
    }
    println!(
        "checked {checked} tickets: {identical} bit-identical, {} beyond {TOLERANCE:e}",
        mismatches.len()
    );
    assert_eq!(checked, golden.len(), "every golden ticket is checked");
    assert_eq!(checked, 8469);
    assert!(
        mismatches.is_empty(),
        "{} of {checked} tickets differ from TextBlob; first ones:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
