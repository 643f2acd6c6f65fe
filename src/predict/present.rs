//! What a prediction and a model say to a person: how well the model tells tickets apart, the
//! verdict sentence and the model's held-out results worded to match, the point its
//! explanations start from, the tone figures of a description, and input errors with the
//! field's label.
//!
//! # How strong a model is, and the words that follow
//!
//! [`strength`] reads the held-out metrics the model file records:
//!
//! | held-out result | strength | the verdict says |
//! |---|---|---|
//! | none | [`Strength::Unknown`] | how well it separates tickets is unknown |
//! | ROC AUC < 0.55, or a cross-validation permutation p-value ≥ 0.05 (when shuffles were run) | [`Strength::Chance`] | it barely tells tickets apart: treat the figure as the base rate |
//! | AUC 0.55 to 0.65 | [`Strength::Weak`] | a hint, not a forecast |
//! | AUC 0.65 to 0.75 | [`Strength::Fair`] | often wrong about a single ticket |
//! | AUC ≥ 0.75 | [`Strength::Good`] | it separated tickets well on tickets it never saw |
//!
//! Only from [`Strength::Fair`] on does the verdict say what the model expects of the ticket
//! ("it will be resolved"); below, it says why the figure is not a forecast.

use crate::Error;
use crate::model::artifact::{Artifact, Weights};
use crate::ticket::Role;

/// Below this held-out ROC AUC a model is at chance.
pub const CHANCE_AUC: f64 = 0.55;
/// Below this AUC a model is weak.
pub const WEAK_AUC: f64 = 0.65;
/// Below this AUC a model is fair; from it on, good.
pub const FAIR_AUC: f64 = 0.75;
/// A cross-validated AUC whose permutation p-value reaches this is no better than shuffled
/// labels.
pub const SIGNIFICANT_P: f64 = 0.05;

/// How well a model tells resolved tickets from the others on tickets it never saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// It has no held-out results.
    Unknown,
    /// Not measurably better than a coin flip.
    Chance,
    /// Some signal: a hint.
    Weak,
    /// Useful, often wrong about one ticket.
    Fair,
    /// Separates tickets well.
    Good,
}

/// The model's strength, from its held-out AUC and its permutation p-value (see the module
/// documentation).
pub fn strength(model: &Artifact) -> Strength {
    let Some(t) = &model.metrics.test else {
        return Strength::Unknown;
    };
    let null = model
        .metrics
        .cv
        .as_ref()
        .is_some_and(|cv| cv.permutations > 0 && cv.p_value >= SIGNIFICANT_P);
    match t.roc_auc {
        auc if auc < CHANCE_AUC || null => Strength::Chance,
        auc if auc < WEAK_AUC => Strength::Weak,
        auc if auc < FAIR_AUC => Strength::Fair,
        _ => Strength::Good,
    }
}

/// `p` as a whole percentage (`-0%` never shows: tiny negatives round to 0).
pub fn percent(p: f64) -> String {
    let v = (100.0 * p).round();
    format!("{}%", if v == 0.0 { 0.0 } else { v })
}

/// The share of the model's held-out tickets that were of the positive class (resolved), from
/// its test metrics' calibration bins; `None` without held-out results.
pub fn base_rate(model: &Artifact) -> Option<f64> {
    model.metrics.test.as_ref().map(|t| {
        t.calibration
            .iter()
            .map(|b| b.fraction_positive * b.count as f64)
            .sum::<f64>()
            / t.n.max(1) as f64
    })
}

