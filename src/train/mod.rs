//! Training and honest evaluation from an export's tickets: labels for the target (censored
//! tickets left out and counted), a split that judges a forecast on the future when the export
//! has creation times, features chosen on the fit rows only, a logistic regression solved to its
//! optimum, metrics next to the majority baseline, and cross-validated AUC against a
//! shuffled-label null.

mod cv;
mod fit;
mod labels;
mod select;

pub mod committed;
pub mod evaluate;

use ndarray::{Array2, ArrayView2, Axis};

use crate::export::Schema;
use crate::export::layout;
use crate::export::time::Timestamp;
use crate::export::vocab::{self, Counter};
use crate::features::sets::{self, FeatureSet, Levels};
use crate::features::{self, Feature};
use crate::model::artifact::{Artifact, LeftOut, Rows, Split, Training};
use crate::model::logistic::FitOptions;
use crate::model::metrics::report::Metrics;
use crate::model::split;
use crate::target::Target;
use crate::ticket::{Role, Ticket};
use crate::{Error, Result};

pub use labels::Labels;
pub use select::{MIN_GAIN, Round, Selection};

/// The training file: its tickets and what reading it found.
#[derive(Debug, Clone)]
pub struct Dataset<'a> {
    /// Tickets, in file order.
    pub tickets: &'a [Ticket],
    /// How the file was read, vocabularies included (see [`crate::inspect::Inspection`]).
    pub schema: Schema,
    /// The file's header.
    pub header: Vec<String>,
    /// Rows after the header.
    pub rows: u64,
    /// Rows rejected while reading.
    pub rejected: u64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// The latest timestamp in the file.
    pub latest: Option<Timestamp>,
}

/// Which features a model gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Features {
    /// A named set (the committed models' and the seed's variations).
    Named(FeatureSet),
    /// Chosen by forward selection over the groups the export's roles offer, on the fit rows.
    Select,
}

/// Everything that defines a training run.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Name recorded in the model.
    pub name: String,
    /// Model inputs.
    pub features: Features,
    /// What is predicted.
    pub target: Target,
    /// Solver objective, C and class weights.
    pub fit: FitOptions,
    /// Standardize the features (scaler fitted on the fit rows) before fitting.
    pub standardize: bool,
    /// Which rows are fitted; `None`: by time when the export has creation times, else a
    /// seeded stratified split.
    pub split: Option<Split>,
    /// Folds of the cross-validated AUC (0: none; binary targets only).
    pub cv_folds: usize,
    /// Label permutations for the CV AUC's null distribution (0: none).
    pub permutations: usize,
    /// Rerun forward selection on every permutation, so that the null includes the
    /// selection's optimism.
    pub selection_in_null: bool,
    /// The export time labels are read at (`within` targets); default: the file's latest
    /// timestamp.
    pub as_of: Option<Timestamp>,
}

/// A trained model and how its features were chosen.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The model file's content.
    pub artifact: Artifact,
    /// The forward-selection rounds, when the features were selected.
    pub selection: Option<Selection>,
}

/// Seed of the generator that shuffles labels for the permutation null.
const PERMUTATION_SEED: u32 = 1;
/// Seed of `StratifiedKFold(shuffle=True, random_state=0)`.
const CV_SEED: u32 = 0;
/// Seed of the stratified split.
const SPLIT_SEED: u32 = 42;
/// Share of the rows held out for testing.
const TEST_SIZE: f64 = 0.2;

/// Rows `rows` of `x`.
fn take(x: ArrayView2<f64>, rows: &[usize]) -> Array2<f64> {
    x.select(Axis(0), rows)
}

fn pick<T: Copy>(values: &[T], rows: &[usize]) -> Vec<T> {
    rows.iter()
        .filter_map(|&i| values.get(i).copied())
        .collect()
}

/// Smallest share of the fit rows a category level needs for a column of its own.
const MIN_LEVEL_SHARE: f64 = 0.01;
/// Fewest fit rows a category level needs for a column of its own.
const MIN_LEVEL_ROWS: u64 = 10;
/// Most one-hot columns per category role.
const MAX_LEVELS: usize = 20;

/// The category levels of the fit rows that get one-hot columns (by key).
fn levels(tickets: &[&Ticket], schema: &Schema) -> Levels {
    let mut priority = Counter::default();
    let mut channel = Counter::default();
    let mut types = Counter::default();
    for t in tickets {
        priority.add(t.priority.as_deref().unwrap_or(""));
        channel.add(&t.channel);
        types.add(&t.ticket_type);
    }
    let min = (MIN_LEVEL_SHARE * tickets.len() as f64).max(MIN_LEVEL_ROWS as f64);
    let frequent = |c: &Counter| -> Vec<String> {
        c.levels()
            .into_iter()
            .filter(|l| l.count as f64 >= min)
            .take(MAX_LEVELS)
            .map(|l| vocab::key(&l.value))
            .collect()
    };
    let mut unranked: Vec<String> = frequent(&priority)
        .into_iter()
        .filter(|k| schema.priority_rank(k).is_none())
        .collect();
    if priority.empty as f64 >= min {
        unranked.push(String::new());
    }
    Levels {
        priority: unranked,
        channel: frequent(&channel),
        types: frequent(&types),
    }
}

