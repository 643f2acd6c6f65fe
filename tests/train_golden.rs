//! Training end to end from the raw CSV through this crate's reader, feature code and trainer,
//! against scikit-learn 1.9.1 (`tests/data/golden/sklearn_models.json`) and scikit-learn's
//! metrics of the exact optimum (`tests/data/diff/model_exact_metrics.json`).
//!
//! Tolerances: weights within 1e-6 of the golden `exact_optimum` (the brief's bound; the solver
//! lands within 1e-9); test accuracy and balanced accuracy equal; ROC AUC within 1e-5; log loss
//! and Brier within 1e-9 of scikit-learn's metrics of the exact optimum.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use ticket_insights::export::{Export, Schema};
use ticket_insights::features::sets::FeatureSet;
use ticket_insights::features::{self, Feature, Text};
use ticket_insights::model::artifact::{Artifact, Split, Weights};
use ticket_insights::model::logistic::{FitOptions, Objective};
use ticket_insights::target::Target;
use ticket_insights::train::{self, Features, TrainConfig};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{DATA}/{path}")).unwrap()).unwrap()
}

fn tickets() -> Export {
    common::read(&common::bundled_csv())
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Golden configuration key → our training configuration (no CV: it is tested elsewhere).
fn config(key: &str, split: Split) -> TrainConfig {
    let (features, objective, balanced, standardize, target) = match key {
        "a_seed3_liblinear" => (
            FeatureSet::Seed3,
            Objective::Liblinear,
            false,
            false,
            Target::Resolved,
        ),
        "b_seed3_lbfgs" => (
            FeatureSet::Seed3,
            Objective::Lbfgs,
            false,
            false,
            Target::Resolved,
        ),
        "c_seed5_liblinear" => (
            FeatureSet::Seed5,
            Objective::Liblinear,
            false,
            false,
            Target::Resolved,
        ),
        "d_seed3_sxpriority_liblinear" => (
            FeatureSet::Seed3x,
            Objective::Liblinear,
            false,
            false,
            Target::Resolved,
        ),
        "e_seed3_liblinear_balanced" => (
            FeatureSet::Seed3,
            Objective::Liblinear,
            true,
            false,
            Target::Resolved,
        ),
        "f_seed3_standardized_lbfgs" => (
            FeatureSet::Seed3,
            Objective::Lbfgs,
            false,
            true,
            Target::Resolved,
        ),
        "g_status3_multinomial_lbfgs" => (
            FeatureSet::Ordinal3,
            Objective::Lbfgs,
            false,
            false,
            Target::Status,
        ),
        other => panic!("unknown config {other}"),
    };
    let fit = FitOptions::new(objective);
    TrainConfig {
        name: key.into(),
        features: Features::Named(features),
        target,
        fit: if balanced { fit.balanced() } else { fit },
        standardize,
        split: Some(split),
        cv_folds: 0,
        permutations: 0,
        selection_in_null: false,
        as_of: None,
        learning: Default::default(),
    }
}

const KEYS: [&str; 7] = [
    "a_seed3_liblinear",
    "b_seed3_lbfgs",
    "c_seed5_liblinear",
    "d_seed3_sxpriority_liblinear",
    "e_seed3_liblinear_balanced",
    "f_seed3_standardized_lbfgs",
    "g_status3_multinomial_lbfgs",
];

fn train(read: &Export, key: &str, split: Split) -> Artifact {
    let data = common::dataset(read, &[]);
    train::train(&data, &config(key, split), &mut |_| {})
        .unwrap()
        .artifact
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "{what}[{i}]: {g} vs {w}");
    }
}

#[test]
fn features_from_the_raw_csv_equal_the_golden_features() {
    let read = tickets();
    let golden = csv::Reader::from_path(format!("{DATA}/golden/features.csv"))
        .unwrap()
        .into_deserialize::<std::collections::HashMap<String, String>>()
        .map(Result::unwrap)
        .collect::<Vec<_>>();
    const D: Text = Text::Description;
    let columns = [
        Feature::CustomerAge,
        Feature::PrioritySeed,
        Feature::PriorityRank,
        Feature::SeedScore(D),
        Feature::SeedMagnitude(D),
        Feature::SeedSign(D),
        Feature::Vader(D),
    ];
    let x = features::matrix(&columns, &read.tickets, &Schema::kaggle()).unwrap();
    assert_eq!(x.nrows(), golden.len());
    for (row, g) in x.rows().into_iter().zip(&golden) {
        for (value, column) in row.iter().zip(&columns) {
            let want: f64 = g[&column.name()].parse().unwrap();
            assert_eq!(
                value.to_bits(),
                want.to_bits(),
                "ticket {} {}",
                g["Ticket ID"],
                column.name()
            );
        }
    }
}

