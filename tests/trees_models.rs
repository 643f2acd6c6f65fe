//! Tree models trained from an export: the same file gives the same model bytes; their
//! explanations are exact (TreeSHAP equals brute-force Shapley values on small trained trees and
//! adds up to the log-odds, calibrated or not); corrupted tree model files are rejected with the
//! reason; a class too small for the nested folds is refused with a clear message.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::planted::{Signal, export, tickets};
use ticket_insights::features::sets::FeatureSet;
use ticket_insights::model::artifact::{
    Artifact, ArtifactError, Calibration, Learner, Model, Weights,
};
use ticket_insights::model::link::sigmoid;
use ticket_insights::model::logistic::{FitOptions, Objective};
use ticket_insights::model::tree::{Node, Tree};
use ticket_insights::target::Target;
use ticket_insights::train::{
    self, Features, LearnerChoice, Learning, Search, TrainConfig, Trained,
};

fn config(learner: LearnerChoice, features: Features, calibration: Calibration) -> TrainConfig {
    TrainConfig {
        name: "trees".into(),
        features,
        target: Target::Resolved,
        fit: FitOptions::new(Objective::Lbfgs),
        standardize: true,
        split: None,
        cv_folds: 5,
        permutations: 20,
        selection_in_null: false,
        as_of: None,
        learning: Learning {
            learner,
            calibration: Some(calibration),
            search: Search {
                rows: 1000,
                ..Search::default()
            },
            ..Learning::default()
        },
    }
}

fn trained(bytes: &[u8], config: &TrainConfig) -> Trained {
    let read = common::read(bytes);
    let data = common::dataset(&read, bytes);
    train::train(&data, config, &mut |_| {}).unwrap()
}

#[test]
fn the_same_file_gives_the_same_model_bytes() {
    let (bytes, _) = export(Signal::Interaction, 1500, 11);
    for learner in [LearnerChoice::Forest, LearnerChoice::Boosting] {
        let c = config(learner, Features::Select, Calibration::Platt);
        let a = trained(&bytes, &c).artifact.to_bytes().unwrap();
        let b = trained(&bytes, &c).artifact.to_bytes().unwrap();
        assert!(a == b, "{learner:?}: two trainings differ");
        let model = Artifact::from_bytes(&a).unwrap();
        assert!(matches!(model.artifact().weights, Weights::Trees(_)));
        assert!(model.artifact().metrics.cv.is_some());
        assert!(model.artifact().metrics.test.is_some());
    }
}

/// `E[margin | x_S]` of one tree, a split on a feature outside `S` averaged by cover.
fn conditional(t: &Tree, x: &[f64], s: u32, i: usize) -> f64 {
    match t.nodes[i] {
        Node::Leaf { value, .. } => value,
        Node::Split {
            feature,
            threshold,
            left,
            right,
            cover,
        } => {
            let (l, r) = (left as usize, right as usize);
            if s & (1 << feature) != 0 {
                conditional(
                    t,
                    x,
                    s,
                    if x[feature as usize] <= threshold {
                        l
                    } else {
                        r
                    },
                )
            } else {
                (conditional(t, x, s, l) * t.nodes[l].cover()
                    + conditional(t, x, s, r) * t.nodes[r].cover())
                    / cover
            }
        }
    }
}

#[test]
fn tree_shap_of_trained_models_equals_brute_force_shapley_values_and_adds_up() {
    let (bytes, _) = export(Signal::Interaction, 1200, 5);
    let (probe, _) = tickets(Signal::Interaction, 40, 99);
    for (learner, calibration) in [
        (LearnerChoice::Boosting, Calibration::None),
        (LearnerChoice::Forest, Calibration::Platt),
        (LearnerChoice::Boosting, Calibration::Isotonic),
    ] {
        // Three features: brute force enumerates all 8 subsets.
        let c = config(learner, Features::Named(FeatureSet::Seed3), calibration);
        let model = Model::new(trained(&bytes, &c).artifact).unwrap();
        let Weights::Trees(e) = &model.artifact().weights else {
            unreachable!()
        };
        let m = 3;
        for t in &probe {
            let p = model.predict(t).unwrap();
            let x: Vec<f64> = p.contributions.iter().map(|c| c.value).collect();
            let sum: f64 = p.contributions.iter().map(|c| c.contribution).sum();
            assert!((p.intercept + sum - p.logit).abs() < 1e-9, "{learner:?}");
            match calibration {
                Calibration::Isotonic => assert_eq!(p.logit, e.margin(&x)),
                _ => assert!((p.probability - sigmoid(p.logit)).abs() < 1e-15),
            }
            if calibration != Calibration::None {
                continue;
            }
            let fact = |k: usize| (1..=k).map(|v| v as f64).product::<f64>();
            for (i, c) in p.contributions.iter().enumerate() {
                let mut phi = 0.0;
                for tree in &e.trees {
                    for s in 0u32..(1 << m) {
                        if s & (1 << i) != 0 {
                            continue;
                        }
                        let k = s.count_ones() as usize;
                        let w = fact(k) * fact(m - k - 1) / fact(m);
                        phi += w
                            * (conditional(tree, &x, s | (1 << i), 0)
                                - conditional(tree, &x, s, 0));
                    }
                }
                assert!(
                    (phi - c.contribution).abs() < 1e-9,
                    "{phi} {}",
                    c.contribution
                );
            }
        }
    }
}

