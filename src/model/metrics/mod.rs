//! Evaluation metrics, computed as scikit-learn 1.9 computes them, down to numpy's pairwise
//! summation: accuracy, the majority baseline, balanced accuracy, the confusion matrix, ROC AUC
//! (binary, one-vs-rest and one-vs-one), log loss, the Brier score and calibration bins.
//!
//! Binary targets are `f64` values 0 or 1 (as [`super::logistic::fit_binary`] takes them); class
//! labels are indices `0..n_classes` (as the models' `predict` returns them).

use ndarray::{Array2, ArrayView2};

pub mod comparison;
pub mod report;

use super::{ModelError, check_finite, check_len};

/// numpy's `np.sum` of a contiguous float64 array: pairwise summation (`pairwise_sum` in
/// numpy's `loops_utils.h`): runs below 8 values add left to right from 0, blocks of up to 128
/// use eight interleaved accumulators, longer runs split in two at a multiple of 8.
pub fn numpy_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        a.iter().fold(0.0, |acc, v| acc + v)
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        let body = n - n % 8;
        let (head, tail) = a.split_at(body);
        for chunk in head.chunks_exact(8) {
            for (acc, v) in r.iter_mut().zip(chunk) {
                *acc += v;
            }
        }
        // The first chunk initializes the accumulators; adding it to 0.0 is exact (except that
        // -0.0 + 0.0 is +0.0, which no caller here can tell apart).
        let [r0, r1, r2, r3, r4, r5, r6, r7] = r;
        let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        tail.iter().fold(res, |acc, v| acc + v)
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        let (left, right) = a.split_at(n2);
        numpy_sum(left) + numpy_sum(right)
    }
}

/// numpy's `np.mean` of a float64 array: [`numpy_sum`] divided by the length (NaN when empty).
pub fn numpy_mean(a: &[f64]) -> f64 {
    numpy_sum(a) / a.len() as f64
}

/// Converts a binary target (each value 0 or 1) to class labels 0 and 1.
pub fn binary_labels(y: &[f64]) -> Result<Vec<usize>, ModelError> {
    y.iter()
        .enumerate()
        .map(|(row, &v)| {
            if v == 0.0 {
                Ok(0)
            } else if v == 1.0 {
                Ok(1)
            } else if v.is_finite() {
                Err(ModelError::InvalidLabel { row, value: v })
            } else {
                Err(ModelError::NonFinite {
                    what: "target",
                    row,
                    column: None,
                })
            }
        })
        .collect()
}

/// Checks two equally long, non-empty inputs.
fn check_pair(what: &'static str, a: usize, b: usize) -> Result<(), ModelError> {
    if a == 0 {
        return Err(ModelError::EmptyData { what });
    }
    check_len(what, a, b)
}

/// `accuracy_score`: the share of rows where the prediction equals the truth.
pub fn accuracy<T: PartialEq>(y_true: &[T], y_pred: &[T]) -> Result<f64, ModelError> {
    check_pair("predictions (one per row)", y_true.len(), y_pred.len())?;
    let hits = y_true.iter().zip(y_pred).filter(|(t, p)| t == p).count();
    Ok(hits as f64 / y_true.len() as f64)
}

/// The majority-class baseline: the most frequent class of the fit rows and the accuracy of
/// predicting it for every evaluated row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Majority {
    /// The most frequent class of the fit rows (the smallest on ties, as
    /// `DummyClassifier(strategy="most_frequent")` picks it).
    pub class: usize,
    /// Accuracy of always predicting `class` on the evaluated rows.
    pub accuracy: f64,
}

/// The majority baseline: the class is chosen on `y_fit`, scored on `y_eval` (pass the same
/// labels twice for the in-sample share).
pub fn majority_baseline(y_fit: &[usize], y_eval: &[usize]) -> Result<Majority, ModelError> {
    if y_fit.is_empty() {
        return Err(ModelError::EmptyData { what: "fit labels" });
    }
    if y_eval.is_empty() {
        return Err(ModelError::EmptyData {
            what: "evaluated labels",
        });
    }
    let n_classes = y_fit.iter().copied().max().unwrap_or(0) + 1;
    let mut counts = vec![0usize; n_classes];
    for &label in y_fit {
        if let Some(c) = counts.get_mut(label) {
            *c += 1;
        }
    }
    let mut class = 0;
    for (k, &c) in counts.iter().enumerate() {
        if c > counts.get(class).copied().unwrap_or(0) {
            class = k;
        }
    }
    let hits = y_eval.iter().filter(|&&l| l == class).count();
    Ok(Majority {
        class,
        accuracy: hits as f64 / y_eval.len() as f64,
    })
}

