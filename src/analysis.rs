//! The dashboard's analysis of an export, accumulated ticket by ticket with memory that grows
//! only by a few numbers per ticket: each ticket's sentiment score, probability and outcome (for
//! the histograms, the ROC curve and calibration), counts per priority, status and satisfaction
//! rating, exact word counts for the word cloud (up to [`MAX_DISTINCT_WORDS`] distinct words),
//! and an evenly spread sample of tickets for the probability-by-sentiment curve.
//!
//! Analyzing has a costly half, [`score`] (the seed score, the model's probability and the
//! cleaned words of a batch of tickets: what the page's scoring workers run in parallel), and a
//! cheap one, [`Analyzer::add_scored`] (counting, in file order). Batches scored anywhere and
//! added in file order give the same [`Analysis`] as one ticket at a time, bit for bit.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::charts::wordcloud;
use crate::export::{RowError, Schema, vocab};
use crate::features::{self, Feature, Signals, Text};
use crate::inspect::Vocabularies;
use crate::model::artifact::Model;
use crate::model::metrics::report::TestMetrics;
use crate::sentiment::seed;
use crate::target::Target;
use crate::text::clean;
use crate::ticket::{Role, Ticket};

/// Distinct words counted exactly; words first seen after that many are counted together as
/// `other_words` (a cap never reached by the bundled 8469 tickets' 6089 words).
pub const MAX_DISTINCT_WORDS: usize = 500_000;

/// Points of [`Analysis::curve`].
pub const CURVE_POINTS: usize = 41;

/// Tickets the curve averages over, at most (a sample spread evenly through the file).
pub const CURVE_TICKETS: usize = 1000;

/// Rejected rows an analysis lists (it counts them all).
pub const LISTED_REJECTED: usize = 100;

/// Everything the dashboard draws for one export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The model that gave the probabilities.
    pub model: String,
    /// Why the model gave no probabilities for this export, when it could not.
    pub model_unfit: Option<String>,
    /// Tickets analyzed.
    pub tickets: u64,
    /// The first rejected rows, with where and why.
    pub rejected: Vec<RowError>,
    /// Rows rejected in all.
    pub rejected_count: u64,
    /// Seed sentiment score of each ticket's description.
    pub scores: Vec<f64>,
    /// Probability of resolution of each ticket (empty when the model does not fit).
    pub probabilities: Vec<f64>,
    /// Whether each ticket was resolved, when the export says (status column).
    pub resolved: Vec<Option<bool>>,
    /// Tickets per priority, lowest rank first.
    pub priority_counts: Vec<(String, u64)>,
    /// Tickets per status, most frequent first.
    pub status_counts: Vec<(String, u64)>,
    /// Tickets per satisfaction rating (numeric ratings in order, else most frequent first).
    pub satisfaction_counts: Vec<(String, u64)>,
    /// The most frequent words of the cleaned text (template placeholders left out), most
    /// frequent first.
    pub words: Vec<(String, u64)>,
    /// Word occurrences not counted one by one (after [`MAX_DISTINCT_WORDS`]).
    pub other_words: u64,
    /// The model's mean probability when every sampled ticket's seed score is set to `s`, for
    /// `s` from -1 to 1 (empty when the model does not fit).
    pub curve: Vec<(f64, f64)>,
    /// Metrics of the probabilities against the known outcomes (both outcomes needed).
    pub metrics: Option<TestMetrics>,
    /// The roles the export maps.
    pub roles: Vec<Role>,
}

/// An evenly spread sample of tickets by their position in the file: every `stride`-th
/// ticket, the stride doubling whenever the sample would exceed twice [`CURVE_TICKETS`], so the
/// sample depends only on the file, never on how it was cut.
#[derive(Debug, Clone, Default)]
struct Sample {
    stride: u64,
    tickets: Vec<(u64, Ticket)>,
}

