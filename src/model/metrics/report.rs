//! What was measured of a model: its metrics on held-out rows next to the majority baseline,
//! calibration, a segment, and the cross-validated AUC against its permutation null; the
//! figures a model file records and the card shows.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::{
    accuracy, balanced_accuracy, brier, brier_multiclass, calibration_bins, confusion_matrix,
    log_loss, log_loss_multiclass, majority_baseline, roc_auc, roc_auc_ovr_macro,
};
use crate::model::ModelError;
pub use crate::model::metrics::comparison::{CalibrationReport, Comparison};

/// One bin of a reliability diagram.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Lower edge of the predicted-probability bin.
    pub lower: f64,
    /// Upper edge.
    pub upper: f64,
    /// Rows in the bin.
    pub count: u64,
    /// Mean predicted probability (NaN-free: 0 for an empty bin, see `count`).
    pub mean_predicted: f64,
    /// Observed share of positives (0 for an empty bin).
    pub fraction_positive: f64,
}

/// Metrics on rows the model did not see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestMetrics {
    /// Rows evaluated.
    pub n: u64,
    /// Accuracy at the model's threshold (argmax for several classes).
    pub accuracy: f64,
    /// Accuracy of always predicting the fit rows' most frequent class.
    pub majority_baseline: f64,
    /// Mean per-class recall.
    pub balanced_accuracy: f64,
    /// ROC AUC (one-vs-rest macro average for several classes).
    pub roc_auc: f64,
    /// Mean negative log-likelihood.
    pub log_loss: f64,
    /// Brier score (binary form; summed over classes for several classes).
    pub brier: f64,
    /// Share of rows predicted as the positive class (binary only; 0 otherwise).
    pub predicted_positive_share: f64,
    /// Rows by true class (outer) and predicted class (inner).
    pub confusion: Vec<Vec<u64>>,
    /// Reliability bins (binary only).
    pub calibration: Vec<Calibration>,
    /// Accuracy on the rows with negative seed sentiment, and that segment's majority share
    /// (binary models whose features include `s`).
    pub negative_segment: Option<Segment>,
}

/// Accuracy on a segment of the rows next to the segment's own majority share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Rows in the segment.
    pub n: u64,
    /// The model's accuracy there.
    pub accuracy: f64,
    /// Share of the segment's most frequent class.
    pub majority_share: f64,
}

/// Cross-validated ROC AUC and its permutation null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    /// Folds (stratified, shuffled with seed 0 as scikit-learn's `StratifiedKFold`).
    pub folds: u64,
    /// Rows cross-validated (the fit rows).
    pub n: u64,
    /// AUC of each fold.
    pub fold_auc: Vec<f64>,
    /// Mean of `fold_auc`.
    pub mean_auc: f64,
    /// Label permutations in the null distribution.
    pub permutations: u64,
    /// Mean CV AUC under shuffled labels.
    pub null_mean_auc: f64,
    /// 95th percentile of the null CV AUC.
    pub null_p95_auc: f64,
    /// `(1 + #{null ≥ observed}) / (1 + permutations)`.
    pub p_value: f64,
}

/// What was measured when the model was trained.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// On the held-out test rows, when the training used a split.
    pub test: Option<TestMetrics>,
    /// Cross-validation on the fit rows (binary models).
    pub cv: Option<CrossValidation>,
    /// How the probabilities were calibrated, and the reliability of the out-of-fold
    /// predictions before and after (calibrated models).
    pub calibration: Option<CalibrationReport>,
    /// Every learner and imbalance treatment compared by nested cross-validation, and which
    /// was recommended (`train --learner auto`).
    pub comparison: Option<Comparison>,
    /// Mean |contribution| of each feature to the log-odds over the held-out rows (over the fit
    /// rows without a split), in feature order (tuned models).
    pub importance: Option<Vec<f64>>,
}

