//! The link functions of logistic models, computed as scipy and scikit-learn compute them: the
//! logistic sigmoid, `log(1 + exp(x))` and `log Σ exp`, stable at the extremes.
//!
//! Every transcendental function of training and prediction is the `libm` crate's, never the
//! platform's: the CLI (glibc's `exp` natively) and the page's worker (wasm) then compute the
//! same bits, so a model trained in either is the same file.

/// The logistic function `1 / (1 + exp(-z))`, exactly as `scipy.special.expit` computes it (and
/// so as scikit-learn's `predict_proba` does). Stable: never NaN for a non-NaN `z`.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-z))
}

/// `log(1 + exp(x))` without overflow or cancellation, following scikit-learn's `log1pexp`
/// (`sklearn/_loss/_loss.pyx.tp`), itself after M. Mächler, "Accurately Computing
/// log(1 − exp(−|a|))" (Rmpfr vignette, 2012), cut-offs exact to double precision.
pub fn log1pexp(x: f64) -> f64 {
    if x <= -37.0 {
        libm::exp(x)
    } else if x <= -2.0 {
        libm::log1p(libm::exp(x))
    } else if x <= 18.0 {
        libm::log(1.0 + libm::exp(x))
    } else if x <= 33.3 {
        x + libm::exp(-x)
    } else {
        x
    }
}

/// `log Σ exp(z_k)` with the maximum factored out, as `scipy.special.logsumexp` and scikit-learn's
/// multinomial loss (`sum_exp_minus_max`) compute it. Returns -inf for an empty slice.
pub fn log_sum_exp(z: &[f64]) -> f64 {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    let sum: f64 = z.iter().map(|&v| libm::exp(v - max)).sum();
    max + libm::log(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log1pexp_agrees_with_accurate_identities() {
        assert_eq!(log1pexp(0.0), std::f64::consts::LN_2);
        assert_eq!(log1pexp(-800.0), 0.0);
        assert_eq!(log1pexp(800.0), 800.0);
        // log1p(exp(x)) is accurate for x < 0, and x + log1p(exp(-x)) for x > 0.
        for i in -400..=400 {
            let x = f64::from(i) / 10.0;
            let reference = if x < 0.0 {
                x.exp().ln_1p()
            } else {
                x + (-x).exp().ln_1p()
            };
            let err = (log1pexp(x) - reference).abs();
            assert!(err <= 4.0 * f64::EPSILON * reference, "{x}: {err:e}");
        }
    }

    #[test]
    fn sigmoid_is_finite_at_the_extremes() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(f64::NAN).is_nan());
    }

    #[test]
    fn log_sum_exp_is_stable() {
        assert_eq!(
            log_sum_exp(&[1000.0, 1000.0]),
            1000.0 + std::f64::consts::LN_2
        );
        assert_eq!(log_sum_exp(&[-1000.0]), -1000.0);
        assert_eq!(log_sum_exp(&[]), f64::NEG_INFINITY);
    }
}
