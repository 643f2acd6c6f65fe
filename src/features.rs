//! Model inputs computed from a raw ticket: the named feature sets, built by one function that
//! training and prediction share (no train/serve skew).

use ndarray::Array2;
use serde::Serialize;

use crate::sentiment::{seed, vader};
use crate::text::pychar;
use crate::tickets::{Priority, Ticket};

/// Channels the `improved` set one-hot encodes, as the data writes them; any other channel
/// encodes as all zeros.
pub const CHANNELS: [&str; 4] = ["Email", "Phone", "Social media", "Chat"];

/// Ticket types the `improved` set one-hot encodes; any other type encodes as all zeros.
pub const TYPES: [&str; 5] = [
    "Technical issue",
    "Billing inquiry",
    "Cancellation request",
    "Product inquiry",
    "Refund request",
];

/// One model input column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Customer Age in years.
    Age,
    /// The seed's priority code: low 1, medium 2, high 3, Critical 0.
    PrioritySeed,
    /// Priority in order: low 1, medium 2, high 3, critical 4.
    PriorityOrdinal,
    /// 1 for Critical priority, else 0.
    PriorityCritical,
    /// The seed sentiment score `s` (TextBlob polarity of the seed-cleaned text).
    Sentiment,
    /// `|s|`.
    Magnitude,
    /// `sign(s)`: -1, 0 or 1.
    Polarity,
    /// `s × priority_seed`.
    SentimentXPriority,
    /// VADER compound score of the raw description.
    Vader,
    /// 1 when the channel is `CHANNELS[i]`.
    Channel(usize),
    /// 1 when the ticket type is `TYPES[i]`.
    Type(usize),
    /// `ln(1 + words)` of the raw description.
    LogWords,
}

/// Column names of [`Column::Channel`], index for index with [`CHANNELS`].
const CHANNEL_NAMES: [&str; 4] = [
    "channel_email",
    "channel_phone",
    "channel_social_media",
    "channel_chat",
];

/// Column names of [`Column::Type`], index for index with [`TYPES`].
const TYPE_NAMES: [&str; 5] = [
    "type_technical_issue",
    "type_billing_inquiry",
    "type_cancellation_request",
    "type_product_inquiry",
    "type_refund_request",
];

impl Column {
    /// The column's name, as reports and model files record it.
    pub fn name(self) -> &'static str {
        match self {
            Column::Age => "age",
            Column::PrioritySeed => "priority_seed",
            Column::PriorityOrdinal => "priority_ordinal",
            Column::PriorityCritical => "priority_critical",
            Column::Sentiment => "s",
            Column::Magnitude => "magnitude",
            Column::Polarity => "polarity",
            Column::SentimentXPriority => "s_x_priority",
            Column::Vader => "vader_compound",
            Column::Channel(i) => CHANNEL_NAMES.get(i).copied().unwrap_or("channel_other"),
            Column::Type(i) => TYPE_NAMES.get(i).copied().unwrap_or("type_other"),
            Column::LogWords => "log_words",
        }
    }

    /// The column's value for a ticket whose text signals are `signals`.
    fn value(self, ticket: &Ticket, signals: &Signals) -> f64 {
        let s = signals.seed_score.unwrap_or(0.0);
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        match self {
            Column::Age => ticket.age,
            Column::PrioritySeed => ticket.priority.seed_code(),
            Column::PriorityOrdinal => ticket.priority.ordinal(),
            Column::PriorityCritical => flag(ticket.priority == Priority::Critical),
            Column::Sentiment => s,
            Column::Magnitude => s.abs(),
            // numpy's sign: 0 stays 0.
            Column::Polarity => {
                if s > 0.0 {
                    1.0
                } else if s < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Column::SentimentXPriority => s * ticket.priority.seed_code(),
            Column::Vader => signals.vader_compound.unwrap_or(0.0),
            Column::Channel(i) => flag(CHANNELS.get(i) == Some(&ticket.channel.as_str())),
            Column::Type(i) => flag(TYPES.get(i) == Some(&ticket.ticket_type.as_str())),
            Column::LogWords => (signals.words as f64).ln_1p(),
        }
    }

    fn needs_seed_score(self) -> bool {
        matches!(
            self,
            Column::Sentiment | Column::Magnitude | Column::Polarity | Column::SentimentXPriority
        )
    }
}