impl TestMetrics {
    /// Metrics of class probabilities `proba` (one row per ticket, classes in label order) against
    /// labels `y`: accuracy at `threshold` (binary) or argmax, and the majority class of `y_fit`.
    /// With the seed sentiment `s` of each row, also the negative-sentiment segment (binary).
    pub fn of(
        proba: &[Vec<f64>],
        threshold: f64,
        y: &[usize],
        y_fit: &[usize],
        s: Option<&[f64]>,
    ) -> Result<TestMetrics, ModelError> {
        let n_classes = proba.first().map_or(0, Vec::len);
        let majority = majority_baseline(y_fit, y)?;
        if n_classes == 2 {
            let p1: Vec<f64> = proba
                .iter()
                .map(|p| p.get(1).copied().unwrap_or(0.0))
                .collect();
            let pred: Vec<usize> = p1.iter().map(|&p| usize::from(p >= threshold)).collect();
            let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
            let calibration = calibration_bins(&yf, &p1, 10)?
                .into_iter()
                .map(|b| Calibration {
                    lower: b.lower,
                    upper: b.upper,
                    count: b.count as u64,
                    mean_predicted: b.mean_predicted.unwrap_or(0.0),
                    fraction_positive: b.fraction_positive.unwrap_or(0.0),
                })
                .collect();
            let negative_segment = s.map(|s| {
                let rows: Vec<usize> = s
                    .iter()
                    .enumerate()
                    .filter(|&(_, &s)| s < 0.0)
                    .map(|(i, _)| i)
                    .collect();
                segment(&rows, y, &pred)
            });
            Ok(TestMetrics {
                n: y.len() as u64,
                accuracy: accuracy(y, &pred)?,
                majority_baseline: majority.accuracy,
                balanced_accuracy: balanced_accuracy(y, &pred)?,
                roc_auc: roc_auc(&yf, &p1)?,
                log_loss: log_loss(&yf, &p1)?,
                brier: brier(&yf, &p1)?,
                predicted_positive_share: pred.iter().filter(|&&p| p == 1).count() as f64
                    / pred.len().max(1) as f64,
                confusion: confusion(y, &pred, 2)?,
                calibration,
                negative_segment,
            })
        } else {
            let flat: Vec<f64> = proba.iter().flatten().copied().collect();
            let p = Array2::from_shape_vec((y.len(), n_classes), flat).map_err(|_| {
                ModelError::DimensionMismatch {
                    what: "probabilities",
                    expected: y.len() * n_classes,
                    found: proba.len(),
                }
            })?;
            let pred: Vec<usize> = proba
                .iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .fold((0, f64::NEG_INFINITY), |best, (k, &v)| {
                            if v > best.1 { (k, v) } else { best }
                        })
                        .0
                })
                .collect();
            Ok(TestMetrics {
                n: y.len() as u64,
                accuracy: accuracy(y, &pred)?,
                majority_baseline: majority.accuracy,
                balanced_accuracy: balanced_accuracy(y, &pred)?,
                roc_auc: roc_auc_ovr_macro(y, p.view())?,
                log_loss: log_loss_multiclass(y, p.view())?,
                brier: brier_multiclass(y, p.view())?,
                predicted_positive_share: 0.0,
                confusion: confusion(y, &pred, n_classes)?,
                calibration: Vec::new(),
                negative_segment: None,
            })
        }
    }
}

fn confusion(y: &[usize], pred: &[usize], n_classes: usize) -> Result<Vec<Vec<u64>>, ModelError> {
    let m = confusion_matrix(y, pred, n_classes)?;
    Ok(m.rows().into_iter().map(|row| row.to_vec()).collect())
}

/// Accuracy on `rows` next to the share of their most frequent class.
fn segment(rows: &[usize], y: &[usize], pred: &[usize]) -> Segment {
    let n = rows.len();
    let hits = rows
        .iter()
        .filter(|&&i| y.get(i).is_some() && y.get(i) == pred.get(i))
        .count();
    let positives = rows.iter().filter(|&&i| y.get(i) == Some(&1)).count();
    let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    Segment {
        n: n as u64,
        accuracy: share(hits),
        majority_share: share(positives.max(n - positives)),
    }
}
