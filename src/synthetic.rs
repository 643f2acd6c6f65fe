//! Synthetic support tickets with planted coefficients and real signal, for testing trainers.
//!
//! A [`Synthetic`] generator draws tickets (age, priority, channel, type and a description made
//! of one to three sentences from a vocabulary of positive, negative and neutral phrases, so the
//! seed sentiment score spans [-1, 1]) and labels them resolved (status Closed) with probability
//! `sigmoid(coef · x + intercept)`, where `x` is [`features::row`] of the generated ticket: the
//! planted model lives in the real feature space, and a trainer that works recovers it.
//!
//! [`Synthetic::sample_features`] is the fast path for many rows: the same draws and the same
//! feature values, bit for bit, without building a ticket per row (each distinct description is
//! scored once).

pub mod export;

use ndarray::Array2;

use crate::Result;
use crate::export::Schema;
use crate::features::{self, Feature, Signals};
use crate::model::ModelError;
use crate::model::link::sigmoid;
use crate::model::logistic::BinaryModel;
use crate::model::split::RandomState;
use crate::ticket::Ticket;

/// Channels the generator draws, as the bundled dataset writes them.
pub const CHANNELS: [&str; 4] = ["Email", "Phone", "Social media", "Chat"];

/// Ticket types the generator draws, as the bundled dataset writes them.
pub const TYPES: [&str; 5] = [
    "Technical issue",
    "Billing inquiry",
    "Cancellation request",
    "Product inquiry",
    "Refund request",
];

/// Priorities the generator draws.
const PRIORITIES: [&str; 4] = ["Low", "Medium", "High", "Critical"];

/// Sentences whose seed score is positive (from 0.15 to 1).
const POSITIVE: [&str; 8] = [
    "The support agent was excellent.",
    "Thanks, the new update works great.",
    "I am happy with the quick reply.",
    "The setup guide was really helpful and clear.",
    "Good job fixing the login screen.",
    "The replacement arrived in perfect condition.",
    "Your team has been wonderful so far.",
    "Nice work on the latest release.",
];

/// Sentences whose seed score is negative (from -0.25 to -1).
const NEGATIVE: [&str; 8] = [
    "The app is terrible and keeps crashing.",
    "This is awful, I lost all my files.",
    "The battery life is bad.",
    "I am very disappointed with the service.",
    "The screen is broken again.",
    "The response time was extremely slow.",
    "This is the worst purchase I have made.",
    "I am angry that nobody called back.",
];

/// Sentences whose seed score is 0.
const NEUTRAL: [&str; 8] = [
    "I am having an issue with the {product_purchased}.",
    "I bought it last month.",
    "The device shows error code 404 when I start it.",
    "I tried restarting the router twice.",
    "Could you check my account settings?",
    "My order number is in the attached email.",
    "I updated the software yesterday.",
    "Please let me know the next steps.",
];

/// Number of phrases in the vocabulary.
const PHRASES: usize = POSITIVE.len() + NEGATIVE.len() + NEUTRAL.len();

/// Most sentences in one description.
const MAX_SENTENCES: usize = 3;

/// Number of distinct descriptions, the size of the signal cache: each of up to
/// [`MAX_SENTENCES`] positions holds a phrase or nothing.
const DESCRIPTIONS: usize = (PHRASES + 1) * (PHRASES + 1) * (PHRASES + 1);

/// Youngest customer age drawn.
const MIN_AGE: u64 = 18;

/// Oldest customer age drawn.
const MAX_AGE: u64 = 70;

/// The phrase at position `i` of the vocabulary (positive, then negative, then neutral).
fn phrase(i: usize) -> &'static str {
    POSITIVE
        .iter()
        .chain(&NEGATIVE)
        .chain(&NEUTRAL)
        .nth(i)
        .copied()
        .unwrap_or("")
}

/// The model the labels are drawn from: `P(resolved | x) = sigmoid(coef · x + intercept)` with
/// `x` the values of `columns`.
#[derive(Debug, Clone, PartialEq)]
pub struct Planted {
    /// The features, in model order.
    pub columns: Vec<Feature>,
    /// One coefficient per column.
    pub coef: Vec<f64>,
    /// The intercept.
    pub intercept: f64,
}

