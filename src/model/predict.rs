//! Prediction with a validated [`Model`]: class probabilities of feature values, and a ticket's
//! prediction with each feature's term in the logit.

use serde::Serialize;

use crate::features::{self, Feature, Missing, Signals};
use crate::model::artifact::{Model, Scaler, Weights};
use crate::model::link::{log_sum_exp, sigmoid};
use crate::ticket::Ticket;

/// One feature's part in a prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The feature.
    pub feature: Feature,
    /// The feature's raw value for the ticket.
    pub value: f64,
    /// Its term in the logit: `coef × (value - mean) / scale`.
    pub contribution: f64,
}

/// A prediction for one ticket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Probability of each class, in the model's class order.
    pub probabilities: Vec<f64>,
    /// Probability of the positive (last) class of a binary model; of the first class otherwise.
    pub probability: f64,
    /// Whether `probability` reaches the threshold (binary), or the top class is the last one.
    pub positive: bool,
    /// The binary logit: intercept plus the contributions (0 for several classes).
    pub logit: f64,
    /// The binary intercept (0 for several classes).
    pub intercept: f64,
    /// Per-feature terms of the logit (binary models; empty otherwise).
    pub contributions: Vec<Contribution>,
    /// The text signals the features came from.
    pub signals: Signals,
}

/// `values` standardized by `scaler`, if any.
fn scaled(scaler: Option<&Scaler>, values: &[f64]) -> Vec<f64> {
    match scaler {
        Some(s) => values
            .iter()
            .zip(&s.mean)
            .zip(&s.scale)
            .map(|((v, m), sd)| (v - m) / sd)
            .collect(),
        None => values.to_vec(),
    }
}

/// Class probabilities of one row of raw feature values under `weights` (after `scaler`), and
/// the binary logit (0 for several classes): the one probability computation of the crate,
/// also for weights not (yet) in a model file, such as a cross-validation fold's.
pub fn probabilities_of(
    scaler: Option<&Scaler>,
    weights: &Weights,
    values: &[f64],
) -> (Vec<f64>, f64) {
    let x = scaled(scaler, values);
    // Dot products summed left to right from the first feature, as `decision_function`.
    let dot = |w: &[f64]| x.iter().zip(w).fold(0.0, |acc, (x, w)| acc + x * w);
    match weights {
        Weights::Binary { coef, intercept } => {
            let logit = dot(coef) + intercept;
            let p = sigmoid(logit);
            (vec![1.0 - p, p], logit)
        }
        Weights::Multinomial { coef, intercept } => {
            let z: Vec<f64> = coef
                .iter()
                .zip(intercept)
                .map(|(w, b)| dot(w) + b)
                .collect();
            let lse = log_sum_exp(&z);
            (z.iter().map(|v| libm::exp(v - lse)).collect(), 0.0)
        }
    }
}

impl Model {
    /// Class probabilities, in class order, of one row of raw feature values (in feature
    /// order), and the binary logit (0 for several classes). Every probability this crate
    /// reports (prediction, evaluation, training metrics) comes from here.
    pub fn probabilities(&self, values: &[f64]) -> (Vec<f64>, f64) {
        let a = self.artifact();
        probabilities_of(a.scaler.as_ref(), &a.weights, values)
    }

    /// The positive class's probability of a binary model (the first class's otherwise).
    pub fn probability(&self, values: &[f64]) -> f64 {
        let (p, _) = self.probabilities(values);
        match self.artifact().weights {
            Weights::Binary { .. } => p.get(1),
            Weights::Multinomial { .. } => p.first(),
        }
        .copied()
        .unwrap_or(0.0)
    }

    /// Predicts one ticket from its roles; fails when it lacks a value a feature needs.
    pub fn predict(&self, ticket: &Ticket) -> Result<Prediction, Missing> {
        self.predict_with(ticket, Signals::default())
    }

