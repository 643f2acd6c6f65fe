//! Training and honest evaluation from raw tickets: features by [`crate::features`], the seed's
//! split, a logistic regression solved to its optimum, metrics next to the majority baseline,
//! cross-validated AUC against a shuffled-label null, and the resulting [`Artifact`].

use ndarray::{Array2, ArrayView2, Axis};

use crate::features::{self, Column, FeatureSet};
use crate::model::artifact::{
    Artifact, Calibration, CrossValidation, Metrics, Scaler, Segment, TestMetrics, Training,
    Weights, probabilities_of,
};
use crate::model::logistic::{self, ClassWeight, FitOptions, Objective, Standardizer};
use crate::model::{ModelError, metrics, split};
use crate::tickets::{Status, Ticket};
use crate::{Error, Result};

/// What a model predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Resolved = status Closed (binary).
    Resolved,
    /// The ticket status: Open, Pending Customer Response or Closed (multinomial).
    Status,
}

impl Target {
    /// The target's name.
    pub fn name(self) -> &'static str {
        match self {
            Target::Resolved => "resolved",
            Target::Status => "status",
        }
    }

    /// Class names in label order.
    pub fn classes(self) -> Vec<String> {
        match self {
            Target::Resolved => vec!["not resolved".into(), "resolved".into()],
            Target::Status => STATUS_ORDER.iter().map(|s| s.label().into()).collect(),
        }
    }

    /// The label of one ticket (`None` when it has no status).
    fn label(self, ticket: &Ticket) -> Option<usize> {
        let status = ticket.status?;
        Some(match self {
            Target::Resolved => usize::from(status == Status::Closed),
            Target::Status => STATUS_ORDER.iter().position(|&s| s == status).unwrap_or(0),
        })
    }
}

/// Status classes in label order (scikit-learn sorts class names: Closed, Open, Pending).
const STATUS_ORDER: [Status; 3] = [Status::Closed, Status::Open, Status::Pending];

/// Which rows are fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The seed's `train_test_split(test_size=0.2, random_state=42)`: fit on the train rows,
    /// test on the rest.
    Seed,
    /// Fit on every row; no test metrics.
    All,
}

impl Split {
    /// The split's name.
    pub fn name(self) -> &'static str {
        match self {
            Split::Seed => "seed",
            Split::All => "all",
        }
    }
}

/// Everything that defines a training run.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Name recorded in the model.
    pub name: String,
    /// Model inputs.
    pub features: FeatureSet,
    /// What is predicted.
    pub target: Target,
    /// Solver objective, C and class weights.
    pub fit: FitOptions,
    /// Standardize the features (scaler fitted on the fit rows) before fitting.
    pub standardize: bool,
    /// Which rows are fitted.
    pub split: Split,
    /// Folds of the cross-validated AUC (0: none; binary targets only).
    pub cv_folds: usize,
    /// Label permutations for the CV AUC's null distribution (0: none).
    pub permutations: usize,
    /// Rerun forward selection on every permutation, so that the null includes the
    /// selection's optimism (for a feature set chosen by [`select`]).
    pub selection_in_null: bool,
}

/// The training file: its tickets and what reading it left out.
#[derive(Debug, Clone)]
pub struct Dataset<'a> {
    /// Tickets, in file order.
    pub tickets: &'a [Ticket],
    /// Rows rejected while reading.
    pub rejected: usize,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// Seed of the generator that shuffles labels for the permutation null.
const PERMUTATION_SEED: u32 = 1;
/// Seed of `StratifiedKFold(shuffle=True, random_state=0)`.
const CV_SEED: u32 = 0;

fn solver_name(objective: Objective) -> &'static str {
    match objective {
        Objective::Liblinear => "liblinear",
        Objective::Lbfgs => "lbfgs",
    }
}

fn class_weight_name(weight: ClassWeight) -> &'static str {
    match weight {
        ClassWeight::Uniform => "none",
        ClassWeight::Balanced => "balanced",
    }
}

