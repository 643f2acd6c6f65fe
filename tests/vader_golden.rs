//! VADER on every ticket description against vaderSentiment 3.3.2's own scores
//! (`tests/data/golden/vader_tickets.csv`): all four values equal, bit for bit (so a `-0.0`
//! compound must be `-0.0`). No tolerance.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use ticket_insights::sentiment::vader::polarity_scores;

const TICKETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/customer_support_tickets.csv"
);
const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/golden/vader_tickets.csv"
);

fn column(headers: &csv::StringRecord, name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?}"))
}

#[test]
fn every_ticket_matches_vadersentiment() {
    let mut golden = csv::Reader::from_path(GOLDEN).unwrap();
    let mut expected: HashMap<String, [f64; 4]> = HashMap::new();
    for row in golden.records() {
        let row = row.unwrap();
        let value = |i: usize| -> f64 { row[i].parse().unwrap() };
        expected.insert(row[0].to_string(), [value(1), value(2), value(3), value(4)]);
    }

    let mut tickets = csv::Reader::from_path(TICKETS).unwrap();
    let headers = tickets.headers().unwrap().clone();
    let (id_col, text_col) = (
        column(&headers, "Ticket ID"),
        column(&headers, "Ticket Description"),
    );
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for row in tickets.records() {
        let row = row.unwrap();
        let id = &row[id_col];
        let want = expected
            .get(id)
            .unwrap_or_else(|| panic!("ticket {id} has no golden row"));
        let s = polarity_scores(&row[text_col]);
        let got = [s.neg, s.neu, s.pos, s.compound];
        if got.map(f64::to_bits) != want.map(f64::to_bits) {
            mismatches.push(format!("ticket {id}: got {got:?}, want {want:?}"));
        }
        checked += 1;
    }
    println!("checked {checked} tickets, {} mismatches", mismatches.len());
    assert_eq!(checked, 8469);
    assert_eq!(checked, expected.len());
    assert!(
        mismatches.is_empty(),
        "first mismatches:\n{}",
        mismatches[..mismatches.len().min(20)].join("\n")
    );
}
