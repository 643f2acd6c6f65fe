//! Training by nested cross-validation: one tuned learner (`--learner forest|boosting`), or every
//! learner family with every imbalance treatment compared (`--learner auto`) and the simplest
//! one within one standard error of the best kept. Everything is chosen on the fit rows; the
//! held-out test rows are only scored, at the end, for the report.
//!
//! The search is bounded and does not depend on the machine: it runs on at most
//! [`Search::rows`] fit rows (a stratified, seeded sample) over fixed grids
//! (`train/grid.rs`), so the number of fits and the rows each sees are fixed before it starts,
//! and the same export gives the same model bytes.

use ndarray::ArrayView2;

use crate::export::time::Timestamp;
use crate::features::Feature;
use crate::features::sets::{self, Group};
use crate::model::artifact::{
    Artifact, Calibration, Family, Model, Rows, Split, Training, Weights,
};
use crate::model::metrics::comparison::{
    ALPHA, Candidate as Row, Comparison, HeldOut, Paired, Treatment, calibration_error,
};
use crate::model::metrics::report::{CrossValidation, Metrics};
use crate::model::split::RandomState;
use crate::target::Target;
use crate::ticket::{Role, Ticket};
use crate::train::grid::Setting;
use crate::train::labels::Labels;
use crate::train::nested::{self, Candidate, Columns, Nested};
use crate::train::resample::treat;
use crate::train::stats::Null;
use crate::train::{
    Dataset, Features, LearnerChoice, PERMUTATION_SEED, Search, Selection, TrainConfig, Trained,
    calibrate, evaluate, learn, left_out, levels, matrix_of, pick, select, stats, take,
};
use crate::{Error, Result};

/// Seed of the stratified sample of the search rows.
const SEARCH_SEED: u32 = 23;

/// Resampling stream of the final fits.
const FINAL_STREAM: u32 = 1_000_000;

/// Seed of the paired permutation tests.
const PAIRED_SEED: u32 = 29;

/// Most rows the feature importance is averaged over.
const IMPORTANCE_ROWS: usize = 500;

/// Mean |term| of each feature in `model`'s explanation over the first
/// [`IMPORTANCE_ROWS`] rows of `x`.
fn importance(model: &Model, x: ArrayView2<f64>) -> Vec<f64> {
    let d = model.artifact().features.len();
    let mut total = vec![0.0; d];
    let mut n = 0usize;
    for row in x.rows().into_iter().take(IMPORTANCE_ROWS) {
        if let Some((_, terms)) = model.explain(&row.to_vec()) {
            for (t, v) in total.iter_mut().zip(terms) {
                *t += v.abs();
            }
            n += 1;
        }
    }
    total.into_iter().map(|t| t / n.max(1) as f64).collect()
}

/// What [`super::train`] worked out before choosing a learner.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The labels.
    pub labels: Labels,
    /// The split.
    pub split: Split,
    /// Fit rows, as positions in `labels.rows`.
    pub fit_pos: Vec<usize>,
    /// Test rows, as positions in `labels.rows`.
    pub test_pos: Vec<usize>,
    /// The export time the labels were read at.
    pub as_of: Option<Timestamp>,
}

/// A stratified, seeded sample of at most `budget` of `positions` (whose labels are `y`), in
/// their order: each class keeps its share.
fn sample(positions: &[usize], y: &[usize], budget: usize) -> Vec<usize> {
    if positions.len() <= budget {
        return positions.to_vec();
    }
    let mut rng = RandomState::new(SEARCH_SEED);
    let mut keep = Vec::with_capacity(budget);
    let n = positions.len() as f64;
    for class in [0, 1] {
        let mut members: Vec<usize> = (0..positions.len())
            .filter(|&i| y.get(i) == Some(&class))
            .collect();
        let k = ((members.len() as f64) * budget as f64 / n).round() as usize;
        rng.shuffle(&mut members);
        members.truncate(k);
        keep.extend(members);
    }
    keep.sort_unstable();
    keep.into_iter()
        .filter_map(|i| positions.get(i).copied())
        .collect()
}

/// The imbalance treatment of `config`'s class weights and resampling.
fn configured_treatment(config: &TrainConfig) -> Result<Treatment> {
    Treatment::of(config.fit.class_weight, config.learning.resample).ok_or_else(|| {
        Error::Training(
            "balanced class weights and resampling at once: choose one imbalance treatment".into(),
        )
    })
}

