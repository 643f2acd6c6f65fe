//! Model inputs computed from a ticket's roles: one [`Feature`] per input column, and one
//! function, [`values_with`], that training and prediction share (no train/serve skew). What a
//! feature means to a person (its label) is defined next to it, in [`Feature::label`].

mod text;

pub mod sets;

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::export::Schema;
use crate::export::vocab;
use crate::ticket::{Role, Ticket};
pub use text::{Signals, TextSignals};

/// Which text of a ticket a text feature reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Text {
    /// The description.
    Description,
    /// The subject.
    Subject,
}

impl Text {
    /// The role the text comes from.
    pub fn role(self) -> Role {
        match self {
            Text::Description => Role::Description,
            Text::Subject => Role::Subject,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Text::Description => "description",
            Text::Subject => "subject",
        }
    }
}

/// The rank an unknown or empty priority counts as (normal/medium), next to its own indicator
/// when the model has one: never a silent zero.
pub const IMPUTED_RANK: f64 = 2.0;

/// One model input column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// The customer's age in years.
    CustomerAge,
    /// The seed's priority code: low 1, medium 2, high 3, anything else 0 (so Critical is 0:
    /// the seed's bug, kept for the seed's model only).
    PrioritySeed,
    /// The priority's rank: lowest 0, low 1, normal/medium 2, high 3, urgent/critical 4; an
    /// unknown or empty priority counts as [`IMPUTED_RANK`].
    PriorityRank,
    /// 1 for the top rank (urgent, critical, highest), else 0.
    PriorityCritical,
    /// 1 when the priority is this value (by [`vocab::key`]; `""` for an empty one), else 0.
    PriorityLevel(String),
    /// 1 when the channel is this value (by key), else 0.
    Channel(String),
    /// 1 when the channel is none of the model's [`Feature::Channel`] values, else 0.
    ChannelOther,
    /// 1 when the type is this value (by key), else 0.
    Type(String),
    /// 1 when the type is none of the model's [`Feature::Type`] values, else 0.
    TypeOther,
    /// The seed's sentiment score `s` of the text: TextBlob polarity of the seed-cleaned text.
    SeedScore(Text),
    /// `|s|`.
    SeedMagnitude(Text),
    /// `sign(s)`: -1, 0 or 1.
    SeedSign(Text),
    /// `s × priority_seed` of the description (the seed's interaction idea).
    SeedXPriority,
    /// TextBlob polarity of the raw text, -1 to 1.
    Polarity(Text),
    /// TextBlob subjectivity of the raw text, 0 to 1.
    Subjectivity(Text),
    /// VADER's compound score of the raw text, -1 to 1.
    Vader(Text),
    /// `ln(1 + words)` of the raw text.
    LogWords(Text),
    /// `sin(2π h / 24)` of the creation hour `h` (with the cosine, the hour on a circle).
    CreatedHourSin,
    /// `cos(2π h / 24)` of the creation hour.
    CreatedHourCos,
    /// 1 when the ticket was created on this day (0 Monday … 6 Sunday), else 0.
    CreatedWeekday(u8),
}

/// Weekday names, Monday first.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `text` as an identifier fragment: lower-case letters and digits, `_` between words.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() { "unset".into() } else { out }
}

