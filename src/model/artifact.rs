//! The model file: a trained model with its feature set, scaler, classes, training metadata and
//! measured metrics, encoded with bincode behind a magic tag, a format version and a CRC-32
//! checksum, and validated once on load so that prediction has no failure path left.
//!
//! Layout: `MAGIC` (8 bytes) · format version (u32 LE) · payload length (u32 LE) · payload
//! (bincode, standard configuration) · CRC-32 of everything before it (u32 LE).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::features::{self, FeatureSet, Signals};
use crate::model::logistic::{log_sum_exp, sigmoid};
use crate::tickets::Ticket;

/// The first eight bytes of every model file.
pub const MAGIC: [u8; 8] = *b"TKTINSLR";

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The largest payload accepted (a model is a few kilobytes; this bounds what a corrupted length
/// can make the decoder allocate).
const MAX_PAYLOAD: usize = 1 << 20;

/// Bytes before the payload.
const HEADER_LEN: usize = 16;

/// Why a model file was rejected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ArtifactError {
    /// The file does not start with [`MAGIC`].
    #[error("not a ticket-insights model file (wrong magic bytes)")]
    BadMagic,
    /// The file was written by another format version.
    #[error(
        "model format version {found} is not supported (this build reads version {FORMAT_VERSION})"
    )]
    Version {
        /// The version in the file.
        found: u32,
    },
    /// The file is shorter or longer than its header says.
    #[error("model file is truncated or has trailing bytes: {found} bytes, expected {expected}")]
    Length {
        /// Bytes the header implies.
        expected: usize,
        /// Bytes present.
        found: usize,
    },
    /// The checksum does not match the content.
    #[error("model file is corrupted: checksum {found:08x}, expected {expected:08x}")]
    Checksum {
        /// Checksum stored in the file.
        expected: u32,
        /// Checksum of the content.
        found: u32,
    },
    /// The payload does not decode.
    #[error("model payload does not decode: {0}")]
    Decode(String),
    /// The payload decodes but describes an unusable model.
    #[error("invalid model: {0}")]
    Invalid(String),
}

/// Per-feature standardization applied before the weights: `(x - mean) / scale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaler {
    /// Per-feature mean of the fit rows.
    pub mean: Vec<f64>,
    /// Per-feature population standard deviation of the fit rows (1 for constant features).
    pub scale: Vec<f64>,
}

/// The fitted weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Weights {
    /// Two classes: `P(classes[1]) = sigmoid(coef · x + intercept)`.
    Binary {
        /// One weight per feature.
        coef: Vec<f64>,
        /// The intercept.
        intercept: f64,
    },
    /// K classes: `P(classes[k]) = softmax(coef · x + intercept)[k]`.
    Multinomial {
        /// One row of weights per class.
        coef: Vec<Vec<f64>>,
        /// One intercept per class.
        intercept: Vec<f64>,
    },
}

/// How a model was trained (no timestamps: retraining gives the same bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Training {
    /// What the model predicts: `resolved` (status Closed) or `status`.
    pub target: String,
    /// The objective: `liblinear` (intercept penalized) or `lbfgs`.
    pub solver: String,
    /// Inverse regularization strength.
    pub c: f64,
    /// `none` or `balanced`.
    pub class_weight: String,
    /// Which rows were fitted: `seed` (the seed's 80% train split) or `all`.
    pub split: String,
    /// SHA-256 of the training CSV, hex.
    pub data_sha256: String,
    /// Tickets read from the file.
    pub n_rows: u64,
    /// Rows rejected while reading.
    pub n_rejected: u64,
    /// Rows fitted.
    pub n_fit: u64,
    /// Newton iterations.
    pub iterations: u64,
    /// Gradient infinity-norm at the solution.
    pub gradient_norm: f64,
}

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// On the held-out test rows, when the training used a split.
    pub test: Option<TestMetrics>,
    /// Cross-validation on the fit rows (binary models).
    pub cv: Option<CrossValidation>,
}

/// A trained model, everything needed to predict from a raw ticket and to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    /// Short name (`seed`, `improved`, …).
    pub name: String,
    /// The feature set's name.
    pub feature_set: String,
    /// Feature names, in weight order.
    pub features: Vec<String>,
    /// Standardization applied to the features, if any.
    pub scaler: Option<Scaler>,
    /// Class names, in probability order (binary: negative first).
    pub classes: Vec<String>,
    /// The weights.
    pub weights: Weights,
    /// Decision threshold on the positive class's probability (binary).
    pub threshold: f64,
    /// How it was trained.
    pub training: Training,
    /// What was measured.
    pub metrics: Metrics,
}