impl Sample {
    fn offer(&mut self, index: u64, ticket: &Ticket) {
        if self.stride == 0 {
            self.stride = 1;
        }
        if !index.is_multiple_of(self.stride) {
            return;
        }
        self.tickets.push((index, ticket.clone()));
        if self.tickets.len() > 2 * CURVE_TICKETS {
            self.stride *= 2;
            let stride = self.stride;
            self.tickets.retain(|(i, _)| i.is_multiple_of(stride));
        }
    }
}

/// The costly half of analyzing a batch of tickets, from [`score`]: what a scoring worker sends
/// back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Each ticket's seed sentiment score.
    pub seed: Vec<f64>,
    /// The model's probability for the first tickets, up to the first it cannot score.
    pub probability: Vec<f64>,
    /// Why the model could not score ticket `probability.len()`, if it could not.
    pub unfit: Option<String>,
    /// The batch's words (cleaned, placeholders left out) and their counts, in the order of
    /// their first occurrence, so that adding batches in file order counts exactly as adding
    /// tickets one by one, the [`MAX_DISTINCT_WORDS`] bound included.
    pub words: Vec<(String, u64)>,
}

/// Scores `tickets` for the dashboard: seed score, `model`'s probability (`None`: none wanted)
/// and the cleaned words.
pub fn score(model: Option<&Model>, tickets: &[Ticket]) -> Scores {
    let mut out = Scores {
        seed: Vec::with_capacity(tickets.len()),
        probability: Vec::with_capacity(if model.is_some() { tickets.len() } else { 0 }),
        ..Scores::default()
    };
    let mut model = model;
    let mut first: HashMap<String, usize> = HashMap::new();
    for t in tickets {
        let s = seed::seed_score(&t.description);
        out.seed.push(s.score);
        if let Some(m) = model {
            let mut signals = Signals::default();
            signals.description.seed_score = Some(s.score);
            let a = m.artifact();
            match features::values_with(&a.features, t, &a.schema, &mut signals) {
                Ok(v) => out.probability.push(m.probability(&v)),
                Err(missing) => {
                    out.unfit = Some(format!(
                        "ticket '{}' has no {} value, which the {} model reads",
                        t.id,
                        missing.role.label().to_lowercase(),
                        a.name
                    ));
                    model = None;
                }
            }
        }
        let cleaned = if t.description.contains('{') {
            clean::seed_clean(&strip_placeholders(&t.description))
        } else {
            s.cleaned
        };
        for word in cleaned.split_whitespace() {
            if let Some(&i) = first.get(word) {
                out.words[i].1 += 1;
            } else {
                first.insert(word.to_string(), out.words.len());
                out.words.push((word.to_string(), 1));
            }
        }
    }
    out
}

/// Accumulates the analysis of an export's tickets, in file order.
pub struct Analyzer {
    model: Option<Model>,
    name: String,
    schema: Schema,
    /// The status values given as resolved (`None`: the layout's words).
    given_resolved: Option<Vec<String>>,
    unfit: Option<String>,
    index: u64,
    scores: Vec<f64>,
    probabilities: Vec<f64>,
    resolved: Vec<Option<bool>>,
    /// The category counts (priority, status, satisfaction, channel, type): the charts' bars,
    /// and what a streamed file's inspection reads ([`Analyzer::vocabularies`]).
    vocabularies: Vocabularies,
    words: HashMap<String, u64>,
    other_words: u64,
    sample: Sample,
    rejected: Vec<RowError>,
    rejected_count: u64,
}

/// Why `model` cannot score tickets of an export read with `schema`, if it cannot.
fn unfit(model: &Model, schema: &Schema) -> Option<String> {
    let missing: Vec<&str> = model
        .roles()
        .into_iter()
        .filter(|r| schema.mapping.get(*r).is_none())
        .map(Role::label)
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "the {} model reads {} , which this file has no column for",
            model.artifact().name,
            missing.join(", ")
        )
        .replace(" ,", ",")
    })
}

