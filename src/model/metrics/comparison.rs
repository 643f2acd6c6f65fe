//! What a comparison of learners records (`train --learner auto`): for every learner family and
//! imbalance treatment, the AUC that nested cross-validation measured on the fit rows (the inner
//! folds chose the settings, the outer folds scored them) with its spread and permutation
//! p-value, the held-out figures of the model fitted with the chosen settings, its size and
//! prediction cost; and which one was recommended: the simplest whose outer-CV AUC is within one
//! standard error of the best. Also the calibration report of a calibrated model.

use serde::{Deserialize, Serialize};

use crate::model::artifact::{Calibration as Method, Family, Learner, Resample};
use crate::model::logistic::ClassWeight;
use crate::model::metrics::report::Calibration;

/// A p-value below which a candidate's AUC is called better than chance: when every
/// candidate's adjusted p-value is at least this, the comparison recommends the simplest one.
pub const ALPHA: f64 = 0.05;

/// How a fit treats the classes' imbalance; applied to the rows a model is fitted on, never to
/// the rows it is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// The fit rows as they are.
    None,
    /// Balanced class weights (`n / (2 n_k)` per row of class k).
    Weights,
    /// Random undersampling of the majority class.
    Under,
    /// Random oversampling of the minority class.
    Over,
}

impl Treatment {
    /// Every treatment, simplest first (the order the recommendation prefers).
    pub const ALL: [Treatment; 4] = [
        Treatment::None,
        Treatment::Weights,
        Treatment::Under,
        Treatment::Over,
    ];

    /// The class weights and resampling the treatment is.
    pub fn parts(self) -> (ClassWeight, Resample) {
        match self {
            Treatment::None => (ClassWeight::Uniform, Resample::None),
            Treatment::Weights => (ClassWeight::Balanced, Resample::None),
            Treatment::Under => (ClassWeight::Uniform, Resample::Under),
            Treatment::Over => (ClassWeight::Uniform, Resample::Over),
        }
    }

    /// The treatment of class weights and resampling; `None` for both at once, which no
    /// comparison runs.
    pub fn of(class_weight: ClassWeight, resample: Resample) -> Option<Treatment> {
        Treatment::ALL
            .into_iter()
            .find(|t| t.parts() == (class_weight, resample))
    }

    /// The treatment for a person.
    pub fn label(self) -> &'static str {
        match self {
            Treatment::None => "none",
            Treatment::Weights => "class weights",
            Treatment::Under => "undersampling",
            Treatment::Over => "oversampling",
        }
    }
}

/// A paired comparison of two models' AUC on the same rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paired {
    /// This model's AUC minus the other's.
    pub delta_auc: f64,
    /// Two-sided permutation p-value: each row's two (rank-normalized) scores swapped at random,
    /// `(1 + #{|Δ null| ≥ |Δ|}) / (1 + permutations)`.
    pub p_value: f64,
    /// Random swaps in the null distribution.
    pub permutations: u64,
}

/// A candidate's figures on the held-out test rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeldOut {
    /// Test rows.
    pub n: u64,
    /// ROC AUC.
    pub roc_auc: f64,
    /// Mean per-class recall at the model's threshold.
    pub balanced_accuracy: f64,
    /// Mean negative log-likelihood.
    pub log_loss: f64,
    /// Expected calibration error: `Σ_bins (rows / n) |mean predicted − observed|`, 10 bins.
    pub calibration_error: f64,
    /// Against logistic regression without treatment on the same rows (absent for that one).
    pub vs_logistic: Option<Paired>,
}

/// One learner family with one imbalance treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The learner family.
    pub family: Family,
    /// The imbalance treatment.
    pub treatment: Treatment,
    /// The settings the final model was fitted with (chosen by the inner folds).
    pub learner: Learner,
    /// Logistic regression's chosen C (0 for trees).
    pub c: f64,
    /// Features the model reads.
    pub features: u64,
    /// AUC of each outer fold, the settings chosen on that fold's training part alone.
    pub fold_auc: Vec<f64>,
    /// Mean of `fold_auc`.
    pub mean_auc: f64,
    /// Standard error of `mean_auc`: the folds' sample standard deviation over √folds.
    pub se_auc: f64,
    /// Permutation p-value of `mean_auc` against "nothing predicts the outcome": labels
    /// shuffled within each outer fold against the fixed out-of-fold scores.
    pub p_value: f64,
    /// The same, adjusted for every candidate compared (Westfall–Young max statistic): how often
    /// the best candidate under shuffled labels reaches `mean_auc`.
    pub p_adjusted: f64,
    /// On the held-out test rows (when the training held some out).
    pub test: Option<HeldOut>,
    /// Size of the model file alone, without this comparison, in bytes.
    pub file_bytes: u64,
    /// Parameters: coefficients and intercept, or tree nodes.
    pub parameters: u64,
    /// Mean multiply-adds (logistic) or tree nodes visited (trees) per prediction, on the test
    /// rows (on the fit rows without a split): the prediction cost, independent of the machine.
    pub cost_per_prediction: f64,
}

/// Every candidate and the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Outer folds.
    pub folds: u64,
    /// Inner folds, in each outer fold's training part.
    pub inner_folds: u64,
    /// Fit rows the nested cross-validation ran on (a stratified sample of at most the row
    /// budget).
    pub rows: u64,
    /// Fit rows the final models were fitted on.
    pub fit_rows: u64,
    /// Label permutations behind each p-value.
    pub permutations: u64,
    /// Model fits the search made, over every candidate (its fixed bound).
    pub fits: u64,
    /// The candidates, by family then treatment, simplest first.
    pub candidates: Vec<Candidate>,
    /// Index of the candidate with the highest outer-CV AUC.
    pub best: u64,
    /// Index of the recommended candidate: the simplest one whose outer-CV AUC is at least
    /// `cutoff`; the simplest of all when none beats chance (every adjusted p-value at least
    /// 0.05).
    pub recommended: u64,
    /// The best candidate's outer-CV AUC minus its standard error.
    pub cutoff: f64,
}

impl Comparison {
    /// The recommended candidate.
    pub fn recommended(&self) -> Option<&Candidate> {
        self.candidates.get(self.recommended as usize)
    }

    /// The candidate with the highest outer-CV AUC.
    pub fn best(&self) -> Option<&Candidate> {
        self.candidates.get(self.best as usize)
    }
}

/// How a model's probabilities were calibrated, and what it changed on the out-of-fold
/// predictions of the fit rows (which the calibration was fitted on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    /// The method.
    pub method: Method,
    /// Out-of-fold predictions it was fitted on.
    pub n: u64,
    /// Reliability bins of the raw out-of-fold probabilities.
    pub before: Vec<Calibration>,
    /// Reliability bins of the calibrated ones (in-sample for the calibration).
    pub after: Vec<Calibration>,
    /// Expected calibration error before.
    pub error_before: f64,
    /// Expected calibration error after.
    pub error_after: f64,
}

/// The expected calibration error of reliability bins: `Σ (count / n) |mean predicted −
/// observed|` (0 without rows).
pub fn calibration_error(bins: &[Calibration]) -> f64 {
    let n: u64 = bins.iter().map(|b| b.count).sum();
    if n == 0 {
        return 0.0;
    }
    bins.iter()
        .map(|b| b.count as f64 / n as f64 * (b.mean_predicted - b.fraction_positive).abs())
        .sum()
}
