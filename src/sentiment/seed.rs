//! The seed's Sentiment Score: TextBlob polarity of the seed-cleaned, lemmatized text.

use serde::Serialize;

use super::textblob;
use crate::text::clean;

/// The seed's cleaned text and its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedScore {
    /// The seed's "Cleaned Text".
    pub cleaned: String,
    /// The seed's "Sentiment Score": TextBlob polarity of `cleaned`.
    pub score: f64,
}

/// Computes the seed's score of a raw ticket description.
pub fn seed_score(raw: &str) -> SeedScore {
    let cleaned = clean::seed_clean(raw);
    let score = textblob::sentiment(&cleaned).polarity;
    SeedScore { cleaned, score }
}