/// The columns of the file no feature reads, and why.
fn left_out(data: &Dataset<'_>, features: &[Feature]) -> Vec<LeftOut> {
    let used: Vec<Role> = features.iter().map(Feature::role).collect();
    data.header
        .iter()
        .filter_map(|h| {
            let role = data
                .schema
                .mapping
                .roles
                .iter()
                .find(|(_, m)| *m == h)
                .map(|(r, _)| *r);
            if role.is_some_and(|r| used.contains(&r)) {
                return None;
            }
            Some(LeftOut {
                header: h.clone(),
                reason: layout::left_out_reason(h, role).to_string(),
            })
        })
        .collect()
}

/// The rows to fit and to test, as positions in `labels.rows`.
fn split_rows(
    config: &TrainConfig,
    data: &Dataset<'_>,
    labels: &Labels,
) -> Result<(Split, split::TrainTest)> {
    let has_times = data.schema.mapping.get(Role::CreatedAt).is_some();
    let kind = config.split.unwrap_or(if has_times {
        Split::Time
    } else {
        Split::Random
    });
    let n = labels.rows.len();
    let tt = match kind {
        Split::Seed => split::seed_split(n)?,
        Split::Random => split::stratified_split(&labels.y, TEST_SIZE, SPLIT_SEED)?,
        Split::All => split::TrainTest {
            train: (0..n).collect(),
            test: Vec::new(),
        },
        Split::Time => {
            let times: Vec<i64> = labels
                .rows
                .iter()
                .map(|&i| {
                    data.tickets
                        .get(i)
                        .and_then(|t| t.created_at)
                        .map_or(i64::MIN, Timestamp::instant)
                })
                .collect();
            if let Some(first) = times.iter().position(|&t| t == i64::MIN) {
                let missing = times.iter().filter(|&&t| t == i64::MIN).count();
                let id = data.tickets.get(labels.rows[first]).map_or("", |t| &t.id);
                return Err(Error::Training(format!(
                    "a time split needs every ticket's creation time, and {missing} tickets have \
                     none (first: id '{id}'); map created_at to a complete column or use \
                     --split random"
                )));
            }
            split::time_split(&times, TEST_SIZE)?
        }
    };
    Ok((kind, tt))
}

