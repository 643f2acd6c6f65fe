//! Training and honest evaluation: L2 logistic regression solved to its exact optimum, the
//! scikit-learn data splits (`train_test_split`, `StratifiedKFold`) reproduced index for index,
//! and the evaluation metrics computed as scikit-learn computes them.

pub mod artifact;
pub mod link;
pub mod logistic;
pub mod metrics;
pub mod predict;
pub mod split;
pub mod tree;

use thiserror::Error;

/// The `ndarray` crate the model API takes and returns, re-exported so that callers name the
/// very same types (a second build of `ndarray` in a dependency graph would not match them).
pub use ndarray;

/// Everything that can go wrong when fitting, splitting or scoring.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ModelError {
    /// There are no rows to fit or to evaluate.
    #[error("no rows: {what} is empty")]
    EmptyData {
        /// What is empty.
        what: &'static str,
    },
    /// The target holds a single class, so there is nothing to separate.
    #[error("the target has only one class; at least two are needed")]
    OneClass,
    /// A class the model is asked for has no rows.
    #[error("class {class} has no rows in the target")]
    MissingClass {
        /// The class index.
        class: usize,
    },
    /// An input holds NaN or an infinity.
    #[error("{what}: non-finite value at row {row}{}", column_suffix(.column))]
    NonFinite {
        /// Which input.
        what: &'static str,
        /// 0-based row.
        row: usize,
        /// 0-based column, for a matrix.
        column: Option<usize>,
    },
    /// Two inputs that must agree in size do not.
    #[error("{what}: expected {expected}, found {found}")]
    DimensionMismatch {
        /// Which size disagrees.
        what: &'static str,
        /// The size required.
        expected: usize,
        /// The size given.
        found: usize,
    },
    /// A binary target value is neither 0 nor 1.
    #[error("target at row {row} is {value}; a binary target must be 0 or 1")]
    InvalidLabel {
        /// 0-based row.
        row: usize,
        /// The value found.
        value: f64,
    },
    /// A class label is not below the number of classes.
    #[error("label at row {row} is {label}, but there are only {n_classes} classes")]
    LabelOutOfRange {
        /// 0-based row.
        row: usize,
        /// The label found.
        label: usize,
        /// The number of classes.
        n_classes: usize,
    },
    /// A probability lies outside [0, 1].
    #[error("probability at row {row} is {value}, outside [0, 1]")]
    InvalidProbability {
        /// 0-based row.
        row: usize,
        /// The value found.
        value: f64,
    },
    /// A parameter is out of its range.
    #[error("invalid {name}: {message}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// Newton's method did not reach the gradient tolerance.
    #[error(
        "the solver did not converge in {iterations} iterations: gradient infinity-norm \
         {gradient_norm:e} is above the tolerance {tolerance:e}"
    )]
    NonConvergence {
        /// Newton iterations run.
        iterations: usize,
        /// Infinity-norm of the objective's gradient where the solver stopped.
        gradient_norm: f64,
        /// The tolerance asked for.
        tolerance: f64,
    },
}

/// `", column N"` for a matrix position, nothing for a vector.
fn column_suffix(column: &Option<usize>) -> String {
    column.map_or_else(String::new, |c| format!(", column {c}"))
}

/// Checks that every value of a vector is finite.
pub(crate) fn check_finite(what: &'static str, values: &[f64]) -> Result<(), ModelError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(row) => Err(ModelError::NonFinite {
            what,
            row,
            column: None,
        }),
        None => Ok(()),
    }
}

/// Checks that two lengths agree.
pub(crate) fn check_len(
    what: &'static str,
    expected: usize,
    found: usize,
) -> Result<(), ModelError> {
    if expected == found {
        Ok(())
    } else {
        Err(ModelError::DimensionMismatch {
            what,
            expected,
            found,
        })
    }
}
