//! Sentiment analyzers, each exact to a Python original: TextBlob's PatternAnalyzer, VADER and
//! the seed's score (TextBlob polarity of the seed-cleaned text).

pub mod seed;
pub mod textblob;
pub mod vader;
