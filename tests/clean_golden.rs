//! Golden test: `seed_clean` on every ticket of the corpus equals the seed's Cleaned Text
//! computed by the Python reference (`tests/data/golden/seed_cleaned_tickets.csv`: NLTK 3.10.4,
//! WordNet 3.0). Exact string equality, no tolerance.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use ticket_insights::text::clean::seed_clean;

const TICKETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/customer_support_tickets.csv"
);
const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/golden/seed_cleaned_tickets.csv"
);

/// `(Ticket ID, column)` for every row of a CSV file.
fn column(path: &str, name: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let headers = reader.headers().expect("headers").clone();
    let id = headers
        .iter()
        .position(|h| h == "Ticket ID")
        .expect("Ticket ID");
    let col = headers.iter().position(|h| h == name).expect(name);
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            (r[id].to_owned(), r[col].to_owned())
        })
        .collect()
}

#[test]
fn seed_clean_matches_python_on_every_ticket() {
    let tickets = column(TICKETS, "Ticket Description");
    let golden: HashMap<String, String> = column(GOLDEN, "cleaned").into_iter().collect();
    assert_eq!(tickets.len(), 8469);
    assert_eq!(golden.len(), 8469);

    let mut mismatches = Vec::new();
    for (id, description) in &tickets {
        let want = golden
            .get(id)
            .unwrap_or_else(|| panic!("no golden row for ticket {id}"));
        let got = seed_clean(description);
        if &got != want {
            mismatches.push((id, got, want));
        }
    }
    println!(
        "seed_clean: {} of {} tickets equal the golden Cleaned Text",
        tickets.len() - mismatches.len(),
        tickets.len()
    );
    for (id, got, want) in mismatches.iter().take(5) {
        println!("ticket {id}\n  got:  {got}\n  want: {want}");
    }
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
}
