//! Nested cross-validation of one candidate (a learner family with an imbalance treatment) on
//! the search rows. In each outer fold the inner folds of its training part choose the setting:
//! every grid setting is fitted on each inner training part (treated) and scored by AUC on the
//! inner validation part; the chosen setting is then fitted on the whole outer training part
//! (treated) and scored on the outer validation fold, which the choice never saw. The outer
//! folds' AUCs are the estimate the comparison reports; their out-of-fold log-odds feed the
//! calibration and the permutation p-value; the final model's setting is the one with the best
//! inner AUC summed over every outer fold's search.

use ndarray::{ArrayView2, Axis};

use crate::Result;
use crate::features::Feature;
use crate::features::sets::Group;
use crate::model::artifact::Family;
use crate::model::metrics::comparison::Treatment;
use crate::model::metrics::roc_auc;
use crate::model::split;
use crate::train::grid::{Grid, Setting};
use crate::train::resample::treat;
use crate::train::{CV_SEED, TrainConfig, learn, pick, select};

/// Seed of the inner folds (`StratifiedKFold(shuffle=True, random_state=1)`).
const INNER_SEED: u32 = 1;

/// Which columns of the search matrix a candidate's models read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Columns<'a> {
    /// All of them.
    All,
    /// These.
    Fixed(&'a [usize]),
    /// The groups forward selection chooses on each outer training part (the matrix holds the
    /// pool's columns).
    Select {
        /// The pool, in column order.
        pool: &'a [Feature],
        /// The candidate groups.
        groups: &'a [Group],
    },
}

/// One candidate of the comparison.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<'a> {
    /// The learner family.
    pub family: Family,
    /// The imbalance treatment of every fit.
    pub treatment: Treatment,
    /// The columns it reads.
    pub columns: Columns<'a>,
}

/// What nested cross-validation measured of a candidate.
#[derive(Debug, Clone)]
pub(crate) struct Nested {
    /// AUC of each outer fold.
    pub fold_auc: Vec<f64>,
    /// Each search row's out-of-fold raw log-odds.
    pub oof: Vec<f64>,
    /// Each search row's outer fold.
    pub folds: Vec<usize>,
    /// The setting of the final model.
    pub chosen: Setting,
}

/// Out-of-fold raw log-odds of one `setting` on the search rows `x`, `y`: fitted (treated) on
/// the other outer folds, scored on each: what a calibration of the final model (fitted with the
/// same setting) is fitted on.
pub(crate) fn cross_margins(
    setting: &Setting,
    treatment: Treatment,
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
) -> Result<Vec<f64>> {
    let k_folds = config.cv_folds;
    let folds = split::stratified_kfold(y, k_folds, CV_SEED)?;
    let mut oof = vec![0.0; y.len()];
    for k in 0..k_folds {
        let (va, tr): (Vec<usize>, Vec<usize>) =
            (0..y.len()).partition(|&i| folds.get(i) == Some(&k));
        let treated = treat(treatment, y, &tr, (k as u32 + 1) * 16 + 14);
        let fitted = learn::fit_one(setting, config, x, y, &treated)?;
        let m = learn::margins(&fitted, x, &va, &whole(setting))
            .pop()
            .unwrap_or_default();
        for (&i, &v) in va.iter().zip(&m) {
            if let Some(o) = oof.get_mut(i) {
                *o = v;
            }
        }
    }
    Ok(oof)
}

/// Fits the search makes for `family`: per outer fold, every grid point on every inner training
/// part, the chosen one on the outer training part, and the final setting once more (the
/// calibration's out-of-fold predictions, [`cross_margins`]).
pub(crate) fn fits(family: Family, folds: usize, inner: usize) -> u64 {
    (folds * (inner * Grid::of(family).points.len() + 2)) as u64
}

/// The stages a fitted setting is scored at: its whole size.
fn whole(setting: &Setting) -> Vec<usize> {
    match setting {
        Setting::Logistic { .. } => vec![1],
        Setting::Forest(p) => vec![p.trees],
        Setting::Boosting(p) => vec![p.rounds],
    }
}

/// The index of the largest value; ties to the first (the simpler setting).
fn argmax(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, &a)| {
            if a > best.1 { (i, a) } else { best }
        })
        .0
}

