//! L2-regularized logistic regression, binary and multinomial, solved to its exact optimum by
//! Newton's method with a backtracking line search, for the objectives scikit-learn's
//! `liblinear` and `lbfgs` solvers minimize (which they stop short of).
//!
//! With C the inverse regularization strength, c_i the class weight of row i and y_i in {-1, +1}:
//!
//! - [`Objective::Liblinear`]: `0.5 (|w|² + b²) + C Σ c_i log(1 + exp(-y_i (w·x_i + b)))`; the
//!   intercept is a weight on a constant feature 1 and is penalized.
//! - [`Objective::Lbfgs`]: the same without `b²`.
//! - Multinomial ([`fit_multinomial`]): `0.5 Σ_k |w_k|² + C Σ c_i (-log softmax(W x_i + b)[y_i])`,
//!   intercepts not penalized; the objective does not change when a constant is added to every
//!   intercept, and the reported intercepts sum to 0.
//!
//! Everything is deterministic: rows are visited in order and sums are compensated.

use ndarray::{Array1, Array2, ArrayView2};

use super::link::{log_sum_exp, log1pexp, sigmoid};
use super::{ModelError, check_finite, check_len};

/// Default gradient tolerance: the solver stops when the infinity-norm of the objective's
/// gradient is at most this.
pub const DEFAULT_TOL: f64 = 1e-10;

/// Default cap on Newton iterations (a fit of a few features converges in under 15).
pub const DEFAULT_MAX_ITER: usize = 100;

/// How the intercept enters the objective; the names are the scikit-learn solvers that minimize
/// each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// liblinear's: the intercept is a weight on a constant feature of value 1 and is penalized.
    Liblinear,
    /// lbfgs's (and every other scikit-learn solver's): the intercept is not penalized.
    Lbfgs,
}

/// Per-row weights on the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum ClassWeight {
    /// Every row weighs 1.
    #[default]
    #[serde(rename = "none")]
    #[cfg_attr(not(target_arch = "wasm32"), value(name = "none"))]
    Uniform,
    /// scikit-learn's `class_weight="balanced"`: a row of class k weighs
    /// `n / (n_classes * n_k)`, counted on the fit rows.
    Balanced,
}

/// What to minimize and when to stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// How the intercept is treated.
    pub objective: Objective,
    /// Inverse regularization strength C (> 0).
    pub c: f64,
    /// Row weights.
    pub class_weight: ClassWeight,
    /// Stop when the gradient's infinity-norm is at most this (>= 0).
    pub tol: f64,
    /// Give up (with [`ModelError::NonConvergence`]) after this many Newton steps.
    pub max_iter: usize,
}

impl FitOptions {
    /// C = 1, uniform weights, [`DEFAULT_TOL`], [`DEFAULT_MAX_ITER`].
    pub fn new(objective: Objective) -> Self {
        Self {
            objective,
            c: 1.0,
            class_weight: ClassWeight::Uniform,
            tol: DEFAULT_TOL,
            max_iter: DEFAULT_MAX_ITER,
        }
    }

    /// The same options with `class_weight="balanced"`.
    pub fn balanced(self) -> Self {
        Self {
            class_weight: ClassWeight::Balanced,
            ..self
        }
    }

    /// Rejects a C, tolerance or iteration cap out of range.
    fn validate(&self) -> Result<(), ModelError> {
        if !(self.c.is_finite() && self.c > 0.0) {
            return Err(ModelError::InvalidParameter {
                name: "C",
                message: format!("{} is not a finite positive number", self.c),
            });
        }
        if self.tol.is_nan() || self.tol < 0.0 {
            return Err(ModelError::InvalidParameter {
                name: "tol",
                message: format!("{} is not >= 0", self.tol),
            });
        }
        Ok(())
    }

    /// Weight of the intercept's penalty: 1 for liblinear, 0 otherwise.
    fn intercept_penalty(&self) -> f64 {
        match self.objective {
            Objective::Liblinear => 1.0,
            Objective::Lbfgs => 0.0,
        }
    }
}