#[test]
fn corrupted_tree_model_files_are_rejected_with_the_reason() {
    let (bytes, _) = export(Signal::Interaction, 1200, 7);
    let c = config(
        LearnerChoice::Boosting,
        Features::Named(FeatureSet::Seed3),
        Calibration::Platt,
    );
    let good = trained(&bytes, &c).artifact;
    fn nodes(a: &mut Artifact) -> &mut Vec<Node> {
        match &mut a.weights {
            Weights::Trees(e) => &mut e.trees[0].nodes,
            _ => unreachable!(),
        }
    }
    let reject = |a: Artifact| Artifact::from_bytes(&a.to_bytes().unwrap()).unwrap_err();
    let mut out_of_range = good.clone();
    let n = nodes(&mut out_of_range).len() as u32;
    if let Node::Split { left, .. } = &mut nodes(&mut out_of_range)[0] {
        *left = n + 5;
    }
    let err = reject(out_of_range).to_string();
    assert!(
        err.starts_with("invalid model: tree 0 node 0 has children")
            && err.contains("out of range"),
        "{err}"
    );
    let mut nan = good.clone();
    let leaf = nodes(&mut nan)
        .iter()
        .position(|n| matches!(n, Node::Leaf { .. }))
        .unwrap();
    if let Node::Leaf { value, .. } = &mut nodes(&mut nan)[leaf] {
        *value = f64::NAN;
    }
    assert_eq!(
        reject(nan).to_string(),
        format!("invalid model: tree 0 leaf {leaf} has value NaN")
    );
    let mut cycle = good.clone();
    if let Node::Split { right, .. } = &mut nodes(&mut cycle)[0] {
        *right = 0;
    }
    assert!(reject(cycle).to_string().contains("not after it"));
    let file = good.to_bytes().unwrap();
    for cut in [17, file.len() / 3, file.len() - 1] {
        assert!(matches!(
            Artifact::from_bytes(&file[..cut]),
            Err(ArtifactError::Length { .. })
        ));
    }
    let mut flipped = file.clone();
    let at = file.len() / 2;
    flipped[at] ^= 0x40;
    assert!(matches!(
        Artifact::from_bytes(&flipped),
        Err(ArtifactError::Checksum { .. })
    ));
    assert!(matches!(good.training.learner, Learner::Boosting(_)));
}

#[test]
fn a_class_too_small_for_the_nested_folds_gets_a_clear_message() {
    // 400 tickets, 12 resolved: enough for 5-fold cross-validation, not for 5 × 3 nested folds.
    let (mut t, _) = tickets(Signal::None, 400, 13);
    for (i, ticket) in t.iter_mut().enumerate() {
        ticket.status = Some(if i % 33 == 0 { "Closed" } else { "Open" }.into());
    }
    let bytes = common::planted::csv(&t);
    let read = common::read(&bytes);
    let data = common::dataset(&read, &bytes);
    let c = config(LearnerChoice::Forest, Features::Select, Calibration::Platt);
    let err = train::train(&data, &c, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("are 'resolved'")
            && err.contains(
                "nested cross-validation (5 outer × 3 inner folds) needs at least 15 of each class"
            ),
        "{err}"
    );
    let status = TrainConfig {
        target: Target::Status,
        cv_folds: 0,
        ..c
    };
    let err = train::train(&data, &status, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("use --learner logistic"), "{err}");
}