impl Planted {
    /// A planted model on `columns`.
    pub fn new(columns: &[Feature], coef: &[f64], intercept: f64) -> Planted {
        Planted {
            columns: columns.to_vec(),
            coef: coef.to_vec(),
            intercept,
        }
    }

    /// The probability of resolution for feature values `x` (one per column), the dot product
    /// summed left to right as [`BinaryModel::decision_function`] sums it.
    pub fn probability(&self, x: &[f64]) -> f64 {
        let z = x
            .iter()
            .zip(&self.coef)
            .fold(0.0, |acc, (v, w)| acc + v * w);
        sigmoid(z + self.intercept)
    }

    /// The planted model as a [`BinaryModel`], to compare a fit with.
    pub fn model(&self) -> Result<BinaryModel> {
        Ok(BinaryModel::new(
            self.coef.iter().copied().collect(),
            self.intercept,
        )?)
    }

    /// Rejects a coefficient count that does not match the columns, or a non-finite weight.
    fn validate(&self) -> Result<()> {
        if self.coef.len() != self.columns.len() {
            return Err(ModelError::DimensionMismatch {
                what: "planted coefficients (one per column)",
                expected: self.columns.len(),
                found: self.coef.len(),
            }
            .into());
        }
        self.model().map(|_| ())
    }
}

/// Generated tickets with their features, labels and true probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The tickets; `status` is Closed exactly when the label is 1.
    pub tickets: Vec<Ticket>,
    /// `features::matrix(planted.columns, tickets)`.
    pub features: Array2<f64>,
    /// 1 for resolved (Closed), else 0.
    pub labels: Vec<f64>,
    /// The planted model's probability of resolution for each ticket.
    pub probabilities: Vec<f64>,
}

/// Generated feature rows, without tickets (see [`Synthetic::sample_features`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureSample {
    /// Rows × planted columns.
    pub features: Array2<f64>,
    /// 1 for resolved, else 0.
    pub labels: Vec<f64>,
    /// The planted model's probability of resolution for each row.
    pub probabilities: Vec<f64>,
}

/// One ticket's draws before its description is written out.
#[derive(Debug, Clone, Copy)]
struct Skeleton {
    age: f64,
    priority: &'static str,
    channel: &'static str,
    ticket_type: &'static str,
    /// Phrase indices; only the first `sentences` are used.
    phrases: [usize; MAX_SENTENCES],
    sentences: usize,
}

impl Skeleton {
    /// Draws a skeleton: age, priority, channel, type, sentence count, then each phrase, in that
    /// order, every choice uniform.
    fn draw(rng: &mut RandomState) -> Skeleton {
        let mut pick = |n: usize| rng.random_interval(n.saturating_sub(1) as u64) as usize;
        let age = (MIN_AGE as usize + pick((MAX_AGE - MIN_AGE + 1) as usize)) as f64;
        let priority = PRIORITIES
            .get(pick(PRIORITIES.len()))
            .copied()
            .unwrap_or("Low");
        let channel = CHANNELS.get(pick(CHANNELS.len())).copied().unwrap_or("");
        let ticket_type = TYPES.get(pick(TYPES.len())).copied().unwrap_or("");
        let sentences = 1 + pick(MAX_SENTENCES);
        let mut phrases = [0; MAX_SENTENCES];
        for p in phrases.iter_mut().take(sentences) {
            *p = pick(PHRASES);
        }
        Skeleton {
            age,
            priority,
            channel,
            ticket_type,
            phrases,
            sentences,
        }
    }

    /// The description's index in the signal cache, below [`DESCRIPTIONS`].
    fn description_key(&self) -> usize {
        self.phrases
            .iter()
            .take(self.sentences)
            .fold(0, |key, p| key * (PHRASES + 1) + p + 1)
    }

