//! The seed score on any text: no panic, the cleaned text is `[a-z]` words separated by
//! single spaces, and the score is a TextBlob polarity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticket_insights::sentiment::seed;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let s = seed::seed_score(text);
    assert!(
        s.cleaned
            .split(' ')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            || s.cleaned.is_empty(),
        "{:?}",
        s.cleaned
    );
    assert!((-1.0..=1.0).contains(&s.score), "{s:?}");
});