impl Feature {
    /// The column's identifier, as reports and the JSON API name it (the committed models'
    /// names are kept: `age`, `s`, `priority_ordinal`, `type_technical_issue`, ...).
    pub fn name(&self) -> String {
        let text = |t: Text, legacy: &str, name: &str| match t {
            Text::Description => legacy.to_string(),
            Text::Subject => format!("subject_{name}"),
        };
        match self {
            Feature::CustomerAge => "age".into(),
            Feature::PrioritySeed => "priority_seed".into(),
            Feature::PriorityRank => "priority_ordinal".into(),
            Feature::PriorityCritical => "priority_critical".into(),
            Feature::PriorityLevel(k) => format!("priority_{}", slug(k)),
            Feature::Channel(k) => format!("channel_{}", slug(k)),
            Feature::ChannelOther => "channel_other".into(),
            Feature::Type(k) => format!("type_{}", slug(k)),
            Feature::TypeOther => "type_other".into(),
            Feature::SeedScore(t) => text(*t, "s", "seed_score"),
            Feature::SeedMagnitude(t) => text(*t, "magnitude", "seed_magnitude"),
            Feature::SeedSign(t) => text(*t, "polarity", "seed_sign"),
            Feature::SeedXPriority => "s_x_priority".into(),
            Feature::Polarity(t) => text(*t, "textblob_polarity", "textblob_polarity"),
            Feature::Subjectivity(t) => text(*t, "textblob_subjectivity", "textblob_subjectivity"),
            Feature::Vader(t) => text(*t, "vader_compound", "vader_compound"),
            Feature::LogWords(t) => text(*t, "log_words", "log_words"),
            Feature::CreatedHourSin => "created_hour_sin".into(),
            Feature::CreatedHourCos => "created_hour_cos".into(),
            Feature::CreatedWeekday(d) => format!(
                "created_{}",
                WEEKDAYS
                    .get(usize::from(*d))
                    .map_or("day".into(), |w| w.to_lowercase())
            ),
        }
    }

    /// What the column is, for a person: a label and a one-line meaning. `levels` holds the
    /// values as the export writes them, to show `Type: Technical issue` rather than a key.
    pub fn label(&self, levels: &dyn Fn(Role, &str) -> String) -> (String, String) {
        let tone = |t: Text, how: &str| format!("Tone of the {} ({how})", t.noun());
        match self {
            Feature::CustomerAge => ("Customer age".into(), "The customer's age in years.".into()),
            Feature::PrioritySeed => (
                "Priority (the original project's coding)".into(),
                "Low 1, medium 2, high 3 and critical 0, as the original project coded it.".into(),
            ),
            Feature::PriorityRank => (
                "Priority".into(),
                "How urgent the ticket is, from lowest (0) to urgent or critical (4).".into(),
            ),
            Feature::PriorityCritical => (
                "Priority: critical".into(),
                "Whether the ticket has the highest priority.".into(),
            ),
            Feature::PriorityLevel(k) => (
                format!("Priority: {}", levels(Role::Priority, k)),
                format!("Whether the priority is {}.", levels(Role::Priority, k)),
            ),
            Feature::Channel(k) => (
                format!("Channel: {}", levels(Role::Channel, k)),
                format!("Whether the ticket came by {}.", levels(Role::Channel, k)),
            ),
            Feature::ChannelOther => (
                "Channel: other".into(),
                "Whether the ticket came by a channel the model has no column for.".into(),
            ),
            Feature::Type(k) => (
                format!("Type: {}", levels(Role::Type, k)),
                format!("Whether the ticket is of type {}.", levels(Role::Type, k)),
            ),
            Feature::TypeOther => (
                "Type: other".into(),
                "Whether the ticket is of a type the model has no column for.".into(),
            ),
            Feature::SeedScore(t) => (
                tone(*t, "the original project's score, −1 to +1"),
                format!(
                    "TextBlob's polarity of the {} after the original project's cleaning, from −1 (negative) to +1 (positive).",
                    t.noun()
                ),
            ),
            Feature::SeedMagnitude(t) => (
                format!("Strength of the {}'s tone (0 to 1)", t.noun()),
                "How far the tone is from neutral, whichever way.".into(),
            ),
            Feature::SeedSign(t) => (
                format!("Direction of the {}'s tone", t.noun()),
                "−1 negative, 0 neutral, +1 positive.".into(),
            ),
            Feature::SeedXPriority => (
                "Tone of the description × priority (original coding)".into(),
                "The tone score multiplied by the original project's priority code.".into(),
            ),
            Feature::Polarity(t) => (
                tone(*t, "TextBlob, −1 to +1"),
                format!(
                    "TextBlob's polarity of the {}: −1 negative, +1 positive.",
                    t.noun()
                ),
            ),
            Feature::Subjectivity(t) => (
                format!("Subjectivity of the {} (TextBlob, 0 to 1)", t.noun()),
                "0 for a factual text, 1 for an opinionated one.".into(),
            ),
            Feature::Vader(t) => (
                tone(*t, "VADER, −1 to +1"),
                format!(
                    "VADER's compound score of the {}: −1 negative, +1 positive.",
                    t.noun()
                ),
            ),
            Feature::LogWords(t) => (
                format!("Length of the {}", t.noun()),
                "The number of words, on a logarithmic scale.".into(),
            ),
            Feature::CreatedHourSin | Feature::CreatedHourCos => (
                "Hour the ticket was opened".into(),
                "The time of day the ticket was created (two columns place the hour on a circle)."
                    .into(),
            ),
            Feature::CreatedWeekday(d) => {
                let day = WEEKDAYS.get(usize::from(*d)).copied().unwrap_or("?");
                (
                    format!("Opened on a {day}"),
                    format!("Whether the ticket was created on a {day}."),
                )
            }
        }
    }

