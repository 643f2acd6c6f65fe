//! The objectives Newton's method minimizes: the binary and multinomial penalized, weighted
//! log-losses with their gradients and Hessians, summed in row order with compensation.

use ndarray::ArrayView2;

use super::dot;
use crate::model::link::{log_sum_exp, log1pexp, sigmoid};

/// Neumaier's compensated sum: adding many terms loses no more than a rounding or two.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sum {
    pub(super) sum: f64,
    pub(super) compensation: f64,
}

impl Sum {
    pub(super) fn add(&mut self, v: f64) {
        let t = self.sum + v;
        if self.sum.abs() >= v.abs() {
            self.compensation += (self.sum - t) + v;
        } else {
            self.compensation += (v - t) + self.sum;
        }
        self.sum = t;
    }

    pub(super) fn value(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// The objective's value, gradient and Hessian (row-major) at one point.
pub(super) struct Eval {
    pub(super) value: f64,
    pub(super) gradient: Vec<f64>,
    pub(super) hessian: Vec<f64>,
}

/// The binary objective over fit rows; parameters are `[w_0 .. w_{d-1}, b]`.
pub(super) struct BinaryProblem<'a> {
    pub(super) x: ArrayView2<'a, f64>,
    pub(super) positive: &'a [bool],
    pub(super) weights: &'a [f64],
    pub(super) c: f64,
    pub(super) intercept_penalty: f64,
}

impl BinaryProblem<'_> {
    pub(super) fn eval(&self, theta: &[f64]) -> Eval {
        let p = theta.len();
        let d = p.saturating_sub(1);
        let (w, b) = theta.split_at(d);
        let b = b.first().copied().unwrap_or(0.0);
        let mut value = Sum::default();
        let mut gradient = vec![Sum::default(); p];
        let mut hessian = vec![0.0; p * p];
        let mut augmented = vec![1.0; p];
        for ((row, &pos), &weight) in self
            .x
            .rows()
            .into_iter()
            .zip(self.positive)
            .zip(self.weights)
        {
            for (a, v) in augmented.iter_mut().zip(row.iter()) {
                *a = *v;
            }
            let z = dot(row.iter(), w.iter()) + b;
            let cw = self.c * weight;
            // Loss log(1 + exp(-y z)) and its derivative in z, each from the stable side.
            let (loss, slope) = if pos {
                (log1pexp(-z), -sigmoid(-z))
            } else {
                (log1pexp(z), sigmoid(z))
            };
            let curvature = sigmoid(z) * sigmoid(-z);
            value.add(cw * loss);
            for (g, a) in gradient.iter_mut().zip(&augmented) {
                g.add(cw * slope * a);
            }
            let h = cw * curvature;
            for (hrow, ai) in hessian.chunks_exact_mut(p).zip(&augmented) {
                for (hij, aj) in hrow.iter_mut().zip(&augmented) {
                    *hij += h * ai * aj;
                }
            }
        }
        let penalties = (0..p).map(|j| if j < d { 1.0 } else { self.intercept_penalty });
        finish(theta, penalties, value, gradient, hessian)
    }
}

/// The multinomial objective; parameters are the class weight rows `w_0 .. w_{K-1}` followed by
/// the free intercepts (all K when penalized, else the first K-1, the last pinned at 0).
pub(super) struct MultinomialProblem<'a> {
    pub(super) x: ArrayView2<'a, f64>,
    pub(super) y: &'a [usize],
    pub(super) weights: &'a [f64],
    pub(super) c: f64,
    pub(super) n_classes: usize,
    pub(super) free_intercepts: usize,
    pub(super) intercept_penalty: f64,
}

impl MultinomialProblem<'_> {
    /// Parameter index of feature `j` (`j == d` is the intercept) of class `k`, if free.
    pub(super) fn index(&self, k: usize, j: usize, d: usize) -> Option<usize> {
        if j < d {
            Some(k * d + j)
        } else if k < self.free_intercepts {
            Some(self.n_classes * d + k)
        } else {
            None
        }
    }

    pub(super) fn eval(&self, theta: &[f64]) -> Eval {
        let p = theta.len();
        let k_classes = self.n_classes;
        let d = self.x.ncols();
        let mut value = Sum::default();
        let mut gradient = vec![Sum::default(); p];
        let mut hessian = vec![0.0; p * p];
        let mut augmented = vec![1.0; d + 1];
        let mut z = vec![0.0; k_classes];
        let mut prob = vec![0.0; k_classes];
        // (class, column) -> parameter index, once.
        let slots: Vec<Option<usize>> = (0..k_classes)
            .flat_map(|k| (0..=d).map(move |j| (k, j)))
            .map(|(k, j)| self.index(k, j, d))
            .collect();
        let slots_of = |k: usize| slots.get(k * (d + 1)..(k + 1) * (d + 1)).unwrap_or(&[]);
        let param = |slot: usize| theta.get(slot).copied().unwrap_or(0.0);
        for ((row, &label), &weight) in self.x.rows().into_iter().zip(self.y).zip(self.weights) {
            for (a, v) in augmented.iter_mut().zip(row.iter()) {
                *a = *v;
            }
            for (k, zk) in z.iter_mut().enumerate() {
                *zk = slots_of(k)
                    .iter()
                    .zip(&augmented)
                    .fold(0.0, |acc, (s, a)| acc + s.map_or(0.0, param) * a);
            }
            let lse = log_sum_exp(&z);
            for (pk, zk) in prob.iter_mut().zip(&z) {
                *pk = (zk - lse).exp();
            }
            let cw = self.c * weight;
            value.add(cw * (lse - z.get(label).copied().unwrap_or(0.0)));
            for (k, &pk) in prob.iter().enumerate() {
                let residual = pk - if k == label { 1.0 } else { 0.0 };
                let row_slots = slots_of(k);
                for (slot, a) in row_slots.iter().zip(&augmented) {
                    if let Some(g) = slot.and_then(|i| gradient.get_mut(i)) {
                        g.add(cw * residual * a);
                    }
                }
                for (l, &pl) in prob.iter().enumerate() {
                    let h = cw * (if k == l { pk } else { 0.0 } - pk * pl);
                    let col_slots = slots_of(l);
                    for (rs, aj) in row_slots.iter().zip(&augmented) {
                        let Some(r) = *rs else {
                            continue;
                        };
                        for (cs, am) in col_slots.iter().zip(&augmented) {
                            if let Some(cell) = cs.and_then(|c| hessian.get_mut(r * p + c)) {
                                *cell += h * aj * am;
                            }
                        }
                    }
                }
            }
        }
        let weights_len = k_classes * d;
        let penalties = (0..p).map(|j| {
            if j < weights_len {
                1.0
            } else {
                self.intercept_penalty
            }
        });
        finish(theta, penalties, value, gradient, hessian)
    }
}

/// Adds the penalty `0.5 Σ penalty_j θ_j²` to a loss sum and its derivatives.
pub(super) fn finish(
    theta: &[f64],
    penalties: impl Iterator<Item = f64>,
    mut value: Sum,
    gradient: Vec<Sum>,
    mut hessian: Vec<f64>,
) -> Eval {
    let p = theta.len();
    let mut grad = Vec::with_capacity(p);
    for (j, ((t, mut g), pen)) in theta.iter().zip(gradient).zip(penalties).enumerate() {
        value.add(0.5 * pen * t * t);
        g.add(pen * t);
        grad.push(g.value());
        if let Some(h) = hessian.get_mut(j * p + j) {
            *h += pen;
        }
    }
    Eval {
        value: value.value(),
        gradient: grad,
        hessian,
    }
}