/// The labels of `tickets` for `target`; every ticket needs a status.
pub fn labels(tickets: &[Ticket], target: Target) -> Result<Vec<usize>> {
    tickets
        .iter()
        .map(|t| {
            target.label(t).ok_or(Error::MissingColumn {
                column: "Ticket Status",
            })
        })
        .collect()
}

/// Rows `rows` of `x`.
fn take(x: ArrayView2<f64>, rows: &[usize]) -> Array2<f64> {
    x.select(Axis(0), rows)
}

/// A fitted model in artifact form (without metrics) and the solver's report.
struct Fitted {
    scaler: Option<Scaler>,
    weights: Weights,
    iterations: usize,
    gradient_norm: f64,
}

/// Fits `config`'s model on rows `x` with labels `y`.
fn fit(config: &TrainConfig, x: ArrayView2<f64>, y: &[usize]) -> Result<Fitted> {
    let (scaler, x) = if config.standardize {
        let s = Standardizer::fit(x)?;
        let xs = s.transform(x)?;
        let scaler = Scaler {
            mean: s.mean.to_vec(),
            scale: s.scale.to_vec(),
        };
        (Some(scaler), xs)
    } else {
        (None, x.to_owned())
    };
    match config.target {
        Target::Resolved => {
            let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
            if yf.iter().all(|&v| v == 1.0) || yf.iter().all(|&v| v == 0.0) {
                return Err(ModelError::OneClass.into());
            }
            let f = logistic::fit_binary(x.view(), &yf, &config.fit)?;
            Ok(Fitted {
                scaler,
                weights: Weights::Binary {
                    coef: f.model.coef.to_vec(),
                    intercept: f.model.intercept,
                },
                iterations: f.iterations,
                gradient_norm: f.gradient_norm,
            })
        }
        Target::Status => {
            let f = logistic::fit_multinomial(x.view(), y, STATUS_ORDER.len(), &config.fit)?;
            Ok(Fitted {
                scaler,
                weights: Weights::Multinomial {
                    coef: f
                        .model
                        .coef
                        .rows()
                        .into_iter()
                        .map(|r| r.to_vec())
                        .collect(),
                    intercept: f.model.intercept.to_vec(),
                },
                iterations: f.iterations,
                gradient_norm: f.gradient_norm,
            })
        }
    }
}