    /// The role whose value the feature reads.
    pub fn role(&self) -> Role {
        match self {
            Feature::CustomerAge => Role::CustomerAge,
            Feature::PrioritySeed
            | Feature::PriorityRank
            | Feature::PriorityCritical
            | Feature::PriorityLevel(_) => Role::Priority,
            Feature::Channel(_) | Feature::ChannelOther => Role::Channel,
            Feature::Type(_) | Feature::TypeOther => Role::Type,
            Feature::SeedXPriority => Role::Description,
            Feature::SeedScore(t)
            | Feature::SeedMagnitude(t)
            | Feature::SeedSign(t)
            | Feature::Polarity(t)
            | Feature::Subjectivity(t)
            | Feature::Vader(t)
            | Feature::LogWords(t) => t.role(),
            Feature::CreatedHourSin | Feature::CreatedHourCos | Feature::CreatedWeekday(_) => {
                Role::CreatedAt
            }
        }
    }

    /// The range of the column's values, for checking that a model's logit stays finite.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Feature::CustomerAge => (0.0, 120.0),
            Feature::PrioritySeed => (0.0, 3.0),
            Feature::PriorityRank => (0.0, 4.0),
            Feature::SeedScore(_)
            | Feature::SeedSign(_)
            | Feature::Polarity(_)
            | Feature::Vader(_) => (-1.0, 1.0),
            Feature::SeedXPriority => (-3.0, 3.0),
            Feature::CreatedHourSin | Feature::CreatedHourCos => (-1.0, 1.0),
            // ln(1 + words): a text of at most 4 GiB has fewer than 2^32 words.
            Feature::LogWords(_) => (0.0, 23.0),
            _ => (0.0, 1.0),
        }
    }
}

/// A feature a ticket lacks the value for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The role whose value is missing.
    pub role: Role,
}

/// Seed priority codes by key.
fn seed_code(key: &str) -> f64 {
    match key {
        "low" => 1.0,
        "medium" => 2.0,
        "high" => 3.0,
        _ => 0.0,
    }
}

