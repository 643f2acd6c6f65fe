//! What the predictor answers, in plain Rust so it tests natively: a prediction from raw ticket
//! fields with its explanation, the probability alone, the seed's `/predict` contract, and a
//! model's information. `crate::wasm` only converts values.

pub mod explain;
pub mod fields;
pub mod present;
pub mod registry;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::features::{Feature, Signals};
use crate::model::artifact::{Artifact, Model};
use crate::sentiment::{seed, textblob, vader};
use crate::ticket::{self, Role, Ticket};
use crate::{Error, Result};
use explain::{Context, Explanation, Terms};
use fields::{FieldValue, Fields, input_error, ticket_from_fields};
pub use registry::Models;

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
    /// Scores `description`, reusing what `signals` computed already.
    fn of(description: &str, signals: &Signals) -> SentimentValues {
        let d = &signals.description;
        let blob = d
            .textblob
            .unwrap_or_else(|| textblob::sentiment(description));
        SentimentValues {
            seed: d
                .seed_score
                .unwrap_or_else(|| seed::seed_score(description).score),
            polarity: blob.polarity,
            subjectivity: blob.subjectivity,
            vader: d
                .vader_compound
                .unwrap_or_else(|| vader::polarity_scores(description).compound),
        }
    }
}

/// One feature's part in a prediction, named for programs and for people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// The feature's identifier.
    pub feature: String,
    /// Its label for a person.
    pub label: String,
    /// What it means, in one line.
    pub meaning: String,
    /// Its value for the ticket.
    pub value: f64,
    /// Its term in the logit.
    pub contribution: f64,
    /// Its part in percentage points of probability (see [`mod@explain`]).
    pub points: f64,
}

/// The ticket's priority as the model reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityShown {
    /// As given (`""` for none).
    pub value: String,
    /// Its rank, 0 lowest to 4 urgent/critical, when known.
    pub rank: Option<u8>,
    /// Whether it is one of the model's own levels.
    pub known: bool,
    /// The model's level it counts as, when it is not one of them.
    pub counted_as: Option<String>,
    /// In words: "High", "“urgent”, counted as Critical".
    pub text: String,
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
    /// Feature identifier → value, as the model saw them.
    pub features: BTreeMap<String, f64>,
    /// Per-feature terms of the logit; with `intercept` they sum to `logit`.
    pub contributions: Vec<Term>,
    /// The intercept.
    pub intercept: f64,
    /// The logit.
    pub logit: f64,
    /// The description's sentiment figures.
    pub sentiment: SentimentValues,
    /// The same, in one sentence for a person.
    pub tone: String,
    /// The priority as the model read it.
    pub priority: PriorityShown,
    /// The prediction explained for a person (binary models).
    pub explanation: Option<Explanation>,
    /// The probability and what it is worth, in plain words.
    pub verdict: String,
}

/// The label and meaning of `feature` in `model`'s terms.
pub fn label(model: &Model, feature: &Feature) -> (String, String) {
    let schema = &model.artifact().schema;
    feature.label(&|role, key| schema.spelling(role, key))
}

/// A missing feature value as an input error naming the role.
fn missing(m: crate::features::Missing) -> Error {
    input_error(m.role.name(), "missing")
}

/// The words [`mod@explain`] needs about `model` and `ticket`.
fn context<'a>(
    model: &'a Model,
    ticket: &'a Ticket,
    label: &'a dyn Fn(&Feature) -> String,
) -> Context<'a> {
    let a = model.artifact();
    Context {
        ticket,
        schema: &a.schema,
        features: &a.features,
        label,
    }
}

/// How `model` reads `priority`.
fn priority_shown(c: &Context<'_>, priority: Option<&str>) -> PriorityShown {
    let r = explain::read_priority(c, priority);
    PriorityShown {
        text: explain::priority_words(c, priority),
        value: r.value,
        rank: r.rank,
        known: r.known,
        counted_as: r.counted_as,
    }
}