/// The verdict: the probability and what it is worth, worded by the model's [`strength`].
pub fn verdict(model: &Artifact, probability: f64) -> String {
    let chance = format!("{} chance this ticket gets resolved", percent(probability));
    let will = if probability >= model.threshold {
        "will"
    } else {
        "will not"
    };
    let share = base_rate(model).map_or(String::new(), |b| {
        format!(
            " ({} of the tickets it was tested on were resolved)",
            percent(b)
        )
    });
    let auc = model.metrics.test.as_ref().map_or(0.5, |t| t.roc_auc);
    match strength(model) {
        Strength::Unknown => format!(
            "{chance}. This model has no results on tickets it never saw, so how well it tells \
             tickets apart is unknown: do not rely on it yet."
        ),
        Strength::Chance => format!(
            "{chance}, by this model. It barely tells tickets apart (ROC AUC {auc:.2}, where 0.5 \
             is a coin flip): treat this as the base rate{share}, not as a forecast for this \
             ticket."
        ),
        Strength::Weak => format!(
            "{chance}{share}. This model tells tickets apart only weakly (ROC AUC {auc:.2}, \
             where 0.5 is a coin flip and 1 is perfect): read it as a hint, not a forecast."
        ),
        Strength::Fair => format!(
            "{chance}, so the model expects it {will} be resolved{share}. It tells tickets \
             apart fairly (ROC AUC {auc:.2}), so it is often wrong about a single ticket."
        ),
        Strength::Good => format!(
            "{chance}, so the model expects it {will} be resolved{share}. On tickets it never \
             saw, it told resolved tickets from the others well (ROC AUC {auc:.2})."
        ),
    }
}

/// The model's held-out results in plain words, worded by its [`strength`].
pub fn summary(model: &Artifact) -> String {
    let Some(t) = &model.metrics.test else {
        return "This model has no results on tickets it never saw (it was trained on every \
                row), so how well it predicts is unknown."
            .into();
    };
    let cv = model.metrics.cv.as_ref().map_or(String::new(), |cv| {
        format!(
            " Cross-validated, it scores an AUC of {:.3}; shuffled labels score up to {:.3} one \
             time in twenty (p = {:.2}).",
            cv.mean_auc, cv.null_p95_auc, cv.p_value
        )
    });
    let accuracy = format!(
        "On {} tickets it never saw, this model is right {:.1}% of the time, and always \
         guessing \"not resolved\" is right {:.1}% of the time",
        t.n,
        100.0 * t.accuracy,
        100.0 * t.majority_baseline
    );
    let auc = format!(
        "Its ROC AUC is {:.3}, where 0.5 is a coin flip and 1 is perfect.{cv}",
        t.roc_auc
    );
    match strength(model) {
        Strength::Chance => format!(
            "{accuracy}: it is barely better than the majority guess. {auc} Nothing it reads \
             (the inputs below) tells resolved tickets from the others here, so each of its \
             predictions is about the share of tickets resolved."
        ),
        Strength::Weak => format!(
            "{accuracy}. {auc} It tells tickets apart only weakly: its probabilities are hints."
        ),
        Strength::Fair | Strength::Good | Strength::Unknown => format!("{accuracy}. {auc}"),
    }
}

/// The point a model's explanations start from, in words (see [`mod@crate::predict::explain`]).
pub fn reference(model: &Artifact) -> String {
    match (&model.weights, &model.scaler) {
        (Weights::Binary { .. }, Some(_)) => {
            "the model's chance for a ticket whose every input is at its average over the \
             training tickets"
                .into()
        }
        (Weights::Binary { .. }, None) => {
            "the model's chance for a ticket whose every input is zero: this model reads raw \
             values, so its starting point is not a typical ticket"
                .into()
        }
        (Weights::Trees(_), _) => {
            "the model's chance for an average training ticket (its mean log-odds over the \
             training tickets, where exact TreeSHAP contributions start)"
                .into()
        }
        (Weights::Multinomial { .. }, _) => String::new(),
    }
}

/// The tone figures of a description, for a person.
pub fn tone(seed: f64, polarity: f64, subjectivity: f64, vader: f64) -> String {
    use super::explain::signed;
    format!(
        "Tone of the description, from −1 (negative) to +1 (positive): {} by the original \
         project's score, {} by TextBlob (subjectivity {subjectivity:.2}, from 0 factual to 1 \
         opinionated), {} by VADER.",
        signed(seed, 3),
        signed(polarity, 3),
        signed(vader, 3)
    )
}

