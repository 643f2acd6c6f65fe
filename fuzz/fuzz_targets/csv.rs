//! The export reader on any bytes: never panics, and reading the bytes in one piece or in
//! chunks of any size gives the same tickets and the same rejected rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticket_insights::export::{self, Options, Reader, Row};

/// The rows of `data` read in chunks of `size` bytes, or the error that stopped the reading.
fn read(data: &[u8], size: usize) -> Result<Vec<Row>, String> {
    let mut reader = Reader::new(Options::default());
    let mut rows = Vec::new();
    let mut sink = |row: Row| rows.push(row);
    for chunk in data.chunks(size.max(1)) {
        reader.push(chunk, &mut sink).map_err(|e| e.to_string())?;
    }
    reader.finish(&mut sink).map_err(|e| e.to_string())?;
    Ok(rows)
}

fuzz_target!(|data: &[u8]| {
    let whole = export::read(data, Options::default()).map_err(|e| e.to_string());
    // The chunk size comes from the input itself, so every size gets tried.
    let size = 1 + usize::from(data.first().copied().unwrap_or(0)) % 97;
    let pieces = read(data, size);
    match (&whole, &pieces) {
        (Ok(w), Ok(p)) => {
            let tickets: Vec<_> = p
                .iter()
                .filter_map(|r| match r {
                    Row::Ticket(t) => Some(t.clone()),
                    Row::Rejected(_) => None,
                })
                .collect();
            let rejected: Vec<_> = p
                .iter()
                .filter_map(|r| match r {
                    Row::Rejected(e) => Some(e.clone()),
                    Row::Ticket(_) => None,
                })
                .collect();
            assert_eq!(tickets, w.tickets, "chunks of {size}");
            assert_eq!(rejected, w.rejected, "chunks of {size}");
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("one piece: {whole:?}; chunks of {size}: {pieces:?}"),
    }
});
