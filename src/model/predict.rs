//! Prediction with a validated [`Model`]: class probabilities of feature values, and a ticket's
//! prediction explained by each feature's term in the log-odds, which with the intercept adds up
//! to it: for logistic regression the coefficient times the (standardized) value; for a tree
//! ensemble the feature's exact TreeSHAP value, with the ensemble's expected value (its mean
//! log-odds over the fit rows) as the intercept.
//!
//! A calibrated model reports a calibrated probability, and its explanation stays exact:
//!
//! - Platt scaling, `P = sigmoid(a · raw + b)`, is a monotone affine map of the log-odds, so the
//!   contributions and the intercept are the raw ones times `a` (plus `b` on the intercept): they
//!   add up to the calibrated log-odds, whose sigmoid is the probability reported.
//! - Isotonic calibration is a step-like map of the raw probability with no additive form: the
//!   contributions explain the raw log-odds (`logit`), and the probability is the isotonic map
//!   of `sigmoid(logit)`; [`Prediction::calibration`] says so.

use serde::Serialize;

use crate::features::{self, Feature, Missing, Signals};
use crate::model::artifact::{Calibration, Calibrator, Model, Scaler, Weights};
use crate::model::link::{log_sum_exp, sigmoid};
use crate::model::tree::math;
use crate::ticket::Ticket;

/// One feature's part in a prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The feature.
    pub feature: Feature,
    /// The feature's raw value for the ticket.
    pub value: f64,
    /// Its term in the log-odds: `coef × (value - mean) / scale` for logistic regression, the
    /// TreeSHAP value for trees; times Platt's slope when the model is Platt-calibrated.
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
    /// The binary log-odds: intercept plus the contributions (0 for several classes).
    pub logit: f64,
    /// The binary intercept, or a tree ensemble's expected value (0 for several classes).
    pub intercept: f64,
    /// Per-feature terms of the log-odds (binary models; empty otherwise).
    pub contributions: Vec<Contribution>,
    /// How `probability` comes from `logit`: `none` (its sigmoid), `platt` (its sigmoid; the
    /// terms are of the calibrated log-odds) or `isotonic` (a nondecreasing map of its sigmoid).
    pub calibration: Calibration,
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

/// Uncalibrated class probabilities of one row of raw feature values under `weights` (after
/// `scaler`), and the binary log-odds (0 for several classes): the one computation every
/// reported probability starts from, also for weights not (yet) in a model file, such as a
/// cross-validation fold's.
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
        Weights::Trees(ensemble) => {
            let logit = ensemble.margin(&x);
            let p = sigmoid(logit);
            (vec![1.0 - p, p], logit)
        }
    }
}

/// The isotonic map through `(x[k], y[k])` at `p`: linear between the points, constant beyond
/// the ends (numpy's `interp`, as scikit-learn's `IsotonicRegression.predict` with
/// `out_of_bounds="clip"`).
fn isotonic(x: &[f64], y: &[f64], p: f64) -> f64 {
    let k = x.partition_point(|&v| v <= p);
    match (
        k.checked_sub(1).and_then(|i| x.get(i).zip(y.get(i))),
        x.get(k).zip(y.get(k)),
    ) {
        (None, Some((_, &y1))) => y1,
        (Some((_, &y0)), None) => y0,
        (Some((&x0, &y0)), Some((&x1, &y1))) => y0 + (y1 - y0) * ((p - x0) / (x1 - x0)),
        (None, None) => p,
    }
}

/// The reported probability and log-odds of a raw binary log-odds under `calibrator`: Platt's
/// `(sigmoid(a·raw + b), a·raw + b)`, isotonic's `(iso(sigmoid(raw)), raw)`, or
/// `(sigmoid(raw), raw)` without one.
pub fn calibrated(calibrator: Option<&Calibrator>, raw: f64) -> (f64, f64) {
    match calibrator {
        None => (sigmoid(raw), raw),
        Some(Calibrator::Platt { a, b }) => {
            let z = a * raw + b;
            (sigmoid(z), z)
        }
        // The raw probability as the calibration's fit computed it (libm's exp), so that a
        // fitted point maps to its own value.
        Some(Calibrator::Isotonic { x, y }) => (isotonic(x, y, math::sigmoid(raw)), raw),
    }
}

impl Model {
    /// Class probabilities, in class order, of one row of raw feature values (in feature
    /// order), calibrated as the model is, and the binary log-odds that
    /// [`Prediction::logit`] reports (0 for several classes). Every probability this crate
    /// reports (prediction, evaluation, training metrics) comes from here.
    pub fn probabilities(&self, values: &[f64]) -> (Vec<f64>, f64) {
        let a = self.artifact();
        let (p, raw) = probabilities_of(a.scaler.as_ref(), &a.weights, values);
        match (&a.weights, &a.calibrator) {
            (Weights::Multinomial { .. }, _) | (_, None) => (p, raw),
            (_, Some(c)) => {
                let (p1, logit) = calibrated(Some(c), raw);
                (vec![1.0 - p1, p1], logit)
            }
        }
    }

