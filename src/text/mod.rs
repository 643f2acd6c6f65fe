//! Text processing shared by training and prediction: the seed's cleaning pipeline, its
//! stopwords and its WordNet lemmatizer, with Python's character semantics.

pub mod clean;
pub mod lemma;
pub(crate) mod packed;
pub mod pychar;
pub(crate) mod wordmap;