/// One feature's part in a prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// Feature name.
    pub feature: &'static str,
    /// The feature's raw value for the ticket.
    pub value: f64,
    /// Its term in the logit: `coef × (value - mean) / scale`.
    pub contribution: f64,
}

/// A prediction for one ticket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Model name.
    pub model: String,
    /// Probability of each class, in `classes` order.
    pub probabilities: Vec<f64>,
    /// Class names.
    pub classes: Vec<String>,
    /// Probability of the positive (last) class of a binary model; of the first class otherwise.
    pub probability: f64,
    /// Whether `probability` reaches the threshold (binary), or the top class is the last one.
    pub positive: bool,
    /// The decision threshold.
    pub threshold: f64,
    /// The binary logit: intercept plus the contributions (0 for several classes).
    pub logit: f64,
    /// The binary intercept (0 for several classes).
    pub intercept: f64,
    /// Per-feature terms of the logit (binary models; empty otherwise).
    pub contributions: Vec<Contribution>,
    /// The text signals the features came from.
    pub signals: Signals,
}

fn invalid(message: impl Into<String>) -> ArtifactError {
    ArtifactError::Invalid(message.into())
}

fn check_finite(what: &str, values: &[f64]) -> Result<(), ArtifactError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(invalid(format!("{what}[{i}] is not finite"))),
        None => Ok(()),
    }
}

fn check_width(what: &str, values: &[f64], width: usize) -> Result<(), ArtifactError> {
    if values.len() == width {
        check_finite(what, values)
    } else {
        Err(invalid(format!(
            "{what} has {} values for {width} features",
            values.len()
        )))
    }
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
/// the binary logit (0 for several classes): [`Artifact::probabilities`] for weights that are
/// not (yet) in a model file, such as a cross-validation fold's.
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
            (z.iter().map(|v| (v - lse).exp()).collect(), 0.0)
        }
    }
}