    /// Predicts one ticket whose text signals are (partly) known already.
    pub fn predict_with(
        &self,
        ticket: &Ticket,
        mut signals: Signals,
    ) -> Result<Prediction, Missing> {
        let a = self.artifact();
        let values = features::values_with(&a.features, ticket, &a.schema, &mut signals)?;
        let (probabilities, logit) = self.probabilities(&values);
        Ok(match &a.weights {
            Weights::Binary { coef, intercept } => {
                let x = scaled(a.scaler.as_ref(), &values);
                let probability = probabilities.get(1).copied().unwrap_or(0.0);
                Prediction {
                    contributions: a
                        .features
                        .iter()
                        .zip(&values)
                        .zip(x.iter().zip(coef))
                        .map(|((feature, &value), (x, w))| Contribution {
                            feature: feature.clone(),
                            value,
                            contribution: w * x,
                        })
                        .collect(),
                    positive: probability >= a.threshold,
                    probability,
                    probabilities,
                    logit,
                    intercept: *intercept,
                    signals,
                }
            }
            Weights::Multinomial { .. } => {
                let top = probabilities
                    .iter()
                    .enumerate()
                    .max_by(|x, y| x.1.total_cmp(y.1))
                    .map_or(0, |(k, _)| k);
                Prediction {
                    probability: probabilities.first().copied().unwrap_or(0.0),
                    positive: top + 1 == probabilities.len(),
                    probabilities,
                    logit: 0.0,
                    intercept: 0.0,
                    contributions: Vec::new(),
                    signals,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::artifact::Artifact;
    use crate::target::Target;

    fn ticket(description: &str) -> Ticket {
        Ticket {
            id: "1".into(),
            customer_age: Some(30.0),
            priority: Some("High".into()),
            description: description.into(),
            ..Ticket::default()
        }
    }

    fn sample() -> Artifact {
        crate::model::artifact::sample()
    }

    #[test]
    fn contributions_sum_with_the_intercept_to_the_logit() {
        let mut a = sample();
        a.scaler = Some(Scaler {
            mean: vec![40.0, 2.0, 0.0],
            scale: vec![10.0, 1.0, 0.5],
        });
        let m = Model::new(a).unwrap();
        let p = m
            .predict(&ticket("Great service, thank you, I love it."))
            .unwrap();
        let s = p.signals.description.seed_score.unwrap();
        assert!(s > 0.0);
        let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum::<f64>() + p.intercept;
        assert!((sum - p.logit).abs() < 1e-12);
        assert_eq!(p.contributions[2].value, s);
        assert!((p.contributions[0].contribution - 0.01 * (30.0 - 40.0) / 10.0).abs() < 1e-15);
        assert!((p.contributions[2].contribution - (-2.0 * s / 0.5)).abs() < 1e-12);
        assert!((p.probability - sigmoid(p.logit)).abs() < 1e-15);
        assert_eq!(p.positive, p.probability >= 0.5);
        let bytes = m.artifact().to_bytes().unwrap();
        assert_eq!(
            Artifact::from_bytes(&bytes).unwrap().predict(&ticket("x")),
            m.predict(&ticket("x"))
        );
    }

    #[test]
    fn a_missing_value_is_named() {
        let m = Model::new(sample()).unwrap();
        let no_age = Ticket {
            customer_age: None,
            ..ticket("fine")
        };
        assert_eq!(
            m.predict(&no_age).unwrap_err(),
            Missing {
                role: crate::ticket::Role::CustomerAge
            }
        );
    }

    #[test]
    fn multinomial_probabilities_sum_to_one() {
        let mut a = sample();
        a.target = Target::Status;
        a.classes = vec!["Closed".into(), "Open".into(), "Pending".into()];
        a.weights = Weights::Multinomial {
            coef: vec![
                vec![0.01, 0.1, 1.0],
                vec![0.0, -0.1, 0.0],
                vec![-0.01, 0.0, -1.0],
            ],
            intercept: vec![0.1, 0.0, -0.1],
        };
        let m = Model::new(a).unwrap();
        let p = m.predict(&ticket("fine")).unwrap();
        assert_eq!(p.probabilities.len(), 3);
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(p.contributions.is_empty());
    }
}