/// Trains `config` on `data`, reporting progress through `progress`.
pub fn train(
    data: &Dataset<'_>,
    config: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<Artifact> {
    if data.tickets.is_empty() {
        return Err(ModelError::EmptyData { what: "tickets" }.into());
    }
    let y = labels(data.tickets, config.target)?;
    progress(&format!(
        "computing {} features of {} tickets",
        config.features.name(),
        data.tickets.len()
    ));
    let x = features::matrix(config.features.columns(), data.tickets);
    let (fit_rows, test_rows) = match config.split {
        Split::Seed => {
            let s = split::seed_split(data.tickets.len())?;
            (s.train, s.test)
        }
        Split::All => ((0..data.tickets.len()).collect(), Vec::new()),
    };
    let x_fit = take(x.view(), &fit_rows);
    let y_fit: Vec<usize> = fit_rows.iter().filter_map(|&i| y.get(i).copied()).collect();
    progress(&format!("fitting on {} rows", fit_rows.len()));
    let fitted = fit(config, x_fit.view(), &y_fit)?;
    let mut artifact = Artifact {
        name: config.name.clone(),
        feature_set: config.features.name().into(),
        features: config
            .features
            .names()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        scaler: fitted.scaler,
        classes: config.target.classes(),
        weights: fitted.weights,
        threshold: 0.5,
        training: Training {
            target: config.target.name().into(),
            solver: solver_name(config.fit.objective).into(),
            c: config.fit.c,
            class_weight: class_weight_name(config.fit.class_weight).into(),
            split: config.split.name().into(),
            data_sha256: data.sha256.clone(),
            n_rows: data.tickets.len() as u64,
            n_rejected: data.rejected as u64,
            n_fit: fit_rows.len() as u64,
            iterations: fitted.iterations as u64,
            gradient_norm: fitted.gradient_norm,
        },
        metrics: Metrics {
            test: None,
            cv: None,
        },
    };
    if !test_rows.is_empty() {
        let x_test = take(x.view(), &test_rows);
        let y_test: Vec<usize> = test_rows
            .iter()
            .filter_map(|&i| y.get(i).copied())
            .collect();
        artifact.metrics.test = Some(test_metrics(&artifact, x_test.view(), &y_test, &y_fit)?);
    }
    if config.target == Target::Resolved && config.cv_folds > 0 {
        let pool = config.selection_in_null.then(|| {
            let pool = selection_pool();
            let x_pool = take(features::matrix(&pool, data.tickets).view(), &fit_rows);
            (pool, x_pool)
        });
        let pool = pool.as_ref().map(|(p, x)| (p.as_slice(), x.view()));
        artifact.metrics.cv = Some(cross_validate(
            config,
            x_fit.view(),
            &y_fit,
            pool,
            progress,
        )?);
    }
    Ok(artifact)
}

/// Metrics of `artifact` on rows `x` (raw features) with labels `y`; the majority class is
/// taken from `y_fit`.
pub fn test_metrics(
    artifact: &Artifact,
    x: ArrayView2<f64>,
    y: &[usize],
    y_fit: &[usize],
) -> Result<TestMetrics> {
    let proba: Vec<Vec<f64>> = x
        .rows()
        .into_iter()
        .map(|r| artifact.probabilities(&r.to_vec()).0)
        .collect();
    let s_column = artifact.features.iter().position(|f| f == "s");
    let s: Option<Vec<f64>> = s_column.map(|c| x.column(c).to_vec());
    metrics_of(&proba, artifact.threshold, y, y_fit, s.as_deref())
}

/// Metrics of class probabilities `proba` (one row per ticket, classes in label order) against
/// labels `y`: accuracy at `threshold` (binary) or argmax, and the majority class of `y_fit`.
/// With the seed sentiment `s` of each row, also the negative-sentiment segment (binary).
pub fn metrics_of(
    proba: &[Vec<f64>],
    threshold: f64,
    y: &[usize],
    y_fit: &[usize],
    s: Option<&[f64]>,
) -> Result<TestMetrics> {
    let n_classes = proba.first().map_or(0, Vec::len);
    let majority = metrics::majority_baseline(y_fit, y)?;
    if n_classes == 2 {
        let p1: Vec<f64> = proba
            .iter()
            .map(|p| p.get(1).copied().unwrap_or(0.0))
            .collect();
        let pred: Vec<usize> = p1.iter().map(|&p| usize::from(p >= threshold)).collect();
        let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
        let calibration = metrics::calibration_bins(&yf, &p1, 10)?
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
            accuracy: metrics::accuracy(y, &pred)?,
            majority_baseline: majority.accuracy,
            balanced_accuracy: metrics::balanced_accuracy(y, &pred)?,
            roc_auc: metrics::roc_auc(&yf, &p1)?,
            log_loss: metrics::log_loss(&yf, &p1)?,
            brier: metrics::brier(&yf, &p1)?,
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
            accuracy: metrics::accuracy(y, &pred)?,
            majority_baseline: majority.accuracy,
            balanced_accuracy: metrics::balanced_accuracy(y, &pred)?,
            roc_auc: metrics::roc_auc_ovr_macro(y, p.view())?,
            log_loss: metrics::log_loss_multiclass(y, p.view())?,
            brier: metrics::brier_multiclass(y, p.view())?,
            predicted_positive_share: 0.0,
            confusion: confusion(y, &pred, n_classes)?,
            calibration: Vec::new(),
            negative_segment: None,
        })
    }
}