/// A fitted binary model: `P(y = 1 | x) = sigmoid(coef · x + intercept)`.
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryModel {
    /// One weight per feature.
    pub coef: Array1<f64>,
    /// The intercept.
    pub intercept: f64,
}

impl BinaryModel {
    /// A model from given weights, all of which must be finite.
    pub fn new(coef: Array1<f64>, intercept: f64) -> Result<Self, ModelError> {
        if let Some(row) = coef.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::NonFinite {
                what: "coefficients",
                row,
                column: None,
            });
        }
        check_finite("intercept", &[intercept])?;
        Ok(Self { coef, intercept })
    }

    /// `decision_function`: `x · coef + intercept` for each row, the dot product summed left to
    /// right. On the golden three-feature configurations this equals scikit-learn's
    /// `decision_function` bit for bit when the features are column-major (as pandas hands them
    /// over); BLAS may round the last bit differently for other layouts and widths.
    pub fn decision_function(&self, x: ArrayView2<f64>) -> Result<Array1<f64>, ModelError> {
        check_matrix(x, self.coef.len())?;
        Ok(x.rows()
            .into_iter()
            .map(|row| dot(row.iter(), self.coef.iter()) + self.intercept)
            .collect())
    }

    /// `predict_proba(x)[:, 1]`: the probability of class 1 for each row.
    pub fn predict_proba(&self, x: ArrayView2<f64>) -> Result<Array1<f64>, ModelError> {
        Ok(self.decision_function(x)?.mapv(sigmoid))
    }

    /// `predict`: class 1 where the decision function is positive, else 0.
    pub fn predict(&self, x: ArrayView2<f64>) -> Result<Vec<usize>, ModelError> {
        Ok(self
            .decision_function(x)?
            .iter()
            .map(|&d| usize::from(d > 0.0))
            .collect())
    }

    /// The same model written on raw features, for a model fitted on `scaler`-standardized ones:
    /// `coef_j / scale_j` and `intercept - Σ coef_j mean_j / scale_j`.
    pub fn unstandardized(&self, scaler: &Standardizer) -> Result<BinaryModel, ModelError> {
        check_len("scaler features", self.coef.len(), scaler.mean.len())?;
        let coef: Array1<f64> = self
            .coef
            .iter()
            .zip(&scaler.scale)
            .map(|(w, s)| w / s)
            .collect();
        let shift: f64 = coef.iter().zip(&scaler.mean).map(|(w, m)| w * m).sum();
        Ok(BinaryModel {
            coef,
            intercept: self.intercept - shift,
        })
    }
}

/// A binary fit: the model and how the solver got there.
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryFit {
    /// The minimizer.
    pub model: BinaryModel,
    /// Newton steps taken.
    pub iterations: usize,
    /// Infinity-norm of the objective's gradient at the returned model.
    pub gradient_norm: f64,
    /// The objective's value there.
    pub objective_value: f64,
}

/// Fits a binary model on rows `x` (rows × features) and targets `y` (each 0 or 1).
pub fn fit_binary(
    x: ArrayView2<f64>,
    y: &[f64],
    options: &FitOptions,
) -> Result<BinaryFit, ModelError> {
    options.validate()?;
    if x.nrows() == 0 {
        return Err(ModelError::EmptyData { what: "fit rows" });
    }
    check_len("target length (one per row)", x.nrows(), y.len())?;
    check_matrix(x, x.ncols())?;
    let mut positive = Vec::with_capacity(y.len());
    for (row, &v) in y.iter().enumerate() {
        if v == 1.0 {
            positive.push(true);
        } else if v == 0.0 {
            positive.push(false);
        } else if !v.is_finite() {
            return Err(ModelError::NonFinite {
                what: "target",
                row,
                column: None,
            });
        } else {
            return Err(ModelError::InvalidLabel { row, value: v });
        }
    }
    let labels: Vec<usize> = positive.iter().map(|&p| usize::from(p)).collect();
    let weights = row_weights(&labels, 2, options.class_weight)?;
    let problem = BinaryProblem {
        x,
        positive: &positive,
        weights: &weights,
        c: options.c,
        intercept_penalty: options.intercept_penalty(),
    };
    let d = x.ncols();
    let solution = newton(d + 1, |theta| problem.eval(theta), options)?;
    let mut theta = solution.theta;
    let intercept = theta.pop().unwrap_or(0.0);
    Ok(BinaryFit {
        model: BinaryModel {
            coef: Array1::from(theta),
            intercept,
        },
        iterations: solution.iterations,
        gradient_norm: solution.gradient_norm,
        objective_value: solution.value,
    })
}