/// The AUC of labels `y` at `rows` against scores `m` (one per row).
fn auc(y: &[usize], rows: &[usize], m: &[f64]) -> Result<f64> {
    let truth: Vec<f64> = pick(y, rows).into_iter().map(|v| v as f64).collect();
    Ok(roc_auc(&truth, m)?)
}

/// Mean inner-fold AUC of every setting of `grid` on the outer training rows `rows` of `x`.
fn inner_scores(
    grid: &Grid,
    candidate: &Candidate<'_>,
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    rows: &[usize],
    stream: u32,
) -> Result<Vec<f64>> {
    let inner = config.learning.search.inner_folds;
    let folds = split::stratified_kfold(&pick(y, rows), inner, INNER_SEED)?;
    let mut scores = vec![0.0; grid.len()];
    for j in 0..inner {
        let mut va = Vec::new();
        let mut tr = Vec::new();
        for (&r, &f) in rows.iter().zip(&folds) {
            if f == j { va.push(r) } else { tr.push(r) }
        }
        let treated = treat(candidate.treatment, y, &tr, stream * 16 + j as u32);
        let fitted = learn::fit_all(&grid.points, config, x, y, &treated)?;
        for (p, f) in fitted.iter().enumerate() {
            for (s, m) in learn::margins(f, x, &va, &grid.stages).iter().enumerate() {
                if let Some(slot) = scores.get_mut(p * grid.stages.len() + s) {
                    *slot += auc(y, &va, m)? / inner as f64;
                }
            }
        }
    }
    Ok(scores)
}

/// Nested cross-validation of `candidate` on the search rows `x`, `y` (labels 0 or 1), with
/// `config`'s outer folds and permutations and its search's inner folds.
pub(crate) fn nested(
    candidate: &Candidate<'_>,
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    label: &str,
    progress: &mut dyn FnMut(&str),
) -> Result<Nested> {
    let k_folds = config.cv_folds;
    let inner = config.learning.search.inner_folds;
    let grid = Grid::of(candidate.family);
    let folds = split::stratified_kfold(y, k_folds, CV_SEED)?;
    let mut oof = vec![0.0; y.len()];
    let mut fold_auc = Vec::with_capacity(k_folds);
    let mut total = vec![0.0; grid.len()];
    for k in 0..k_folds {
        progress(&format!(
            "{label}: outer fold {}/{k_folds}: {} settings × {inner} inner folds",
            k + 1,
            grid.len()
        ));
        let (va, tr): (Vec<usize>, Vec<usize>) =
            (0..y.len()).partition(|&i| folds.get(i) == Some(&k));
        let owned;
        let xk = match candidate.columns {
            Columns::All => x,
            Columns::Fixed(cols) => {
                owned = x.select(Axis(1), cols);
                owned.view()
            }
            Columns::Select { pool, groups } => {
                let x_tr = x.select(Axis(0), &tr);
                let selection = select::select_on(
                    x_tr.view(),
                    pool,
                    &[],
                    groups,
                    &pick(y, &tr),
                    config,
                    &mut |_| {},
                )?;
                let cols: Vec<usize> = selection
                    .features
                    .iter()
                    .filter_map(|f| pool.iter().position(|p| p == f))
                    .collect();
                if cols.is_empty() {
                    // Nothing gains: every ticket scores the same, a coin flip.
                    fold_auc.push(0.5);
                    continue;
                }
                owned = x.select(Axis(1), &cols);
                owned.view()
            }
        };
        let scores = inner_scores(&grid, candidate, config, xk, y, &tr, k as u32 + 1)?;
        for (t, s) in total.iter_mut().zip(&scores) {
            *t += s;
        }
        let best = grid
            .setting(argmax(&scores))
            .ok_or_else(|| crate::Error::Training("an empty grid".into()))?;
        let treated = treat(candidate.treatment, y, &tr, (k as u32 + 1) * 16 + 15);
        let fitted = learn::fit_one(&best, config, xk, y, &treated)?;
        let m = learn::margins(&fitted, xk, &va, &whole(&best))
            .pop()
            .unwrap_or_default();
        fold_auc.push(auc(y, &va, &m)?);
        for (&i, &v) in va.iter().zip(&m) {
            if let Some(o) = oof.get_mut(i) {
                *o = v;
            }
        }
    }
    let chosen = grid
        .setting(argmax(&total))
        .ok_or_else(|| crate::Error::Training("an empty grid".into()))?;
    Ok(Nested {
        fold_auc,
        oof,
        folds,
        chosen,
    })
}
