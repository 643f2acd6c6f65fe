//! VADER on any text: no panic, proportions in [0, 1] and compound in [-1, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticket_insights::sentiment::vader;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let s = vader::polarity_scores(text);
    for p in [s.neg, s.neu, s.pos] {
        assert!((0.0..=1.0).contains(&p), "{s:?}");
    }
    assert!((-1.0..=1.0).contains(&s.compound), "{s:?}");
});
