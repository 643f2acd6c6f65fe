//! Rank statistics of the comparison: the AUC from mid-ranks, its permutation p-value against
//! "nothing predicts the outcome" with labels shuffled within each outer fold, the paired
//! permutation test of two models' AUC on the same rows, and the standard error of a mean.

use crate::model::split::RandomState;

/// Mid-ranks (1-based; ties share their mean rank) of `scores`.
pub(crate) fn mid_ranks(scores: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (scores.get(a), scores.get(b));
        sa.zip(sb)
            .map_or(std::cmp::Ordering::Equal, |(x, y)| x.total_cmp(y))
    });
    let mut ranks = vec![0.0; scores.len()];
    let mut i = 0;
    while i < order.len() {
        let value = order.get(i).and_then(|&k| scores.get(k));
        let mut j = i;
        while j + 1 < order.len() && order.get(j + 1).and_then(|&k| scores.get(k)) == value {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in order.get(i..=j).unwrap_or(&[]) {
            if let Some(r) = ranks.get_mut(k) {
                *r = rank;
            }
        }
        i = j + 1;
    }
    ranks
}

/// The AUC of labels `y` (0 or 1) against scores whose mid-ranks are `ranks` (Mann–Whitney);
/// `None` when a class is absent.
pub(crate) fn auc_of_ranks(y: &[usize], ranks: &[f64]) -> Option<f64> {
    let (mut sum, mut n1) = (0.0, 0.0);
    for (&label, &r) in y.iter().zip(ranks) {
        if label == 1 {
            sum += r;
            n1 += 1.0;
        }
    }
    let n0 = ranks.len() as f64 - n1;
    (n1 > 0.0 && n0 > 0.0).then(|| (sum - n1 * (n1 + 1.0) / 2.0) / (n1 * n0))
}

/// The mean and the standard error (sample standard deviation over √n) of `v`.
pub(crate) fn mean_se(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let mean = v.iter().sum::<f64>() / n;
    if v.len() < 2 {
        return (mean, 0.0);
    }
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// The permutation null of a mean per-fold AUC.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Null {
    /// Mean of the null AUCs.
    pub mean: f64,
    /// Their 95th percentile (numpy's linear interpolation).
    pub p95: f64,
    /// `(1 + #{null ≥ observed}) / (1 + permutations)`.
    pub p_value: f64,
    /// The same against the null of the best of every candidate tested together (Westfall and
    /// Young's max statistic): how often shuffled labels give some candidate a mean AUC at least
    /// this one's, so that trying many candidates is accounted for.
    pub p_adjusted: f64,
}

/// Permutation tests of the mean per-fold AUC of several candidates' fixed out-of-fold
/// `scores` (one vector per candidate, all on the same rows and `folds`), with labels `y`
/// shuffled within each fold, every candidate under the same shuffles. Each fold's model was
/// fitted on the other folds only, so under "the outcome does not depend on the features" the
/// labels within a fold are exchangeable given its scores: the test is exact, and it includes
/// whatever the fits (tuning too) did, with no refit.
pub(crate) fn fold_permutation_tests(
    y: &[usize],
    scores: &[&[f64]],
    folds: &[usize],
    n_folds: usize,
    permutations: usize,
    seed: u32,
) -> Vec<Null> {
    let members: Vec<Vec<usize>> = (0..n_folds)
        .map(|k| (0..y.len()).filter(|&i| folds.get(i) == Some(&k)).collect())
        .collect();
    let ranks: Vec<Vec<Vec<f64>>> = scores
        .iter()
        .map(|s| {
            members
                .iter()
                .map(|rows| {
                    let v: Vec<f64> = rows.iter().filter_map(|&i| s.get(i).copied()).collect();
                    mid_ranks(&v)
                })
                .collect()
        })
        .collect();
    let mut labels: Vec<Vec<usize>> = members
        .iter()
        .map(|rows| rows.iter().filter_map(|&i| y.get(i).copied()).collect())
        .collect();
    let mean_auc = |labels: &[Vec<usize>], ranks: &[Vec<f64>]| {
        let aucs: Vec<f64> = labels
            .iter()
            .zip(ranks)
            .filter_map(|(l, r)| auc_of_ranks(l, r))
            .collect();
        aucs.iter().sum::<f64>() / aucs.len().max(1) as f64
    };
    let observed: Vec<f64> = ranks.iter().map(|r| mean_auc(&labels, r)).collect();
    let mut rng = RandomState::new(seed);
    let mut null: Vec<Vec<f64>> = vec![Vec::with_capacity(permutations); scores.len()];
    let mut best = Vec::with_capacity(permutations);
    for _ in 0..permutations {
        for l in labels.iter_mut() {
            rng.shuffle(l);
        }
        let mut top = f64::NEG_INFINITY;
        for (n, r) in null.iter_mut().zip(&ranks) {
            let a = mean_auc(&labels, r);
            top = top.max(a);
            n.push(a);
        }
        best.push(top);
    }
    null.iter()
        .zip(&observed)
        .map(|(n, &o)| {
            let mut out = summarize(n, o);
            out.p_adjusted = summarize(&best, o).p_value;
            out
        })
        .collect()
}

