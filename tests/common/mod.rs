//! Helpers the integration tests share: the committed data and its reading.
#![allow(dead_code)] // each test binary uses a part

use ticket_insights::cli::sha256_hex;
use ticket_insights::export::{self, Export, Options};
use ticket_insights::inspect::Inspection;
use ticket_insights::train::Dataset;

/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A file of the repository, by its path from the root.
pub fn file(path: &str) -> Vec<u8> {
    std::fs::read(format!("{ROOT}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The bundled dataset's bytes.
pub fn bundled_csv() -> Vec<u8> {
    file("tests/data/customer_support_tickets.csv")
}

/// An export read with detection, every row required to be readable.
pub fn read(bytes: &[u8]) -> Export {
    let e = export::read(bytes, Options::default()).unwrap();
    assert!(
        e.rejected.is_empty(),
        "{:?}",
        &e.rejected[..e.rejected.len().min(3)]
    );
    e
}

/// The training dataset of a read export, its schema from the inspection.
pub fn dataset<'a>(export: &'a Export, bytes: &[u8]) -> Dataset<'a> {
    let inspection = Inspection::of(export, None);
    Dataset {
        tickets: &export.tickets,
        schema: inspection.schema,
        header: export.summary.header.clone(),
        rows: export.summary.rows,
        rejected: export.summary.rejected,
        sha256: sha256_hex(bytes),
        latest: export.summary.latest,
    }
}

pub mod planted;