impl Analyzer {
    /// An analyzer of an export read with `schema`, scoring with `model`; a ticket is resolved
    /// when its status is one of `resolved` (by [`vocab::key`]), or without them one of the
    /// layout's resolved words (as [`crate::inspect::Inspection`] counts them).
    pub fn new(model: Option<&Model>, schema: Schema, resolved: Option<Vec<String>>) -> Analyzer {
        let unfit = match model {
            Some(m) => unfit(m, &schema),
            None => Some("no model is loaded".into()),
        };
        Analyzer {
            name: model.map_or_else(String::new, |m| m.artifact().name.clone()),
            model: model.filter(|_| unfit.is_none()).cloned(),
            schema,
            given_resolved: resolved,
            unfit,
            index: 0,
            scores: Vec::new(),
            probabilities: Vec::new(),
            resolved: Vec::new(),
            vocabularies: Vocabularies::default(),
            words: HashMap::new(),
            other_words: 0,
            sample: Sample::default(),
            rejected: Vec::new(),
            rejected_count: 0,
        }
    }

    /// Counts a rejected row.
    pub fn reject(&mut self, row: &RowError) {
        self.rejected_count += 1;
        if self.rejected.len() < LISTED_REJECTED {
            self.rejected.push(row.clone());
        }
    }

    /// The model the next batch is to be scored with, if any (`None` once it has failed one).
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// The category counts of the tickets added so far.
    pub fn vocabularies(&self) -> &Vocabularies {
        &self.vocabularies
    }

    /// Adds one ticket.
    pub fn add(&mut self, t: &Ticket) {
        let scores = score(self.model(), std::slice::from_ref(t));
        self.add_scored(std::slice::from_ref(t), scores);
    }

    /// Adds `tickets`, the next in file order, with their [`score`] (by [`Analyzer::model`]).
    pub fn add_scored(&mut self, tickets: &[Ticket], scores: Scores) {
        let status_mapped = self.schema.mapping.get(Role::Status).is_some();
        for (i, t) in tickets.iter().enumerate() {
            self.scores
                .push(scores.seed.get(i).copied().unwrap_or(f64::NAN));
            if self.model.is_some() {
                if let Some(&p) = scores.probability.get(i) {
                    self.probabilities.push(p);
                } else {
                    self.unfit = scores
                        .unfit
                        .clone()
                        .or_else(|| Some("the scorer gave no probability".into()));
                    self.model = None;
                    self.probabilities.clear();
                }
            }
            self.resolved.push(
                t.status
                    .as_deref()
                    .map(|st| {
                        vocab::counts_as_resolved(
                            self.schema.layout.0,
                            self.given_resolved.as_deref(),
                            st,
                        )
                    })
                    .filter(|_| status_mapped),
            );
            self.vocabularies.add(t);
            if self.model.is_some() {
                self.sample.offer(self.index, t);
            }
            self.index += 1;
        }
        for (word, n) in scores.words {
            if let Some(c) = self.words.get_mut(&word) {
                *c += n;
            } else if self.words.len() < MAX_DISTINCT_WORDS {
                self.words.insert(word, n);
            } else {
                self.other_words += n;
            }
        }
    }