/// The values of `features` for `ticket` read with `schema`, given its text `signals`.
pub fn values_with(
    features: &[Feature],
    ticket: &Ticket,
    schema: &Schema,
    signals: &mut Signals,
) -> Result<Vec<f64>, Missing> {
    let priority_key = ticket
        .priority
        .as_deref()
        .map(vocab::key)
        .unwrap_or_default();
    let rank = ticket
        .priority
        .as_deref()
        .and_then(|p| schema.priority_rank(p));
    let channel = vocab::key(&ticket.channel);
    let ticket_type = vocab::key(&ticket.ticket_type);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let hour = || {
        ticket
            .created_at
            .map(|t| 2.0 * std::f64::consts::PI * f64::from(t.hour()) / 24.0)
            .ok_or(Missing {
                role: Role::CreatedAt,
            })
    };
    let mut out = Vec::with_capacity(features.len());
    for f in features {
        let v = match f {
            Feature::CustomerAge => ticket.customer_age.ok_or(Missing {
                role: Role::CustomerAge,
            })?,
            Feature::PrioritySeed => seed_code(&priority_key),
            Feature::PriorityRank => rank.map_or(IMPUTED_RANK, f64::from),
            Feature::PriorityCritical => flag(rank == Some(4)),
            Feature::PriorityLevel(k) => flag(*k == priority_key),
            Feature::Channel(k) => flag(*k == channel),
            Feature::ChannelOther => flag(
                !features
                    .iter()
                    .any(|g| matches!(g, Feature::Channel(k) if *k == channel)),
            ),
            Feature::Type(k) => flag(*k == ticket_type),
            Feature::TypeOther => flag(
                !features
                    .iter()
                    .any(|g| matches!(g, Feature::Type(k) if *k == ticket_type)),
            ),
            Feature::SeedScore(t) => signals.of(*t, ticket).seed(),
            Feature::SeedMagnitude(t) => signals.of(*t, ticket).seed().abs(),
            Feature::SeedSign(t) => {
                // numpy's sign: 0 stays 0.
                let s = signals.of(*t, ticket).seed();
                if s > 0.0 {
                    1.0
                } else if s < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Feature::SeedXPriority => {
                signals.of(Text::Description, ticket).seed() * seed_code(&priority_key)
            }
            Feature::Polarity(t) => signals.of(*t, ticket).blob().polarity,
            Feature::Subjectivity(t) => signals.of(*t, ticket).blob().subjectivity,
            Feature::Vader(t) => signals.of(*t, ticket).vader(),
            // libm's, not the platform's: the same bits natively and in wasm.
            Feature::LogWords(t) => libm::log1p(signals.of(*t, ticket).words() as f64),
            Feature::CreatedHourSin => libm::sin(hour()?),
            Feature::CreatedHourCos => libm::cos(hour()?),
            Feature::CreatedWeekday(d) => {
                let day = ticket.created_at.ok_or(Missing {
                    role: Role::CreatedAt,
                })?;
                flag(day.weekday() == u32::from(*d))
            }
        };
        out.push(v);
    }
    Ok(out)
}

/// One ticket's model inputs and the text signals they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One value per feature, in order.
    pub values: Vec<f64>,
    /// The text signals computed on the way.
    pub signals: Signals,
}

/// The values of `features` for one ticket.
pub fn row(features: &[Feature], ticket: &Ticket, schema: &Schema) -> Result<Row, Missing> {
    let mut signals = Signals::default();
    let values = values_with(features, ticket, schema, &mut signals)?;
    Ok(Row { values, signals })
}