    fn description(&self) -> String {
        let words: Vec<&str> = self
            .phrases
            .iter()
            .take(self.sentences)
            .map(|&p| phrase(p))
            .collect();
        words.join(" ")
    }

    /// The ticket before it is labelled (status None, no satisfaction).
    fn ticket(&self, id: u64) -> Ticket {
        Ticket {
            id: format!("SYN-{id}"),
            description: self.description(),
            ..self.bare_ticket()
        }
    }

    /// The ticket without its description, whose signals the caller already has: enough for
    /// [`features::values`].
    fn bare_ticket(&self) -> Ticket {
        Ticket {
            customer_age: Some(self.age),
            priority: Some(self.priority.to_string()),
            channel: self.channel.to_string(),
            ticket_type: self.ticket_type.to_string(),
            ..Ticket::default()
        }
    }
}

/// Labels `ticket` from the uniform draw `u` and its probability `p`: resolved (Closed) when
/// `u < p`. The status of an unresolved ticket (Open or Pending) and the satisfaction rating of a
/// resolved one (1 to 5, filled exactly when Closed, as in the data) are read off the same draw,
/// so labelling takes no other draw.
fn label(ticket: &mut Ticket, u: f64, p: f64) {
    let resolved = u < p;
    ticket.status = Some(
        if resolved {
            "Closed"
        } else if u < p + (1.0 - p) / 2.0 {
            "Open"
        } else {
            "Pending Customer Response"
        }
        .to_string(),
    );
    // Given u < p, u / p is uniform on [0, 1).
    ticket.satisfaction =
        resolved.then(|| format!("{:.1}", (1.0 + (5.0 * u / p).floor()).min(5.0)));
}

/// A deterministic generator of labelled synthetic tickets.
///
/// Draws come from numpy's legacy `RandomState(seed)` (MT19937), so a seed always gives the same
/// tickets; successive calls continue the stream.
#[derive(Debug, Clone)]
pub struct Synthetic {
    rng: RandomState,
    planted: Planted,
    /// Tickets generated so far (the next ticket's id).
    generated: u64,
    /// Text signals of each description seen, by [`Skeleton::description_key`].
    signals: Vec<Option<Signals>>,
    /// The bundled dataset's schema, which the tickets follow.
    schema: Schema,
}

impl Synthetic {
    /// A generator seeded with `seed`, labelling with `planted`. Fails when the planted model has
    /// a coefficient count that does not match its columns or a non-finite weight.
    pub fn new(seed: u32, planted: Planted) -> Result<Synthetic> {
        planted.validate()?;
        Ok(Synthetic {
            rng: RandomState::new(seed),
            planted,
            generated: 0,
            signals: Vec::new(),
            schema: Schema::kaggle(),
        })
    }

    /// The planted model.
    pub fn planted(&self) -> &Planted {
        &self.planted
    }

    /// The next `n` tickets, with their features (computed by [`features::row`] from each
    /// generated ticket), labels and true probabilities.
    pub fn sample(&mut self, n: usize) -> Sample {
        let d = self.planted.columns.len();
        let mut out = Sample {
            tickets: Vec::with_capacity(n),
            features: Array2::zeros((n, d)),
            labels: Vec::with_capacity(n),
            probabilities: Vec::with_capacity(n),
        };
        for mut x in out.features.rows_mut() {
            let mut ticket = Skeleton::draw(&mut self.rng).ticket(self.generated);
            let values = features::row(&self.planted.columns, &ticket, &self.schema)
                .map(|r| r.values)
                .unwrap_or_default();
            let p = self.planted.probability(&values);
            let u = self.rng.random_sample();
            label(&mut ticket, u, p);
            out.tickets.push(ticket);
            for (v, value) in x.iter_mut().zip(values) {
                *v = value;
            }
            out.labels.push(if u < p { 1.0 } else { 0.0 });
            out.probabilities.push(p);
            self.generated += 1;
        }
        out
    }

    /// The next `n` tickets.
    pub fn generate(&mut self, n: usize) -> Vec<Ticket> {
        self.sample(n).tickets
    }

