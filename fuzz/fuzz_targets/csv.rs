//! The ticket CSV reader on any bytes: never panics, and a file read to the end without a
//! bad row (Stop) gives the same tickets as one read skipping bad rows with none skipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticket_insights::tickets::{self, OnBadRow, Tickets};

/// The reader under test: the one place to change when the streaming reader replaces it.
fn read(data: &[u8], on_bad_row: OnBadRow) -> Option<Tickets> {
    tickets::read(data, on_bad_row).ok()
}

fuzz_target!(|data: &[u8]| {
    let skipping = read(data, OnBadRow::Skip);
    if let Some(stopping) = read(data, OnBadRow::Stop) {
        let skipping = skipping.expect("a file read without a bad row is read when skipping");
        assert!(skipping.rejected.is_empty());
        assert_eq!(stopping.tickets.len(), skipping.tickets.len());
    }
});