/// The text-derived values of one ticket, each computed at most once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signals {
    /// The seed sentiment score, when a column needs it.
    pub seed_score: Option<f64>,
    /// VADER's compound score of the raw description, when a column needs it.
    pub vader_compound: Option<f64>,
    /// Whitespace-separated words in the raw description.
    pub words: usize,
}

impl Signals {
    /// Computes what `columns` need from the description.
    pub fn of(description: &str, columns: &[Column]) -> Signals {
        let needs = |f: fn(&Column) -> bool| columns.iter().any(f);
        Signals {
            seed_score: needs(|c| c.needs_seed_score())
                .then(|| seed::seed_score(description).score),
            vader_compound: needs(|c| *c == Column::Vader)
                .then(|| vader::polarity_scores(description).compound),
            words: pychar::split_whitespace(description).count(),
        }
    }
}

/// A named, ordered list of model inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeatureSet {
    /// The seed's three: age, priority with the seed's coding (Critical 0), seed sentiment.
    Seed3,
    /// `seed3` plus the seed's "next steps" magnitude `|s|` and polarity `sign(s)`.
    Seed5,
    /// `seed3` plus the interaction `s × priority_seed`.
    Seed3x,
    /// `seed3` with Critical in its right place (priority ordinal 1–4).
    Ordinal3,
    /// Ours, chosen by cross-validated AUC on the training rows (see `train::select`).
    Improved,
}

const SEED3: [Column; 3] = [Column::Age, Column::PrioritySeed, Column::Sentiment];
const SEED5: [Column; 5] = [
    Column::Age,
    Column::PrioritySeed,
    Column::Sentiment,
    Column::Magnitude,
    Column::Polarity,
];
const SEED3X: [Column; 4] = [
    Column::Age,
    Column::PrioritySeed,
    Column::Sentiment,
    Column::SentimentXPriority,
];
const ORDINAL3: [Column; 3] = [Column::Age, Column::PriorityOrdinal, Column::Sentiment];
/// Chosen by `train::select` (`ticket-insights select`); `models/MODEL_CARD.md` shows the
/// rounds.
const IMPROVED: [Column; 10] = [
    Column::Age,
    Column::PriorityOrdinal,
    Column::Sentiment,
    Column::Type(0),
    Column::Type(1),
    Column::Type(2),
    Column::Type(3),
    Column::Type(4),
    Column::Magnitude,
    Column::Polarity,
];

impl FeatureSet {
    /// Every set, in the order reports list them.
    pub const ALL: [FeatureSet; 5] = [
        FeatureSet::Seed3,
        FeatureSet::Seed5,
        FeatureSet::Seed3x,
        FeatureSet::Ordinal3,
        FeatureSet::Improved,
    ];

    /// The set's name.
    pub fn name(self) -> &'static str {
        match self {
            FeatureSet::Seed3 => "seed3",
            FeatureSet::Seed5 => "seed5",
            FeatureSet::Seed3x => "seed3x",
            FeatureSet::Ordinal3 => "ordinal3",
            FeatureSet::Improved => "improved",
        }
    }

    /// The set named `name`.
    pub fn parse(name: &str) -> Option<FeatureSet> {
        Self::ALL.into_iter().find(|set| set.name() == name)
    }

    /// The set's columns, in model order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            FeatureSet::Seed3 => &SEED3,
            FeatureSet::Seed5 => &SEED5,
            FeatureSet::Seed3x => &SEED3X,
            FeatureSet::Ordinal3 => &ORDINAL3,
            FeatureSet::Improved => &IMPROVED,
        }
    }

    /// The set's column names, in model order.
    pub fn names(self) -> Vec<&'static str> {
        self.columns().iter().map(|c| c.name()).collect()
    }
}

/// One ticket's model inputs and the text signals they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One value per column, in order.
    pub values: Vec<f64>,
    /// The text signals computed on the way.
    pub signals: Signals,
}