/// Predicts `ticket` with `model`, explained.
pub fn explain(model: &Model, ticket: &Ticket) -> Result<PagePrediction> {
    let a: &Artifact = model.artifact();
    let p = model.predict(ticket).map_err(missing)?;
    let label_of = |f: &Feature| label(model, f).0;
    let c = context(model, ticket, &label_of);
    let binary = matches!(a.weights, crate::model::artifact::Weights::Binary { .. });
    let scale = explain::points_per_log_odds(p.intercept, p.logit);
    let terms: Vec<(Feature, f64, f64)> = p
        .contributions
        .iter()
        .map(|t| (t.feature.clone(), t.value, t.contribution))
        .collect();
    let explanation = binary.then(|| {
        explain::explain(
            &c,
            Terms {
                base: p.intercept,
                terms: &terms,
                logit: p.logit,
                probability: p.probability,
            },
            &present::reference(a),
        )
    });
    let sentiment = SentimentValues::of(&ticket.description, &p.signals);
    Ok(PagePrediction {
        probability: p.probability,
        resolved: p.positive,
        threshold: a.threshold,
        model: a.name.clone(),
        features: p
            .contributions
            .iter()
            .map(|c| (c.feature.name(), c.value))
            .collect(),
        tone: present::tone(
            sentiment.seed,
            sentiment.polarity,
            sentiment.subjectivity,
            sentiment.vader,
        ),
        sentiment,
        contributions: p
            .contributions
            .iter()
            .map(|c| {
                let (label, meaning) = label(model, &c.feature);
                Term {
                    feature: c.feature.name(),
                    label,
                    meaning,
                    value: c.value,
                    contribution: c.contribution,
                    points: scale * c.contribution,
                }
            })
            .collect(),
        intercept: p.intercept,
        logit: p.logit,
        priority: priority_shown(&c, ticket.priority.as_deref()),
        explanation,
        verdict: present::verdict(a, p.probability),
    })
}

/// Predicts a ticket given as raw fields with `model`.
pub fn predict_fields(model: &Model, fields: &Fields) -> Result<PagePrediction> {
    explain(model, &ticket_from_fields(fields, model)?)
}

/// Predicts a ticket given as raw fields with the bundled model `model`.
pub fn predict(fields: &Fields, model: &str) -> Result<PagePrediction> {
    predict_fields(Models::bundled()?.get(model)?, fields)
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
        customer_age: Some(ticket::check_age(age).map_err(|m| input_error("customer_age", m))?),
        priority: Some(priority.trim().to_string()).filter(|p| !p.is_empty()),
        description: description.into(),
        channel: channel.trim().into(),
        ticket_type: ticket_type.trim().into(),
        ..Ticket::default()
    };
    let a = model.artifact();
    let values = crate::features::row(&a.features, &ticket, &a.schema)
        .map_err(missing)?
        .values;
    Ok(model.probability(&values))
}

/// The seed's `POST /predict` contract: `{"Customer Age", "Ticket Priority Numeric",
/// "Sentiment Score"}` → `{"prediction": bool}`, answered by the seed model (the seed itself
/// answered `true` for every input).
pub fn seed_predict(fields: &Fields) -> Result<bool> {
    let get = |name: &str| {
        let value = fields
            .get(name)
            .ok_or_else(|| input_error(name, "missing"))?;
        match value {
            FieldValue::Number(n) if n.is_finite() => Ok(*n),
            FieldValue::Text(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| input_error(name, format!("{value} is not a number"))),
            other => Err(input_error(name, format!("{other} is not a number"))),
        }
    };
    let age =
        ticket::check_age(get("Customer Age")?).map_err(|m| input_error("Customer Age", m))?;
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
    Ok(model.probability(&[age, priority, score]) >= model.artifact().threshold)
}

/// One input a model reads, for a person: features that share a label are one input (the
/// hour's sine and cosine).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputInfo {
    /// Its label.
    pub label: String,
    /// What it means, in one line.
    pub meaning: String,
    /// The identifiers of its features, for programs.
    pub features: Vec<String>,
}

/// A priority level of a model's export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelInfo {
    /// As the export writes it.
    pub value: String,
    /// Its rank, 0 lowest to 4 urgent/critical, when known.
    pub rank: Option<u8>,
}

/// A model's card for the page.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInfo<'a> {
    /// The model file's content: features, weights, training and metrics.
    #[serde(flatten)]
    pub model: &'a Artifact,
    /// Its held-out results in plain words.
    pub summary: String,
    /// What its explanations start from, in words.
    pub reference: String,
    /// What it reads, in words, in model order.
    pub inputs: Vec<InputInfo>,
    /// The priority levels its export holds, lowest rank first (unranked last).
    pub priorities: Vec<LevelInfo>,
}