impl Artifact {
    /// Encodes the model as a model file.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ArtifactError> {
        let payload = bincode::serde::encode_to_vec(self, bincode::config::standard())
            .map_err(|e| ArtifactError::Decode(e.to_string()))?;
        let len = u32::try_from(payload.len())
            .ok()
            .filter(|&n| n as usize <= MAX_PAYLOAD)
            .ok_or_else(|| invalid(format!("payload of {} bytes is too large", payload.len())))?;
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len() + 4);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&crc32fast::hash(&out).to_le_bytes());
        Ok(out)
    }

    /// Decodes and validates a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Artifact, ArtifactError> {
        let word = |at: usize| -> Option<u32> {
            let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
            Some(u32::from_le_bytes(b))
        };
        if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
            return Err(ArtifactError::BadMagic);
        }
        let version = word(8).ok_or(ArtifactError::Length {
            expected: HEADER_LEN,
            found: bytes.len(),
        })?;
        if version != FORMAT_VERSION {
            return Err(ArtifactError::Version { found: version });
        }
        let len = word(12).ok_or(ArtifactError::Length {
            expected: HEADER_LEN,
            found: bytes.len(),
        })? as usize;
        let expected = HEADER_LEN.saturating_add(len).saturating_add(4);
        if len > MAX_PAYLOAD || bytes.len() != expected {
            return Err(ArtifactError::Length {
                expected,
                found: bytes.len(),
            });
        }
        let body = bytes.get(..expected - 4).unwrap_or(&[]);
        let stored = word(expected - 4).unwrap_or(0);
        let actual = crc32fast::hash(body);
        if stored != actual {
            return Err(ArtifactError::Checksum {
                expected: stored,
                found: actual,
            });
        }
        let payload = body.get(HEADER_LEN..).unwrap_or(&[]);
        let config = bincode::config::standard().with_limit::<MAX_PAYLOAD>();
        let (artifact, used): (Artifact, usize) =
            bincode::serde::decode_from_slice(payload, config)
                .map_err(|e| ArtifactError::Decode(e.to_string()))?;
        if used != payload.len() {
            return Err(ArtifactError::Decode(format!(
                "{} unread payload bytes",
                payload.len() - used
            )));
        }
        artifact.validate()?;
        Ok(artifact)
    }

    /// Checks everything prediction relies on: a known feature set whose names match, finite
    /// weights of the right dimensions, a usable scaler, classes matching the weights.
    pub fn validate(&self) -> Result<(), ArtifactError> {
        let set = FeatureSet::parse(&self.feature_set)
            .ok_or_else(|| invalid(format!("unknown feature set '{}'", self.feature_set)))?;
        if set.names() != self.features {
            return Err(invalid(format!(
                "features {:?} are not those of '{}' in this build ({:?})",
                self.features,
                set.name(),
                set.names()
            )));
        }
        let d = self.features.len();
        if let Some(scaler) = &self.scaler {
            check_width("scaler mean", &scaler.mean, d)?;
            check_width("scaler scale", &scaler.scale, d)?;
            if scaler.scale.iter().any(|&s| s <= 0.0) {
                return Err(invalid("scaler scale must be positive"));
            }
        }
        match &self.weights {
            Weights::Binary { coef, intercept } => {
                check_width("coef", coef, d)?;
                check_finite("intercept", &[*intercept])?;
                if self.classes.len() != 2 {
                    return Err(invalid(format!(
                        "a binary model needs 2 classes, has {}",
                        self.classes.len()
                    )));
                }
                if !(self.threshold > 0.0 && self.threshold < 1.0) {
                    return Err(invalid(format!(
                        "threshold {} is not in (0, 1)",
                        self.threshold
                    )));
                }
            }
            Weights::Multinomial { coef, intercept } => {
                if coef.len() < 2 || coef.len() != self.classes.len() {
                    return Err(invalid(format!(
                        "{} weight rows for {} classes",
                        coef.len(),
                        self.classes.len()
                    )));
                }
                for row in coef {
                    check_width("coef row", row, d)?;
                }
                check_width("intercept", intercept, coef.len())?;
            }
        }
        Ok(())
    }

    /// The feature set (valid after [`Artifact::from_bytes`]).
    pub fn set(&self) -> Option<FeatureSet> {
        FeatureSet::parse(&self.feature_set)
    }

    /// Class probabilities, in `classes` order, of one row of raw feature values (in
    /// `features` order), and the binary logit (0 for several classes). Every probability this
    /// crate reports (prediction, evaluation, training metrics) comes from here.
    pub fn probabilities(&self, values: &[f64]) -> (Vec<f64>, f64) {
        probabilities_of(self.scaler.as_ref(), &self.weights, values)
    }

    /// Predicts one ticket: features computed from the raw fields by [`features::row`].
    pub fn predict(&self, ticket: &Ticket) -> Prediction {
        let columns = self.set().map_or(&[][..], FeatureSet::columns);
        let row = features::row(columns, ticket);
        let (probabilities, logit) = self.probabilities(&row.values);
        let mut prediction = Prediction {
            model: self.name.clone(),
            probability: 0.0,
            positive: false,
            classes: self.classes.clone(),
            threshold: self.threshold,
            logit,
            intercept: 0.0,
            contributions: Vec::new(),
            probabilities,
            signals: row.signals,
        };
        match &self.weights {
            Weights::Binary { coef, intercept } => {
                let x = scaled(self.scaler.as_ref(), &row.values);
                prediction.contributions = columns
                    .iter()
                    .zip(&row.values)
                    .zip(x.iter().zip(coef))
                    .map(|((column, &value), (x, w))| Contribution {
                        feature: column.name(),
                        value,
                        contribution: w * x,
                    })
                    .collect();
                prediction.probability = prediction.probabilities.get(1).copied().unwrap_or(0.0);
                prediction.positive = prediction.probability >= self.threshold;
                prediction.intercept = *intercept;
            }
            Weights::Multinomial { .. } => {
                prediction.probability = prediction.probabilities.first().copied().unwrap_or(0.0);
                let top = prediction
                    .probabilities
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map_or(0, |(k, _)| k);
                prediction.positive = top + 1 == prediction.probabilities.len();
            }
        }
        prediction
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::Priority;

    fn sample() -> Artifact {
        Artifact {
            name: "seed".into(),
            feature_set: "seed3".into(),
            features: FeatureSet::Seed3
                .names()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            scaler: None,
            classes: vec!["not resolved".into(), "resolved".into()],
            weights: Weights::Binary {
                coef: vec![0.01, -0.5, -2.0],
                intercept: -0.25,
            },
            threshold: 0.5,
            training: Training {
                target: "resolved".into(),
                solver: "liblinear".into(),
                c: 1.0,
                class_weight: "none".into(),
                split: "seed".into(),
                data_sha256: "00".into(),
                n_rows: 10,
                n_rejected: 0,
                n_fit: 8,
                iterations: 5,
                gradient_norm: 1e-12,
            },
            metrics: Metrics {
                test: None,
                cv: None,
            },
        }
    }

    fn ticket(description: &str) -> Ticket {
        Ticket {
            id: "1".into(),
            age: 30.0,
            priority: Priority::High,
            description: description.into(),
            channel: String::new(),
            ticket_type: String::new(),
            status: None,
            satisfaction: None,
        }
    }

    #[test]
    fn round_trip_keeps_the_model_and_its_predictions() {
        let a = sample();
        let bytes = a.to_bytes().unwrap();
        assert_eq!(&bytes[..8], b"TKTINSLR");
        let b = Artifact::from_bytes(&bytes).unwrap();
        assert_eq!(a, b);
        let t = ticket("Terrible, broken and useless.");
        assert_eq!(a.predict(&t), b.predict(&t));
    }

    #[test]
    fn contributions_sum_with_the_intercept_to_the_logit() {
        let mut a = sample();
        a.scaler = Some(Scaler {
            mean: vec![40.0, 2.0, 0.0],
            scale: vec![10.0, 1.0, 0.5],
        });
        let p = a.predict(&ticket("Great service, thank you, I love it."));
        let s = p.signals.seed_score.unwrap();
        assert!(s > 0.0);
        let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum::<f64>() + p.intercept;
        assert!((sum - p.logit).abs() < 1e-12);
        assert_eq!(p.contributions[2].value, s);
        assert!((p.contributions[0].contribution - 0.01 * (30.0 - 40.0) / 10.0).abs() < 1e-15);
        assert!((p.contributions[2].contribution - (-2.0 * s / 0.5)).abs() < 1e-12);
        assert!((p.probability - sigmoid(p.logit)).abs() < 1e-15);
        assert_eq!(p.positive, p.probability >= 0.5);
    }

    #[test]
    fn corrupted_truncated_and_foreign_files_are_rejected() {
        let bytes = sample().to_bytes().unwrap();
        assert_eq!(Artifact::from_bytes(b""), Err(ArtifactError::BadMagic));
        assert_eq!(
            Artifact::from_bytes(b"PK\x03\x04 a zip file"),
            Err(ArtifactError::BadMagic)
        );
        let mut v2 = bytes.clone();
        v2[8] = 2;
        assert_eq!(
            Artifact::from_bytes(&v2),
            Err(ArtifactError::Version { found: 2 })
        );
        for cut in [9, 16, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                matches!(
                    Artifact::from_bytes(&bytes[..cut]),
                    Err(ArtifactError::Length { .. })
                ),
                "cut at {cut}"
            );
        }
        let mut flipped = bytes.clone();
        flipped[40] ^= 0x10;
        assert!(matches!(
            Artifact::from_bytes(&flipped),
            Err(ArtifactError::Checksum { .. })
        ));
        let mut huge = bytes.clone();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            Artifact::from_bytes(&huge),
            Err(ArtifactError::Length { .. })
        ));
    }

    #[test]
    fn every_single_byte_corruption_is_an_error_not_a_panic() {
        let bytes = sample().to_bytes().unwrap();
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] = b[i].wrapping_add(1);
            assert!(Artifact::from_bytes(&b).is_err(), "byte {i}");
        }
    }

    #[test]
    fn unusable_models_are_rejected_even_with_a_valid_checksum() {
        type Break = fn(&mut Artifact);
        let cases: [(Break, &str); 6] = [
            (
                |a| {
                    a.weights = Weights::Binary {
                        coef: vec![f64::NAN, 0.0, 0.0],
                        intercept: 0.0,
                    }
                },
                "invalid model: coef[0] is not finite",
            ),
            (
                |a| {
                    a.weights = Weights::Binary {
                        coef: vec![1.0],
                        intercept: 0.0,
                    }
                },
                "invalid model: coef has 1 values for 3 features",
            ),
            (
                |a| a.feature_set = "seed9".into(),
                "invalid model: unknown feature set 'seed9'",
            ),
            (
                |a| a.features.swap(0, 1),
                "invalid model: features [\"priority_seed\", \"age\", \"s\"] are not those of 'seed3' in this build ([\"age\", \"priority_seed\", \"s\"])",
            ),
            (
                |a| a.threshold = 1.0,
                "invalid model: threshold 1 is not in (0, 1)",
            ),
            (
                |a| {
                    a.scaler = Some(Scaler {
                        mean: vec![0.0; 3],
                        scale: vec![1.0, 0.0, 1.0],
                    })
                },
                "invalid model: scaler scale must be positive",
            ),
        ];
        for (break_it, message) in cases {
            let mut a = sample();
            break_it(&mut a);
            let bytes = a.to_bytes().unwrap();
            let err = Artifact::from_bytes(&bytes).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn multinomial_probabilities_sum_to_one() {
        let mut a = sample();
        a.classes = vec!["Open".into(), "Pending".into(), "Closed".into()];
        a.weights = Weights::Multinomial {
            coef: vec![
                vec![0.01, 0.1, 1.0],
                vec![0.0, -0.1, 0.0],
                vec![-0.01, 0.0, -1.0],
            ],
            intercept: vec![0.1, 0.0, -0.1],
        };
        let bytes = a.to_bytes().unwrap();
        let a = Artifact::from_bytes(&bytes).unwrap();
        let p = a.predict(&ticket("fine"));
        assert_eq!(p.probabilities.len(), 3);
        assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(p.contributions.is_empty());
    }
}
