//! The text analyses of a ticket's description and subject, each computed at most once and only
//! when a feature (or a caller) asks for it.

use serde::Serialize;

use super::Text;
use crate::sentiment::textblob::{self, Sentiment};
use crate::sentiment::{seed, vader};
use crate::text::pychar;
use crate::ticket::Ticket;

/// The analyses of one text, filled in as they are asked for.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TextSignals {
    /// The seed score `s`.
    pub seed_score: Option<f64>,
    /// TextBlob's polarity and subjectivity of the raw text.
    pub textblob: Option<Sentiment>,
    /// VADER's compound score of the raw text.
    pub vader_compound: Option<f64>,
    /// Whitespace-separated words.
    pub words: Option<usize>,
}

/// A [`TextSignals`] bound to its text, computing on demand.
pub struct Bound<'a> {
    signals: &'a mut TextSignals,
    text: &'a str,
}

impl Bound<'_> {
    /// The seed score.
    pub fn seed(&mut self) -> f64 {
        let text = self.text;
        *self
            .signals
            .seed_score
            .get_or_insert_with(|| seed::seed_score(text).score)
    }

    /// TextBlob's sentiment.
    pub fn blob(&mut self) -> Sentiment {
        let text = self.text;
        *self
            .signals
            .textblob
            .get_or_insert_with(|| textblob::sentiment(text))
    }

    /// VADER's compound score.
    pub fn vader(&mut self) -> f64 {
        let text = self.text;
        *self
            .signals
            .vader_compound
            .get_or_insert_with(|| vader::polarity_scores(text).compound)
    }

    /// Whitespace-separated words.
    pub fn words(&mut self) -> usize {
        let text = self.text;
        *self
            .signals
            .words
            .get_or_insert_with(|| pychar::split_whitespace(text).count())
    }
}

/// The analyses of a ticket's texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signals {
    /// Of the description.
    pub description: TextSignals,
    /// Of the subject.
    pub subject: TextSignals,
}

impl Signals {
    /// The analyses of `text` of `ticket`. Signals belong to one ticket: what they hold is
    /// taken as that ticket's (a caller may set a value, say the seed score, to see how a
    /// model responds to it).
    pub fn of<'a>(&'a mut self, text: Text, ticket: &'a Ticket) -> Bound<'a> {
        let (signals, value) = match text {
            Text::Description => (&mut self.description, ticket.description.as_str()),
            Text::Subject => (&mut self.subject, ticket.subject.as_str()),
        };
        Bound {
            signals,
            text: value,
        }
    }
}
