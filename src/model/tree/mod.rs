//! Tree ensembles for binary targets, trained and explained by this crate: histogram gradient
//! boosting ([`boost`]) and random forests ([`forest`]) on binned features ([`bin`]), one model
//! type ([`Ensemble`], validated when loaded) whose margin is the log-odds, and exact TreeSHAP
//! contributions that add up to it ([`explain`]).
//!
//! **Why hand-written.** No crate met the browser build, the module size, the speed and the
//! determinism this product needs together (measured 2026-12-01, one thread, on 20,000 and
//! 200,000 planted rows × 20 features, AUC on 50,000 held-out rows; `/work/notes/trees.md`):
//!
//! - `perpetual` needs nightly in every stable release (`#![feature]`), and 3.0.0-rc.2 panics
//!   in wasm32 (`Instant::now` inside `fit`); its AUC was 0.03–0.05 below scikit-learn's
//!   `HistGradientBoostingClassifier` (HGB) at 20,000 rows.
//! - `smartcore` and `linfa` forests store class labels in their leaves, so their only
//!   probability is a vote share: AUC 0.012–0.019 below scikit-learn's `RandomForestClassifier`;
//!   they took 118 s and 125 s to fit 200,000 rows (scikit-learn 67 s); neither is
//!   byte-reproducible between native and wasm (`SmallRng` differs by pointer width; linfa
//!   iterates `HashMap`s).
//! - `forust` boosts well and deterministically, but adds 115 kB gzip to a wasm module and has no
//!   forest.
//!
//! This learner measured: boosting −0.0003 ± 0.0003 AUC against HGB at 20,000 rows and
//! +0.0000 at 200,000 (0.48 s and 4.0 s to fit; HGB 0.62 s and 3.6 s); the forest +0.0037
//! against `RandomForestClassifier` at 20,000 rows (0.24 s to fit; scikit-learn 4.0 s) and
//! 2.6 s at 200,000; the same model bytes natively and in wasm; +5.1 kB gzip to the predictor
//! module for decoding, validation, prediction and TreeSHAP.
//!
//! **Determinism.** Training uses `libm`'s `exp` and `ln` (module `math`), fixed summation orders,
//! deterministic tie-breaks and a SplitMix64 stream per forest tree, so the same rows and
//! settings give the same model bytes on every machine and in the browser.
//!
//! **What it leaves out.** Every feature of this product is finite, so missing values are
//! refused, not routed; there are no categorical splits (categories arrive one-hot), no row or
//! column subsampling in boosting, and no early stopping inside a fit (the number of rounds is
//! tuned by cross-validation on staged predictions instead); training is single-threaded, as
//! wasm is. The forest's thresholds are bin edges rather than exact CART cut points, and its
//! `min_leaf` counts distinct rows of the bootstrap sample, not copies.

pub mod bin;
pub mod boost;
pub mod data;
pub mod ensemble;
pub mod explain;
pub mod forest;
pub(crate) mod math;

pub use bin::Binned;
pub use boost::BoostParams;
pub use data::Rows;
pub use ensemble::{Ensemble, Node, Shape, Tree};
pub use forest::ForestParams;