#[test]
fn every_configuration_reaches_the_exact_optimum_from_the_raw_csv() {
    let read = tickets();
    let golden = json("golden/sklearn_models.json");
    for key in KEYS {
        for (split, name) in [(Split::Seed, "seed_split"), (Split::All, "all_rows")] {
            let exact = &golden["configs"][key][name]["exact_optimum"];
            let model = train(&read, key, split);
            let what = format!("{key} {name}");
            match &model.weights {
                Weights::Binary { coef, intercept } => {
                    assert_close(&what, coef, &floats(&exact["coef"]), 1e-6);
                    assert_close(&what, &[*intercept], &floats(&exact["intercept"]), 1e-6);
                }
                Weights::Multinomial { coef, intercept } => {
                    for (k, row) in coef.iter().enumerate() {
                        assert_close(&what, row, &floats(&exact["coef"][k]), 1e-6);
                    }
                    assert_close(
                        &what,
                        intercept,
                        &floats(&exact["intercept_centered"]),
                        1e-6,
                    );
                    assert_eq!(
                        model.classes,
                        ["Closed", "Open", "Pending Customer Response"]
                    );
                }
                Weights::Trees(_) => panic!("{what}: a logistic configuration grew trees"),
            }
        }
    }
}

/// The solver stops at its tolerance, not before: on every golden configuration the gradient
/// it reports at the solution is within the documented 1e-10 (`DEFAULT_TOL`), so a looser
/// tolerance, which the 1e-6 weight bound above would not notice, fails here.
#[test]
fn every_configuration_stops_within_the_documented_gradient_tolerance() {
    const DOCUMENTED_TOL: f64 = 1e-10;
    let read = tickets();
    for key in KEYS {
        for split in [Split::Seed, Split::All] {
            let model = train(&read, key, split);
            let norm = model.training.gradient_norm;
            assert!(
                norm <= DOCUMENTED_TOL && norm <= config(key, split).fit.tol,
                "{key} {split:?}: gradient norm {norm:e}"
            );
        }
    }
}

#[test]
fn test_metrics_equal_scikit_learn_on_the_seed_split() {
    let read = tickets();
    let exact = json("diff/model_exact_metrics.json");
    for key in KEYS {
        let model = train(&read, key, Split::Seed);
        let t = model.metrics.test.as_ref().unwrap();
        let want = &exact["configs"][key]["seed_split"]["test_metrics"];
        let auc_key = if key.starts_with('g') {
            "roc_auc_ovr_macro"
        } else {
            "roc_auc"
        };
        let brier_key = if key.starts_with('g') {
            "brier_multiclass_sum_over_classes"
        } else {
            "brier"
        };
        assert_eq!(t.n, 1694);
        assert_eq!(t.accuracy, want["accuracy"].as_f64().unwrap(), "{key}");
        assert_eq!(
            t.balanced_accuracy,
            want["balanced_accuracy"].as_f64().unwrap(),
            "{key}"
        );
        assert!(
            (t.roc_auc - want[auc_key].as_f64().unwrap()).abs() < 1e-5,
            "{key}"
        );
        assert!(
            (t.log_loss - want["log_loss"].as_f64().unwrap()).abs() < 1e-9,
            "{key}"
        );
        assert!(
            (t.brier - want[brier_key].as_f64().unwrap()).abs() < 1e-9,
            "{key}"
        );
    }
    // The seed README's anchors: accuracy is the majority share, AUC 0.534064.
    let a = train(&read, "a_seed3_liblinear", Split::Seed);
    let t = a.metrics.test.unwrap();
    assert_eq!(t.accuracy, t.majority_baseline);
    assert!((t.roc_auc - 0.534064).abs() < 1e-6);
    assert_eq!(t.predicted_positive_share, 0.0);
    assert_eq!(t.confusion, [[1120, 0], [574, 0]]);
    let neg = t.negative_segment.unwrap();
    assert_eq!(
        (neg.n, format!("{:.4}", neg.accuracy)),
        (383, "0.6240".into())
    );
}

#[test]
fn cross_validated_auc_matches_scikit_learn() {
    // Seed3 liblinear on all rows, `StratifiedKFold(5, shuffle=True, random_state=0)`: the
    // fold AUCs of our exact fits are within 1e-3 of cross_val_score's (liblinear stops up to
    // ~1e-3 from the optimum per fold; with its weights our folds and AUC agree to 1e-12, see
    // model_golden.rs).
    let read = tickets();
    let data = common::dataset(&read, &[]);
    let golden = json("golden/sklearn_models.json");
    for key in ["a_seed3_liblinear", "e_seed3_liblinear_balanced"] {
        let mut cfg = config(key, Split::All);
        cfg.cv_folds = 5;
        let model = train::train(&data, &cfg, &mut |_| {}).unwrap().artifact;
        let cv = model.metrics.cv.unwrap();
        let want = &golden["cv5"]["results"][key];
        assert_close(key, &cv.fold_auc, &floats(&want["fold_roc_auc"]), 1e-3);
        assert!(
            (cv.mean_auc - want["mean"].as_f64().unwrap()).abs() < 2e-4,
            "{key}"
        );
        assert_eq!((cv.n, cv.permutations), (8469, 0));
    }
}
