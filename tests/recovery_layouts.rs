//! Training on any helpdesk layout, from the raw file through detection with no flags, reaches
//! the Bayes AUC of the planted model: a synthetic export per layout (src/synthetic/export.rs,
//! planted linear signal on the description's VADER tone, the subject's TextBlob tone, the
//! priority rank, the phone channel, the incident type, weekends and age), read and trained
//! exactly as `ticket-insights train --data FILE` does.
//!
//! Tolerance: the model's held-out AUC within 2.5 Hanley–McNeil standard errors of the planted
//! probabilities' AUC on the same test rows (about ±0.026 at 10,000 rows). Measured with
//! `cargo test --release --test recovery_layouts -- --nocapture`: every layout lands within
//! 0.002 of its Bayes AUC (0.80–0.83), so the bound is generous for a correct trainer; it
//! catches a reader that loses a role: without the description (`train --map description=`)
//! the Zendesk file's held-out AUC is 0.741 against its Bayes 0.817.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use ticket_insights::export::{self, Options};
use ticket_insights::inspect::Inspection;
use ticket_insights::model::artifact::Split;
use ticket_insights::model::logistic::{FitOptions, Objective};
use ticket_insights::model::metrics::roc_auc;
use ticket_insights::model::split;
use ticket_insights::synthetic::export::{Layout, Outcome, Signal, Spec, write};
use ticket_insights::target::Target;
use ticket_insights::train::{self, Features, Labels, TrainConfig};

const ROWS: usize = 10_000;

/// `ticket-insights train`'s defaults, without the permutation null (tested elsewhere).
fn config(target: Target) -> TrainConfig {
    TrainConfig {
        name: "model".into(),
        features: Features::Select,
        target,
        fit: FitOptions::new(Objective::Lbfgs),
        standardize: true,
        split: None,
        cv_folds: 5,
        permutations: 0,
        selection_in_null: false,
        as_of: None,
    }
}

/// Hanley and McNeil's (1982) standard error of an AUC with `n1` positives and `n0` negatives.
fn hanley_mcneil(auc: f64, n1: f64, n0: f64) -> f64 {
    let q1 = auc / (2.0 - auc);
    let q2 = 2.0 * auc * auc / (1.0 + auc);
    ((auc * (1.0 - auc) + (n1 - 1.0) * (q1 - auc * auc) + (n0 - 1.0) * (q2 - auc * auc))
        / (n1 * n0))
        .sqrt()
}

/// Trains on a generated export of `layout`; returns (model AUC, Bayes AUC, its SE) on the
/// held-out rows.
fn recover(layout: Layout, outcome: Outcome, target: Target) -> (f64, f64, f64) {
    let spec = Spec {
        layout,
        rows: ROWS,
        seed: 7,
        signal: Signal::Linear,
        outcome,
    };
    let mut bytes = Vec::new();
    let truth = write(&spec, &mut bytes).unwrap();
    let e = export::read(&bytes, Options::default()).unwrap();
    assert!(
        e.rejected.is_empty(),
        "{layout:?}: {:?}",
        &e.rejected[..e.rejected.len().min(3)]
    );
    assert_eq!(e.tickets.len(), ROWS, "{layout:?}");
    let inspection = Inspection::of(&e, None);
    let data = common::dataset(&e, &bytes);
    let trained = train::train(&data, &config(target), &mut |_| {}).unwrap();
    let a = &trained.artifact;
    let model_auc = a.metrics.test.as_ref().unwrap().roc_auc;
    // The trainer's split, replayed: the newest 20% by creation time, or a stratified 20%.
    let labels = Labels::of(&data, target, data.latest).unwrap();
    let test = match a.training.split {
        Split::Time => {
            let times: Vec<i64> = labels
                .rows
                .iter()
                .map(|&i| e.tickets[i].created_at.unwrap().instant())
                .collect();
            split::time_split(&times, 0.2).unwrap().test
        }
        Split::Random => split::stratified_split(&labels.y, 0.2, 42).unwrap().test,
        other => panic!("{layout:?}: split {other:?}"),
    };
    let rows: Vec<usize> = test.iter().map(|&p| labels.rows[p]).collect();
    let y: Vec<f64> = test.iter().map(|&p| labels.y[p] as f64).collect();
    // The file's labels are the planted model's draws.
    for (&row, &label) in rows.iter().zip(&y) {
        assert_eq!(
            truth.observed[row],
            Some(label == 1.0),
            "{layout:?} row {row}"
        );
    }
    let p: Vec<f64> = rows.iter().map(|&r| truth.probability[r]).collect();
    let bayes = roc_auc(&y, &p).unwrap();
    let n1 = y.iter().sum::<f64>();
    let se = hanley_mcneil(bayes, n1, y.len() as f64 - n1);
    assert_eq!(inspection.layout.name(), layout.name(), "detected layout");
    (model_auc, bayes, se)
}

#[test]
fn every_layout_reaches_the_planted_bayes_auc_from_the_raw_file() {
    for layout in [
        Layout::Kaggle,
        Layout::Zendesk,
        Layout::Freshdesk,
        Layout::Jira,
        Layout::Zoho,
        Layout::ServiceNow,
        Layout::Custom,
    ] {
        let (model, bayes, se) = recover(layout, Outcome::Resolved, Target::Resolved);
        eprintln!("{layout:?}: held-out AUC {model:.4}, Bayes {bayes:.4} ± {se:.4}");
        assert!(
            (model - bayes).abs() <= 2.5 * se,
            "{layout:?}: held-out AUC {model:.4} vs Bayes {bayes:.4} (SE {se:.4})"
        );
    }
}

#[test]
fn resolution_within_24_hours_is_recovered_with_censored_tickets_left_out() {
    let (model, bayes, se) = recover(
        Layout::Freshdesk,
        Outcome::Within { hours: 24 },
        Target::Within { hours: 24 },
    );
    assert!(
        (model - bayes).abs() <= 2.5 * se,
        "held-out AUC {model:.4} vs Bayes {bayes:.4} (SE {se:.4})"
    );
}