/// The calibration a family's model gets.
fn calibration_of(config: &TrainConfig, family: Family) -> Calibration {
    config.learning.calibration.unwrap_or(match family {
        Family::Logistic => Calibration::None,
        Family::Forest | Family::Boosting => Calibration::Platt,
    })
}

/// Rejects what nested cross-validation cannot run on.
fn check(config: &TrainConfig, labels: &Labels, y_search: &[usize], n_fit: usize) -> Result<()> {
    if !config.target.is_binary() {
        return Err(Error::Training(format!(
            "the tuned learners predict two classes, and the target {} has more: use --learner \
             logistic",
            config.target.name()
        )));
    }
    let Search { inner_folds, .. } = config.learning.search;
    if config.cv_folds < 2 || inner_folds < 2 {
        return Err(Error::Training(format!(
            "nested cross-validation needs at least 2 outer and 2 inner folds ({} and {} given)",
            config.cv_folds, inner_folds
        )));
    }
    let need = config.cv_folds * inner_folds;
    for (class, name) in labels.classes.iter().enumerate() {
        let n = y_search.iter().filter(|&&y| y == class).count();
        if n < need {
            return Err(Error::Training(format!(
                "only {n} of the {} tickets the search runs on are '{name}' ({n_fit} fitted): \
                 nested cross-validation ({} outer × {inner_folds} inner folds) needs at least \
                 {need} of each class",
                y_search.len(),
                config.cv_folds,
            )));
        }
    }
    Ok(())
}

/// The features: the trees' (the named set, or every candidate group's) and logistic
/// regression's (the named set, or forward selection's on the fit rows).
struct Inputs {
    pool: Vec<Feature>,
    groups: Vec<Group>,
    lr: Vec<Feature>,
    selection: Option<Selection>,
}

/// A candidate's final model and what it measured.
struct Final {
    artifact: Artifact,
    scores: Vec<f64>,
    row: Row,
}