/// A fitted multinomial model: `P(y = k | x) = softmax(coef · x + intercept)[k]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MultinomialModel {
    /// One row of weights per class (classes × features).
    pub coef: Array2<f64>,
    /// One intercept per class.
    pub intercept: Array1<f64>,
}

impl MultinomialModel {
    /// The scores `x · coefᵀ + intercept` (rows × classes), each dot product summed left to right.
    pub fn decision_function(&self, x: ArrayView2<f64>) -> Result<Array2<f64>, ModelError> {
        check_len(
            "intercepts (one per class)",
            self.coef.nrows(),
            self.intercept.len(),
        )?;
        check_matrix(x, self.coef.ncols())?;
        let k = self.coef.nrows();
        let mut out = Array2::zeros((x.nrows(), k));
        for (row, mut scores) in x.rows().into_iter().zip(out.rows_mut()) {
            for ((score, w), b) in scores.iter_mut().zip(self.coef.rows()).zip(&self.intercept) {
                *score = dot(row.iter(), w.iter()) + b;
            }
        }
        Ok(out)
    }

    /// `predict_proba`: the softmax of the scores (the maximum subtracted before `exp`, as
    /// scikit-learn's `softmax` does), rows × classes.
    pub fn predict_proba(&self, x: ArrayView2<f64>) -> Result<Array2<f64>, ModelError> {
        let mut scores = self.decision_function(x)?;
        for mut row in scores.rows_mut() {
            let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            row.mapv_inplace(|v| libm::exp(v - max));
            let sum: f64 = row.iter().sum();
            row.mapv_inplace(|v| v / sum);
        }
        Ok(scores)
    }

    /// `predict`: the class with the highest score (the first on ties, as `argmax`).
    pub fn predict(&self, x: ArrayView2<f64>) -> Result<Vec<usize>, ModelError> {
        Ok(self
            .decision_function(x)?
            .rows()
            .into_iter()
            .map(|row| argmax(row.iter().copied()))
            .collect())
    }
}

/// A multinomial fit: the model and how the solver got there.
#[derive(Debug, Clone, PartialEq)]
pub struct MultinomialFit {
    /// The minimizer, intercepts centred to sum 0 when they are not penalized.
    pub model: MultinomialModel,
    /// Newton steps taken.
    pub iterations: usize,
    /// Infinity-norm of the objective's gradient at the returned model.
    pub gradient_norm: f64,
    /// The objective's value there.
    pub objective_value: f64,
}