fn confusion(y: &[usize], pred: &[usize], n_classes: usize) -> Result<Vec<Vec<u64>>> {
    let m = metrics::confusion_matrix(y, pred, n_classes)?;
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

/// Mean CV AUC of `config` on `x`, `y` with the folds `StratifiedKFold` assigns for `y`.
fn cv_auc(config: &TrainConfig, x: ArrayView2<f64>, y: &[usize]) -> Result<Vec<f64>> {
    let folds = split::stratified_kfold(y, config.cv_folds, CV_SEED)?;
    (0..config.cv_folds)
        .map(|k| {
            let (test, train): (Vec<usize>, Vec<usize>) =
                (0..y.len()).partition(|&i| folds.get(i) == Some(&k));
            let y_train: Vec<usize> = train.iter().filter_map(|&i| y.get(i).copied()).collect();
            let fitted = fit(config, take(x, &train).view(), &y_train)?;
            let (truth, logits): (Vec<f64>, Vec<f64>) = test
                .iter()
                .filter_map(|&i| {
                    let values = x.row(i).to_vec();
                    let (_, logit) =
                        probabilities_of(fitted.scaler.as_ref(), &fitted.weights, &values);
                    Some((*y.get(i)? as f64, logit))
                })
                .unzip();
            // Ranked by the decision function, as `cross_val_score(scoring="roc_auc")` does.
            Ok(metrics::roc_auc(&truth, &logits)?)
        })
        .collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Cross-validated AUC on the fit rows and its null distribution under shuffled labels.
fn cross_validate(
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    pool: Option<(&[Column], ArrayView2<f64>)>,
    progress: &mut dyn FnMut(&str),
) -> Result<CrossValidation> {
    progress(&format!("{}-fold cross-validation", config.cv_folds));
    let fold_auc = cv_auc(config, x, y)?;
    let observed = mean(&fold_auc);
    let mut rng = split::RandomState::new(PERMUTATION_SEED);
    let mut shuffled = y.to_vec();
    let mut null = Vec::with_capacity(config.permutations);
    for i in 0..config.permutations {
        if i % 20 == 0 {
            progress(&format!(
                "permutation null: {i}/{} shuffled-label CV runs",
                config.permutations
            ));
        }
        rng.shuffle(&mut shuffled);
        null.push(match pool {
            Some((columns, x_pool)) => select_on(x_pool, columns, &shuffled, config)?.auc,
            None => mean(&cv_auc(config, x, &shuffled)?),
        });
    }
    let at_least = null.iter().filter(|&&a| a >= observed).count();
    let mut sorted = null.clone();
    sorted.sort_by(f64::total_cmp);
    // The 95th percentile as numpy's default (linear) interpolation.
    let p95 = if sorted.is_empty() {
        0.0
    } else {
        let pos = 0.95 * (sorted.len() - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = pos.ceil() as usize;
        let (a, b) = (
            sorted.get(lo).copied().unwrap_or(0.0),
            sorted.get(hi).copied().unwrap_or(0.0),
        );
        a + (b - a) * (pos - lo as f64)
    };
    Ok(CrossValidation {
        folds: config.cv_folds as u64,
        n: y.len() as u64,
        fold_auc,
        mean_auc: observed,
        permutations: config.permutations as u64,
        null_mean_auc: mean(&null),
        null_p95_auc: p95,
        p_value: (1 + at_least) as f64 / (1 + config.permutations) as f64,
    })
}

/// A group of columns that forward selection adds or leaves out as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// What the group is.
    pub name: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
}

/// The columns every `improved` candidate starts from: the seed's three inputs with Critical
/// in its right place.
pub const SELECTION_BASE: [Column; 3] = [Column::Age, Column::PriorityOrdinal, Column::Sentiment];

/// The groups forward selection may add to [`SELECTION_BASE`].
pub const CANDIDATES: [Group; 7] = [
    Group {
        name: "critical flag",
        columns: &[Column::PriorityCritical],
    },
    Group {
        name: "sentiment magnitude and sign",
        columns: &[Column::Magnitude, Column::Polarity],
    },
    Group {
        name: "sentiment × priority",
        columns: &[Column::SentimentXPriority],
    },
    Group {
        name: "VADER compound",
        columns: &[Column::Vader],
    },
    Group {
        name: "channel (one-hot)",
        columns: &[
            Column::Channel(0),
            Column::Channel(1),
            Column::Channel(2),
            Column::Channel(3),
        ],
    },
    Group {
        name: "ticket type (one-hot)",
        columns: &[
            Column::Type(0),
            Column::Type(1),
            Column::Type(2),
            Column::Type(3),
            Column::Type(4),
        ],
    },
    Group {
        name: "description length",
        columns: &[Column::LogWords],
    },
];

/// A group is added only when it raises the CV AUC by at least this much: smaller gains are
/// within the fold-to-fold noise of a signal-free target.
pub const MIN_GAIN: f64 = 0.002;

/// One round of forward selection: every remaining candidate's CV AUC.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// CV AUC of the set before this round.
    pub current_auc: f64,
    /// `(group, CV AUC with it added)`, in [`CANDIDATES`] order.
    pub tried: Vec<(&'static str, f64)>,
    /// The group added, if any gained at least [`MIN_GAIN`].
    pub added: Option<&'static str>,
}

/// The outcome of forward selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// Rounds, in order; the last adds nothing.
    pub rounds: Vec<Round>,
    /// The selected columns, base first.
    pub columns: Vec<Column>,
    /// Their CV AUC.
    pub auc: f64,
}

/// Every column forward selection can use: [`SELECTION_BASE`], then each candidate's.
pub fn selection_pool() -> Vec<Column> {
    SELECTION_BASE
        .iter()
        .chain(CANDIDATES.iter().flat_map(|g| g.columns))
        .copied()
        .collect()
}

/// Forward selection of the `improved` feature set by 5-fold CV AUC on the seed split's train
/// rows only (the test rows are never looked at), with `config`'s solver.
pub fn select(tickets: &[Ticket], config: &TrainConfig) -> Result<Selection> {
    let pool = selection_pool();
    let x_pool = features::matrix(&pool, tickets);
    let y_all = labels(tickets, Target::Resolved)?;
    let rows = split::seed_split(tickets.len())?.train;
    let y: Vec<usize> = rows.iter().filter_map(|&i| y_all.get(i).copied()).collect();
    select_on(take(x_pool.view(), &rows).view(), &pool, &y, config)
}

/// Forward selection on a matrix of the [`selection_pool`] columns and binary labels.
fn select_on(
    x_pool: ArrayView2<f64>,
    pool: &[Column],
    y: &[usize],
    config: &TrainConfig,
) -> Result<Selection> {
    let config = TrainConfig {
        target: Target::Resolved,
        ..config.clone()
    };
    let auc_of = |columns: &[Column]| -> Result<f64> {
        let idx: Vec<usize> = columns
            .iter()
            .filter_map(|c| pool.iter().position(|a| a == c))
            .collect();
        let x = x_pool.select(Axis(1), &idx);
        Ok(mean(&cv_auc(&config, x.view(), y)?))
    };
    let mut columns = SELECTION_BASE.to_vec();
    let mut remaining: Vec<Group> = CANDIDATES.to_vec();
    let mut rounds = Vec::new();
    let mut current = auc_of(&columns)?;
    loop {
        let mut tried = Vec::new();
        for g in &remaining {
            let with: Vec<Column> = columns.iter().chain(g.columns).copied().collect();
            tried.push((g.name, auc_of(&with)?));
        }
        let best = tried
            .iter()
            .copied()
            .fold(None, |best: Option<(&str, f64)>, t| match best {
                Some(b) if b.1 >= t.1 => Some(b),
                _ => Some(t),
            });
        let added = best.filter(|b| b.1 - current >= MIN_GAIN);
        rounds.push(Round {
            current_auc: current,
            tried,
            added: added.map(|b| b.0),
        });
        let Some((name, auc)) = added else { break };
        if let Some(pos) = remaining.iter().position(|g| g.name == name) {
            let g = remaining.remove(pos);
            columns.extend_from_slice(g.columns);
        }
        current = auc;
        if remaining.is_empty() {
            break;
        }
    }
    Ok(Selection {
        rounds,
        columns,
        auc: current,
    })
}

/// Metrics of `artifact` on every ticket of a file (they need a status); the majority
/// baseline is these tickets' own majority share.
pub fn evaluate(artifact: &Artifact, tickets: &[Ticket]) -> Result<TestMetrics> {
    if tickets.is_empty() {
        return Err(ModelError::EmptyData { what: "tickets" }.into());
    }
    let target = match artifact.training.target.as_str() {
        "status" => Target::Status,
        _ => Target::Resolved,
    };
    let y = labels(tickets, target)?;
    let columns = artifact.set().map_or(&[][..], FeatureSet::columns);
    let x = features::matrix(columns, tickets);
    test_metrics(artifact, x.view(), &y, &y)
}

/// Label permutations behind the `seed` model's p-value.
pub const COMMITTED_PERMUTATIONS: usize = 200;

/// Label permutations behind the `improved` model's p-value; each reruns the whole forward
/// selection (about 100 fits), hence fewer.
pub const SELECTION_PERMUTATIONS: usize = 100;

/// The `seed` model: the seed's three features and solver, on the seed's split.
pub fn seed_config(permutations: usize) -> TrainConfig {
    TrainConfig {
        name: "seed".into(),
        features: FeatureSet::Seed3,
        target: Target::Resolved,
        fit: FitOptions::new(Objective::Liblinear),
        standardize: false,
        split: Split::Seed,
        cv_folds: 5,
        permutations,
        selection_in_null: false,
    }
}

/// The `improved` model: selected features, standardized, intercept not penalized.
pub fn improved_config(permutations: usize) -> TrainConfig {
    TrainConfig {
        name: "improved".into(),
        features: FeatureSet::Improved,
        target: Target::Resolved,
        fit: FitOptions::new(Objective::Lbfgs),
        standardize: true,
        split: Split::Seed,
        cv_folds: 5,
        permutations,
        selection_in_null: true,
    }
}

/// The `status` model: Open / Pending / Closed from the seed's inputs with priority in order.
pub fn status_config() -> TrainConfig {
    TrainConfig {
        name: "status".into(),
        features: FeatureSet::Ordinal3,
        target: Target::Status,
        fit: FitOptions::new(Objective::Lbfgs),
        standardize: false,
        split: Split::Seed,
        cv_folds: 0,
        permutations: 0,
        selection_in_null: false,
    }
}

/// The committed models and the card that describes them.
#[derive(Debug, Clone)]
pub struct Committed {
    /// `models/seed.bin`.
    pub seed: Artifact,
    /// `models/improved.bin`.
    pub improved: Artifact,
    /// `models/status.bin`.
    pub status: Artifact,
    /// How `improved` was selected.
    pub selection: Selection,
    /// `models/MODEL_CARD.md`.
    pub card: String,
}

impl Committed {
    /// `(file name, model)` pairs.
    pub fn files(&self) -> [(&'static str, &Artifact); 3] {
        [
            ("seed.bin", &self.seed),
            ("improved.bin", &self.improved),
            ("status.bin", &self.status),
        ]
    }
}

/// Trains every committed model and writes the card, deterministically: the same data gives
/// the same bytes.
pub fn committed(data: &Dataset<'_>, progress: &mut dyn FnMut(&str)) -> Result<Committed> {
    progress("forward selection of the improved feature set");
    let selection = select(data.tickets, &improved_config(0))?;
    if selection.columns != FeatureSet::Improved.columns() {
        let names: Vec<&str> = selection.columns.iter().map(|c| c.name()).collect();
        return Err(Error::SelectionChanged {
            selected: names.join(", "),
        });
    }
    progress("training seed");
    let seed = train(data, &seed_config(COMMITTED_PERMUTATIONS), progress)?;
    progress("training improved");
    let improved = train(data, &improved_config(SELECTION_PERMUTATIONS), progress)?;
    progress("training status");
    let status = train(data, &status_config(), progress)?;
    let card = crate::card::model_card(data, &seed, &improved, &status, &selection);
    Ok(Committed {
        seed,
        improved,
        status,
        selection,
        card,
    })
}
