//! Feature binning: at most 256 bins per feature, cut between distinct values at equal-count
//! positions of the fit rows. A row's bin under the thresholds `t` is `#{k : t[k] < x}`, so the
//! split `bin ≤ b` the learners choose on binned rows is exactly the split `x ≤ t[b]` that the
//! model stores and prediction evaluates on raw values.

use crate::model::ModelError;
use crate::model::tree::data::Rows;

/// The default number of bins, as LightGBM's and HistGradientBoosting's 255.
pub const DEFAULT_BINS: usize = 255;

/// Each feature's thresholds and the binned rows.
#[derive(Debug, Clone)]
pub struct Binned {
    /// Per feature, ascending finite thresholds; feature `f` has `thresholds[f].len() + 1` bins.
    thresholds: Vec<Vec<f64>>,
    /// `bins[f * n_rows + i]`: the bin of row `i` on feature `f` (column-major, one byte each).
    bins: Vec<u8>,
    n_rows: usize,
    /// `offsets[f]..offsets[f + 1]`: feature `f`'s cells in a flat histogram.
    offsets: Vec<usize>,
}

impl Binned {
    /// Bins `rows` into at most `max_bins` (2..=256) bins per feature.
    pub fn new(rows: &Rows<'_>, max_bins: usize) -> Result<Binned, ModelError> {
        if !(2..=256).contains(&max_bins) {
            return Err(ModelError::InvalidParameter {
                name: "max_bins",
                message: format!("{max_bins} is not in 2..=256"),
            });
        }
        let x = rows.x();
        let n = rows.n_rows();
        let mut thresholds = Vec::with_capacity(rows.n_features());
        let mut bins = Vec::with_capacity(n * rows.n_features());
        let mut sorted = Vec::with_capacity(n);
        for column in x.columns() {
            sorted.clear();
            sorted.extend(column.iter().copied());
            sorted.sort_unstable_by(f64::total_cmp);
            let t = cut_points(&sorted, max_bins);
            // At most max_bins - 1 <= 255 thresholds, so a bin fits in a byte.
            bins.extend(
                column
                    .iter()
                    .map(|&v| u8::try_from(t.partition_point(|&c| c < v)).unwrap_or(u8::MAX)),
            );
            thresholds.push(t);
        }
        let mut offsets = Vec::with_capacity(thresholds.len() + 1);
        let mut total = 0;
        offsets.push(0);
        for t in &thresholds {
            total += t.len() + 1;
            offsets.push(total);
        }
        Ok(Binned {
            thresholds,
            bins,
            n_rows: n,
            offsets,
        })
    }

    /// Feature `f`'s bin of every row (empty for a feature out of range).
    #[inline]
    pub fn column(&self, f: usize) -> &[u8] {
        self.bins
            .get(f * self.n_rows..(f + 1) * self.n_rows)
            .unwrap_or(&[])
    }

    /// Feature `f`'s threshold between bins `b` and `b + 1`.
    #[inline]
    pub fn threshold(&self, f: usize, b: usize) -> f64 {
        self.thresholds
            .get(f)
            .and_then(|t| t.get(b))
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// Number of binned rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.thresholds.len()
    }

    /// The cells of feature `f` in a flat histogram of every feature's bins.
    #[inline]
    pub fn cells(&self, f: usize) -> std::ops::Range<usize> {
        let start = self.offsets.get(f).copied().unwrap_or(0);
        start..self.offsets.get(f + 1).copied().unwrap_or(start)
    }

    /// Bins of every feature together: the length of a flat histogram.
    pub fn total_bins(&self) -> usize {
        self.offsets.last().copied().unwrap_or(0)
    }
}

/// A value strictly between `a < b` (or `a` itself when they are adjacent floats), so that
/// `a <= t < b`: the midpoint, which cannot overflow when taken as `a/2 + b/2`.
fn between(a: f64, b: f64) -> f64 {
    let m = a * 0.5 + b * 0.5;
    if m >= b || m < a { a } else { m }
}

/// Thresholds for one sorted, finite column: one between each pair of distinct values when they
/// fit in `max_bins` bins; otherwise after the distinct value where the running count first
/// reaches each multiple of `n / max_bins`.
fn cut_points(sorted: &[f64], max_bins: usize) -> Vec<f64> {
    let mut distinct: Vec<(f64, usize)> = Vec::new();
    for &v in sorted {
        match distinct.last_mut() {
            Some((last, count)) if *last == v => *count += 1,
            _ => distinct.push((v, 1)),
        }
    }
    if distinct.len() <= max_bins {
        return distinct
            .windows(2)
            .map(|w| between(w[0].0, w[1].0))
            .collect();
    }
    let step = sorted.len() as f64 / max_bins as f64;
    let mut next = step;
    let mut cum = 0.0;
    let mut t = Vec::with_capacity(max_bins - 1);
    for w in distinct.windows(2) {
        cum += w[0].1 as f64;
        if cum >= next {
            t.push(between(w[0].0, w[1].0));
            if t.len() == max_bins - 1 {
                break;
            }
            while next <= cum {
                next += step;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    fn rows(x: &Array2<f64>) -> Rows<'_> {
        let y = vec![0; x.nrows()];
        Rows::new(x.view(), &y, None).unwrap()
    }

    #[test]
    fn few_distinct_values_get_one_bin_each_and_route_like_their_thresholds() {
        let x = Array2::from_shape_vec((6, 1), vec![3.0, 1.0, 2.0, 2.0, 5.0, 1.0]).unwrap();
        let b = Binned::new(&rows(&x), 255).unwrap();
        assert_eq!(b.thresholds[0], vec![1.5, 2.5, 4.0]);
        assert_eq!(b.column(0), &[2, 0, 1, 1, 3, 0]);
        for (i, &v) in x.column(0).iter().enumerate() {
            for k in 0..3 {
                assert_eq!(b.column(0)[i] as usize <= k, v <= b.threshold(0, k));
            }
        }
        assert_eq!(b.cells(0), 0..4);
        assert_eq!(b.total_bins(), 4);
    }

    #[test]
    fn many_values_are_capped_at_equal_counts() {
        let v: Vec<f64> = (0..10_000)
            .map(|i| ((i * 7919) % 10_007) as f64 * 0.1)
            .collect();
        let x = Array2::from_shape_vec((v.len(), 1), v).unwrap();
        let b = Binned::new(&rows(&x), 255).unwrap();
        assert_eq!(b.thresholds[0].len(), 254);
        assert!(b.thresholds[0].windows(2).all(|w| w[0] < w[1]));
        let mut counts = [0usize; 256];
        for &v in b.column(0) {
            counts[v as usize] += 1;
        }
        assert!(
            counts[..255].iter().all(|&c| (30..=50).contains(&c)),
            "{counts:?}"
        );
        assert!(Binned::new(&rows(&x), 1).is_err());
    }

    #[test]
    fn adjacent_floats_keep_a_threshold_between_them() {
        let a = 1.0f64;
        let b = f64::from_bits(a.to_bits() + 1);
        let t = between(a, b);
        assert!(a <= t && t < b);
        assert_eq!(between(-f64::MAX, f64::MAX), 0.0);
    }
}