    /// The next `n` rows without their tickets: the same draws as [`Synthetic::sample`] and the
    /// same feature values, bit for bit, but each distinct description is scored only once, so a
    /// million rows take well under a second.
    pub fn sample_features(&mut self, n: usize) -> FeatureSample {
        let d = self.planted.columns.len();
        let mut out = FeatureSample {
            features: Array2::zeros((n, d)),
            labels: Vec::with_capacity(n),
            probabilities: Vec::with_capacity(n),
        };
        if self.signals.len() != DESCRIPTIONS {
            self.signals = vec![None; DESCRIPTIONS];
        }
        let mut values = Vec::with_capacity(d);
        for mut x in out.features.rows_mut() {
            let skeleton = Skeleton::draw(&mut self.rng);
            let key = skeleton.description_key();
            let cached = self.signals.get(key).and_then(Option::as_ref).cloned();
            let signals = match cached {
                Some(signals) => signals,
                None => {
                    let ticket = skeleton.ticket(self.generated);
                    let signals = features::row(&self.planted.columns, &ticket, &self.schema)
                        .map(|r| r.signals)
                        .unwrap_or_default();
                    if let Some(slot) = self.signals.get_mut(key) {
                        *slot = Some(signals.clone());
                    }
                    signals
                }
            };
            values.clear();
            let mut signals = signals;
            values.extend(
                features::values_with(
                    &self.planted.columns,
                    &skeleton.bare_ticket(),
                    &self.schema,
                    &mut signals,
                )
                .unwrap_or_default(),
            );
            let p = self.planted.probability(&values);
            for (v, &value) in x.iter_mut().zip(&values) {
                *v = value;
            }
            let u = self.rng.random_sample();
            out.labels.push(if u < p { 1.0 } else { 0.0 });
            out.probabilities.push(p);
            self.generated += 1;
        }
        out
    }