/// Fits a multinomial (softmax) model on rows `x` and class labels `y` in `0..n_classes`; every
/// class must have a row. With [`Objective::Lbfgs`] (scikit-learn's objective) the intercepts are
/// not penalized and are reported centred to sum 0; with [`Objective::Liblinear`] they are
/// penalized like the weights (no scikit-learn solver fits that multinomial objective).
pub fn fit_multinomial(
    x: ArrayView2<f64>,
    y: &[usize],
    n_classes: usize,
    options: &FitOptions,
) -> Result<MultinomialFit, ModelError> {
    options.validate()?;
    if x.nrows() == 0 {
        return Err(ModelError::EmptyData { what: "fit rows" });
    }
    check_len("target length (one per row)", x.nrows(), y.len())?;
    check_matrix(x, x.ncols())?;
    if n_classes < 2 {
        return Err(ModelError::OneClass);
    }
    let weights = row_weights(y, n_classes, options.class_weight)?;
    let d = x.ncols();
    let penalized = options.objective == Objective::Liblinear;
    // Unpenalized intercepts are fixed up to a common shift: pin the last one at 0.
    let free_intercepts = if penalized { n_classes } else { n_classes - 1 };
    let problem = MultinomialProblem {
        x,
        y,
        weights: &weights,
        c: options.c,
        n_classes,
        free_intercepts,
        intercept_penalty: options.intercept_penalty(),
    };
    let solution = newton(
        n_classes * d + free_intercepts,
        |t| problem.eval(t),
        options,
    )?;
    let (w, b) = solution.theta.split_at(n_classes * d);
    let coef = Array2::from_shape_vec((n_classes, d), w.to_vec()).map_err(|_| {
        ModelError::DimensionMismatch {
            what: "multinomial coefficients",
            expected: n_classes * d,
            found: w.len(),
        }
    })?;
    let mut intercept: Array1<f64> = (0..n_classes)
        .map(|k| b.get(k).copied().unwrap_or(0.0))
        .collect();
    if !penalized {
        let mean = intercept.sum() / n_classes as f64;
        intercept.mapv_inplace(|v| v - mean);
    }
    Ok(MultinomialFit {
        model: MultinomialModel { coef, intercept },
        iterations: solution.iterations,
        gradient_norm: solution.gradient_norm,
        objective_value: solution.value,
    })
}

/// scikit-learn's `StandardScaler`: per-feature mean and population standard deviation
/// (ddof 0) of the fit rows, a zero deviation replaced by 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Standardizer {
    /// Per-feature mean.
    pub mean: Array1<f64>,
    /// Per-feature scale.
    pub scale: Array1<f64>,
}

impl Standardizer {
    /// Fits on `x` as `StandardScaler.fit` does (`_incremental_mean_and_var` from zero: mean =
    /// sum / n; variance = (Σ (x - mean)² - (Σ (x - mean))² / n) / n; sums in row order), which
    /// reproduces scikit-learn's `mean_` and `scale_` bit for bit on the golden features.
    pub fn fit(x: ArrayView2<f64>) -> Result<Self, ModelError> {
        if x.nrows() == 0 {
            return Err(ModelError::EmptyData {
                what: "scaler rows",
            });
        }
        check_matrix(x, x.ncols())?;
        let n = x.nrows() as f64;
        let mut mean = Array1::zeros(x.ncols());
        let mut scale = Array1::zeros(x.ncols());
        for ((col, m), s) in x.columns().into_iter().zip(&mut mean).zip(&mut scale) {
            let sum = col.iter().fold(0.0, |acc, v| acc + v);
            let mu = sum / n;
            let correction = col.iter().fold(0.0, |acc, v| acc + (v - mu));
            let squares = col.iter().fold(0.0, |acc, v| acc + (v - mu) * (v - mu));
            let var = (squares - correction * correction / n) / n;
            let sd = var.sqrt();
            *m = mu;
            // `_handle_zeros_in_scale`: near-constant features keep scale 1.
            *s = if sd < 10.0 * f64::EPSILON || !sd.is_finite() {
                1.0
            } else {
                sd
            };
        }
        Ok(Self { mean, scale })
    }

    /// `(x - mean) / scale`, column by column.
    pub fn transform(&self, x: ArrayView2<f64>) -> Result<Array2<f64>, ModelError> {
        check_matrix(x, self.mean.len())?;
        let mut out = x.to_owned();
        for mut row in out.rows_mut() {
            for ((v, m), s) in row.iter_mut().zip(&self.mean).zip(&self.scale) {
                *v = (*v - m) / s;
            }
        }
        Ok(out)
    }
}

/// Checks a feature matrix: `d` columns, every value finite.
fn check_matrix(x: ArrayView2<f64>, d: usize) -> Result<(), ModelError> {
    check_len("feature columns", d, x.ncols())?;
    for (row, values) in x.rows().into_iter().enumerate() {
        if let Some(column) = values.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::NonFinite {
                what: "features",
                row,
                column: Some(column),
            });
        }
    }
    Ok(())
}