/// The values of `columns` for one ticket.
pub fn row(columns: &[Column], ticket: &Ticket) -> Row {
    let signals = Signals::of(&ticket.description, columns);
    let values = columns.iter().map(|c| c.value(ticket, &signals)).collect();
    Row { values, signals }
}

/// The values of `columns` for a ticket whose text signals are already known (for example
/// with the seed score replaced, to trace a model's response to sentiment).
pub fn values(columns: &[Column], ticket: &Ticket, signals: &Signals) -> Vec<f64> {
    columns.iter().map(|c| c.value(ticket, signals)).collect()
}

/// The feature matrix (tickets × columns) of `tickets`.
pub fn matrix(columns: &[Column], tickets: &[Ticket]) -> Array2<f64> {
    let mut x = Array2::zeros((tickets.len(), columns.len()));
    for (mut out, ticket) in x.rows_mut().into_iter().zip(tickets) {
        let signals = Signals::of(&ticket.description, columns);
        for (v, column) in out.iter_mut().zip(columns) {
            *v = column.value(ticket, &signals);
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::Status;

    fn ticket(priority: Priority, description: &str) -> Ticket {
        Ticket {
            id: "1".into(),
            age: 40.0,
            priority,
            description: description.into(),
            channel: "Chat".into(),
            ticket_type: "Refund request".into(),
            status: Some(Status::Open),
            satisfaction: None,
        }
    }

    #[test]
    fn seed_sets_follow_the_seed_coding() {
        let t = ticket(
            Priority::Critical,
            "The product is great but the refund is awful.",
        );
        let s = seed::seed_score(&t.description).score;
        assert!(s != 0.0);
        assert_eq!(row(FeatureSet::Seed3.columns(), &t).values, [40.0, 0.0, s]);
        assert_eq!(
            row(FeatureSet::Seed5.columns(), &t).values,
            [40.0, 0.0, s, s.abs(), s.signum()]
        );
        assert_eq!(
            row(FeatureSet::Seed3x.columns(), &t).values,
            [40.0, 0.0, s, 0.0]
        );
        assert_eq!(
            row(FeatureSet::Ordinal3.columns(), &t).values,
            [40.0, 4.0, s]
        );
    }

    #[test]
    fn one_hot_columns_and_zero_polarity() {
        let t = ticket(Priority::High, "");
        let columns = [
            Column::Channel(3),
            Column::Channel(0),
            Column::Type(4),
            Column::Type(9),
            Column::Polarity,
            Column::LogWords,
            Column::PriorityCritical,
        ];
        assert_eq!(
            row(&columns, &t).values,
            [1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
        );
        assert_eq!(Column::Type(9).name(), "type_other");
    }

    #[test]
    fn signals_are_computed_only_when_needed() {
        let t = ticket(Priority::Low, "I love it, thank you");
        let r = row(&[Column::Age, Column::LogWords], &t);
        assert_eq!(
            (r.signals.seed_score, r.signals.vader_compound),
            (None, None)
        );
        assert_eq!(r.values, [40.0, 6f64.ln()]);
        let r = row(&[Column::Vader], &t);
        assert!(r.signals.vader_compound.is_some_and(|v| v > 0.5));
    }

    #[test]
    fn matrix_rows_equal_single_rows() {
        let tickets = [
            ticket(Priority::Low, "broken again, terrible"),
            ticket(Priority::Medium, "thanks, works fine"),
        ];
        for set in FeatureSet::ALL {
            let x = matrix(set.columns(), &tickets);
            for (r, t) in x.rows().into_iter().zip(&tickets) {
                assert_eq!(r.to_vec(), row(set.columns(), t).values, "{}", set.name());
            }
        }
    }

    #[test]
    fn names_parse_back() {
        for set in FeatureSet::ALL {
            assert_eq!(FeatureSet::parse(set.name()), Some(set));
            assert_eq!(set.names().len(), set.columns().len());
        }
        assert_eq!(FeatureSet::parse("seed4"), None);
    }
}
