//! The model file: a trained model with its schema (how it reads an export), target, features,
//! scaler, weights, training metadata and measured metrics, encoded with bincode behind a magic
//! tag, a format version and a CRC-32, and validated once on load into a [`Model`] so that
//! prediction has no failure path left.
//!
//! Layout: `MAGIC` (8 bytes) · format version (u32 LE) · payload length (u32 LE) · payload
//! (bincode, standard configuration) · CRC-32 of everything before it (u32 LE).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::export::Schema;
use crate::features::Feature;
use crate::features::sets::FeatureSet;
use crate::model::logistic::{ClassWeight, Objective};
use crate::model::metrics::report::Metrics;
use crate::target::Target;
use crate::ticket::Role;

/// The first eight bytes of every model file.
pub const MAGIC: [u8; 8] = *b"TKTINSLR";

/// The format version this build writes and reads. Version 2 added the schema, typed targets
/// and features; version 1 files are rejected with a request to retrain.
pub const FORMAT_VERSION: u32 = 2;

/// The largest payload accepted (a model is a few kilobytes; this bounds what a corrupted length
/// can make the decoder allocate).
const MAX_PAYLOAD: usize = 1 << 20;

/// Bytes before the payload.
const HEADER_LEN: usize = 16;

/// The largest logit a model may reach for inputs in its features' ranges: beyond it a
/// probability is 0 or 1 to the last bit anyway, and a model reaching it is corrupt or absurd.
pub const MAX_LOGIT: f64 = 1e4;

/// Why a model file was rejected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ArtifactError {
    /// The file does not start with [`MAGIC`].
    #[error("not a ticket-insights model file (wrong magic bytes)")]
    BadMagic,
    /// The file was written by an older format version.
    #[error(
        "model format version {found} was written by an older ticket-insights; this build reads \
         version {FORMAT_VERSION}: train the model again (ticket-insights train)"
    )]
    Old {
        /// The version in the file.
        found: u32,
    },
    /// The file was written by a newer format version.
    #[error(
        "model format version {found} is newer than this build reads (version \
         {FORMAT_VERSION}): update ticket-insights"
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

/// Which rows were fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// The seed's `train_test_split(test_size=0.2, random_state=42)`: fit on its train rows,
    /// test on the rest.
    Seed,
    /// Test on the newest 20% of tickets by creation time, fit on the older ones.
    Time,
    /// A seeded, stratified 80/20 split.
    Random,
    /// Fit on every row; no test metrics.
    All,
}

impl Split {
    /// The split's name.
    pub fn name(self) -> &'static str {
        match self {
            Split::Seed => "seed",
            Split::Time => "time",
            Split::Random => "random",
            Split::All => "all",
        }
    }
}

/// Rows of the training file, by what became of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rows {
    /// Rows after the header.
    pub read: u64,
    /// Tickets with a label, fitted or tested.
    pub used: u64,
    /// Rows that could not be read, or whose label is missing.
    pub rejected: u64,
    /// Tickets whose outcome the export cannot know yet (`within` targets).
    pub censored: u64,
}

/// A column of the training file that no feature reads, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    /// The header.
    pub header: String,
    /// Why it is not a feature.
    pub reason: String,
}

/// How a model was trained (no timestamps: retraining gives the same bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Training {
    /// The objective the solver minimized.
    pub objective: Objective,
    /// Inverse regularization strength.
    pub c: f64,
    /// Row weights.
    pub class_weight: ClassWeight,
    /// Which rows were fitted.
    pub split: Split,
    /// SHA-256 of the training file, hex.
    pub data_sha256: String,
    /// Rows of the file.
    pub rows: Rows,
    /// Rows fitted.
    pub n_fit: u64,
    /// Newton iterations.
    pub iterations: u64,
    /// Gradient infinity-norm at the solution.
    pub gradient_norm: f64,
    /// The export time the labels were read at (ISO 8601), for targets that need one.
    pub as_of: Option<String>,
    /// Columns no feature reads, and why.
    pub left_out: Vec<LeftOut>,
}

/// A trained model, everything needed to predict from a raw ticket and to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    /// Short name (`seed`, `improved`, …).
    pub name: String,
    /// How the model reads an export.
    pub schema: Schema,
    /// What it predicts.
    pub target: Target,
    /// The named set the features are, if any.
    pub feature_set: Option<FeatureSet>,
    /// The features, in weight order.
    pub features: Vec<Feature>,
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

