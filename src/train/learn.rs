//! One fit of a grid's settings on chosen rows of a feature matrix, and their raw log-odds on
//! other rows: the unit every inner search, outer fold and final model is made of. Tree
//! settings fitted on the same rows share one binning.

use ndarray::ArrayView2;

use crate::Result;
use crate::model::artifact::Weights;
use crate::model::logistic::ClassWeight;
use crate::model::predict::probabilities_of;
use crate::model::tree::{self, Binned, Rows};
use crate::target::Target;
use crate::train::fit::{self, Fitted};
use crate::train::grid::Setting;
use crate::train::resample::Treated;
use crate::train::{TrainConfig, pick, take};

/// Fits every setting of `settings` on the rows `treated` picks from `x` and `y` (labels 0 or
/// 1): logistic regression as `config` standardizes, with balanced class weights when the
/// treatment gives weights; trees on the raw features with the weights as row weights.
pub(crate) fn fit_all(
    settings: &[Setting],
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    treated: &Treated,
) -> Result<Vec<Fitted>> {
    let xt = take(x, &treated.rows);
    let yt = pick(y, &treated.rows);
    let rows = Rows::new(xt.view(), &yt, treated.weights.as_deref())?;
    let mut cache: Option<(usize, Binned)> = None;
    let mut out = Vec::with_capacity(settings.len());
    for setting in settings {
        let fitted = match *setting {
            Setting::Logistic { c } => {
                let mut options = config.fit;
                options.c = c;
                options.class_weight = if treated.weights.is_some() {
                    ClassWeight::Balanced
                } else {
                    ClassWeight::Uniform
                };
                let lr = TrainConfig {
                    fit: options,
                    target: Target::Resolved,
                    ..config.clone()
                };
                fit::fit(&lr, xt.view(), &yt, 2)?
            }
            Setting::Forest(p) => Fitted::trees(tree::forest::fit(
                &rows,
                bins(&mut cache, &rows, p.max_bins)?,
                &p,
            )?),
            Setting::Boosting(p) => Fitted::trees(tree::boost::fit(
                &rows,
                bins(&mut cache, &rows, p.max_bins)?,
                &p,
            )?),
        };
        out.push(fitted);
    }
    Ok(out)
}

/// The binning of `rows` into `max_bins` bins, made once and reused.
fn bins<'c>(
    cache: &'c mut Option<(usize, Binned)>,
    rows: &Rows<'_>,
    max_bins: usize,
) -> Result<&'c Binned> {
    if cache.as_ref().map(|c| c.0) != Some(max_bins) {
        *cache = Some((max_bins, Binned::new(rows, max_bins)?));
    }
    cache
        .as_ref()
        .map(|c| &c.1)
        .ok_or_else(|| crate::Error::Training("no binning".into()))
}

/// Fits one setting (see [`fit_all`]).
pub(crate) fn fit_one(
    setting: &Setting,
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    treated: &Treated,
) -> Result<Fitted> {
    fit_all(std::slice::from_ref(setting), config, x, y, treated)?
        .pop()
        .ok_or_else(|| crate::Error::Training("no fit".into()))
}

/// The raw log-odds of `fitted` on rows `rows` of `x` after each of `stages` trees (one stage for
/// logistic regression): `out[stage][row]`.
pub(crate) fn margins(
    fitted: &Fitted,
    x: ArrayView2<f64>,
    rows: &[usize],
    stages: &[usize],
) -> Vec<Vec<f64>> {
    match &fitted.weights {
        Weights::Trees(e) => {
            let mut out = vec![Vec::with_capacity(rows.len()); stages.len()];
            for &i in rows {
                let row = x.row(i).to_vec();
                for (o, m) in out.iter_mut().zip(e.staged_margins(&row, stages)) {
                    o.push(m);
                }
            }
            out
        }
        weights => {
            let m = rows
                .iter()
                .map(|&i| probabilities_of(fitted.scaler.as_ref(), weights, &x.row(i).to_vec()).1)
                .collect();
            vec![m]
        }
    }
}