/// `confusion_matrix` with labels `0..n_classes`: entry `[t, p]` counts rows of true class `t`
/// predicted as `p`.
pub fn confusion_matrix(
    y_true: &[usize],
    y_pred: &[usize],
    n_classes: usize,
) -> Result<Array2<u64>, ModelError> {
    check_pair("predictions (one per row)", y_true.len(), y_pred.len())?;
    let mut matrix = Array2::zeros((n_classes, n_classes));
    for (row, (&t, &p)) in y_true.iter().zip(y_pred).enumerate() {
        let label = t.max(p);
        match matrix.get_mut((t, p)) {
            Some(cell) => *cell += 1,
            None => {
                return Err(ModelError::LabelOutOfRange {
                    row,
                    label,
                    n_classes,
                });
            }
        }
    }
    Ok(matrix)
}

/// `balanced_accuracy_score`: the mean recall over the classes present in `y_true` (a class
/// only predicted has no recall and is left out, as scikit-learn leaves out its NaN).
pub fn balanced_accuracy(y_true: &[usize], y_pred: &[usize]) -> Result<f64, ModelError> {
    let n_classes = y_true.iter().chain(y_pred).copied().max().unwrap_or(0) + 1;
    let matrix = confusion_matrix(y_true, y_pred, n_classes)?;
    let recalls: Vec<f64> = matrix
        .rows()
        .into_iter()
        .enumerate()
        .filter_map(|(k, row)| {
            let total: u64 = row.sum();
            let hit = row.get(k).copied().unwrap_or(0);
            (total > 0).then(|| hit as f64 / total as f64)
        })
        .collect();
    Ok(numpy_mean(&recalls))
}

/// Validates a binary target against scores: same length, non-empty, finite, 0/1 labels.
fn positives(y_true: &[f64], scores: &[f64]) -> Result<Vec<bool>, ModelError> {
    check_pair("scores (one per row)", y_true.len(), scores.len())?;
    check_finite("scores", scores)?;
    Ok(binary_labels(y_true)?.into_iter().map(|l| l == 1).collect())
}

/// `roc_auc_score` for a binary target (each 0 or 1) and scores (probabilities or decision
/// values): the area under the ROC curve as scikit-learn computes it: thresholds at the
/// distinct scores (so tied scores count half, as average ranks do), collinear points dropped
/// (`drop_intermediate`), then the trapezoidal rule summed pairwise. Fails if `y_true` has only
/// one class.
pub fn roc_auc(y_true: &[f64], scores: &[f64]) -> Result<f64, ModelError> {
    let pos = positives(y_true, scores)?;
    auc_of(&pos, scores)
}

/// A point of the ROC curve: the rates when tickets scoring at least `threshold` are
/// predicted positive.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RocPoint {
    /// False positive rate: negatives predicted positive / negatives.
    pub fpr: f64,
    /// True positive rate: positives predicted positive / positives.
    pub tpr: f64,
    /// The score threshold; infinite for the first point (0, 0).
    pub threshold: f64,
}

