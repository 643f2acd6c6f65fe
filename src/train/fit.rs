//! One fit of the configured logistic regression on a feature matrix, in model-file form.

use ndarray::ArrayView2;

use crate::Result;
use crate::model::ModelError;
use crate::model::artifact::{Scaler, Weights};
use crate::model::logistic::{self, Standardizer};
use crate::train::TrainConfig;

/// A fitted model in artifact form (without metrics) and the solver's report.
pub(crate) struct Fitted {
    pub scaler: Option<Scaler>,
    pub weights: Weights,
    pub iterations: usize,
    pub gradient_norm: f64,
}

impl Fitted {
    /// A tree ensemble in artifact form (no scaler, no solver report).
    pub fn trees(ensemble: crate::model::tree::Ensemble) -> Fitted {
        Fitted {
            scaler: None,
            weights: Weights::Trees(ensemble),
            iterations: 0,
            gradient_norm: 0.0,
        }
    }
}

/// Fits `config`'s model on rows `x` with labels `y` (`n_classes` of them).
pub(crate) fn fit(
    config: &TrainConfig,
    x: ArrayView2<f64>,
    y: &[usize],
    n_classes: usize,
) -> Result<Fitted> {
    let (scaler, x) = if config.standardize {
        let s = Standardizer::fit(x)?;
        let xs = s.transform(x)?;
        let scaler = Scaler {
            mean: s.mean.to_vec(),
            scale: s.scale.to_vec(),
        };
        (Some(scaler), xs)
    } else {
        (None, x.to_owned())
    };
    if config.target.is_binary() {
        let yf: Vec<f64> = y.iter().map(|&v| v as f64).collect();
        if yf.iter().all(|&v| v == 1.0) || yf.iter().all(|&v| v == 0.0) {
            return Err(ModelError::OneClass.into());
        }
        let f = logistic::fit_binary(x.view(), &yf, &config.fit)?;
        Ok(Fitted {
            scaler,
            weights: Weights::Binary {
                coef: f.model.coef.to_vec(),
                intercept: f.model.intercept,
            },
            iterations: f.iterations,
            gradient_norm: f.gradient_norm,
        })
    } else {
        let f = logistic::fit_multinomial(x.view(), y, n_classes, &config.fit)?;
        Ok(Fitted {
            scaler,
            weights: Weights::Multinomial {
                coef: f
                    .model
                    .coef
                    .rows()
                    .into_iter()
                    .map(|r| r.to_vec())
                    .collect(),
                intercept: f.model.intercept.to_vec(),
            },
            iterations: f.iterations,
            gradient_norm: f.gradient_norm,
        })
    }
}
