//! `exp` and `ln` with the same bits on every target, for training: the pure-Rust `libm`
//! crate's, not the platform's (std's come from the system libm natively and from
//! compiler-builtins on wasm32), so a seeded fit writes the same model bytes natively and in the
//! browser.

/// `e^x`, from `libm`.
#[inline]
pub(crate) fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// The natural logarithm, from `libm`.
#[inline]
pub(crate) fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// `1 / (1 + e^-m)`, without overflow for any finite `m`.
#[inline]
pub(crate) fn sigmoid(m: f64) -> f64 {
    if m >= 0.0 {
        1.0 / (1.0 + exp(-m))
    } else {
        let e = exp(m);
        e / (1.0 + e)
    }
}

/// `ln(p / (1 - p))` for `p` clamped into `[1e-12, 1 - 1e-12]` (so a pure share stays finite).
#[inline]
pub(crate) fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    ln(p / (1.0 - p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_and_logit_are_inverse_and_finite_at_the_extremes() {
        for m in [-10.0, -2.5, 0.0, 0.7, 10.0] {
            assert!((logit(sigmoid(m)) - m).abs() < 1e-9, "{m}");
        }
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(-1e6) >= 0.0 && sigmoid(1e6) <= 1.0);
        assert!(logit(0.0).is_finite() && logit(1.0).is_finite());
    }
}