/// The ROC curve of boolean truths against finite scores of the same length, as scikit-learn's
/// `roc_curve(y, scores)` returns it (`drop_intermediate=True`): thresholds at the distinct
/// scores in decreasing order, points where the slope does not change dropped, and a first
/// point (0, 0) at an infinite threshold. The one computation behind [`roc_auc`] and the ROC
/// chart. Fails if `pos` has only one class.
pub fn roc_curve(pos: &[bool], scores: &[f64]) -> Result<Vec<RocPoint>, ModelError> {
    let n_pos = pos.iter().filter(|&&p| p).count();
    if n_pos == 0 || n_pos == pos.len() {
        return Err(ModelError::OneClass);
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    // Descending by score; the order within ties does not change the curve.
    order.sort_by(|&a, &b| {
        let sa = scores.get(a).copied().unwrap_or(0.0);
        let sb = scores.get(b).copied().unwrap_or(0.0);
        sb.total_cmp(&sa)
    });
    // (fps, tps, threshold) at the last index of each run of equal scores.
    let mut curve: Vec<(f64, f64, f64)> = Vec::new();
    let mut tps = 0.0;
    for (i, &row) in order.iter().enumerate() {
        if pos.get(row).copied().unwrap_or(false) {
            tps += 1.0;
        }
        let score = scores.get(row).copied().unwrap_or(0.0);
        let next = order.get(i + 1).and_then(|&r| scores.get(r));
        if next.is_none_or(|&s| s != score) {
            curve.push((1.0 + i as f64 - tps, tps, score));
        }
    }
    // drop_intermediate: keep the ends and every point where the slope changes.
    if curve.len() > 2 {
        let mut kept = Vec::with_capacity(curve.len());
        for (j, &point) in curve.iter().enumerate() {
            let keep = match (
                j.checked_sub(1).and_then(|i| curve.get(i)),
                curve.get(j + 1),
            ) {
                (Some(prev), Some(next)) => {
                    (next.0 - point.0) - (point.0 - prev.0) != 0.0
                        || (next.1 - point.1) - (point.1 - prev.1) != 0.0
                }
                _ => true,
            };
            if keep {
                kept.push(point);
            }
        }
        curve = kept;
    }
    let (fps_total, tps_total, _) = curve.last().copied().unwrap_or((1.0, 1.0, 0.0));
    Ok(std::iter::once((0.0, 0.0, f64::INFINITY))
        .chain(curve)
        .map(|(f, t, threshold)| RocPoint {
            fpr: f / fps_total,
            tpr: t / tps_total,
            threshold,
        })
        .collect())
}

/// The ROC AUC of boolean truths against finite scores of the same length: the trapezoidal
/// rule over [`roc_curve`], summed pairwise.
fn auc_of(pos: &[bool], scores: &[f64]) -> Result<f64, ModelError> {
    let points = roc_curve(pos, scores)?;
    let terms: Vec<f64> = points
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((b.fpr - a.fpr) * (b.tpr + a.tpr) / 2.0),
            _ => None,
        })
        .collect();
    Ok(numpy_sum(&terms))
}

/// Validates multiclass labels against a probability matrix with one column per class, every
/// class present in `y_true`.
fn check_multiclass(y_true: &[usize], proba: ArrayView2<f64>) -> Result<usize, ModelError> {
    check_pair(
        "probability rows (one per row)",
        y_true.len(),
        proba.nrows(),
    )?;
    let k = proba.ncols();
    let mut seen = vec![false; k];
    for (row, &label) in y_true.iter().enumerate() {
        match seen.get_mut(label) {
            Some(s) => *s = true,
            None => {
                return Err(ModelError::LabelOutOfRange {
                    row,
                    label,
                    n_classes: k,
                });
            }
        }
    }
    if let Some(class) = seen.iter().position(|s| !s) {
        return Err(ModelError::MissingClass { class });
    }
    for (row, values) in proba.rows().into_iter().enumerate() {
        if let Some(column) = values.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::NonFinite {
                what: "probabilities",
                row,
                column: Some(column),
            });
        }
    }
    Ok(k)
}

/// `roc_auc_score(multi_class="ovr", average="macro")`: the mean over classes of the AUC of
/// "class k" against "the rest", scored by column k.
pub fn roc_auc_ovr_macro(y_true: &[usize], proba: ArrayView2<f64>) -> Result<f64, ModelError> {
    let k = check_multiclass(y_true, proba)?;
    let mut per_class = Vec::with_capacity(k);
    for (class, column) in proba.columns().into_iter().enumerate() {
        let pos: Vec<bool> = y_true.iter().map(|&l| l == class).collect();
        per_class.push(auc_of(&pos, &column.to_vec())?);
    }
    Ok(numpy_mean(&per_class))
}

/// `roc_auc_score(multi_class="ovo", average="macro")` (Hand and Till): for each pair of classes
/// a < b, on the rows of either class, the mean of AUC(a vs b by column a) and AUC(b vs a by
/// column b); then the mean over pairs.
pub fn roc_auc_ovo_macro(y_true: &[usize], proba: ArrayView2<f64>) -> Result<f64, ModelError> {
    let k = check_multiclass(y_true, proba)?;
    let mut pair_scores = Vec::new();
    for a in 0..k {
        for b in a + 1..k {
            let rows: Vec<usize> = (0..y_true.len())
                .filter(|&i| matches!(y_true.get(i), Some(&l) if l == a || l == b))
                .collect();
            let truth = |class: usize| -> Vec<bool> {
                rows.iter()
                    .map(|&i| y_true.get(i) == Some(&class))
                    .collect()
            };
            let column = |class: usize| -> Vec<f64> {
                rows.iter()
                    .map(|&i| proba.get((i, class)).copied().unwrap_or(0.0))
                    .collect()
            };
            let a_score = auc_of(&truth(a), &column(a))?;
            let b_score = auc_of(&truth(b), &column(b))?;
            pair_scores.push((a_score + b_score) / 2.0);
        }
    }
    Ok(numpy_mean(&pair_scores))
}

