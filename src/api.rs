//! What the page asks of the crate, in plain Rust so it tests natively: the bundled models, a
//! prediction from raw ticket fields with its explanation, the seed's `/predict` contract, and
//! the dashboard analysis of a CSV export. [`crate::wasm`] only converts values.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::charts::wordcloud;
use crate::features::{self, Column, FeatureSet, Signals};
use crate::model::artifact::{Artifact, ArtifactError, Contribution, TestMetrics};
use crate::sentiment::{seed, textblob, vader};
use crate::text::clean;
use crate::tickets::{self, OnBadRow, Priority, RowError, Status, Ticket};
use crate::{Error, Result, train};

/// The model files compiled into the module.
const BUNDLED: [(&str, &[u8]); 2] = [
    ("seed", include_bytes!("../models/seed.bin")),
    ("improved", include_bytes!("../models/improved.bin")),
];

/// The bundled models, decoded and validated once.
#[derive(Debug)]
pub struct Models {
    models: Vec<Artifact>,
}

impl Models {
    /// The bundled models (decoded on first use).
    pub fn bundled() -> Result<&'static Models> {
        static MODELS: OnceLock<std::result::Result<Models, ArtifactError>> = OnceLock::new();
        MODELS
            .get_or_init(|| {
                let models = BUNDLED
                    .iter()
                    .map(|(_, bytes)| Artifact::from_bytes(bytes))
                    .collect::<std::result::Result<_, _>>()?;
                Ok(Models { models })
            })
            .as_ref()
            .map_err(|e| Error::Artifact(e.clone()))
    }

    /// The model named `name` (`seed` or `improved`).
    pub fn get(&self, name: &str) -> Result<&Artifact> {
        self.models
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| Error::UnknownModel { name: name.into() })
    }

    /// The models' names.
    pub fn names(&self) -> Vec<&str> {
        self.models.iter().map(|m| m.name.as_str()).collect()
    }
}

/// One field of a ticket handed over by the page: what a JS value can be, without pulling a
/// JSON library into the module.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// `null` or `undefined`.
    Null,
    /// An object or an array.
    Nested,
}

impl std::fmt::Display for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Text(t) => write!(f, "{t:?}"),
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Null => f.write_str("null"),
            FieldValue::Nested => f.write_str("an object or array"),
        }
    }
}

impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a ticket field value")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Text(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<FieldValue, E> {
                Ok(FieldValue::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<FieldValue, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FieldValue::Nested)
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<FieldValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FieldValue::Nested)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A ticket's fields by name, as the page or a CSV row names them.
pub type Fields = BTreeMap<String, FieldValue>;

/// The first of `names` present in `fields`.
fn lookup<'a>(fields: &'a Fields, names: &[&str]) -> Option<&'a FieldValue> {
    names.iter().find_map(|n| fields.get(*n))
}

fn input_error(field: &str, message: impl Into<String>) -> Error {
    Error::Input {
        field: field.into(),
        message: message.into(),
    }
}

/// A number given as a JSON number or a numeric string.
fn number(field: &str, value: &FieldValue) -> Result<f64> {
    let n = match value {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(s) => s.trim().parse().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite())
        .ok_or_else(|| input_error(field, format!("{value} is not a number")))
}

fn text(field: &str, value: Option<&FieldValue>) -> Result<String> {
    match value {
        None | Some(FieldValue::Null) => Ok(String::new()),
        Some(FieldValue::Text(s)) => Ok(s.clone()),
        Some(other) => Err(input_error(field, format!("{other} is not text"))),
    }
}