/// A model file that passed every check: what prediction needs is there and finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    artifact: Artifact,
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
        out.extend_from_slice(&crc32(&out).to_le_bytes());
        Ok(out)
    }

    /// Decodes and validates a model file.
    ///
    /// ```
    /// use ticket_insights::model::artifact::{Artifact, ArtifactError};
    ///
    /// let model = Artifact::from_bytes(include_bytes!("../../models/seed.bin")).unwrap();
    /// assert_eq!(model.artifact().name, "seed");
    /// assert_eq!(Artifact::from_bytes(b"PK\x03\x04"), Err(ArtifactError::BadMagic));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ArtifactError> {
        let word = |at: usize| -> Option<u32> {
            let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
            Some(u32::from_le_bytes(b))
        };
        if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
            return Err(ArtifactError::BadMagic);
        }
        let short = || ArtifactError::Length {
            expected: HEADER_LEN,
            found: bytes.len(),
        };
        let version = word(8).ok_or_else(short)?;
        if version < FORMAT_VERSION {
            return Err(ArtifactError::Old { found: version });
        }
        if version != FORMAT_VERSION {
            return Err(ArtifactError::Version { found: version });
        }
        let len = word(12).ok_or_else(short)? as usize;
        let expected = HEADER_LEN.saturating_add(len).saturating_add(4);
        if len > MAX_PAYLOAD || bytes.len() != expected {
            return Err(ArtifactError::Length {
                expected,
                found: bytes.len(),
            });
        }
        let body = bytes.get(..expected - 4).unwrap_or(&[]);
        let stored = word(expected - 4).unwrap_or(0);
        let actual = crc32(body);
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
        Model::new(artifact)
    }

    /// The largest |logit| the binary weights can reach for inputs within the features'
    /// ranges (an upper bound; `None` for multinomial weights, bounded per class instead).
    fn logit_bound(&self, coef: &[f64], intercept: f64) -> f64 {
        let mut bound = intercept.abs();
        for (i, (f, w)) in self.features.iter().zip(coef).enumerate() {
            let (lo, hi) = f.range();
            let (mean, scale) = self
                .scaler
                .as_ref()
                .and_then(|s| Some((*s.mean.get(i)?, *s.scale.get(i)?)))
                .unwrap_or((0.0, 1.0));
            let reach = ((lo - mean).abs().max((hi - mean).abs())) / scale;
            bound += w.abs() * reach;
        }
        bound
    }

    /// Checks everything prediction relies on: features the schema can feed, finite weights of
    /// the right dimensions whose logit stays finite (below [`MAX_LOGIT`]) for any input in the
    /// features' ranges, a usable scaler, classes matching the weights.
    pub fn validate(&self) -> Result<(), ArtifactError> {
        if let Some(set) = self.feature_set
            && set.features() != self.features
        {
            return Err(invalid(format!(
                "the features are not those of '{}' in this build",
                set.name()
            )));
        }
        let mut names: Vec<String> = self.features.iter().map(Feature::name).collect();
        names.sort();
        if names.windows(2).any(|w| w[0] == w[1]) {
            return Err(invalid("two features have the same name"));
        }
        for f in &self.features {
            let role = f.role();
            if self.schema.mapping.get(role).is_none() {
                return Err(invalid(format!(
                    "feature {} reads the role {role}, which the model's schema does not map",
                    f.name()
                )));
            }
            if role.leaks_outcome() {
                return Err(invalid(format!("feature {} reads the outcome", f.name())));
            }
        }
        let d = self.features.len();
        if let Some(scaler) = &self.scaler {
            check_width("scaler mean", &scaler.mean, d)?;
            check_width("scaler scale", &scaler.scale, d)?;
            if scaler.scale.iter().any(|&s| s <= 0.0) {
                return Err(invalid("scaler scale must be positive"));
            }
        }
        let bounded = |bound: f64| {
            if bound.is_finite() && bound <= MAX_LOGIT {
                Ok(())
            } else {
                Err(invalid(format!(
                    "the weights reach a logit of {bound:e} for inputs in range (at most \
                     {MAX_LOGIT:e} is usable)"
                )))
            }
        };
        match &self.weights {
            Weights::Binary { coef, intercept } => {
                if !self.target.is_binary() {
                    return Err(invalid("binary weights for a multi-class target"));
                }
                check_width("coef", coef, d)?;
                check_finite("intercept", &[*intercept])?;
                bounded(self.logit_bound(coef, *intercept))?;
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
                if self.target.is_binary() {
                    return Err(invalid("multinomial weights for a binary target"));
                }
                if coef.len() < 2 || coef.len() != self.classes.len() {
                    return Err(invalid(format!(
                        "{} weight rows for {} classes",
                        coef.len(),
                        self.classes.len()
                    )));
                }
                check_width("intercept", intercept, coef.len())?;
                for (row, b) in coef.iter().zip(intercept) {
                    check_width("coef row", row, d)?;
                    bounded(self.logit_bound(row, *b))?;
                }
            }
        }
        Ok(())
    }
}