/// Trains `config` (a tuned learner or the comparison) on `data`.
pub(crate) fn train(
    data: &Dataset<'_>,
    config: &TrainConfig,
    prepared: Prepared,
    progress: &mut dyn FnMut(&str),
) -> Result<Trained> {
    let Prepared {
        labels,
        split,
        fit_pos,
        test_pos,
        as_of,
    } = prepared;
    let y_fit = pick(&labels.y, &fit_pos);
    let search_pos = sample(&fit_pos, &y_fit, config.learning.search.rows);
    let y_search = pick(&labels.y, &search_pos);
    check(config, &labels, &y_search, fit_pos.len())?;
    let candidates: Vec<(Family, Treatment)> = match config.learning.learner {
        LearnerChoice::Auto => Family::ALL
            .into_iter()
            .flat_map(|f| Treatment::ALL.into_iter().map(move |t| (f, t)))
            .collect(),
        LearnerChoice::Forest => vec![(Family::Forest, configured_treatment(config)?)],
        LearnerChoice::Boosting => vec![(Family::Boosting, configured_treatment(config)?)],
        LearnerChoice::Logistic => vec![(Family::Logistic, configured_treatment(config)?)],
    };
    let ticket_of = |pos: &usize| labels.rows.get(*pos).and_then(|&i| data.tickets.get(i));
    let fit_tickets: Vec<&Ticket> = fit_pos.iter().filter_map(ticket_of).collect();
    let with_lr = candidates.iter().any(|(f, _)| *f == Family::Logistic);
    let inputs = match &config.features {
        Features::Named(set) => Inputs {
            pool: set.features(),
            groups: Vec::new(),
            lr: set.features(),
            selection: None,
        },
        Features::Select => {
            let roles: Vec<Role> = data.schema.mapping.roles.keys().copied().collect();
            let groups = sets::role_groups(&roles, &levels(&fit_tickets, &data.schema));
            let pool: Vec<Feature> = groups.iter().flat_map(|g| g.features.clone()).collect();
            let selection = if with_lr {
                progress(
                    "forward selection of logistic regression's feature groups on the fit rows",
                );
                let x_pool = matrix_of(&pool, &fit_tickets, &data.schema)?;
                Some(select::select_on(
                    x_pool.view(),
                    &pool,
                    &[],
                    &groups,
                    &y_fit,
                    config,
                    progress,
                )?)
            } else {
                None
            };
            Inputs {
                lr: selection
                    .as_ref()
                    .map(|s| s.features.clone())
                    .unwrap_or_default(),
                pool,
                groups,
                selection,
            }
        }
    };
    progress(&format!(
        "computing {} features of {} tickets",
        inputs.pool.len(),
        labels.rows.len()
    ));
    let used: Vec<&Ticket> = labels
        .rows
        .iter()
        .filter_map(|&i| data.tickets.get(i))
        .collect();
    let x = matrix_of(&inputs.pool, &used, &data.schema)?;
    let lr_cols: Vec<usize> = inputs
        .lr
        .iter()
        .filter_map(|f| inputs.pool.iter().position(|p| p == f))
        .collect();
    let x_search = take(x.view(), &search_pos);
    let Search { inner_folds, .. } = config.learning.search;
    let fits: u64 = candidates
        .iter()
        .map(|(f, _)| nested::fits(*f, config.cv_folds, inner_folds))
        .sum();
    progress(&format!(
        "nested cross-validation of {} candidate(s) on {} of the {} fit rows: {fits} fits \
         ({}-fold outer, {inner_folds}-fold inner, fixed grids)",
        candidates.len(),
        search_pos.len(),
        fit_pos.len(),
        config.cv_folds
    ));
    let mut results: Vec<Nested> = Vec::with_capacity(candidates.len());
    for (i, &(family, treatment)) in candidates.iter().enumerate() {
        let columns = match (family, &config.features) {
            (Family::Logistic, Features::Select) => Columns::Select {
                pool: &inputs.pool,
                groups: &inputs.groups,
            },
            (Family::Logistic, Features::Named(_)) => Columns::Fixed(&lr_cols),
            _ => Columns::All,
        };
        let candidate = Candidate {
            family,
            treatment,
            columns,
        };
        let label = format!(
            "[{}/{}] {}, {}",
            i + 1,
            candidates.len(),
            family.label(),
            treatment.label()
        );
        results.push(nested::nested(
            &candidate,
            config,
            x_search.view(),
            &y_search,
            &label,
            progress,
        )?);
    }
    // Every candidate's permutation test, under the same shuffles (the folds are the same).
    let oofs: Vec<&[f64]> = results.iter().map(|r| r.oof.as_slice()).collect();
    let nulls = stats::fold_permutation_tests(
        &y_search,
        &oofs,
        results.first().map_or(&[][..], |r| r.folds.as_slice()),
        config.cv_folds,
        config.permutations,
        PERMUTATION_SEED,
    );
    // The recommendation: the simplest candidate within one standard error of the best (the
    // candidates are in order of simplicity: family, then treatment); when none beats chance,
    // the simplest.
    let summaries: Vec<(f64, f64)> = results
        .iter()
        .map(|r| stats::mean_se(&r.fold_auc))
        .collect();
    let best = summaries
        .iter()
        .enumerate()
        .fold(
            (0, f64::NEG_INFINITY),
            |b, (i, &(m, _))| if m > b.1 { (i, m) } else { b },
        )
        .0;
    let cutoff = summaries.get(best).map_or(0.0, |&(m, se)| m - se);
    let chance = nulls.iter().all(|n| n.p_adjusted >= ALPHA);
    let recommended = if chance {
        0
    } else {
        summaries
            .iter()
            .position(|&(m, _)| m >= cutoff)
            .unwrap_or(best)
    };
    let context = Context {
        data,
        config,
        labels: &labels,
        split,
        fit_pos: &fit_pos,
        test_pos: &test_pos,
        as_of,
        x: x.view(),
        inputs: &inputs,
        lr_cols: &lr_cols,
        y_search: &y_search,
        search_pos: &search_pos,
        search_rows: search_pos.len(),
    };
    let auto = config.learning.learner == LearnerChoice::Auto;
    let mut finals: Vec<Final> = Vec::new();
    for (i, ((&(family, treatment), nested), null)) in
        candidates.iter().zip(&results).zip(&nulls).enumerate()
    {
        if !auto && i != recommended {
            continue;
        }
        progress(&format!(
            "fitting {}, {} on the {} fit rows",
            family.label(),
            treatment.label(),
            fit_pos.len()
        ));
        finals.push(context.finish(family, treatment, nested, null)?);
    }
    // Paired tests against logistic regression without treatment, on the test rows.
    let y_test = pick(&labels.y, &test_pos);
    if auto && !test_pos.is_empty() {
        let baseline = finals.first().map(|f| f.scores.clone()).unwrap_or_default();
        for f in finals.iter_mut().skip(1) {
            if let Some(test) = f.row.test.as_mut()
                && let Some((delta_auc, p_value)) = stats::paired_auc_test(
                    &y_test,
                    &f.scores,
                    &baseline,
                    config.permutations,
                    PAIRED_SEED,
                )
            {
                test.vs_logistic = Some(Paired {
                    delta_auc,
                    p_value,
                    permutations: config.permutations as u64,
                });
            }
        }
    }
    let pick_index = if auto { recommended } else { 0 };
    let rows: Vec<Row> = finals.iter().map(|f| f.row.clone()).collect();
    let mut chosen = finals
        .into_iter()
        .nth(pick_index)
        .ok_or_else(|| Error::Training("no candidate was fitted".into()))?;
    if auto {
        chosen.artifact.metrics.comparison = Some(Comparison {
            folds: config.cv_folds as u64,
            inner_folds: inner_folds as u64,
            rows: search_pos.len() as u64,
            fit_rows: fit_pos.len() as u64,
            permutations: config.permutations as u64,
            fits,
            candidates: rows,
            best: best as u64,
            recommended: recommended as u64,
            cutoff,
        });
    }
    let model = Model::new(chosen.artifact.clone())?;
    let scored = if test_pos.is_empty() {
        &fit_pos
    } else {
        &test_pos
    };
    let x_scored = take(x.view(), scored);
    let x_scored = match chosen.row.family {
        Family::Logistic => x_scored.select(ndarray::Axis(1), &lr_cols),
        _ => x_scored,
    };
    chosen.artifact.metrics.importance = Some(importance(&model, x_scored.view()));
    let selection = match chosen.row.family {
        Family::Logistic => inputs.selection,
        _ => None,
    };
    Ok(Trained {
        artifact: chosen.artifact,
        selection,
    })
}