/// A ticket from raw fields, by the page's names (`age`, `priority`, `description`, `channel`,
/// `type`) or the CSV's column names (`Customer Age`, `Ticket Priority`, …). Other fields are
/// ignored.
pub fn ticket_from_fields(fields: &Fields) -> Result<Ticket> {
    let age =
        lookup(fields, &["age", "Customer Age"]).ok_or_else(|| input_error("age", "missing"))?;
    let age = tickets::check_age(number("age", age)?).map_err(|m| input_error("age", m))?;
    let priority = match lookup(fields, &["priority", "Ticket Priority"]) {
        Some(FieldValue::Text(s)) => {
            Priority::parse_or_explain(s).map_err(|m| input_error("priority", m))?
        }
        Some(other) => return Err(input_error("priority", format!("{other} is not text"))),
        None => return Err(input_error("priority", "missing")),
    };
    Ok(Ticket {
        id: text("id", lookup(fields, &["id", "Ticket ID"]))?,
        age,
        priority,
        description: text(
            "description",
            lookup(fields, &["description", "Ticket Description"]),
        )?,
        channel: text("channel", lookup(fields, &["channel", "Ticket Channel"]))?
            .trim()
            .into(),
        ticket_type: text(
            "type",
            lookup(fields, &["type", "ticketType", "Ticket Type"]),
        )?
        .trim()
        .into(),
        status: None,
        satisfaction: None,
    })
}

/// Every sentiment figure of a description.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentimentValues {
    /// The seed's score: TextBlob polarity of the seed-cleaned text.
    pub seed: f64,
    /// TextBlob polarity of the raw text.
    pub polarity: f64,
    /// TextBlob subjectivity of the raw text.
    pub subjectivity: f64,
    /// VADER compound score of the raw text.
    pub vader: f64,
}

impl SentimentValues {
    /// Scores `description`, reusing a seed score already computed.
    fn of(description: &str, signals: &Signals) -> SentimentValues {
        let blob = textblob::sentiment(description);
        SentimentValues {
            seed: signals
                .seed_score
                .unwrap_or_else(|| seed::seed_score(description).score),
            polarity: blob.polarity,
            subjectivity: blob.subjectivity,
            vader: signals
                .vader_compound
                .unwrap_or_else(|| vader::polarity_scores(description).compound),
        }
    }
}

/// A prediction for the page: probability, verdict and explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PagePrediction {
    /// Probability that the ticket gets resolved.
    pub probability: f64,
    /// Whether the probability reaches the threshold.
    pub resolved: bool,
    /// The decision threshold.
    pub threshold: f64,
    /// The model's name.
    pub model: String,
    /// Feature name → value, as the model saw them.
    pub features: BTreeMap<&'static str, f64>,
    /// Per-feature terms of the logit; with `intercept` they sum to `logit`.
    pub contributions: Vec<Contribution>,
    /// The intercept.
    pub intercept: f64,
    /// The logit.
    pub logit: f64,
    /// The description's sentiment figures.
    pub sentiment: SentimentValues,
    /// One plain-language sentence.
    pub verdict: String,
}

/// The share of resolved tickets a model was trained on, from its test metrics' baseline.
fn base_rate(model: &Artifact) -> Option<f64> {
    model
        .metrics
        .test
        .as_ref()
        .map(|t| 1.0 - t.majority_baseline)
}

/// One sentence a support lead can act on.
fn verdict(model: &Artifact, probability: f64) -> String {
    let pct = |p: f64| format!("{:.0}%", 100.0 * p);
    let head = format!(
        "{} chance this ticket gets resolved, so the model says it will {}be resolved.",
        pct(probability),
        if probability >= model.threshold {
            ""
        } else {
            "not "
        }
    );
    match (base_rate(model), model.metrics.test.as_ref()) {
        (Some(base), Some(t)) => format!(
            "{head} For comparison, {} of all tickets were resolved; this model barely tells \
             tickets apart (ROC AUC {:.2}, where 0.5 is a coin flip).",
            pct(base),
            t.roc_auc
        ),
        _ => head,
    }
}

/// Predicts a ticket given as raw fields with the model `model`.
pub fn predict(fields: &Fields, model: &str) -> Result<PagePrediction> {
    let model = Models::bundled()?.get(model)?;
    let ticket = ticket_from_fields(fields)?;
    let p = model.predict(&ticket);
    Ok(PagePrediction {
        probability: p.probability,
        resolved: p.positive,
        threshold: p.threshold,
        model: p.model,
        features: p
            .contributions
            .iter()
            .map(|c| (c.feature, c.value))
            .collect(),
        sentiment: SentimentValues::of(&ticket.description, &p.signals),
        contributions: p.contributions,
        intercept: p.intercept,
        logit: p.logit,
        verdict: verdict(model, p.probability),
    })
}