impl Model {
    /// Validates `artifact` into a model.
    pub fn new(artifact: Artifact) -> Result<Model, ArtifactError> {
        artifact.validate()?;
        Ok(Model { artifact })
    }

    /// Decodes and validates a model file (see [`Artifact::from_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ArtifactError> {
        Artifact::from_bytes(bytes)
    }

    /// What the model file holds.
    pub fn artifact(&self) -> &Artifact {
        &self.artifact
    }

    /// The roles the model's features read.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self.artifact.features.iter().map(Feature::role).collect();
        roles.sort();
        roles.dedup();
        roles
    }
}

/// A small valid binary model on the seed's three features, for tests.
/// CRC-32 (ISO-HDLC, the zlib and PNG one) computed bit by bit, without a table: a model
/// file is a few kilobytes, and `crc32fast`'s slicing tables cost the predictor module 17.3 kB
/// gzip (222.3 -> 205.0 kB, `scripts/size.sh` before and after).
fn crc32(bytes: &[u8]) -> u32 {
    const CRC: crc::Crc<u32, crc::NoTable> =
        crc::Crc::<u32, crc::NoTable>::new(&crc::CRC_32_ISO_HDLC);
    CRC.checksum(bytes)
}

#[cfg(test)]
pub(crate) fn sample() -> Artifact {
    tests::sample()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::metrics::report::Metrics;

    pub(super) fn sample() -> Artifact {
        Artifact {
            name: "seed".into(),
            schema: Schema::kaggle(),
            target: Target::Resolved,
            feature_set: Some(FeatureSet::Seed3),
            features: FeatureSet::Seed3.features(),
            scaler: None,
            classes: vec!["not resolved".into(), "resolved".into()],
            weights: Weights::Binary {
                coef: vec![0.01, -0.5, -2.0],
                intercept: -0.25,
            },
            threshold: 0.5,
            training: Training {
                objective: Objective::Liblinear,
                c: 1.0,
                class_weight: ClassWeight::Uniform,
                split: Split::Seed,
                data_sha256: "00".into(),
                rows: Rows {
                    read: 10,
                    used: 10,
                    rejected: 0,
                    censored: 0,
                },
                n_fit: 8,
                iterations: 5,
                gradient_norm: 1e-12,
                as_of: None,
                left_out: Vec::new(),
            },
            metrics: Metrics {
                test: None,
                cv: None,
            },
        }
    }

    #[test]
    fn round_trip_keeps_the_model() {
        let a = sample();
        let bytes = a.to_bytes().unwrap();
        assert_eq!(&bytes[..8], b"TKTINSLR");
        assert_eq!(Artifact::from_bytes(&bytes).unwrap().artifact(), &a);
    }

    #[test]
    fn corrupted_truncated_old_and_foreign_files_are_rejected() {
        let bytes = sample().to_bytes().unwrap();
        assert_eq!(Artifact::from_bytes(b""), Err(ArtifactError::BadMagic));
        assert_eq!(
            Artifact::from_bytes(b"PK\x03\x04 a zip file"),
            Err(ArtifactError::BadMagic)
        );
        let mut old = bytes.clone();
        old[8] = 1;
        let err = Artifact::from_bytes(&old).unwrap_err();
        assert_eq!(err, ArtifactError::Old { found: 1 });
        assert!(err.to_string().contains("train the model again"), "{err}");
        let mut v3 = bytes.clone();
        v3[8] = 3;
        assert_eq!(
            Artifact::from_bytes(&v3),
            Err(ArtifactError::Version { found: 3 })
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
        let cases: [(Break, &str); 9] = [
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
                |a| {
                    a.weights = Weights::Binary {
                        coef: vec![1e308, -1e308, 1e308],
                        intercept: 0.0,
                    }
                },
                "invalid model: the weights reach a logit of inf for inputs in range (at most 1e4 is usable)",
            ),
            (
                |a| {
                    a.weights = Weights::Binary {
                        coef: vec![0.0, 0.0, 2e4],
                        intercept: 0.0,
                    }
                },
                "invalid model: the weights reach a logit of 2e4 for inputs in range (at most 1e4 is usable)",
            ),
            (
                |a| a.features.swap(0, 1),
                "invalid model: the features are not those of 'seed3' in this build",
            ),
            (
                |a| {
                    a.feature_set = None;
                    a.schema.mapping.roles.remove(&Role::CustomerAge);
                },
                "invalid model: feature age reads the role customer_age, which the model's schema does not map",
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
            (
                |a| a.target = Target::Status,
                "invalid model: binary weights for a multi-class target",
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
}
