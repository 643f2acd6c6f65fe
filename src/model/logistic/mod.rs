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

mod newton;
mod objective;
mod standardize;

pub use standardize::Standardizer;

use newton::newton;
use objective::{BinaryProblem, MultinomialProblem};

use super::link::sigmoid;
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
            row.mapv_inplace(|v| (v - max).exp());
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