/// `model` with a plain-language summary of its held-out results and its inputs in words.
pub fn info(model: &Model) -> ModelInfo<'_> {
    let a = model.artifact();
    // One entry per label; the levels of a one-hot category ("Type: Refund request") as one.
    let mut inputs: Vec<InputInfo> = Vec::new();
    let mut levels: Vec<(String, Vec<String>)> = Vec::new();
    for f in &a.features {
        let (label, meaning) = label(model, f);
        let (group, level) = match label.split_once(": ") {
            Some((g, l)) => (g.to_string(), Some(l.to_string())),
            None => (label.clone(), None),
        };
        let key = if level.is_some() { &group } else { &label };
        match inputs.iter_mut().find(|i| i.label == *key) {
            Some(i) => i.features.push(f.name()),
            None => inputs.push(InputInfo {
                label: key.clone(),
                meaning,
                features: vec![f.name()],
            }),
        }
        if let Some(level) = level {
            match levels.iter_mut().find(|(g, _)| *g == group) {
                Some((_, ls)) => ls.push(level),
                None => levels.push((group, vec![level])),
            }
        }
    }
    for (group, ls) in levels {
        if let Some(i) = inputs.iter_mut().find(|i| i.label == group)
            && ls.len() > 1
        {
            i.meaning = format!("Which of these it is: {}.", ls.join(", "));
        }
    }
    let mut priorities: Vec<LevelInfo> = a
        .schema
        .priorities
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, rank)| LevelInfo {
            value: a.schema.spelling(Role::Priority, k),
            rank: *rank,
        })
        .collect();
    priorities.sort_by_key(|l| l.rank.map_or(u16::MAX, u16::from));
    ModelInfo {
        model: a,
        summary: present::summary(a),
        reference: present::reference(a),
        inputs,
        priorities,
    }
}

/// The bundled model `name` with a plain-language summary of its held-out results.
pub fn model_info(name: &str) -> Result<ModelInfo<'static>> {
    Ok(info(Models::bundled()?.get(name)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn fields(v: Value) -> Fields {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn role_names_aliases_and_csv_headers_give_the_same_prediction() {
        let page = fields(
            json!({"age": 35, "priority": "High", "description": "It broke again, awful.",
            "channel": "Email", "type": "Technical issue"}),
        );
        let roles = fields(json!({"customer_age": "35", "priority": "High",
            "description": "It broke again, awful.", "channel": "Email", "type": "Technical issue"}));
        let csv = fields(json!({"Customer Age": "35", "Ticket Priority": "high",
            "Ticket Description": "It broke again, awful.", "Ticket Channel": "Email",
            "Ticket Type": "Technical issue", "Ticket Subject": "ignored"}));
        for model in ["seed", "improved"] {
            let p = predict(&page, model).unwrap();
            assert_eq!(p, predict(&roles, model).unwrap());
            // The same but for the priority as written.
            let mut from_csv = predict(&csv, model).unwrap();
            assert_eq!(from_csv.priority.value, "high");
            from_csv.priority.value = "High".into();
            assert_eq!(p, from_csv);
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
        let pct = present::percent(p.probability);
        assert!(p.verdict.starts_with(&pct), "{}", p.verdict);
        assert!(p.verdict.contains("ROC AUC 0.51"), "{}", p.verdict);
        assert_eq!(p.contributions[3].label, "Type: Technical issue");
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
            (json!({"priority": "Low"}), "field 'customer_age': missing"),
            (
                json!({"age": "abc", "priority": "Low"}),
                "field 'customer_age': \"abc\" is not a number",
            ),
            (
                json!({"age": -3, "priority": "Low"}),
                "field 'customer_age': -3 is not an age in whole years from 0 to 120",
            ),
            (
                json!({"age": 1e300, "priority": "Low"}),
                "field 'customer_age': 1e300 is not an age in whole years from 0 to 120",
            ),
            (
                json!({"age": 30, "priority": 7}),
                "field 'priority': 7 is not text",
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
    fn unknown_priorities_are_predicted_as_medium_not_rejected() {
        let p = |priority: &str| {
            predict(
                &fields(json!({"age": 30, "priority": priority, "description": "ok"})),
                "improved",
            )
            .unwrap()
        };
        assert_eq!(p("Soon").features["priority_ordinal"], 2.0);
        assert_eq!(p("urgent").features["priority_ordinal"], 4.0);
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
}
