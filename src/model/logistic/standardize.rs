//! scikit-learn's `StandardScaler`, bit for bit.

use ndarray::{Array1, Array2, ArrayView2};

use super::check_matrix;
use crate::model::ModelError;

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