/// The probability of resolution alone, for callers that need no explanation (a widget, a
/// batch): the same features and weights as [`predict`], without the extra sentiment figures.
pub fn probability(
    age: f64,
    priority: &str,
    description: &str,
    channel: &str,
    ticket_type: &str,
    model: &str,
) -> Result<f64> {
    let model = Models::bundled()?.get(model)?;
    let ticket = Ticket {
        id: String::new(),
        age: tickets::check_age(age).map_err(|m| input_error("age", m))?,
        priority: Priority::parse_or_explain(priority).map_err(|m| input_error("priority", m))?,
        description: description.into(),
        channel: channel.trim().into(),
        ticket_type: ticket_type.trim().into(),
        status: None,
        satisfaction: None,
    };
    let columns = model.set().map_or(&[][..], FeatureSet::columns);
    let (p, _) = model.probabilities(&features::row(columns, &ticket).values);
    Ok(p.get(1).copied().unwrap_or(0.0))
}

/// The seed's `POST /predict` contract: `{"Customer Age", "Ticket Priority Numeric",
/// "Sentiment Score"}` → `{"prediction": bool}`, answered by the seed model (the seed itself
/// answered `true` for every input).
pub fn seed_predict(fields: &Fields) -> Result<bool> {
    let get = |name: &str| {
        fields
            .get(name)
            .ok_or_else(|| input_error(name, "missing"))
            .and_then(|v| number(name, v))
    };
    let age =
        tickets::check_age(get("Customer Age")?).map_err(|m| input_error("Customer Age", m))?;
    let priority = get("Ticket Priority Numeric")?;
    if !(0.0..=3.0).contains(&priority) || priority.fract() != 0.0 {
        return Err(input_error(
            "Ticket Priority Numeric",
            format!("{priority} is not 0, 1, 2 or 3 (critical 0, low 1, medium 2, high 3)"),
        ));
    }
    let score = get("Sentiment Score")?;
    if !(-1.0..=1.0).contains(&score) {
        return Err(input_error(
            "Sentiment Score",
            format!("{score} is not in [-1, 1]"),
        ));
    }
    let model = Models::bundled()?.get("seed")?;
    let (p, _) = model.probabilities(&[age, priority, score]);
    Ok(p.get(1).copied().unwrap_or(0.0) >= model.threshold)
}

/// A model's card for the page.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInfo<'a> {
    /// The model file's content: features, weights, training and metrics.
    #[serde(flatten)]
    pub model: &'a Artifact,
    /// Its held-out results in plain words.
    pub summary: String,
}

/// The bundled model `name` with a plain-language summary of its held-out results.
pub fn model_info(name: &str) -> Result<ModelInfo<'static>> {
    let model = Models::bundled()?.get(name)?;
    let summary = match &model.metrics.test {
        Some(t) => {
            let cv = model.metrics.cv.as_ref().map_or(String::new(), |cv| {
                format!(
                    " Cross-validated, it scores an AUC of {:.3}; shuffled labels score up to \
                     {:.3} one time in twenty (p = {:.2}).",
                    cv.mean_auc, cv.null_p95_auc, cv.p_value
                )
            });
            format!(
                "On {} tickets it never saw, this model is right {:.1}% of the time, and so \
                 is always guessing \"not resolved\" ({:.1}%): it is barely better than the \
                 majority guess. Its ROC AUC is {:.3}, where 0.5 is a coin flip and 1 is \
                 perfect.{cv} The reason: in this dataset, nothing known when a ticket arrives \
                 (age, priority, channel, type, the tone of the text) predicts whether it gets \
                 resolved.",
                t.n,
                100.0 * t.accuracy,
                100.0 * t.majority_baseline,
                t.roc_auc
            )
        }
        None => "This model has no held-out results.".into(),
    };
    Ok(ModelInfo { model, summary })
}

