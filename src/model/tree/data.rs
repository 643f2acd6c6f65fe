//! The rows a tree learner fits, checked once: a finite feature matrix, 0/1 labels, and finite
//! non-negative row weights with a positive sum. Everything after the check may rely on it.

use ndarray::ArrayView2;

use crate::model::ModelError;

/// Checked training rows. Build with [`Rows::new`].
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    x: ArrayView2<'a, f64>,
    y: Vec<f64>,
    w: Vec<f64>,
}

impl<'a> Rows<'a> {
    /// Rows `x` (rows × features) with labels `y` (0 or 1) and optional row weights `w`
    /// (class weights are row weights; `None`: every row weighs 1).
    pub fn new(x: ArrayView2<'a, f64>, y: &[usize], w: Option<&[f64]>) -> Result<Self, ModelError> {
        let (n, d) = x.dim();
        if n == 0 {
            return Err(ModelError::EmptyData { what: "rows" });
        }
        if d == 0 {
            return Err(ModelError::EmptyData { what: "features" });
        }
        if u32::try_from(n).is_err() || u32::try_from(d).is_err() {
            return Err(ModelError::InvalidParameter {
                name: "rows",
                message: format!("{n} rows × {d} features is more than a tree model indexes"),
            });
        }
        crate::model::check_len("labels", n, y.len())?;
        for (row, values) in x.rows().into_iter().enumerate() {
            if let Some(column) = values.iter().position(|v| !v.is_finite()) {
                return Err(ModelError::NonFinite {
                    what: "features",
                    row,
                    column: Some(column),
                });
            }
        }
        if let Some((row, &label)) = y.iter().enumerate().find(|&(_, &v)| v > 1) {
            return Err(ModelError::LabelOutOfRange {
                row,
                label,
                n_classes: 2,
            });
        }
        let w = match w {
            Some(w) => {
                crate::model::check_len("row weights", n, w.len())?;
                if let Some((row, &value)) = w
                    .iter()
                    .enumerate()
                    .find(|&(_, v)| !(v.is_finite() && *v >= 0.0))
                {
                    return Err(ModelError::InvalidParameter {
                        name: "row weights",
                        message: format!("row {row} weighs {value}"),
                    });
                }
                w.to_vec()
            }
            None => vec![1.0; n],
        };
        let total: f64 = w.iter().sum();
        if !(total.is_finite() && total > 0.0) {
            return Err(ModelError::InvalidParameter {
                name: "row weights",
                message: format!("they sum to {total}"),
            });
        }
        Ok(Rows {
            x,
            y: y.iter().map(|&v| v as f64).collect(),
            w,
        })
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.y.len()
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.x.ncols()
    }

    /// The feature matrix.
    pub fn x(&self) -> ArrayView2<'a, f64> {
        self.x
    }

    /// Labels, 0.0 or 1.0.
    pub fn labels(&self) -> &[f64] {
        &self.y
    }

    /// Row weights.
    pub fn weights(&self) -> &[f64] {
        &self.w
    }

    /// The weighted share of label 1.
    pub fn positive_share(&self) -> f64 {
        let (pos, all) = self
            .y
            .iter()
            .zip(&self.w)
            .fold((0.0, 0.0), |(p, a), (&y, &w)| (p + w * y, a + w));
        pos / all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn bad_rows_are_named() {
        let x = array![[1.0, 2.0], [f64::NAN, 0.0]];
        let err = Rows::new(x.view(), &[0, 1], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "features: non-finite value at row 1, column 0"
        );
        let x = array![[1.0], [2.0]];
        assert!(Rows::new(x.view(), &[0, 2], None).is_err());
        assert!(Rows::new(x.view(), &[0], None).is_err());
        assert!(Rows::new(x.view(), &[0, 1], Some(&[1.0, -1.0])).is_err());
        assert!(Rows::new(x.view(), &[0, 1], Some(&[0.0, 0.0])).is_err());
        let rows = Rows::new(x.view(), &[0, 1], Some(&[1.0, 3.0])).unwrap();
        assert_eq!(rows.positive_share(), 0.75);
    }
}