/// Validates probabilities: finite and within [0, 1].
fn check_probabilities(proba: &[f64]) -> Result<(), ModelError> {
    check_finite("probabilities", proba)?;
    match proba.iter().position(|p| !(0.0..=1.0).contains(p)) {
        Some(row) => Err(ModelError::InvalidProbability {
            row,
            value: proba.get(row).copied().unwrap_or(f64::NAN),
        }),
        None => Ok(()),
    }
}

/// `log_loss` for a binary target (each 0 or 1) and `P(y = 1)`: the mean of `-log p` of the
/// true class, with both columns `[1 - p, p]` clipped to `[eps, 1 - eps]` (eps = 2⁻⁵²) first,
/// as scikit-learn clips.
pub fn log_loss(y_true: &[f64], proba: &[f64]) -> Result<f64, ModelError> {
    let pos = positives(y_true, proba)?;
    check_probabilities(proba)?;
    let clip = |p: f64| p.clamp(f64::EPSILON, 1.0 - f64::EPSILON);
    let losses: Vec<f64> = pos
        .iter()
        .zip(proba)
        .map(|(&is_pos, &p)| {
            if is_pos {
                -libm::log(clip(p))
            } else {
                -libm::log(clip(1.0 - p))
            }
        })
        .collect();
    Ok(numpy_mean(&losses))
}

/// `log_loss` for class labels and a probability matrix (rows × classes, every class present in
/// `y_true`): the mean of `-log p[y]`, probabilities clipped to `[eps, 1 - eps]`.
pub fn log_loss_multiclass(y_true: &[usize], proba: ArrayView2<f64>) -> Result<f64, ModelError> {
    check_multiclass(y_true, proba)?;
    let losses: Vec<f64> = y_true
        .iter()
        .zip(proba.rows())
        .map(|(&label, row)| {
            let p = row.get(label).copied().unwrap_or(0.0);
            -libm::log(p.clamp(f64::EPSILON, 1.0 - f64::EPSILON))
        })
        .collect();
    Ok(numpy_mean(&losses))
}

/// `brier_score_loss` for a binary target (each 0 or 1) and `P(y = 1)`: the mean squared
/// difference, in [0, 1] (computed as scikit-learn does, over both columns and halved).
pub fn brier(y_true: &[f64], proba: &[f64]) -> Result<f64, ModelError> {
    let pos = positives(y_true, proba)?;
    check_probabilities(proba)?;
    let terms: Vec<f64> = pos
        .iter()
        .zip(proba)
        .map(|(&is_pos, &p)| {
            let t = if is_pos { 1.0 } else { 0.0 };
            let d0 = (1.0 - t) - (1.0 - p);
            let d1 = t - p;
            0.0 + d0 * d0 + d1 * d1
        })
        .collect();
    Ok(numpy_mean(&terms) * 0.5)
}

/// `brier_score_loss` for class labels and a probability matrix: the mean over rows of
/// `Σ_k (1[y = k] - p_k)²`, in [0, 2] for three or more classes (scikit-learn halves it only for
/// two columns, and so does this).
pub fn brier_multiclass(y_true: &[usize], proba: ArrayView2<f64>) -> Result<f64, ModelError> {
    let k = check_multiclass(y_true, proba)?;
    let terms: Vec<f64> = y_true
        .iter()
        .zip(proba.rows())
        .map(|(&label, row)| {
            row.iter().enumerate().fold(0.0, |acc, (class, &p)| {
                let t = if class == label { 1.0 } else { 0.0 };
                acc + (t - p) * (t - p)
            })
        })
        .collect();
    let mean = numpy_mean(&terms);
    Ok(if k < 3 { mean * 0.5 } else { mean })
}

/// One bin of a reliability diagram.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CalibrationBin {
    /// Lower edge (exclusive, except 0 for the first bin).
    pub lower: f64,
    /// Upper edge (inclusive).
    pub upper: f64,
    /// Rows whose probability falls in the bin.
    pub count: usize,
    /// Mean predicted probability of those rows (`prob_pred`); `None` for an empty bin.
    pub mean_predicted: Option<f64>,
    /// Share of positives among them (`prob_true`); `None` for an empty bin.
    pub fraction_positive: Option<f64>,
}