/// Everything the dashboard draws for one ticket file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The model that gave the probabilities.
    pub model: String,
    /// Rows rejected while reading, with where and why.
    pub rejected: Vec<RowError>,
    /// Seed sentiment score of each ticket.
    pub scores: Vec<f64>,
    /// Probability of resolution of each ticket.
    pub probabilities: Vec<f64>,
    /// Whether each ticket was resolved, when the file says (status column).
    pub resolved: Vec<Option<bool>>,
    /// Tickets per priority (Low, Medium, High, Critical).
    pub priority_counts: Vec<(String, u64)>,
    /// Tickets per status, when the file has statuses.
    pub status_counts: Vec<(String, u64)>,
    /// Customer satisfaction ratings given.
    pub satisfaction: Vec<f64>,
    /// The most frequent words of the cleaned text (template placeholders left out), most
    /// frequent first.
    pub words: Vec<(String, u64)>,
    /// The model's mean probability when every ticket's sentiment is set to `s` (partial
    /// dependence over up to 1000 tickets spread evenly through the file), for `s` from -1
    /// to 1.
    pub curve: Vec<(f64, f64)>,
    /// Metrics of the probabilities against the known outcomes (both classes needed).
    pub metrics: Option<TestMetrics>,
}

/// Points of [`Analysis::curve`].
const CURVE_POINTS: usize = 41;

/// Tickets the curve averages over (evenly spaced through the file).
const CURVE_TICKETS: usize = 1000;