    /// The analysis.
    pub fn finish(self) -> Analysis {
        let curve = match &self.model {
            Some(model) if !self.sample.tickets.is_empty() => {
                let a = model.artifact();
                let step = self.sample.tickets.len().div_ceil(CURVE_TICKETS).max(1);
                // Each sampled ticket's text analyses, computed once for the 41 points.
                let sample: Vec<(u64, &Ticket, Signals)> = self
                    .sample
                    .tickets
                    .iter()
                    .step_by(step)
                    .map(|(i, t)| {
                        let mut signals = Signals::default();
                        let _ = features::values_with(&a.features, t, &a.schema, &mut signals);
                        (*i, t, signals)
                    })
                    .collect();
                (0..CURVE_POINTS)
                    .map(|i| {
                        let s = -1.0 + 2.0 * i as f64 / (CURVE_POINTS - 1) as f64;
                        let total: f64 = sample
                            .iter()
                            .filter_map(|(_, t, sig)| {
                                let mut sig = sig.clone();
                                sig.description.seed_score = Some(s);
                                features::values_with(&a.features, t, &a.schema, &mut sig)
                                    .ok()
                                    .map(|v| model.probability(&v))
                            })
                            .sum();
                        (s, total / sample.len().max(1) as f64)
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        let metrics = self.model.as_ref().and_then(|m| {
            known_outcome_metrics(m, &self.probabilities, &self.resolved, &self.scores)
        });
        let mut priorities: Vec<(String, u64, Option<u8>)> = self
            .vocabularies
            .priority
            .levels()
            .into_iter()
            .map(|l| {
                let rank = self.schema.priority_rank(&l.value);
                (l.value, l.count, rank)
            })
            .collect();
        priorities.sort_by_key(|(_, c, r)| (r.is_none(), *r, std::cmp::Reverse(*c)));
        let mut satisfaction: Vec<(String, u64)> = self
            .vocabularies
            .satisfaction
            .levels()
            .into_iter()
            .map(|l| (l.value, l.count))
            .collect();
        if satisfaction.iter().all(|(v, _)| v.parse::<f64>().is_ok()) {
            satisfaction.sort_by(|a, b| {
                let (x, y) = (
                    a.0.parse::<f64>().unwrap_or(0.0),
                    b.0.parse::<f64>().unwrap_or(0.0),
                );
                x.total_cmp(&y)
            });
        }
        let mut words: Vec<(String, u64)> = self.words.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        words.truncate(wordcloud::MAX_WORDS);
        let roles = self.schema.mapping.roles.keys().copied().collect();
        Analysis {
            model: self.name,
            model_unfit: self.unfit,
            tickets: self.index,
            rejected: self.rejected,
            rejected_count: self.rejected_count,
            probabilities: if self.model.is_some() {
                self.probabilities
            } else {
                Vec::new()
            },
            scores: self.scores,
            resolved: self.resolved,
            priority_counts: priorities.into_iter().map(|(v, c, _)| (v, c)).collect(),
            status_counts: self
                .vocabularies
                .status
                .levels()
                .into_iter()
                .map(|l| (l.value, l.count))
                .collect(),
            satisfaction_counts: satisfaction,
            words,
            other_words: self.other_words,
            curve,
            metrics,
            roles,
        }
    }
}

/// `text` without template placeholders such as `{product_purchased}`: the export left them
/// unfilled, and their words would otherwise top the word cloud.
fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let name_len = after[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len() - 1);
        if after[1 + name_len..].starts_with('}') && name_len > 0 {
            out.push(' ');
            rest = &after[name_len + 2..];
        } else {
            out.push('{');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Metrics on the tickets whose outcome is known, when both outcomes occur.
fn known_outcome_metrics(
    model: &Model,
    probabilities: &[f64],
    resolved: &[Option<bool>],
    scores: &[f64],
) -> Option<TestMetrics> {
    if !model.artifact().target.is_binary() || model.artifact().target != Target::Resolved {
        return None;
    }
    let mut proba = Vec::new();
    let mut y = Vec::new();
    let mut s = Vec::new();
    for ((p, r), score) in probabilities.iter().zip(resolved).zip(scores) {
        if let Some(r) = r {
            proba.push(vec![1.0 - p, *p]);
            y.push(usize::from(*r));
            s.push(*score);
        }
    }
    let uses_s = model
        .artifact()
        .features
        .contains(&Feature::SeedScore(Text::Description));
    TestMetrics::of(
        &proba,
        model.artifact().threshold,
        &y,
        &y,
        uses_s.then_some(&s[..]),
    )
    .ok()
}

/// Analyzes a whole export held in memory with `model`.
pub fn analyze(bytes: &[u8], model: Option<&Model>) -> crate::Result<Analysis> {
    let export = crate::export::read(bytes, crate::export::Options::default())?;
    let inspection = crate::inspect::Inspection::of(&export, None);
    let mut analyzer = Analyzer::new(model, inspection.schema, None);
    for r in &export.rejected {
        analyzer.reject(r);
    }
    for t in &export.tickets {
        analyzer.add(t);
    }
    Ok(analyzer.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::predict::Models;

    fn bundled() -> Analysis {
        let seed = Models::bundled().unwrap().get("seed").unwrap();
        analyze(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            Some(seed),
        )
        .unwrap()
    }

    #[test]
    fn analysis_of_the_bundled_dataset() {
        let a = bundled();
        assert_eq!(
            (a.scores.len(), a.probabilities.len(), a.rejected.len()),
            (8469, 8469, 0)
        );
        assert_eq!(
            a.priority_counts,
            [
                ("Low".into(), 2063),
                ("Medium".into(), 2192),
                ("High".into(), 2085),
                ("Critical".into(), 2129)
            ]
        );
        assert_eq!(a.status_counts.iter().map(|c| c.1).sum::<u64>(), 8469);
        let ratings: Vec<&str> = a.satisfaction_counts.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(ratings, ["1.0", "2.0", "3.0", "4.0", "5.0"]);
        assert_eq!(a.satisfaction_counts.iter().map(|c| c.1).sum::<u64>(), 2769);
        assert_eq!(a.words.len(), 100);
        assert_eq!(a.curve.len(), 41);
        // The seed model's curve falls with sentiment (negative coefficient).
        assert!(a.curve[0].1 > a.curve[40].1);
        let m = a.metrics.unwrap();
        assert_eq!(m.n, 8469);
        assert!((m.roc_auc - 0.5).abs() < 0.05);
        // Per-row probabilities equal single predictions.
        let e = crate::export::read(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            crate::export::Options::default(),
        )
        .unwrap();
        let seed = Models::bundled().unwrap().get("seed").unwrap();
        for (i, t) in e.tickets.iter().enumerate().step_by(500) {
            assert_eq!(a.probabilities[i], seed.predict(t).unwrap().probability);
        }
    }

    #[test]
    fn placeholders_are_left_out_of_the_word_cloud() {
        assert_eq!(
            strip_placeholders("My {product_purchased} broke {x y} {}{a}"),
            "My   broke {x y} {} "
        );
        let a = bundled();
        // With the placeholders, "product" counts 17194 and "purchased" 14453.
        let count = |word: &str| a.words.iter().find(|(w, _)| w == word).map_or(0, |w| w.1);
        assert!(
            count("product") < 5000 && count("purchased") < 2000,
            "{:?}",
            &a.words[..5]
        );
    }

    #[test]
    fn the_sample_is_the_same_however_the_file_is_cut() {
        let mut one = Sample::default();
        let t = Ticket::default();
        for i in 0..10_000 {
            one.offer(i, &t);
        }
        let kept: Vec<u64> = one.tickets.iter().map(|x| x.0).collect();
        assert_eq!(one.stride, 8);
        assert!(kept.iter().all(|i| i.is_multiple_of(8)) && kept.len() == 1250);
    }

    #[test]
    fn malformed_rows_are_listed_and_a_model_that_does_not_fit_says_why() {
        let csv = b"Customer Age,Ticket Priority,Ticket Description\n30,Low,fine\nabc,Low,x\n40,High,bad\n";
        let improved = Models::bundled().unwrap().get("improved").unwrap();
        let a = analyze(csv, Some(improved)).unwrap();
        assert_eq!(a.scores.len(), 2);
        assert_eq!(
            a.rejected[0].to_string(),
            "line 3, column 'Customer Age': 'abc' is not a number"
        );
        assert!(a.status_counts.is_empty() && a.metrics.is_none());
        // improved reads the ticket type, which this file lacks.
        assert_eq!(
            a.model_unfit.as_deref(),
            Some("the improved model reads Type, which this file has no column for")
        );
        assert!(a.probabilities.is_empty() && a.curve.is_empty());
        assert!(analyze(b"", Some(improved)).is_err());
    }
}