/// Trains `config` on `data`, reporting progress through `progress`.
pub fn train(
    data: &Dataset<'_>,
    config: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<Trained> {
    if data.tickets.is_empty() {
        return Err(Error::Training(match data.rejected {
            0 => "no tickets to train on: the file has a header and no rows".into(),
            n => format!("no tickets to train on: every row was skipped ({n} rows)"),
        }));
    }
    let as_of = config.as_of.or(data.latest);
    let labels = Labels::of(data, config.target, as_of)?;
    let (split_kind, tt) = split_rows(config, data, &labels)?;
    let fit_pos = tt.train;
    let test_pos = tt.test;
    let ticket_of = |pos: &usize| labels.rows.get(*pos).and_then(|&i| data.tickets.get(i));
    let fit_tickets: Vec<&Ticket> = fit_pos.iter().filter_map(ticket_of).collect();
    let y_fit = pick(&labels.y, &fit_pos);
    labels.check_folds(&y_fit, config)?;

    let (chosen, selection) = match &config.features {
        Features::Named(set) => (set.features(), None),
        Features::Select => {
            let roles: Vec<Role> = data.schema.mapping.roles.keys().copied().collect();
            let groups = sets::role_groups(&roles, &levels(&fit_tickets, &data.schema));
            let pool: Vec<Feature> = groups.iter().flat_map(|g| g.features.clone()).collect();
            progress(&format!(
                "computing {} candidate features of {} tickets",
                pool.len(),
                fit_tickets.len()
            ));
            let x_pool = matrix_of(&pool, &fit_tickets, &data.schema)?;
            progress("forward selection of the feature groups on the fit rows");
            let selection =
                select::select_on(x_pool.view(), &pool, &[], &groups, &y_fit, config, progress)?;
            (selection.features.clone(), Some(selection))
        }
    };
    if chosen.is_empty() {
        return Err(Error::Training(
            "no feature group raised the cross-validated AUC on the fit rows: nothing in this \
             export tells its tickets apart"
                .into(),
        ));
    }
    progress(&format!(
        "computing {} features of {} tickets",
        chosen.len(),
        labels.rows.len()
    ));
    let used: Vec<&Ticket> = labels
        .rows
        .iter()
        .filter_map(|&i| data.tickets.get(i))
        .collect();
    let x = matrix_of(&chosen, &used, &data.schema)?;
    let x_fit = take(x.view(), &fit_pos);
    progress(&format!("fitting on {} rows", fit_pos.len()));
    let fitted = fit::fit(config, x_fit.view(), &y_fit, labels.classes.len())?;
    let mut artifact = Artifact {
        name: config.name.clone(),
        schema: data.schema.clone(),
        target: config.target,
        feature_set: match &config.features {
            Features::Named(set) => Some(*set),
            Features::Select => None,
        },
        features: chosen.clone(),
        scaler: fitted.scaler,
        classes: labels.classes.clone(),
        weights: fitted.weights,
        threshold: 0.5,
        training: Training {
            objective: config.fit.objective,
            c: config.fit.c,
            class_weight: config.fit.class_weight,
            split: split_kind,
            data_sha256: data.sha256.clone(),
            rows: Rows {
                read: data.rows,
                used: labels.rows.len() as u64,
                rejected: data.rejected + labels.unlabeled,
                censored: labels.censored,
            },
            n_fit: fit_pos.len() as u64,
            iterations: fitted.iterations as u64,
            gradient_norm: fitted.gradient_norm,
            as_of: matches!(config.target, Target::Within { .. })
                .then(|| as_of.map(Timestamp::iso))
                .flatten(),
            left_out: left_out(data, &chosen),
        },
        metrics: Metrics {
            test: None,
            cv: None,
        },
    };
    let model = crate::model::artifact::Model::new(artifact.clone())?;
    if !test_pos.is_empty() {
        let x_test = take(x.view(), &test_pos);
        let y_test = pick(&labels.y, &test_pos);
        artifact.metrics.test = Some(evaluate::test_metrics(
            &model,
            x_test.view(),
            &y_test,
            &y_fit,
        )?);
    }
    if config.target.is_binary() && config.cv_folds > 0 {
        let pool = match (&config.features, config.selection_in_null) {
            (Features::Named(FeatureSet::Improved), true) => {
                let pool: Vec<Feature> = sets::legacy_base()
                    .into_iter()
                    .chain(
                        sets::legacy_candidates()
                            .into_iter()
                            .flat_map(|g| g.features),
                    )
                    .collect();
                let x_pool = matrix_of(&pool, &fit_tickets, &data.schema)?;
                Some((pool, sets::legacy_base(), sets::legacy_candidates(), x_pool))
            }
            _ => None,
        };
        let pool = pool.as_ref().map(|(p, base, groups, x)| select::Pool {
            features: p,
            base,
            groups,
            x: x.view(),
        });
        artifact.metrics.cv = Some(cv::cross_validate(
            config,
            x_fit.view(),
            &y_fit,
            pool,
            progress,
        )?);
    }
    Ok(Trained {
        artifact,
        selection,
    })
}

/// The feature matrix of `tickets`, a ticket lacking a value named.
fn matrix_of(features: &[Feature], tickets: &[&Ticket], schema: &Schema) -> Result<Array2<f64>> {
    let mut x = Array2::zeros((tickets.len(), features.len()));
    for (mut out, t) in x.rows_mut().into_iter().zip(tickets) {
        let row = features::row(features, t, schema).map_err(|m| {
            Error::Training(format!(
                "ticket '{}' has no {} value, which the feature {} needs",
                t.id,
                m.role,
                features
                    .iter()
                    .find(|f| f.role() == m.role)
                    .map_or_else(String::new, Feature::name)
            ))
        })?;
        for (o, v) in out.iter_mut().zip(row.values) {
            *o = v;
        }
    }
    Ok(x)
}

/// Forward selection of the `improved` feature set by 5-fold CV AUC on the seed split's train
/// rows only (the test rows are never looked at), with `config`'s solver.
pub fn select(data: &Dataset<'_>, config: &TrainConfig) -> Result<Selection> {
    let labels = Labels::of(data, Target::Resolved, data.latest)?;
    let rows = split::seed_split(labels.rows.len())?.train;
    let tickets: Vec<&Ticket> = rows
        .iter()
        .filter_map(|&p| labels.rows.get(p).and_then(|&i| data.tickets.get(i)))
        .collect();
    let y = pick(&labels.y, &rows);
    let base = sets::legacy_base();
    let groups = sets::legacy_candidates();
    let pool: Vec<Feature> = base
        .iter()
        .cloned()
        .chain(groups.iter().flat_map(|g| g.features.clone()))
        .collect();
    let x_pool = matrix_of(&pool, &tickets, &data.schema)?;
    select::select_on(
        x_pool.view(),
        &pool,
        &base,
        &groups,
        &y,
        config,
        &mut |_| {},
    )
}
