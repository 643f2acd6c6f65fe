//! Tree models in wasm32, run by wasm-bindgen-test (in Node): a boosted model trained on a
//! planted export in wasm is the same bytes twice, its file decodes (validated), and it predicts
//! and explains every ticket the way logistic regression does: contributions that add up with
//! the intercept to the log-odds. Also prints the prediction latency of a tree model in wasm
//! (a figure, not a check).
#![cfg(target_arch = "wasm32")]

use ticket_insights::export::{self, Options};
use ticket_insights::inspect::Inspection;
use ticket_insights::model::artifact::{Calibration, Model, Weights};
use ticket_insights::model::logistic::{FitOptions, Objective};
use ticket_insights::synthetic::export::{self as planted, Layout, Outcome, Signal, Spec};
use ticket_insights::target::Target;
use ticket_insights::train::{
    self, Dataset, Features, LearnerChoice, Learning, Search, TrainConfig,
};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn a_boosted_model_trained_in_wasm_decodes_predicts_and_explains_as_logistic_regression_does() {
    let mut bytes = Vec::new();
    let spec = Spec {
        layout: Layout::Kaggle,
        rows: 800,
        seed: 5,
        signal: Signal::Interaction,
        outcome: Outcome::Resolved,
    };
    planted::write(&spec, &mut bytes).unwrap();
    let read = export::read(&bytes, Options::default()).unwrap();
    let inspection = Inspection::of(&read, None);
    let data = Dataset {
        tickets: &read.tickets,
        schema: inspection.schema,
        header: read.summary.header.clone(),
        rows: read.summary.rows,
        rejected: read.summary.rejected,
        sha256: "0".repeat(64),
        latest: read.summary.latest,
    };
    // The studio passes the learner as JSON; so does this test.
    let learning: Learning = serde_json::from_str(
        r#"{"learner": "boosting", "calibration": "platt", "search": {"rows": 500}}"#,
    )
    .unwrap();
    assert_eq!(learning.learner, LearnerChoice::Boosting);
    assert_eq!(learning.calibration, Some(Calibration::Platt));
    assert_eq!(
        learning.search,
        Search {
            rows: 500,
            ..Search::default()
        }
    );
    let config = TrainConfig {
        name: "wasm-trees".into(),
        features: Features::Select,
        target: Target::Resolved,
        fit: FitOptions::new(Objective::Lbfgs),
        standardize: true,
        split: None,
        cv_folds: 3,
        permutations: 5,
        selection_in_null: false,
        as_of: None,
        learning,
    };
    let a = train::train(&data, &config, &mut |_| {})
        .unwrap()
        .artifact
        .to_bytes()
        .unwrap();
    let b = train::train(&data, &config, &mut |_| {})
        .unwrap()
        .artifact
        .to_bytes()
        .unwrap();
    assert!(a == b, "two trainings in wasm differ");
    let model = Model::from_bytes(&a).unwrap();
    assert!(matches!(model.artifact().weights, Weights::Trees(_)));
    let start = js_sys::Date::now();
    let mut n = 0;
    for t in &read.tickets {
        let p = model.predict(t).unwrap();
        let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum();
        assert!((p.intercept + sum - p.logit).abs() < 1e-9);
        assert!(p.probability.is_finite() && (0.0..=1.0).contains(&p.probability));
        n += 1;
    }
    let ms = js_sys::Date::now() - start;
    console_log!(
        "tree model in wasm: {} bytes, {:.1} us per explained prediction over {n} tickets",
        a.len(),
        1000.0 * ms / n as f64
    );
}