/// Everything a final fit needs.
struct Context<'a> {
    data: &'a Dataset<'a>,
    config: &'a TrainConfig,
    labels: &'a Labels,
    split: Split,
    fit_pos: &'a [usize],
    test_pos: &'a [usize],
    as_of: Option<Timestamp>,
    x: ArrayView2<'a, f64>,
    inputs: &'a Inputs,
    lr_cols: &'a [usize],
    y_search: &'a [usize],
    search_pos: &'a [usize],
    search_rows: usize,
}

impl Context<'_> {
    /// The candidate's final model: its chosen setting fitted on every fit row (treated), its
    /// calibration fitted on the out-of-fold log-odds of the search rows, its metrics.
    fn finish(
        &self,
        family: Family,
        treatment: Treatment,
        nested: &Nested,
        null: &Null,
    ) -> Result<Final> {
        let config = self.config;
        let (features, x): (Vec<Feature>, ndarray::Array2<f64>) = match family {
            Family::Logistic => (
                self.inputs.lr.clone(),
                self.x.select(ndarray::Axis(1), self.lr_cols),
            ),
            _ => (self.inputs.pool.clone(), self.x.to_owned()),
        };
        let y_fit = pick(&self.labels.y, self.fit_pos);
        let x_fit = take(x.view(), self.fit_pos);
        let all: Vec<usize> = (0..self.fit_pos.len()).collect();
        let treated = treat(treatment, &y_fit, &all, FINAL_STREAM);
        let fitted = if features.is_empty() {
            // Forward selection added nothing: the constant model (every ticket the base rate).
            let share = treated
                .rows
                .iter()
                .map(|&i| y_fit.get(i).copied().unwrap_or(0) as f64)
                .sum::<f64>()
                / treated.rows.len().max(1) as f64;
            let intercept = if treated.weights.is_some() {
                0.0
            } else {
                crate::model::tree::math::logit(share)
            };
            crate::train::fit::Fitted {
                scaler: None,
                weights: Weights::Binary {
                    coef: Vec::new(),
                    intercept,
                },
                iterations: 0,
                gradient_norm: 0.0,
            }
        } else {
            learn::fit_one(&nested.chosen, config, x_fit.view(), &y_fit, &treated)?
        };
        // The calibration is fitted on out-of-fold predictions of the final setting itself.
        let method = calibration_of(config, family);
        let oof = if method == Calibration::None || features.is_empty() {
            Vec::new()
        } else {
            let x_search = take(x.view(), self.search_pos);
            nested::cross_margins(
                &nested.chosen,
                treatment,
                config,
                x_search.view(),
                self.y_search,
            )?
        };
        let calibrator = calibrate::fit(method, &oof, self.y_search);
        let (class_weight, resample) = treatment.parts();
        let data = self.data;
        let labels = self.labels;
        let parameters = match &fitted.weights {
            Weights::Trees(e) => e.n_nodes(),
            Weights::Binary { coef, .. } => coef.len() + 1,
            Weights::Multinomial { coef, .. } => coef.iter().map(|r| r.len() + 1).sum(),
        } as u64;
        let mut artifact = Artifact {
            name: config.name.clone(),
            schema: data.schema.clone(),
            target: config.target,
            feature_set: match &config.features {
                Features::Named(set) if set.features() == features => Some(*set),
                _ => None,
            },
            features: features.clone(),
            scaler: fitted.scaler,
            classes: labels.classes.clone(),
            weights: fitted.weights,
            calibrator,
            threshold: 0.5,
            training: Training {
                learner: nested.chosen.learner(),
                objective: config.fit.objective,
                c: match nested.chosen {
                    Setting::Logistic { c } => c,
                    _ => config.fit.c,
                },
                class_weight,
                resample,
                split: self.split,
                data_sha256: data.sha256.clone(),
                rows: Rows {
                    read: data.rows,
                    used: labels.rows.len() as u64,
                    rejected: data.rejected + labels.unlabeled,
                    censored: labels.censored,
                },
                n_fit: self.fit_pos.len() as u64,
                iterations: fitted.iterations as u64,
                gradient_norm: fitted.gradient_norm,
                as_of: matches!(config.target, Target::Within { .. })
                    .then(|| self.as_of.map(Timestamp::iso))
                    .flatten(),
                left_out: left_out(data, &features),
            },
            metrics: Metrics::default(),
        };
        let (mean_auc, se_auc) = stats::mean_se(&nested.fold_auc);
        artifact.metrics.cv = Some(CrossValidation {
            folds: config.cv_folds as u64,
            n: self.search_rows as u64,
            fold_auc: nested.fold_auc.clone(),
            mean_auc,
            permutations: config.permutations as u64,
            null_mean_auc: null.mean,
            null_p95_auc: null.p95,
            p_value: null.p_value,
        });
        if let Some(c) = &artifact.calibrator {
            artifact.metrics.calibration = Some(calibrate::report(c, &oof, self.y_search)?);
        }
        let model = Model::new(artifact.clone())?;
        let scored = if self.test_pos.is_empty() {
            self.fit_pos
        } else {
            self.test_pos
        };
        let x_scored = take(x.view(), scored);
        let scores: Vec<f64> = x_scored
            .rows()
            .into_iter()
            .map(|r| model.probability(&r.to_vec()))
            .collect();
        let cost = match &artifact.weights {
            Weights::Trees(e) => {
                let visits: usize = x_scored
                    .rows()
                    .into_iter()
                    .map(|r| {
                        let r = r.to_vec();
                        e.trees.iter().map(|t| t.path_length(&r)).sum::<usize>()
                    })
                    .sum();
                visits as f64 / x_scored.nrows().max(1) as f64
            }
            _ => features.len() as f64,
        };
        let mut test = None;
        if !self.test_pos.is_empty() {
            let y_test = pick(&labels.y, self.test_pos);
            let t = evaluate::test_metrics(&model, x_scored.view(), &y_test, &y_fit)?;
            test = Some(HeldOut {
                n: t.n,
                roc_auc: t.roc_auc,
                balanced_accuracy: t.balanced_accuracy,
                log_loss: t.log_loss,
                calibration_error: calibration_error(&t.calibration),
                vs_logistic: None,
            });
            artifact.metrics.test = Some(t);
        }
        let file_bytes = artifact.to_bytes()?.len() as u64;
        let row = Row {
            family,
            treatment,
            learner: nested.chosen.learner(),
            c: nested.chosen.c(),
            features: features.len() as u64,
            fold_auc: nested.fold_auc.clone(),
            mean_auc,
            se_auc,
            p_value: null.p_value,
            p_adjusted: null.p_adjusted,
            test,
            file_bytes,
            parameters,
            cost_per_prediction: cost,
        };
        Ok(Final {
            artifact,
            scores,
            row,
        })
    }
}