/// Left-to-right dot product.
fn dot<'a>(a: impl Iterator<Item = &'a f64>, b: impl Iterator<Item = &'a f64>) -> f64 {
    a.zip(b).fold(0.0, |acc, (x, w)| acc + x * w)
}

/// Index of the first maximum (0 for an empty or all-NaN input).
fn argmax(values: impl Iterator<Item = f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (i, v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

/// Per-row loss weights; fails if a class has no row (or only one class is present in the
/// binary case) or a label is out of range.
fn row_weights(
    labels: &[usize],
    n_classes: usize,
    class_weight: ClassWeight,
) -> Result<Vec<f64>, ModelError> {
    let mut counts = vec![0usize; n_classes];
    for (row, &label) in labels.iter().enumerate() {
        match counts.get_mut(label) {
            Some(c) => *c += 1,
            None => {
                return Err(ModelError::LabelOutOfRange {
                    row,
                    label,
                    n_classes,
                });
            }
        }
    }
    let present = counts.iter().filter(|&&c| c > 0).count();
    if present < 2 {
        return Err(ModelError::OneClass);
    }
    if let Some(class) = counts.iter().position(|&c| c == 0) {
        return Err(ModelError::MissingClass { class });
    }
    Ok(match class_weight {
        ClassWeight::Uniform => vec![1.0; labels.len()],
        ClassWeight::Balanced => {
            // compute_class_weight: n_samples / (n_classes * bincount(y)).
            let n = labels.len() as f64;
            let per_class: Vec<f64> = counts
                .iter()
                .map(|&c| n / (n_classes as f64 * c as f64))
                .collect();
            labels
                .iter()
                .map(|&l| per_class.get(l).copied().unwrap_or(1.0))
                .collect()
        }
    })
}

/// Neumaier's compensated sum: adding many terms loses no more than a rounding or two.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    fn add(&mut self, v: f64) {
        let t = self.sum + v;
        if self.sum.abs() >= v.abs() {
            self.compensation += (self.sum - t) + v;
        } else {
            self.compensation += (v - t) + self.sum;
        }
        self.sum = t;
    }

    fn value(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// The objective's value, gradient and Hessian (row-major) at one point.
struct Eval {
    value: f64,
    gradient: Vec<f64>,
    hessian: Vec<f64>,
}

/// The binary objective over fit rows; parameters are `[w_0 .. w_{d-1}, b]`.
struct BinaryProblem<'a> {
    x: ArrayView2<'a, f64>,
    positive: &'a [bool],
    weights: &'a [f64],
    c: f64,
    intercept_penalty: f64,
}

impl BinaryProblem<'_> {
    fn eval(&self, theta: &[f64]) -> Eval {
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
struct MultinomialProblem<'a> {
    x: ArrayView2<'a, f64>,
    y: &'a [usize],
    weights: &'a [f64],
    c: f64,
    n_classes: usize,
    free_intercepts: usize,
    intercept_penalty: f64,
}

impl MultinomialProblem<'_> {
    /// Parameter index of feature `j` (`j == d` is the intercept) of class `k`, if free.
    fn index(&self, k: usize, j: usize, d: usize) -> Option<usize> {
        if j < d {
            Some(k * d + j)
        } else if k < self.free_intercepts {
            Some(self.n_classes * d + k)
        } else {
            None
        }
    }

    fn eval(&self, theta: &[f64]) -> Eval {
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
                *pk = libm::exp(zk - lse);
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
fn finish(
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

/// Where Newton's method stopped.
struct Solution {
    theta: Vec<f64>,
    iterations: usize,
    gradient_norm: f64,
    value: f64,
}

fn inf_norm(v: &[f64]) -> f64 {
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
fn newton(
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
fn solve_positive_definite(a: &[f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
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
fn cholesky(a: &[f64], n: usize, shift: f64) -> Option<Vec<f64>> {
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
fn cholesky_solve(l: &[f64], b: &[f64], n: usize) -> Vec<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rejects_bad_inputs() {
        let x = array![[1.0], [2.0], [3.0]];
        let opts = FitOptions::new(Objective::Lbfgs);
        assert_eq!(
            fit_binary(x.view(), &[0.0, 1.0], &opts).unwrap_err(),
            ModelError::DimensionMismatch {
                what: "target length (one per row)",
                expected: 3,
                found: 2
            }
        );
        assert_eq!(
            fit_binary(x.view(), &[1.0, 1.0, 1.0], &opts).unwrap_err(),
            ModelError::OneClass
        );
        assert_eq!(
            fit_binary(x.view(), &[0.0, 2.0, 1.0], &opts).unwrap_err(),
            ModelError::InvalidLabel { row: 1, value: 2.0 }
        );
        let bad = array![[1.0], [f64::NAN], [3.0]];
        assert_eq!(
            fit_binary(bad.view(), &[0.0, 1.0, 1.0], &opts).unwrap_err(),
            ModelError::NonFinite {
                what: "features",
                row: 1,
                column: Some(0)
            }
        );
        let empty = Array2::<f64>::zeros((0, 2));
        assert!(matches!(
            fit_binary(empty.view(), &[], &opts),
            Err(ModelError::EmptyData { .. })
        ));
        let zero_c = FitOptions { c: 0.0, ..opts };
        assert!(matches!(
            fit_binary(x.view(), &[0.0, 1.0, 1.0], &zero_c),
            Err(ModelError::InvalidParameter { name: "C", .. })
        ));
        assert_eq!(
            fit_multinomial(x.view(), &[0, 2, 2], 3, &opts).unwrap_err(),
            ModelError::MissingClass { class: 1 }
        );
        assert_eq!(
            fit_multinomial(x.view(), &[0, 3, 1], 3, &opts).unwrap_err(),
            ModelError::LabelOutOfRange {
                row: 1,
                label: 3,
                n_classes: 3
            }
        );
    }

    #[test]
    fn separable_data_still_converges_because_of_the_penalty() {
        let x = array![[-2.0], [-1.0], [1.0], [2.0]];
        for objective in [Objective::Liblinear, Objective::Lbfgs] {
            let fit =
                fit_binary(x.view(), &[0.0, 0.0, 1.0, 1.0], &FitOptions::new(objective)).unwrap();
            assert!(fit.gradient_norm <= DEFAULT_TOL);
            assert!(fit.model.coef[0] > 0.0);
        }
    }

    #[test]
    fn too_few_iterations_is_reported() {
        let x = array![[-2.0], [-1.0], [1.0], [2.0], [0.5]];
        let opts = FitOptions {
            max_iter: 1,
            ..FitOptions::new(Objective::Lbfgs)
        };
        assert!(matches!(
            fit_binary(x.view(), &[0.0, 1.0, 0.0, 1.0, 1.0], &opts),
            Err(ModelError::NonConvergence { iterations: 1, .. })
        ));
    }

    #[test]
    fn two_class_multinomial_is_the_binary_model_halved() {
        // With unpenalized intercepts, softmax over two classes with weights (-w/2, w/2) is the
        // logistic model with weight w, but the penalty 0.5(|w/2|² + |w/2|²) = 0.25 |w|² is half:
        // the multinomial fit at C equals the binary fit at 2C.
        let x = array![
            [0.3, 1.0],
            [1.2, -0.5],
            [-0.7, 0.2],
            [2.0, 1.5],
            [-1.1, -0.4],
            [0.1, 0.9]
        ];
        let labels = [0, 1, 0, 1, 0, 0];
        let y_alt: Vec<f64> = labels.iter().map(|&l| l as f64).collect();
        let binary = fit_binary(
            x.view(),
            &y_alt,
            &FitOptions {
                c: 2.0,
                ..FitOptions::new(Objective::Lbfgs)
            },
        )
        .unwrap();
        let multi =
            fit_multinomial(x.view(), &labels, 2, &FitOptions::new(Objective::Lbfgs)).unwrap();
        for j in 0..2 {
            let w = multi.model.coef[[1, j]] - multi.model.coef[[0, j]];
            assert!((w - binary.model.coef[j]).abs() < 1e-12);
        }
        let b = multi.model.intercept[1] - multi.model.intercept[0];
        assert!((b - binary.model.intercept).abs() < 1e-12);
        assert!(multi.model.intercept.sum().abs() < 1e-15);
    }

    #[test]
    fn unstandardized_model_predicts_the_same() {
        let x = array![
            [30.0, 1.0],
            [45.0, 3.0],
            [60.0, 2.0],
            [25.0, 0.0],
            [50.0, 1.0]
        ];
        let y = [0.0, 1.0, 1.0, 0.0, 0.0];
        let scaler = Standardizer::fit(x.view()).unwrap();
        let z = scaler.transform(x.view()).unwrap();
        let fit = fit_binary(z.view(), &y, &FitOptions::new(Objective::Lbfgs)).unwrap();
        let raw = fit.model.unstandardized(&scaler).unwrap();
        let a = fit.model.decision_function(z.view()).unwrap();
        let b = raw.decision_function(x.view()).unwrap();
        for (u, v) in a.iter().zip(&b) {
            assert!((u - v).abs() < 1e-12);
        }
    }

    #[test]
    fn standardizer_keeps_constant_columns() {
        let x = array![[1.0, 5.0], [3.0, 5.0]];
        let s = Standardizer::fit(x.view()).unwrap();
        assert_eq!(s.mean, array![2.0, 5.0]);
        assert_eq!(s.scale, array![1.0, 1.0]);
    }

    /// A small random problem: rows of features in [-3, 3] and labels.
    fn problem() -> impl proptest::strategy::Strategy<Value = (Array2<f64>, Vec<f64>)> {
        use proptest::prelude::*;
        (1usize..4, 4usize..40).prop_flat_map(|(d, n)| {
            (
                proptest::collection::vec(-3.0f64..3.0, n * d),
                proptest::collection::vec(proptest::bool::ANY, n),
            )
                .prop_map(move |(values, labels)| {
                    let mut y: Vec<f64> = labels.iter().map(|&b| f64::from(u8::from(b))).collect();
                    y[0] = 0.0;
                    y[1] = 1.0;
                    (Array2::from_shape_vec((n, d), values).unwrap(), y)
                })
        })
    }

    proptest::proptest! {
        #[test]
        fn every_fit_reaches_a_stationary_point((x, y) in problem(), liblinear in proptest::bool::ANY, balanced in proptest::bool::ANY) {
            let objective = if liblinear { Objective::Liblinear } else { Objective::Lbfgs };
            let mut opts = FitOptions::new(objective);
            if balanced {
                opts = opts.balanced();
            }
            let fit = fit_binary(x.view(), &y, &opts).unwrap();
            proptest::prop_assert!(fit.gradient_norm <= DEFAULT_TOL);
            // Stationary and convex: nudging any parameter does not lower the objective.
            let problem_weights = row_weights(&y.iter().map(|&v| v as usize).collect::<Vec<_>>(), 2, opts.class_weight).unwrap();
            let positive: Vec<bool> = y.iter().map(|&v| v == 1.0).collect();
            let problem = BinaryProblem { x: x.view(), positive: &positive, weights: &problem_weights, c: opts.c, intercept_penalty: opts.intercept_penalty() };
            let mut theta = fit.model.coef.to_vec();
            theta.push(fit.model.intercept);
            let base = problem.eval(&theta).value;
            for j in 0..theta.len() {
                for delta in [-1e-4, 1e-4] {
                    let mut t = theta.clone();
                    t[j] += delta;
                    proptest::prop_assert!(problem.eval(&t).value >= base - 1e-12);
                }
            }
        }
    }
}
