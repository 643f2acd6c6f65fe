//! Newton's method with a backtracking line search, and the Cholesky solve of its steps.

use super::objective::Eval;
use super::{FitOptions, ModelError};

/// Where Newton's method stopped.
pub(super) struct Solution {
    pub(super) theta: Vec<f64>,
    pub(super) iterations: usize,
    pub(super) gradient_norm: f64,
    pub(super) value: f64,
}

pub(super) fn inf_norm(v: &[f64]) -> f64 {
    v.iter().fold(
        0.0,
        |m: f64, x| {
            if x.is_nan() { f64::NAN } else { m.max(x.abs()) }
        },
    )
}

/// Newton's method from 0 with a backtracking (Armijo) line search, until the gradient's
/// infinity-norm is at most `options.tol`.
///
/// Near the optimum the objective's changes fall below its rounding, so a step is also taken
/// when it lowers the gradient norm without raising the objective by more than rounding.
pub(super) fn newton(
    dim: usize,
    objective: impl Fn(&[f64]) -> Eval,
    options: &FitOptions,
) -> Result<Solution, ModelError> {
    let mut theta = vec![0.0; dim];
    let mut current = objective(&theta);
    let mut gradient_norm = inf_norm(&current.gradient);
    let mut iterations = 0;
    let fail = |iterations, gradient_norm| ModelError::NonConvergence {
        iterations,
        gradient_norm,
        tolerance: options.tol,
    };
    loop {
        if gradient_norm <= options.tol {
            return Ok(Solution {
                theta,
                iterations,
                gradient_norm,
                value: current.value,
            });
        }
        if iterations >= options.max_iter || !gradient_norm.is_finite() {
            return Err(fail(iterations, gradient_norm));
        }
        iterations += 1;
        let rhs: Vec<f64> = current.gradient.iter().map(|g| -g).collect();
        let step = solve_positive_definite(&current.hessian, &rhs, dim)
            .ok_or_else(|| fail(iterations, gradient_norm))?;
        let slope: f64 = current.gradient.iter().zip(&step).map(|(g, s)| g * s).sum();
        let noise = 64.0 * f64::EPSILON * (1.0 + current.value.abs());
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let candidate: Vec<f64> = theta.iter().zip(&step).map(|(a, s)| a + t * s).collect();
            let next = objective(&candidate);
            let next_norm = inf_norm(&next.gradient);
            let armijo = next.value <= current.value + 1e-4 * t * slope;
            let flat = next.value <= current.value + noise && next_norm < gradient_norm;
            if next.value.is_finite() && (armijo || flat) {
                accepted = Some((candidate, next, next_norm));
                break;
            }
            t *= 0.5;
        }
        let Some((candidate, next, next_norm)) = accepted else {
            return Err(fail(iterations, gradient_norm));
        };
        theta = candidate;
        current = next;
        gradient_norm = next_norm;
    }
}

/// Solves `A x = b` for a symmetric positive definite `A` (row-major `n × n`) by Cholesky
/// factorization, adding a growing multiple of the identity if `A` is not numerically positive
/// definite. `None` if no such shift helps.
pub(super) fn solve_positive_definite(a: &[f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    let max_diag = (0..n)
        .filter_map(|i| a.get(i * n + i))
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let mut shift = 0.0;
    for _ in 0..12 {
        if let Some(l) = cholesky(a, n, shift) {
            return Some(cholesky_solve(&l, b, n));
        }
        shift = if shift == 0.0 {
            max_diag.max(1.0) * 1e-12
        } else {
            shift * 100.0
        };
    }
    None
}

/// Lower-triangular `L` with `L Lᵀ = A + shift I`, or `None` if a pivot is not positive.
pub(super) fn cholesky(a: &[f64], n: usize, shift: f64) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = *a.get(i * n + j)?;
            if i == j {
                s += shift;
            }
            for k in 0..j {
                s -= l.get(i * n + k)? * l.get(j * n + k)?;
            }
            if i == j {
                if !s.is_finite() || s <= 0.0 {
                    return None;
                }
                *l.get_mut(i * n + i)? = s.sqrt();
            } else {
                let ljj = *l.get(j * n + j)?;
                *l.get_mut(i * n + j)? = s / ljj;
            }
        }
    }
    Some(l)
}

/// Solves `L Lᵀ x = b` by forward and back substitution.
pub(super) fn cholesky_solve(l: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let at = |i: usize, j: usize| l.get(i * n + j).copied().unwrap_or(1.0);
    let mut y = b.to_vec();
    for i in 0..n {
        let mut s = y.get(i).copied().unwrap_or(0.0);
        for k in 0..i {
            s -= at(i, k) * y.get(k).copied().unwrap_or(0.0);
        }
        if let Some(v) = y.get_mut(i) {
            *v = s / at(i, i);
        }
    }
    for i in (0..n).rev() {
        let mut s = y.get(i).copied().unwrap_or(0.0);
        for k in i + 1..n {
            s -= at(k, i) * y.get(k).copied().unwrap_or(0.0);
        }
        if let Some(v) = y.get_mut(i) {
            *v = s / at(i, i);
        }
    }
    y
}
