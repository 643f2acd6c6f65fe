//! Calibration fitted on out-of-fold predictions of the fit rows (each row scored by a model
//! that never saw it): Platt scaling or isotonic regression of the outcome on the raw model's
//! output, and the reliability of the out-of-fold probabilities before and after.

use crate::Result;
use crate::model::artifact::{Calibration, Calibrator};
use crate::model::metrics::calibration_bins;
use crate::model::metrics::comparison::{CalibrationReport, calibration_error};
use crate::model::metrics::report::Calibration as Bin;
use crate::model::predict::calibrated;
use crate::model::tree::math::{exp, ln, logit, sigmoid};

/// Bins of the reliability diagrams.
const BINS: usize = 10;

/// Platt scaling (J. Platt, "Probabilistic Outputs for Support Vector Machines", 1999) of raw
/// log-odds `m` against labels `y`: `a, b` minimizing the log loss of `sigmoid(a m + b)` on
/// Platt's smoothed targets (`(n₊ + 1) / (n₊ + 2)` for a positive, `1 / (n₋ + 2)` for a
/// negative, as scikit-learn's `_sigmoid_calibration`), by Newton's method with a backtracking
/// line search, in `libm` arithmetic (the same bits on every target). A slope below 0 (scores
/// that rank the outcome backwards out of fold) is set to 0, the offset refitted: every ticket
/// then gets the base rate.
pub(crate) fn platt(m: &[f64], y: &[usize]) -> Calibrator {
    let n1 = y.iter().filter(|&&v| v == 1).count() as f64;
    let n0 = y.len() as f64 - n1;
    let (hi, lo) = ((n1 + 1.0) / (n1 + 2.0), 1.0 / (n0 + 2.0));
    let t: Vec<f64> = y.iter().map(|&v| if v == 1 { hi } else { lo }).collect();
    let loss = |a: f64, b: f64| -> f64 {
        m.iter()
            .zip(&t)
            .map(|(&m, &t)| {
                let z = a * m + b;
                // log(1 + e^z) - t z, stable for any z.
                let softplus = if z > 0.0 {
                    z + ln(1.0 + exp(-z))
                } else {
                    ln(1.0 + exp(z))
                };
                softplus - t * z
            })
            .sum()
    };
    let mean_t = t.iter().sum::<f64>() / t.len().max(1) as f64;
    let (mut a, mut b) = (0.0, logit(mean_t));
    let mut current = loss(a, b);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&m, &t) in m.iter().zip(&t) {
            let p = sigmoid(a * m + b);
            let (g, h) = (p - t, (p * (1.0 - p)).max(1e-12));
            ga += g * m;
            gb += g;
            haa += h * m * m;
            hab += h * m;
            hbb += h;
        }
        if ga.abs().max(gb.abs()) <= 1e-10 * (1.0 + m.len() as f64) {
            break;
        }
        let det = haa * hbb - hab * hab;
        if !(det.is_finite() && det > 0.0) {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        let mut step = 1.0;
        let mut improved = false;
        for _ in 0..30 {
            let (na, nb) = (a - step * da, b - step * db);
            let l = loss(na, nb);
            if l.is_finite() && l <= current {
                (a, b, current) = (na, nb, l);
                improved = true;
                break;
            }
            step *= 0.5;
        }
        if !improved {
            break;
        }
    }
    if !(a.is_finite() && b.is_finite()) || a < 0.0 {
        return Calibrator::Platt {
            a: 0.0,
            b: logit(mean_t),
        };
    }
    Calibrator::Platt { a, b }
}

/// Isotonic regression of `y` on the raw probabilities `sigmoid(m)` by pool-adjacent-violators
/// (rows with equal probabilities pooled first, as scikit-learn's `IsotonicRegression` does),
/// kept as the first and last point of every constant block, which linear interpolation
/// between them reproduces.
pub(crate) fn isotonic(m: &[f64], y: &[usize]) -> Calibrator {
    let mut pairs: Vec<(f64, f64)> = m
        .iter()
        .zip(y)
        .map(|(&m, &y)| (sigmoid(m), y as f64))
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Blocks: (first x, last x, sum of y, weight).
    let mut blocks: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (x, y) in pairs {
        match blocks.last_mut() {
            Some(last) if last.1 == x => {
                last.2 += y;
                last.3 += 1.0;
            }
            _ => blocks.push((x, x, y, 1.0)),
        }
        // Pool while the last block's mean is below the previous one's.
        while blocks.len() >= 2 {
            let (Some(&b), Some(&a)) = (blocks.last(), blocks.get(blocks.len() - 2)) else {
                break;
            };
            if a.2 / a.3 <= b.2 / b.3 {
                break;
            }
            blocks.pop();
            if let Some(last) = blocks.last_mut() {
                *last = (a.0, b.1, a.2 + b.2, a.3 + b.3);
            }
        }
    }
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for (first, last, sum, weight) in blocks {
        let v = (sum / weight).clamp(0.0, 1.0);
        xs.push(first);
        ys.push(v);
        if last > first {
            xs.push(last);
            ys.push(v);
        }
    }
    if xs.is_empty() {
        return Calibrator::Isotonic {
            x: vec![0.5],
            y: vec![0.5],
        };
    }
    Calibrator::Isotonic { x: xs, y: ys }
}