    /// The positive class's probability of a binary model (the first class's otherwise).
    pub fn probability(&self, values: &[f64]) -> f64 {
        let (p, _) = self.probabilities(values);
        match self.artifact().weights {
            Weights::Binary { .. } | Weights::Trees(_) => p.get(1),
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
        let Some((intercept, terms)) = self.explain(&values) else {
            let top = probabilities
                .iter()
                .enumerate()
                .max_by(|x, y| x.1.total_cmp(y.1))
                .map_or(0, |(k, _)| k);
            return Ok(Prediction {
                probability: probabilities.first().copied().unwrap_or(0.0),
                positive: top + 1 == probabilities.len(),
                probabilities,
                logit: 0.0,
                intercept: 0.0,
                contributions: Vec::new(),
                calibration: Calibration::None,
                signals,
            });
        };
        let probability = probabilities.get(1).copied().unwrap_or(0.0);
        Ok(Prediction {
            contributions: a
                .features
                .iter()
                .zip(&values)
                .zip(terms)
                .map(|((feature, &value), contribution)| Contribution {
                    feature: feature.clone(),
                    value,
                    contribution,
                })
                .collect(),
            positive: probability >= a.threshold,
            probability,
            probabilities,
            logit,
            intercept,
            calibration: a
                .calibrator
                .as_ref()
                .map_or(Calibration::None, Calibrator::method),
            signals,
        })
    }

    /// A binary model's explanation of one row of raw feature values: the intercept and each
    /// feature's term, which add up to [`Model::probabilities`]' log-odds (see the module doc for
    /// calibrated models); `None` for several classes.
    pub fn explain(&self, values: &[f64]) -> Option<(f64, Vec<f64>)> {
        let a = self.artifact();
        let (terms, intercept): (Vec<f64>, f64) = match &a.weights {
            Weights::Multinomial { .. } => return None,
            Weights::Binary { coef, intercept } => {
                let x = scaled(a.scaler.as_ref(), values);
                (x.iter().zip(coef).map(|(x, w)| w * x).collect(), *intercept)
            }
            Weights::Trees(ensemble) => {
                let (expected, phi) = ensemble.explain(values);
                (phi, expected)
            }
        };
        // Platt's map is affine in the log-odds: the terms scale with it.
        Some(match &a.calibrator {
            Some(Calibrator::Platt { a, b }) => (
                a * intercept + b,
                terms.into_iter().map(|t| a * t).collect(),
            ),
            _ => (intercept, terms),
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
    fn tree_contributions_are_tree_shap_and_sum_with_the_base_value_to_the_log_odds() {
        let a = crate::model::artifact::tree_sample();
        let Weights::Trees(ensemble) = a.weights.clone() else {
            unreachable!()
        };
        let m = Model::new(a.clone()).unwrap();
        for text in ["Great service, thank you.", "This is terrible.", "fine"] {
            let p = m.predict(&ticket(text)).unwrap();
            let values: Vec<f64> = p.contributions.iter().map(|c| c.value).collect();
            let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum::<f64>();
            assert!((p.intercept + sum - p.logit).abs() < 1e-12, "{text}");
            assert_eq!(p.logit, ensemble.margin(&values));
            assert_eq!(p.intercept, ensemble.expected_value());
            assert_eq!(p.probability, sigmoid(p.logit));
            assert_eq!(p.calibration, Calibration::None);
            // The first tree splits on the priority at its root.
            assert!(p.contributions[1].contribution != 0.0);
        }
        // Platt: the terms of the calibrated log-odds, scaled by the slope.
        let platt = Model::new(Artifact {
            calibrator: Some(Calibrator::Platt { a: 0.5, b: -0.2 }),
            ..a.clone()
        })
        .unwrap();
        let raw = m.predict(&ticket("This is terrible.")).unwrap();
        let p = platt.predict(&ticket("This is terrible.")).unwrap();
        assert!((p.logit - (0.5 * raw.logit - 0.2)).abs() < 1e-15);
        assert_eq!(p.probability, sigmoid(p.logit));
        let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum::<f64>();
        assert!((p.intercept + sum - p.logit).abs() < 1e-12);
        for (c, r) in p.contributions.iter().zip(&raw.contributions) {
            assert_eq!(c.contribution, 0.5 * r.contribution);
        }
        assert_eq!(p.calibration, Calibration::Platt);
        // Isotonic: the raw explanation, and the probability mapped.
        let iso = Model::new(Artifact {
            calibrator: Some(Calibrator::Isotonic {
                x: vec![0.2, 0.4],
                y: vec![0.1, 0.5],
            }),
            ..a
        })
        .unwrap();
        let p = iso.predict(&ticket("This is terrible.")).unwrap();
        assert_eq!(p.logit, raw.logit);
        assert_eq!(p.contributions, raw.contributions);
        let q = math::sigmoid(raw.logit);
        let want = if q <= 0.2 {
            0.1
        } else if q >= 0.4 {
            0.5
        } else {
            0.1 + 0.4 * (q - 0.2) / 0.2
        };
        assert!((p.probability - want).abs() < 1e-15);
        assert_eq!(p.calibration, Calibration::Isotonic);
    }

    #[test]
    fn isotonic_interpolates_and_clips_as_numpy_interp() {
        let (x, y) = ([0.1, 0.3, 0.6], [0.0, 0.2, 0.9]);
        assert_eq!(isotonic(&x, &y, 0.0), 0.0);
        assert_eq!(isotonic(&x, &y, 0.1), 0.0);
        assert!((isotonic(&x, &y, 0.2) - 0.1).abs() < 1e-15);
        assert_eq!(isotonic(&x, &y, 0.3), 0.2);
        assert_eq!(isotonic(&x, &y, 0.99), 0.9);
        assert_eq!(isotonic(&[0.5], &[0.7], 0.1), 0.7);
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