/// An error as a person reads it: a field named by its label ("Customer age: missing"), a
/// model that does not exist said plainly; anything else as it is.
pub fn error_text(error: &Error, models: &[&str]) -> String {
    match error {
        Error::Input { field, message } => match Role::parse(field) {
            Some(role) => format!("{}: {message}", role.label()),
            None => format!("{field}: {message}"),
        },
        Error::UnknownModel { name } => format!(
            "There is no model called “{name}”; the models here are {}.",
            models.join(" and ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::artifact::sample;
    use crate::model::metrics::report::{CrossValidation, Metrics, TestMetrics};

    fn with(auc: Option<f64>, p: Option<f64>) -> Artifact {
        let mut a = sample();
        let test = auc.map(|roc_auc| TestMetrics {
            n: 100,
            accuracy: 0.7,
            majority_baseline: 0.66,
            balanced_accuracy: 0.6,
            roc_auc,
            log_loss: 0.6,
            brier: 0.2,
            predicted_positive_share: 0.3,
            confusion: vec![],
            calibration: vec![],
            negative_segment: None,
        });
        let cv = p.map(|p_value| CrossValidation {
            folds: 5,
            n: 400,
            fold_auc: vec![0.6; 5],
            mean_auc: 0.6,
            permutations: 100,
            null_mean_auc: 0.5,
            null_p95_auc: 0.53,
            p_value,
        });
        a.metrics = Metrics {
            test,
            cv,
            calibration: None,
            comparison: None,
            importance: None,
        };
        a
    }

    #[test]
    fn strength_follows_the_auc_and_the_permutation_test() {
        let cases = [
            (None, None, Strength::Unknown),
            (Some(0.51), None, Strength::Chance),
            (Some(0.549), Some(0.01), Strength::Chance),
            (Some(0.60), Some(0.20), Strength::Chance),
            (Some(0.60), None, Strength::Weak),
            (Some(0.60), Some(0.01), Strength::Weak),
            (Some(0.70), Some(0.01), Strength::Fair),
            (Some(0.80), Some(0.01), Strength::Good),
            (Some(0.80), Some(0.05), Strength::Chance),
        ];
        // Without shuffles there is no p-value to read.
        let mut unshuffled = with(Some(0.8), Some(1.0));
        if let Some(cv) = unshuffled.metrics.cv.as_mut() {
            cv.permutations = 0;
        }
        assert_eq!(strength(&unshuffled), Strength::Good);
        for (auc, p, want) in cases {
            assert_eq!(strength(&with(auc, p)), want, "AUC {auc:?}, p {p:?}");
        }
    }

    #[test]
    fn verdicts_promise_only_what_the_model_can_keep() {
        let v = |auc, p, prob| verdict(&with(auc, p), prob);
        let chance = v(Some(0.51), None, 0.8);
        assert!(
            chance.starts_with("80% chance this ticket gets resolved"),
            "{chance}"
        );
        assert!(chance.contains("treat this as the base rate"), "{chance}");
        assert!(!chance.contains("will"), "{chance}");
        let weak = v(Some(0.6), Some(0.01), 0.8);
        assert!(weak.contains("a hint, not a forecast") && !weak.contains("will"));
        let fair = v(Some(0.7), Some(0.01), 0.8);
        assert!(fair.contains("expects it will be resolved"), "{fair}");
        assert!(fair.contains("often wrong about a single ticket"), "{fair}");
        let good = v(Some(0.85), Some(0.001), 0.2);
        assert!(good.contains("expects it will not be resolved"), "{good}");
        assert!(good.contains("ROC AUC 0.85"), "{good}");
        assert!(v(None, None, 0.2).contains("unknown"));
        assert!(summary(&with(None, None)).contains("unknown"));
        assert!(summary(&with(Some(0.51), Some(0.4))).contains("barely better"));
        assert!(!summary(&with(Some(0.8), Some(0.001))).contains("barely"));
    }

    #[test]
    fn errors_name_fields_by_their_labels() {
        let input = |field: &str| Error::Input {
            field: field.into(),
            message: "missing".into(),
        };
        let models = ["seed", "improved"];
        assert_eq!(
            error_text(&input("customer_age"), &models),
            "Customer age: missing"
        );
        assert_eq!(
            error_text(&input("created_at"), &models),
            "Created at: missing"
        );
        assert_eq!(
            error_text(&input("Customer Age"), &models),
            "Customer age: missing"
        );
        assert_eq!(
            error_text(
                &Error::UnknownModel {
                    name: "nonsense".into()
                },
                &models
            ),
            "There is no model called “nonsense”; the models here are seed and improved."
        );
    }
}