/// `calibration_curve(y_true, proba, n_bins, strategy="uniform")`, every bin kept: edges
/// `linspace(0, 1, n_bins + 1)`; a probability equal to an inner edge falls in the lower bin
/// (`searchsorted`, side left). scikit-learn's `prob_true` and `prob_pred` are the non-empty
/// bins' `fraction_positive` and `mean_predicted`.
pub fn calibration_bins(
    y_true: &[f64],
    proba: &[f64],
    n_bins: usize,
) -> Result<Vec<CalibrationBin>, ModelError> {
    if n_bins == 0 {
        return Err(ModelError::InvalidParameter {
            name: "n_bins",
            message: "at least one bin is needed".into(),
        });
    }
    let pos = positives(y_true, proba)?;
    check_probabilities(proba)?;
    // np.linspace(0, 1, n + 1): i * (1 / n), the last edge exactly 1.
    let step = 1.0 / n_bins as f64;
    let edges: Vec<f64> = (0..=n_bins)
        .map(|i| if i == n_bins { 1.0 } else { i as f64 * step })
        .collect();
    let inner = edges.get(1..n_bins).unwrap_or(&[]);
    let mut sums = vec![0.0; n_bins];
    let mut trues = vec![0.0; n_bins];
    let mut counts = vec![0usize; n_bins];
    for (&is_pos, &p) in pos.iter().zip(proba) {
        let bin = inner.partition_point(|&e| e < p);
        if let (Some(s), Some(t), Some(c)) =
            (sums.get_mut(bin), trues.get_mut(bin), counts.get_mut(bin))
        {
            *s += p;
            *t += if is_pos { 1.0 } else { 0.0 };
            *c += 1;
        }
    }
    Ok((0..n_bins)
        .map(|i| {
            let count = counts.get(i).copied().unwrap_or(0);
            let per_row = |total: Option<&f64>| {
                (count > 0).then(|| total.copied().unwrap_or(0.0) / count as f64)
            };
            CalibrationBin {
                lower: edges.get(i).copied().unwrap_or(0.0),
                upper: edges.get(i + 1).copied().unwrap_or(1.0),
                count,
                mean_predicted: per_row(sums.get(i)),
                fraction_positive: per_row(trues.get(i)),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn auc_counts_ties_as_half() {
        // Positives score 0.8 and 0.5, negatives 0.5 and 0.2: the 0.5 tie counts half, so
        // AUC = (1 + 1 + 0.5 + 1) / 4 = 0.875.
        let auc = roc_auc(&[1.0, 1.0, 0.0, 0.0], &[0.8, 0.5, 0.5, 0.2]).unwrap();
        assert_eq!(auc, 0.875);
        assert_eq!(roc_auc(&[0.0, 1.0], &[0.3, 0.3]).unwrap(), 0.5);
        assert_eq!(roc_auc(&[0.0, 1.0], &[0.7, 0.3]).unwrap(), 0.0);
        assert_eq!(roc_auc(&[1.0, 1.0], &[0.7, 0.3]), Err(ModelError::OneClass));
        assert!(roc_auc(&[1.0, 0.0], &[0.7, f64::NAN]).is_err());
    }

    #[test]
    fn log_loss_clips_like_scikit_learn() {
        // Values from scikit-learn 1.9.1: log_loss([1, 0], [1.0, 1.0]) == 18.021826694558577
        assert_eq!(
            log_loss(&[1.0, 0.0], &[1.0, 1.0]).unwrap(),
            18.021826694558577
        );
        // log_loss([1, 0, 1], [0.9, 0.2, 0.6]) == 0.2797765635793423
        assert_eq!(
            log_loss(&[1.0, 0.0, 1.0], &[0.9, 0.2, 0.6]).unwrap(),
            0.2797765635793423
        );
        assert!(log_loss(&[1.0], &[1.5]).is_err());
    }

    #[test]
    fn brier_matches_scikit_learn() {
        // Values from scikit-learn 1.9.1.
        // brier_score_loss([1, 0, 1], [0.9, 0.2, 0.6]) == 0.07
        assert_eq!(brier(&[1.0, 0.0, 1.0], &[0.9, 0.2, 0.6]).unwrap(), 0.07);
        // brier_score_loss([0, 1, 2], [[.8,.1,.1],[.2,.7,.1],[.2,.2,.6]]) == 0.1466666666666667
        let p = array![[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6]];
        assert_eq!(
            brier_multiclass(&[0, 1, 2], p.view()).unwrap(),
            0.1466666666666667
        );
    }

    #[test]
    fn balanced_accuracy_and_confusion() {
        let t = [0, 0, 0, 1, 1, 2];
        let p = [0, 1, 0, 1, 0, 1];
        assert_eq!(
            confusion_matrix(&t, &p, 3).unwrap(),
            array![[2, 1, 0], [1, 1, 0], [0, 1, 0]]
        );
        // (2/3 + 1/2 + 0) / 3
        assert_eq!(
            balanced_accuracy(&t, &p).unwrap(),
            (2.0 / 3.0 + 0.5 + 0.0) / 3.0
        );
        // A class only predicted is left out: recall of class 0 only.
        assert_eq!(balanced_accuracy(&[0, 0], &[0, 1]).unwrap(), 0.5);
        assert_eq!(accuracy(&t, &p).unwrap(), 0.5);
        assert!(confusion_matrix(&[0, 3], &[0, 0], 3).is_err());
        assert_eq!(
            majority_baseline(&[1, 0, 1], &[0, 1, 1, 1]).unwrap(),
            Majority {
                class: 1,
                accuracy: 0.75
            }
        );
        assert_eq!(majority_baseline(&[1, 0], &[0]).unwrap().class, 0);
    }

    #[test]
    fn calibration_bins_follow_searchsorted_left() {
        let bins = calibration_bins(&[0.0, 1.0, 1.0, 0.0], &[0.2, 0.2, 0.9, 0.5], 5).unwrap();
        let counts: Vec<usize> = bins.iter().map(|b| b.count).collect();
        // 0.2 equals the first inner edge and falls in bin 0; 0.5 is in [0.4, 0.6); 0.9 in the last.
        assert_eq!(counts, [2, 0, 1, 0, 1]);
        assert_eq!(bins[0].fraction_positive, Some(0.5));
        assert_eq!(bins[1].mean_predicted, None);
        assert_eq!(bins[4].mean_predicted, Some(0.9));
    }

    #[test]
    fn numpy_sum_small_and_blocked() {
        assert_eq!(numpy_sum(&[]), 0.0);
        assert_eq!(numpy_sum(&[1.0, 2.0, 3.0]), 6.0);
        let ones = vec![1.0; 1000];
        assert_eq!(numpy_sum(&ones), 1000.0);
    }

    /// AUC by counting pairs: positives above negatives, ties half.
    fn auc_by_pairs(y: &[f64], s: &[f64]) -> f64 {
        let mut wins = 0.0;
        let mut pairs = 0.0;
        for (yi, si) in y.iter().zip(s) {
            for (yj, sj) in y.iter().zip(s) {
                if *yi == 1.0 && *yj == 0.0 {
                    pairs += 1.0;
                    wins += if si > sj {
                        1.0
                    } else if si == sj {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
        }
        wins / pairs
    }

    proptest::proptest! {
        #[test]
        fn auc_equals_the_pair_count(
            rows in proptest::collection::vec((proptest::bool::ANY, 0u8..12), 2..200)
        ) {
            let y: Vec<f64> = rows.iter().map(|(b, _)| f64::from(u8::from(*b))).collect();
            // Few distinct scores, so ties are common.
            let s: Vec<f64> = rows.iter().map(|(_, v)| f64::from(*v) / 11.0).collect();
            match roc_auc(&y, &s) {
                Ok(auc) => proptest::prop_assert!((auc - auc_by_pairs(&y, &s)).abs() < 1e-12),
                Err(e) => proptest::prop_assert_eq!(e, ModelError::OneClass),
            }
        }

        #[test]
        fn auc_ignores_monotone_transforms(
            rows in proptest::collection::vec((proptest::bool::ANY, -5.0f64..5.0), 2..200)
        ) {
            let y: Vec<f64> = rows.iter().map(|(b, _)| f64::from(u8::from(*b))).collect();
            let s: Vec<f64> = rows.iter().map(|(_, v)| *v).collect();
            let t: Vec<f64> = s.iter().map(|v| 3.0 * v + 1.0).collect();
            if let (Ok(a), Ok(b)) = (roc_auc(&y, &s), roc_auc(&y, &t)) {
                proptest::prop_assert!((a - b).abs() < 1e-12);
            }
        }

        #[test]
        fn numpy_sum_is_close_to_the_exact_sum(values in proptest::collection::vec(-1e3f64..1e3, 0..600)) {
            let exact: f64 = values.iter().sum();
            proptest::prop_assert!((numpy_sum(&values) - exact).abs() <= 1e-9);
        }
    }
}
