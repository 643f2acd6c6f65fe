//! The rows and row weights a fit gets under an imbalance treatment: balanced class weights, or
//! random over- or undersampling towards equal classes. Only ever applied to the rows a model is
//! fitted on (a fold's training part, or the fit rows), never to rows it is scored on.

use crate::model::metrics::comparison::Treatment;
use crate::model::split::RandomState;

/// Seed of the resampling draws (each fit adds its own offset).
const RESAMPLE_SEED: u32 = 17;

/// The rows to fit and, for class weights, one weight per fitted row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Treated {
    /// Indices of the fitted rows (resampled rows repeat or are left out), ascending.
    pub rows: Vec<usize>,
    /// Balanced class weights `n / (2 n_k)` of the fitted rows, for [`Treatment::Weights`].
    pub weights: Option<Vec<f64>>,
}

/// Rows `rows` (indices into `y`, labels 0 or 1) under `treatment`; the draws come from a
/// generator seeded with `stream` (a fold's number, so that every fit draws its own rows and a
/// rerun draws the same).
pub(crate) fn treat(treatment: Treatment, y: &[usize], rows: &[usize], stream: u32) -> Treated {
    let label = |i: &usize| y.get(*i).copied().unwrap_or(0);
    let (ones, zeros): (Vec<usize>, Vec<usize>) = rows.iter().partition(|i| label(i) == 1);
    let (minority, majority) = if ones.len() <= zeros.len() {
        (ones, zeros)
    } else {
        (zeros, ones)
    };
    let mut rng = RandomState::new(RESAMPLE_SEED.wrapping_add(stream));
    match treatment {
        Treatment::None => Treated {
            rows: rows.to_vec(),
            weights: None,
        },
        Treatment::Weights => {
            let n = rows.len() as f64;
            let n1 = rows.iter().filter(|i| label(i) == 1).count() as f64;
            let weight = |k: usize| {
                let count = if k == 1 { n1 } else { n - n1 };
                if count > 0.0 { n / (2.0 * count) } else { 0.0 }
            };
            Treated {
                rows: rows.to_vec(),
                weights: Some(rows.iter().map(|i| weight(label(i))).collect()),
            }
        }
        Treatment::Over => {
            let mut out = rows.to_vec();
            if !minority.is_empty() {
                for _ in minority.len()..majority.len() {
                    let k = rng.random_interval(minority.len() as u64 - 1) as usize;
                    out.extend(minority.get(k));
                }
            }
            out.sort_unstable();
            Treated {
                rows: out,
                weights: None,
            }
        }
        Treatment::Under => {
            let mut kept = majority;
            rng.shuffle(&mut kept);
            kept.truncate(minority.len());
            kept.extend(minority);
            kept.sort_unstable();
            Treated {
                rows: kept,
                weights: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn treatments_balance_the_fitted_rows_only_and_are_reproducible() {
        // Rows 0..10, three of them positive; only rows 2..10 are fitted.
        let y = [1, 0, 0, 1, 0, 0, 0, 1, 0, 1];
        let rows: Vec<usize> = (2..10).collect();
        let count = |t: &Treated, k: usize| t.rows.iter().filter(|&&i| y[i] == k).count();
        let none = treat(Treatment::None, &y, &rows, 0);
        assert_eq!(none.rows, rows);
        let over = treat(Treatment::Over, &y, &rows, 0);
        assert_eq!((count(&over, 0), count(&over, 1)), (5, 5));
        assert!(over.rows.iter().all(|i| rows.contains(i)));
        let under = treat(Treatment::Under, &y, &rows, 0);
        assert_eq!((count(&under, 0), count(&under, 1)), (3, 3));
        assert!(under.rows.iter().all(|i| rows.contains(i)));
        assert_eq!(treat(Treatment::Under, &y, &rows, 0), under);
        let weighted = treat(Treatment::Weights, &y, &rows, 0);
        let w = weighted.weights.unwrap();
        let total = |k: usize| -> f64 {
            rows.iter()
                .zip(&w)
                .filter(|&(&i, _)| y[i] == k)
                .map(|(_, w)| w)
                .sum()
        };
        assert!((total(0) - total(1)).abs() < 1e-12);
        assert!((total(0) + total(1) - rows.len() as f64).abs() < 1e-12);
    }
}
