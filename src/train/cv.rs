//! Cross-validated ROC AUC on the fit rows (scikit-learn's `StratifiedKFold` folds, ranked by the
//! decision function as `cross_val_score(scoring="roc_auc")` ranks them), and its null
//! distribution under shuffled labels.

use ndarray::ArrayView2;

use crate::Result;
use crate::model::metrics::{self, report::CrossValidation};
use crate::model::predict::probabilities_of;
use crate::model::split;
use crate::train::fit::fit;
use crate::train::select::{self, Pool};
use crate::train::{CV_SEED, PERMUTATION_SEED, TrainConfig, take};

/// The AUC of each fold of `config` on `x`, `y` with the folds `StratifiedKFold` assigns for `y`.
pub(crate) fn cv_auc(config: &TrainConfig, x: ArrayView2<f64>, y: &[usize]) -> Result<Vec<f64>> {
    let folds = split::stratified_kfold(y, config.cv_folds, CV_SEED)?;
    (0..config.cv_folds)
        .map(|k| {
            let (test, train): (Vec<usize>, Vec<usize>) =
                (0..y.len()).partition(|&i| folds.get(i) == Some(&k));
            let y_train: Vec<usize> = train.iter().filter_map(|&i| y.get(i).copied()).collect();
            let fitted = fit(config, take(x, &train).view(), &y_train, 2)?;
            let (truth, logits): (Vec<f64>, Vec<f64>) = test
                .iter()
                .filter_map(|&i| {
                    let values = x.row(i).to_vec();
                    let (_, logit) =
                        probabilities_of(fitted.scaler.as_ref(), &fitted.weights, &values);
                    Some((*y.get(i)? as f64, logit))
                })
                .unzip();
            Ok(metrics::roc_auc(&truth, &logits)?)
        })
        .collect()
}

/// The mean of `v` (0 when empty).
pub(crate) fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Cross-validated AUC on the fit rows and its null distribution under shuffled labels; with a
/// selection `pool`, each shuffled run repeats the whole forward selection.
pub(crate) fn cross_validate(
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    pool: Option<Pool<'_>>,
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
        null.push(match &pool {
            Some(p) => {
                select::select_on(
                    p.x,
                    p.features,
                    p.base,
                    p.groups,
                    &shuffled,
                    config,
                    &mut |_| {},
                )?
                .auc
            }
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