    /// The next `n` feature rows and their labels (see [`Synthetic::sample_features`]).
    pub fn generate_features(&mut self, n: usize) -> (Array2<f64>, Vec<f64>) {
        let sample = self.sample_features(n);
        (sample.features, sample.labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Text;
    use crate::features::sets::{FeatureSet, KAGGLE_CHANNELS, KAGGLE_TYPES};

    const D: Text = Text::Description;

    /// Every feature kind the bundled layout has, with clearly non-zero weights.
    fn all_columns() -> Vec<Feature> {
        let mut columns = vec![
            Feature::CustomerAge,
            Feature::PrioritySeed,
            Feature::PriorityRank,
            Feature::PriorityCritical,
            Feature::SeedScore(D),
            Feature::SeedMagnitude(D),
            Feature::SeedSign(D),
            Feature::SeedXPriority,
            Feature::Vader(D),
            Feature::Polarity(D),
            Feature::Subjectivity(D),
            Feature::LogWords(D),
        ];
        columns.extend(
            KAGGLE_CHANNELS
                .iter()
                .map(|c| Feature::Channel((*c).into())),
        );
        columns.push(Feature::ChannelOther);
        columns.extend(KAGGLE_TYPES.iter().map(|t| Feature::Type((*t).into())));
        columns
    }

    fn planted(columns: &[Feature]) -> Planted {
        let coef: Vec<f64> = (0..columns.len())
            .map(|i| 0.3 * if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        Planted::new(columns, &coef, -0.5)
    }

    #[test]
    fn sample_features_equal_features_of_the_tickets() {
        let mut sets: Vec<Vec<Feature>> = FeatureSet::ALL.iter().map(|s| s.features()).collect();
        sets.push(all_columns());
        for columns in sets {
            let mut text = Synthetic::new(11, planted(&columns)).unwrap();
            let mut fast = text.clone();
            let sample = text.sample(400);
            let rows = fast.sample_features(400);
            assert_eq!(
                sample.features,
                features::matrix(&columns, &sample.tickets, &Schema::kaggle()).unwrap()
            );
            assert_eq!(rows.features, sample.features, "{columns:?}");
            assert_eq!(rows.labels, sample.labels);
            assert_eq!(rows.probabilities, sample.probabilities);
            // And the streams stay in step.
            assert_eq!(text.generate(3), fast.generate(3));
            assert_eq!(text.generate_features(50), fast.generate_features(50));
        }
    }

    #[test]
    fn same_seed_same_tickets_and_the_stream_continues() {
        let p = planted(&FeatureSet::Seed3.features());
        let a = Synthetic::new(3, p.clone()).unwrap().generate(20);
        let mut b = Synthetic::new(3, p.clone()).unwrap();
        let (first, second) = (b.generate(10), b.generate(10));
        assert_eq!(a, [first, second].concat());
        let c = Synthetic::new(4, p).unwrap().generate(20);
        assert_ne!(a, c);
        assert_eq!(a[19].id, "SYN-19");
    }

    #[test]
    fn seed_score_spans_minus_one_to_one() {
        let mut g = Synthetic::new(5, planted(&FeatureSet::Seed3.features())).unwrap();
        let rows = g.sample_features(5000).features;
        let s: Vec<f64> = rows.column(2).to_vec();
        let min = s.iter().copied().fold(f64::INFINITY, f64::min);
        let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!((min, max), (-1.0, 1.0));
        let zeros = s.iter().filter(|&&v| v == 0.0).count() as f64 / s.len() as f64;
        // P(all sentences neutral) = (1/3 + 1/9 + 1/27) / 3 = 0.16.
        assert!((0.12..0.20).contains(&zeros), "{zeros}");
        let mut distinct = s.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        assert!(distinct.len() > 100, "{}", distinct.len());
        let ages: Vec<f64> = rows.column(0).to_vec();
        assert!(ages.iter().all(|a| (18.0..=70.0).contains(a)));
        assert!(ages.contains(&18.0) && ages.contains(&70.0));
    }

    #[test]
    fn labels_follow_the_planted_probabilities() {
        let planted = Planted::new(&FeatureSet::Ordinal3.features(), &[0.02, -0.3, 1.5], -0.8);
        let mut g = Synthetic::new(9, planted).unwrap();
        let sample = g.sample(3000);
        let n = sample.labels.len() as f64;
        let observed: f64 = sample.labels.iter().sum();
        let expected: f64 = sample.probabilities.iter().sum();
        let variance: f64 = sample.probabilities.iter().map(|p| p * (1.0 - p)).sum();
        // The count of positives has mean Σp and variance Σp(1-p): 4 standard deviations.
        assert!(
            (observed - expected).abs() < 4.0 * variance.sqrt(),
            "{observed} {expected}"
        );
        assert!(observed > 0.1 * n && observed < 0.9 * n);
        for (t, &y) in sample.tickets.iter().zip(&sample.labels) {
            let closed = t.status.as_deref() == Some("Closed");
            assert_eq!(closed, y == 1.0);
            assert_eq!(t.satisfaction.is_some(), closed);
            assert!(
                t.satisfaction
                    .as_deref()
                    .is_none_or(|r| ["1.0", "2.0", "3.0", "4.0", "5.0"].contains(&r))
            );
        }
        let model = g.planted().model().unwrap();
        let p = model.predict_proba(sample.features.view()).unwrap();
        assert_eq!(p.to_vec(), sample.probabilities);
    }

    #[test]
    fn bad_planted_models_are_rejected() {
        let columns = &FeatureSet::Seed3.features();
        let short = Planted::new(columns, &[1.0, 2.0], 0.0);
        let err = Synthetic::new(1, short).unwrap_err();
        assert_eq!(
            err.to_string(),
            "planted coefficients (one per column): expected 3, found 2"
        );
        let nan = Planted::new(columns, &[1.0, f64::NAN, 0.0], 0.0);
        assert!(Synthetic::new(1, nan).is_err());
        let inf = Planted::new(columns, &[1.0, 0.0, 0.0], f64::INFINITY);
        assert!(Synthetic::new(1, inf).is_err());
    }
}
