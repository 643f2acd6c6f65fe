//! TextBlob on any text: no panic, and both scores in their documented ranges.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticket_insights::sentiment::textblob;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let s = textblob::sentiment(text);
    assert!((-1.0..=1.0).contains(&s.polarity), "{s:?}");
    assert!((0.0..=1.0).contains(&s.subjectivity), "{s:?}");
});