/// Analyzes a ticket CSV export with the model `model`: bad rows are skipped and listed.
pub fn analyze(csv: &[u8], model: &str) -> Result<Analysis> {
    let model = Models::bundled()?.get(model)?;
    let read = tickets::read(csv, OnBadRow::Skip)?;
    let columns = model.set().map_or(&[][..], FeatureSet::columns);
    let needs_vader = columns.contains(&Column::Vader);
    let mut scores = Vec::with_capacity(read.tickets.len());
    let mut signals = Vec::with_capacity(read.tickets.len());
    let mut cleaned = Vec::with_capacity(read.tickets.len());
    let mut probabilities = Vec::with_capacity(read.tickets.len());
    for t in &read.tickets {
        let s = seed::seed_score(&t.description);
        let sig = Signals {
            seed_score: Some(s.score),
            vader_compound: needs_vader.then(|| vader::polarity_scores(&t.description).compound),
            words: crate::text::pychar::split_whitespace(&t.description).count(),
        };
        let (p, _) = model.probabilities(&features::values(columns, t, &sig));
        probabilities.push(p.get(1).copied().unwrap_or(0.0));
        scores.push(s.score);
        cleaned.push(if t.description.contains('{') {
            clean::seed_clean(&strip_placeholders(&t.description))
        } else {
            s.cleaned
        });
        signals.push(sig);
    }
    // Partial dependence on at most CURVE_TICKETS tickets spread evenly through the file.
    let step = read.tickets.len().div_ceil(CURVE_TICKETS).max(1);
    let sample: Vec<(&Ticket, &Signals)> =
        read.tickets.iter().zip(&signals).step_by(step).collect();
    let curve = (0..CURVE_POINTS)
        .map(|i| {
            let s = -1.0 + 2.0 * i as f64 / (CURVE_POINTS - 1) as f64;
            let total: f64 = sample
                .iter()
                .map(|(t, sig)| {
                    let sig = Signals {
                        seed_score: Some(s),
                        ..(*sig).clone()
                    };
                    let (p, _) = model.probabilities(&features::values(columns, t, &sig));
                    p.get(1).copied().unwrap_or(0.0)
                })
                .sum();
            (s, total / sample.len().max(1) as f64)
        })
        .collect();
    let resolved: Vec<Option<bool>> = read
        .tickets
        .iter()
        .map(|t| t.status.map(|s| s == Status::Closed))
        .collect();
    let count = |label: &str, matches: &dyn Fn(&Ticket) -> bool| {
        (
            label.to_string(),
            read.tickets.iter().filter(|t| matches(t)).count() as u64,
        )
    };
    let priority_counts = [
        Priority::Low,
        Priority::Medium,
        Priority::High,
        Priority::Critical,
    ]
    .iter()
    .map(|&p| count(p.label(), &|t| t.priority == p))
    .collect();
    let has_status = read.tickets.iter().any(|t| t.status.is_some());
    let status_counts = if has_status {
        [Status::Open, Status::Pending, Status::Closed]
            .iter()
            .map(|&s| count(s.label(), &|t| t.status == Some(s)))
            .collect()
    } else {
        Vec::new()
    };
    let metrics = known_outcome_metrics(model, &probabilities, &resolved, &scores);
    let mut words = wordcloud::word_counts(cleaned.iter().map(String::as_str));
    words.truncate(wordcloud::MAX_WORDS);
    Ok(Analysis {
        model: model.name.clone(),
        rejected: read.rejected,
        satisfaction: read.tickets.iter().filter_map(|t| t.satisfaction).collect(),
        scores,
        probabilities,
        resolved,
        priority_counts,
        status_counts,
        words,
        curve,
        metrics,
    })
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
    model: &Artifact,
    probabilities: &[f64],
    resolved: &[Option<bool>],
    scores: &[f64],
) -> Option<TestMetrics> {
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
    train::metrics_of(&proba, model.threshold, &y, &y, Some(&s)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn fields(v: Value) -> Fields {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn bundled_models_load() {
        let models = Models::bundled().unwrap();
        assert_eq!(models.names(), ["seed", "improved"]);
        assert_eq!(
            Models::bundled()
                .unwrap()
                .get("nope")
                .unwrap_err()
                .to_string(),
            "unknown model 'nope' (expected seed or improved)"
        );
    }

    #[test]
    fn page_names_and_csv_names_give_the_same_prediction() {
        let page = fields(
            json!({"age": 35, "priority": "High", "description": "It broke again, awful.",
            "channel": "Email", "type": "Technical issue"}),
        );
        let csv = fields(json!({"Customer Age": "35", "Ticket Priority": "high",
            "Ticket Description": "It broke again, awful.", "Ticket Channel": "Email",
            "Ticket Type": "Technical issue", "Ticket Subject": "ignored"}));
        for model in ["seed", "improved"] {
            assert_eq!(
                predict(&page, model).unwrap(),
                predict(&csv, model).unwrap()
            );
        }
    }

    #[test]
    fn contributions_add_up_and_the_verdict_states_the_percentage() {
        let p = predict(
            &fields(
                json!({"age": 50, "priority": "Critical", "description": "Thank you, great help!"}),
            ),
            "improved",
        )
        .unwrap();
        let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum::<f64>() + p.intercept;
        assert!((sum - p.logit).abs() < 1e-12);
        assert_eq!(p.features["priority_ordinal"], 4.0);
        assert_eq!(p.features["s"], p.sentiment.seed);
        assert!(p.sentiment.vader > 0.5 && p.sentiment.polarity > 0.5);
        let pct = format!("{:.0}%", 100.0 * p.probability);
        assert!(p.verdict.starts_with(&pct), "{}", p.verdict);
        assert!(p.verdict.contains("ROC AUC 0.51"), "{}", p.verdict);
    }

    #[test]
    fn probability_alone_equals_the_explained_prediction() {
        for model in ["seed", "improved"] {
            let full = predict(
                &fields(
                    json!({"age": 52, "priority": "High", "description": "Slow and awful.",
                    "channel": "Chat", "type": "Refund request"}),
                ),
                model,
            )
            .unwrap();
            let p = probability(
                52.0,
                "High",
                "Slow and awful.",
                "Chat",
                "Refund request",
                model,
            );
            assert_eq!(p.unwrap(), full.probability);
        }
        assert!(probability(-1.0, "High", "", "", "", "seed").is_err());
        assert!(probability(30.0, "Soon", "", "", "", "seed").is_err());
    }

    #[test]
    fn negative_text_raises_the_seed_models_probability() {
        // The seed model's sentiment coefficient is negative (-0.1655).
        let p = |text: &str| {
            predict(
                &fields(json!({"age": 30, "priority": "Low", "description": text})),
                "seed",
            )
            .unwrap()
            .probability
        };
        assert!(p("This is terrible, the worst, awful") > p("neutral words here"));
        assert!(p("neutral words here") > p("Wonderful, excellent, perfect"));
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            (json!({"priority": "Low"}), "field 'age': missing"),
            (
                json!({"age": "abc", "priority": "Low"}),
                "field 'age': \"abc\" is not a number",
            ),
            (
                json!({"age": -3, "priority": "Low"}),
                "field 'age': -3 is not an age in whole years from 0 to 120",
            ),
            (
                json!({"age": 1e300, "priority": "Low"}),
                "field 'age': 1e300 is not an age in whole years from 0 to 120",
            ),
            (json!({"age": 30}), "field 'priority': missing"),
            (
                json!({"age": 30, "priority": "Urgent"}),
                "field 'priority': unknown priority 'Urgent' (expected Low, Medium, High or Critical)",
            ),
            (
                json!({"age": 30, "priority": "Low", "description": 5}),
                "field 'description': 5 is not text",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(
                predict(&fields(input), "seed").unwrap_err().to_string(),
                message
            );
        }
    }

    #[test]
    fn seed_contract_is_answered_by_the_seed_model() {
        let ask = |v: Value| seed_predict(&fields(v));
        // Every probability of the seed model is below 0.5: it answers false, honestly.
        assert!(
            !ask(
                json!({"Customer Age": 40, "Ticket Priority Numeric": 3, "Sentiment Score": -1.0})
            )
            .unwrap()
        );
        assert_eq!(
            ask(json!({"Customer Age": 40, "Ticket Priority Numeric": 4, "Sentiment Score": 0}))
                .unwrap_err()
                .to_string(),
            "field 'Ticket Priority Numeric': 4 is not 0, 1, 2 or 3 (critical 0, low 1, medium 2, high 3)"
        );
        assert_eq!(
            ask(json!({"Customer Age": 40, "Ticket Priority Numeric": 1, "Sentiment Score": 2}))
                .unwrap_err()
                .to_string(),
            "field 'Sentiment Score': 2 is not in [-1, 1]"
        );
    }

    #[test]
    fn analysis_of_the_bundled_dataset() {
        let a = analyze(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            "seed",
        )
        .unwrap();
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
        assert_eq!(a.satisfaction.len(), 2769);
        assert_eq!(a.words.len(), 100);
        assert_eq!(a.curve.len(), 41);
        // The seed model's curve falls with sentiment (negative coefficient).
        assert!(a.curve[0].1 > a.curve[40].1);
        let m = a.metrics.unwrap();
        assert_eq!(m.n, 8469);
        assert!((m.roc_auc - 0.5).abs() < 0.05);
        // Per-row probabilities equal single predictions.
        let t = tickets::read(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            OnBadRow::Stop,
        )
        .unwrap();
        let seed = Models::bundled().unwrap().get("seed").unwrap();
        for (i, t) in t.tickets.iter().enumerate().step_by(500) {
            assert_eq!(a.probabilities[i], seed.predict(t).probability);
        }
    }

    #[test]
    fn placeholders_are_left_out_of_the_word_cloud() {
        assert_eq!(
            strip_placeholders("My {product_purchased} broke {x y} {}{a}"),
            "My   broke {x y} {} "
        );
        let a = analyze(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            "seed",
        )
        .unwrap();
        // With the placeholders, "product" counts 17194 and "purchased" 14453.
        let count = |word: &str| a.words.iter().find(|(w, _)| w == word).map_or(0, |w| w.1);
        assert!(
            count("product") < 5000 && count("purchased") < 2000,
            "{:?}",
            &a.words[..5]
        );
    }

    #[test]
    fn malformed_rows_are_listed_and_the_rest_analyzed() {
        let csv = b"Customer Age,Ticket Priority,Ticket Description\n30,Low,fine\nabc,Low,x\n40,High,bad\n";
        let a = analyze(csv, "improved").unwrap();
        assert_eq!(a.scores.len(), 2);
        assert_eq!(
            a.rejected[0].to_string(),
            "line 3, column 'Customer Age': 'abc' is not a number"
        );
        assert!(a.status_counts.is_empty() && a.metrics.is_none());
        assert!(analyze(b"", "seed").is_err());
    }
}