/// The feature matrix (tickets × features) of `tickets`; the first ticket lacking a value is
/// reported with its index.
pub fn matrix(
    features: &[Feature],
    tickets: &[Ticket],
    schema: &Schema,
) -> Result<Array2<f64>, (usize, Missing)> {
    let mut x = Array2::zeros((tickets.len(), features.len()));
    for (i, (mut out, ticket)) in x.rows_mut().into_iter().zip(tickets).enumerate() {
        let mut signals = Signals::default();
        let values = values_with(features, ticket, schema, &mut signals).map_err(|m| (i, m))?;
        for (o, v) in out.iter_mut().zip(values) {
            *o = v;
        }
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::time::TimeFormat;
    use crate::sentiment::{seed, textblob, vader};
    use sets::FeatureSet;

    fn ticket(priority: &str, description: &str) -> Ticket {
        Ticket {
            id: "1".into(),
            customer_age: Some(40.0),
            priority: Some(priority.into()),
            description: description.into(),
            channel: "Chat".into(),
            ticket_type: "Refund request".into(),
            status: Some("Open".into()),
            ..Ticket::default()
        }
    }

    fn values(features: &[Feature], t: &Ticket) -> Vec<f64> {
        row(features, t, &Schema::kaggle()).unwrap().values
    }

    /// One feature of every kind, each text for the text features. The match below has no
    /// wildcard: a new kind of feature does not compile until it is listed here, and so
    /// labelled and checked.
    fn every_kind() -> Vec<Feature> {
        let listed = |f: &Feature| match f {
            Feature::CustomerAge
            | Feature::PrioritySeed
            | Feature::PriorityRank
            | Feature::PriorityCritical
            | Feature::PriorityLevel(_)
            | Feature::Channel(_)
            | Feature::ChannelOther
            | Feature::Type(_)
            | Feature::TypeOther
            | Feature::SeedScore(_)
            | Feature::SeedMagnitude(_)
            | Feature::SeedSign(_)
            | Feature::SeedXPriority
            | Feature::Polarity(_)
            | Feature::Subjectivity(_)
            | Feature::Vader(_)
            | Feature::LogWords(_)
            | Feature::CreatedHourSin
            | Feature::CreatedHourCos
            | Feature::CreatedWeekday(_) => true,
        };
        let mut out = vec![
            Feature::CustomerAge,
            Feature::PrioritySeed,
            Feature::PriorityRank,
            Feature::PriorityCritical,
            Feature::PriorityLevel("high".into()),
            Feature::Channel("chat".into()),
            Feature::ChannelOther,
            Feature::Type("technical issue".into()),
            Feature::TypeOther,
            Feature::SeedXPriority,
            Feature::CreatedHourSin,
            Feature::CreatedHourCos,
        ];
        for t in [Text::Description, Text::Subject] {
            out.extend([
                Feature::SeedScore(t),
                Feature::SeedMagnitude(t),
                Feature::SeedSign(t),
                Feature::Polarity(t),
                Feature::Subjectivity(t),
                Feature::Vader(t),
                Feature::LogWords(t),
            ]);
        }
        out.extend((0..7).map(Feature::CreatedWeekday));
        assert!(out.iter().all(listed));
        out
    }

    #[test]
    fn every_feature_has_a_label_and_a_meaning_in_words() {
        let schema = Schema::kaggle();
        let spelled = |role, key: &str| schema.spelling(role, key);
        let mut labels = std::collections::HashSet::new();
        for f in every_kind() {
            let name = f.name();
            let (label, meaning) = f.label(&spelled);
            assert!(
                !label.is_empty() && meaning.ends_with('.'),
                "{name}: {label:?} {meaning:?}"
            );
            // Words, not the identifier: no snake_case, no one-letter name (`s`), capitalised.
            let one_letter = name.chars().count() == 1;
            for text in [&label, &meaning] {
                assert!(!text.contains('_'), "{name}: {text:?}");
                // "project's" is one word.
                let mut words = text.split(|c: char| !(c.is_alphanumeric() || c == '\''));
                assert!(
                    !(one_letter && words.any(|w| w == name)),
                    "{name} in {text:?}"
                );
            }
            assert_ne!(label, name);
            assert!(label.starts_with(char::is_uppercase), "{label:?}");
            // Distinct but for the hour's sine and cosine, which are one input.
            if f != Feature::CreatedHourCos {
                assert!(labels.insert(label.clone()), "{label:?} twice");
            }
        }
        // One-hot levels as the export writes them; sentiment saying which text and analyzer.
        let label = |f: Feature| f.label(&spelled).0;
        assert_eq!(
            label(Feature::Type("technical issue".into())),
            "Type: Technical issue"
        );
        assert_eq!(
            label(Feature::Polarity(Text::Description)),
            "Tone of the description (TextBlob, −1 to +1)"
        );
        assert_eq!(
            label(Feature::Vader(Text::Subject)),
            "Tone of the subject (VADER, −1 to +1)"
        );
    }

    #[test]
    fn seed_sets_follow_the_seed_coding() {
        let t = ticket("Critical", "The product is great but the refund is awful.");
        let s = seed::seed_score(&t.description).score;
        assert!(s != 0.0);
        assert_eq!(values(&FeatureSet::Seed3.features(), &t), [40.0, 0.0, s]);
        assert_eq!(
            values(&FeatureSet::Seed5.features(), &t),
            [40.0, 0.0, s, s.abs(), s.signum()]
        );
        assert_eq!(
            values(&FeatureSet::Seed3x.features(), &t),
            [40.0, 0.0, s, 0.0]
        );
        assert_eq!(values(&FeatureSet::Ordinal3.features(), &t), [40.0, 4.0, s]);
    }

    #[test]
    fn an_unknown_or_missing_priority_counts_as_medium() {
        // Imputed as Medium's rank (Low 1, Medium 2, High 3, Critical 4).
        for priority in ["Urgentish", ""] {
            let t = ticket(priority, "");
            assert_eq!(values(&[Feature::PriorityRank], &t), [2.0], "{priority:?}");
        }
        assert_eq!(
            values(&[Feature::PriorityRank], &ticket("Medium", "")),
            [2.0]
        );
        assert_eq!(values(&[Feature::PriorityRank], &ticket("Low", "")), [1.0]);
    }

    #[test]
    fn one_hot_levels_other_and_zero_sign() {
        let t = ticket("High", "");
        let features = [
            Feature::Channel("chat".into()),
            Feature::Channel("email".into()),
            Feature::ChannelOther,
            Feature::Type("refund request".into()),
            Feature::Type("billing inquiry".into()),
            Feature::TypeOther,
            Feature::SeedSign(Text::Description),
            Feature::LogWords(Text::Description),
            Feature::PriorityCritical,
            Feature::PriorityLevel("high".into()),
        ];
        assert_eq!(
            values(&features, &t),
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]
        );
        let other = Ticket {
            channel: "Fax".into(),
            ticket_type: String::new(),
            ..t
        };
        assert_eq!(
            values(&features, &other)[..6],
            [0.0, 0.0, 1.0, 0.0, 0.0, 1.0]
        );
    }

    #[test]
    fn unknown_or_empty_priorities_are_imputed_never_zero() {
        let f = [
            Feature::PriorityRank,
            Feature::PrioritySeed,
            Feature::PriorityLevel("-".into()),
        ];
        assert_eq!(values(&f, &ticket("Soon", "")), [IMPUTED_RANK, 0.0, 0.0]);
        assert_eq!(values(&f, &ticket("-", "")), [IMPUTED_RANK, 0.0, 1.0]);
        let none = Ticket {
            priority: None,
            ..ticket("x", "")
        };
        assert_eq!(values(&f, &none), [IMPUTED_RANK, 0.0, 0.0]);
        assert_eq!(values(&f, &ticket("urgent", "")), [4.0, 0.0, 0.0]);
    }

    #[test]
    fn text_features_read_each_text_with_each_analyzer() {
        let t = Ticket {
            subject: "Thanks, great help!".into(),
            ..ticket("Low", "This is awful, nothing works.")
        };
        let f = [
            Feature::Polarity(Text::Description),
            Feature::Subjectivity(Text::Subject),
            Feature::Vader(Text::Subject),
            Feature::SeedScore(Text::Subject),
            Feature::LogWords(Text::Subject),
        ];
        let blob = textblob::sentiment(&t.subject);
        assert_eq!(
            values(&f, &t),
            [
                textblob::sentiment(&t.description).polarity,
                blob.subjectivity,
                vader::polarity_scores(&t.subject).compound,
                seed::seed_score(&t.subject).score,
                3f64.ln_1p(),
            ]
        );
    }

    #[test]
    fn time_features_and_missing_values() {
        let created = TimeFormat::Iso.parse("2024-03-09T18:00:00Z");
        let t = Ticket {
            created_at: created,
            ..ticket("Low", "")
        };
        // 2024-03-09 is a Saturday; 18:00 is 3/4 of the way round the clock.
        let v = values(
            &[
                Feature::CreatedWeekday(5),
                Feature::CreatedWeekday(0),
                Feature::CreatedHourSin,
                Feature::CreatedHourCos,
            ],
            &t,
        );
        assert_eq!(v[..2], [1.0, 0.0]);
        assert!((v[2] + 1.0).abs() < 1e-12 && v[3].abs() < 1e-12, "{v:?}");
        let bare = Ticket {
            customer_age: None,
            ..ticket("Low", "")
        };
        assert_eq!(
            row(&[Feature::CreatedHourSin], &bare, &Schema::kaggle()).unwrap_err(),
            Missing {
                role: Role::CreatedAt
            }
        );
        assert_eq!(
            row(&[Feature::CustomerAge], &bare, &Schema::kaggle()).unwrap_err(),
            Missing {
                role: Role::CustomerAge
            }
        );
    }

    #[test]
    fn matrix_rows_equal_single_rows_and_names_are_unique() {
        let tickets = [
            ticket("Low", "broken again, terrible"),
            ticket("Medium", "thanks, works fine"),
        ];
        for set in FeatureSet::ALL {
            let f = set.features();
            let x = matrix(&f, &tickets, &Schema::kaggle()).unwrap();
            for (r, t) in x.rows().into_iter().zip(&tickets) {
                assert_eq!(r.to_vec(), values(&f, t), "{}", set.name());
            }
            let mut names: Vec<String> = f.iter().map(Feature::name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), f.len());
        }
        assert_eq!(slug(" Social  media! "), "social_media");
        assert_eq!(slug("-"), "unset");
    }
}