/// The mean, 95th percentile and one-sided p-value of `observed` against `null`.
pub(crate) fn summarize(null: &[f64], observed: f64) -> Null {
    let mut sorted = null.to_vec();
    sorted.sort_by(f64::total_cmp);
    let p95 = if sorted.is_empty() {
        0.0
    } else {
        let pos = 0.95 * (sorted.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        let a = sorted.get(lo).copied().unwrap_or(0.0);
        let b = sorted.get(hi).copied().unwrap_or(0.0);
        a + (b - a) * (pos - lo as f64)
    };
    let at_least = null.iter().filter(|&&a| a >= observed).count();
    let p_value = (1 + at_least) as f64 / (1 + null.len()) as f64;
    Null {
        mean: null.iter().sum::<f64>() / null.len().max(1) as f64,
        p95,
        p_value,
        p_adjusted: p_value,
    }
}

/// The paired permutation test of `AUC(a) − AUC(b)` on the same rows: each model's scores are
/// replaced by their mid-ranks over `n` (so that the two are on one scale), and under the null
/// "the two rank the rows equally well" each row's pair is swapped with probability ½. Returns
/// the observed difference and the two-sided p-value `(1 + #{|Δ*| ≥ |Δ|}) / (1 + permutations)`.
pub(crate) fn paired_auc_test(
    y: &[usize],
    a: &[f64],
    b: &[f64],
    permutations: usize,
    seed: u32,
) -> Option<(f64, f64)> {
    let n = y.len() as f64;
    let ra: Vec<f64> = mid_ranks(a).into_iter().map(|r| r / n).collect();
    let rb: Vec<f64> = mid_ranks(b).into_iter().map(|r| r / n).collect();
    let delta = |ra: &[f64], rb: &[f64]| -> Option<f64> {
        Some(auc_of_ranks(y, &mid_ranks(ra))? - auc_of_ranks(y, &mid_ranks(rb))?)
    };
    let observed = delta(&ra, &rb)?;
    let mut rng = RandomState::new(seed);
    let (mut sa, mut sb) = (ra.clone(), rb.clone());
    let mut extreme = 0usize;
    for _ in 0..permutations {
        for ((x, y), (&p, &q)) in sa.iter_mut().zip(sb.iter_mut()).zip(ra.iter().zip(&rb)) {
            if rng.next_u32() & 1 == 1 {
                (*x, *y) = (q, p);
            } else {
                (*x, *y) = (p, q);
            }
        }
        if delta(&sa, &sb).is_some_and(|d| d.abs() >= observed.abs() - 1e-12) {
            extreme += 1;
        }
    }
    Some((observed, (1 + extreme) as f64 / (1 + permutations) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::metrics::roc_auc;

    #[test]
    fn auc_from_ranks_equals_the_metric_with_ties() {
        let y = [0, 1, 1, 0, 1, 0, 0, 1];
        let s = [0.1, 0.4, 0.4, 0.3, 0.9, 0.4, 0.05, 0.2];
        let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
        let want = roc_auc(&yf, &s).unwrap();
        let got = auc_of_ranks(&y, &mid_ranks(&s)).unwrap();
        assert!((got - want).abs() < 1e-15);
        assert_eq!(mid_ranks(&[3.0, 1.0, 3.0]), vec![2.5, 1.0, 2.5]);
        assert_eq!(auc_of_ranks(&[1, 1], &[1.0, 2.0]), None);
        let (m, se) = mean_se(&[0.5, 0.7]);
        assert!((m - 0.6).abs() < 1e-15 && (se - 0.1).abs() < 1e-15);
    }

    #[test]
    fn permutation_tests_find_signal_and_not_noise() {
        let mut rng = RandomState::new(3);
        let n = 600;
        let y: Vec<usize> = (0..n).map(|_| (rng.next_u32() & 1) as usize).collect();
        let noise: Vec<f64> = (0..n).map(|_| rng.random_sample()).collect();
        let signal: Vec<f64> = y
            .iter()
            .zip(&noise)
            .map(|(&l, &e)| l as f64 * 0.3 + e)
            .collect();
        let folds: Vec<usize> = (0..n).map(|i| i % 3).collect();
        let tests = fold_permutation_tests(&y, &[&signal, &noise], &folds, 3, 200, 1);
        let (real, none) = (&tests[0], &tests[1]);
        assert!(real.p_value < 0.01 && real.p_adjusted < 0.01, "{real:?}");
        assert!(none.p_value > 0.05, "{none:?}");
        assert!(none.p_adjusted >= none.p_value);
        assert!((none.mean - 0.5).abs() < 0.02);
        // Many noise candidates: some raw p-value is small by luck; the adjusted ones are not.
        let many: Vec<Vec<f64>> = (0..20)
            .map(|_| (0..n).map(|_| rng.random_sample()).collect())
            .collect();
        let refs: Vec<&[f64]> = many.iter().map(Vec::as_slice).collect();
        let tests = fold_permutation_tests(&y, &refs, &folds, 3, 200, 4);
        let min_adjusted = tests.iter().map(|t| t.p_adjusted).fold(1.0, f64::min);
        assert!(min_adjusted > 0.05, "{min_adjusted}");
        let (delta, p) = paired_auc_test(&y, &signal, &noise, 200, 2).unwrap();
        assert!(delta > 0.1 && p < 0.01, "{delta} {p}");
        let (delta, p) = paired_auc_test(&y, &signal, &signal, 200, 2).unwrap();
        assert_eq!(delta, 0.0);
        assert_eq!(p, 1.0);
    }
}