/// The calibrator of `method` fitted on out-of-fold log-odds `m` and labels `y` (`None` for no
/// calibration).
pub(crate) fn fit(method: Calibration, m: &[f64], y: &[usize]) -> Option<Calibrator> {
    match method {
        Calibration::None => None,
        Calibration::Platt => Some(platt(m, y)),
        Calibration::Isotonic => Some(isotonic(m, y)),
    }
}

fn bins(y: &[f64], p: &[f64]) -> Result<Vec<Bin>> {
    Ok(calibration_bins(y, p, BINS)?
        .into_iter()
        .map(|b| Bin {
            lower: b.lower,
            upper: b.upper,
            count: b.count as u64,
            mean_predicted: b.mean_predicted.unwrap_or(0.0),
            fraction_positive: b.fraction_positive.unwrap_or(0.0),
        })
        .collect())
}

/// The reliability of the out-of-fold probabilities before and after `calibrator`.
pub(crate) fn report(calibrator: &Calibrator, m: &[f64], y: &[usize]) -> Result<CalibrationReport> {
    let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
    let raw: Vec<f64> = m.iter().map(|&v| sigmoid(v)).collect();
    let after: Vec<f64> = m
        .iter()
        .map(|&v| calibrated(Some(calibrator), v).0)
        .collect();
    let (before, after) = (bins(&yf, &raw)?, bins(&yf, &after)?);
    Ok(CalibrationReport {
        method: calibrator.method(),
        n: y.len() as u64,
        error_before: calibration_error(&before),
        error_after: calibration_error(&after),
        before,
        after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::split::RandomState;

    /// Labels drawn from `sigmoid(2 m - 1)`: a model whose raw log-odds `m` are too flat and
    /// shifted.
    fn miscalibrated(n: usize) -> (Vec<f64>, Vec<usize>) {
        let mut rng = RandomState::new(5);
        let m: Vec<f64> = (0..n).map(|_| 4.0 * rng.random_sample() - 2.0).collect();
        let y = m
            .iter()
            .map(|&v| usize::from(rng.random_sample() < sigmoid(2.0 * v - 1.0)))
            .collect();
        (m, y)
    }

    #[test]
    fn platt_recovers_the_true_map_and_never_reverses_the_ranking() {
        let (m, y) = miscalibrated(20_000);
        let Calibrator::Platt { a, b } = platt(&m, &y) else {
            unreachable!()
        };
        assert!((a - 2.0).abs() < 0.1 && (b + 1.0).abs() < 0.06, "{a} {b}");
        let flipped: Vec<usize> = y.iter().map(|&v| 1 - v).collect();
        let Calibrator::Platt { a, .. } = platt(&m, &flipped) else {
            unreachable!()
        };
        assert_eq!(a, 0.0);
        let report = report(&platt(&m, &y), &m, &y).unwrap();
        assert!(
            report.error_after < 0.02 && report.error_before > 0.05,
            "{report:?}"
        );
    }

    #[test]
    fn isotonic_is_nondecreasing_and_fits_block_means() {
        let m = [-2.0, -1.0, 0.0, 0.0, 1.0, 2.0];
        let y = [0, 1, 0, 0, 1, 1];
        let Calibrator::Isotonic { x, y: v } = isotonic(&m, &y) else {
            unreachable!()
        };
        assert!(x.windows(2).all(|w| w[0] < w[1]));
        assert!(v.windows(2).all(|w| w[0] <= w[1]));
        // (-1 → 1) and (0, 0 → 0) pool into one block of mean 1/3.
        assert_eq!(v, vec![0.0, 1.0 / 3.0, 1.0 / 3.0, 1.0, 1.0]);
        assert_eq!(x[1], sigmoid(-1.0));
        let (m, y) = miscalibrated(5000);
        let c = isotonic(&m, &y);
        let r = report(&c, &m, &y).unwrap();
        assert!(r.error_after < 1e-12, "{r:?}");
    }
}
