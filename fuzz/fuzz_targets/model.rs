//! The model decoder on any bytes: never panics, and whatever it accepts re-encodes to a file
//! that decodes to the same model and encodes to the same bytes again.
//!
//! Each input is decoded twice: as a whole file, and as the payload of a file whose header and
//! CRC-32 are right (built here), so that mutations get past the checksum to the decoder and
//! the validation behind it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticket_insights::model::artifact::Artifact;

/// A committed model, for its magic tag and format version (the first 12 bytes).
const MODEL: &[u8] = include_bytes!("../../models/seed.bin");

/// A file with `payload` behind a valid header, and its checksum.
fn envelope(payload: &[u8]) -> Vec<u8> {
    let mut file = MODEL.get(..12).unwrap_or_default().to_vec();
    file.extend_from_slice(
        &u32::try_from(payload.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    file.extend_from_slice(payload);
    let crc = crc32fast::hash(&file);
    file.extend_from_slice(&crc.to_le_bytes());
    file
}

fn check(file: &[u8]) {
    let Ok(model) = Artifact::from_bytes(file) else {
        return;
    };
    let bytes = model
        .artifact()
        .to_bytes()
        .expect("an accepted model re-encodes");
    let again = Artifact::from_bytes(&bytes).expect("a re-encoded model decodes");
    // Debug, not ==: a NaN in the metrics is the same model.
    assert_eq!(format!("{again:?}"), format!("{model:?}"));
    assert_eq!(
        again.artifact().to_bytes().expect("re-encodes twice"),
        bytes
    );
}

fuzz_target!(|data: &[u8]| {
    check(data);
    check(&envelope(data));
});
