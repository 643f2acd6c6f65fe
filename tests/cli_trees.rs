//! `train --learner forest|boosting|auto` on an export the column roles read: the model file,
//! the report (`learner`, `settings`, `comparison`, `metrics.test.roc_auc`), the card; the tree
//! model predicts and evaluates like any other; bad combinations and a corrupted tree file are
//! clear errors.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::planted::{Signal, export};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ticket-insights"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ti-trees-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn auto_compares_and_keeps_the_recommended_model_and_the_report_says_so() {
    let dir = scratch("auto");
    let (bytes, _) = export(Signal::Interaction, 1500, 21);
    let data = dir.join("planted.csv");
    std::fs::write(&data, &bytes).unwrap();
    let (model, report, card) = (dir.join("m.bin"), dir.join("r.json"), dir.join("card.md"));
    let out = run(&[
        "train",
        "--data",
        path(&data),
        "--learner",
        "auto",
        "--permutations",
        "20",
        "--search-rows",
        "1000",
        "--out",
        path(&model),
        "--report",
        path(&report),
        "--card",
        path(&card),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let log = stderr(&out);
    assert!(
        log.contains("nested cross-validation of 12 candidate(s) on 1000 of the 1199 fit rows"),
        "{log}"
    );
    assert!(log.contains("outer fold 5/5"));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let learner = r["learner"].as_str().unwrap();
    assert!(["boosting", "forest"].contains(&learner), "{learner}");
    assert!(r["settings"][learner]["max_depth"].is_u64());
    let comparison = &r["comparison"];
    assert_eq!(comparison["candidates"].as_array().unwrap().len(), 12);
    let recommended = comparison["recommended"].as_u64().unwrap() as usize;
    assert_eq!(comparison["candidates"][recommended]["family"], learner);
    let auc = r["metrics"]["test"]["roc_auc"].as_f64().unwrap();
    assert!(auc > 0.7, "{auc}");
    assert!(r["metrics"]["cv"]["mean_auc"].as_f64().unwrap() > 0.7);
    assert_eq!(
        r["calibration"]["platt"]["a"].as_f64().map(|a| a > 0.0),
        Some(true)
    );
    let card = std::fs::read_to_string(&card).unwrap();
    assert!(card.contains("## Comparison of learners") && card.contains("(recommended)"));
    // The tree model predicts and evaluates like any other.
    let out = run(&["predict", "--data", path(&data), "--model", path(&model)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = String::from_utf8(out.stdout).unwrap();
    assert_eq!(rows.lines().count(), 1501);
    assert!(rows.starts_with("id,probability,resolved\n"));
    let out = run(&["evaluate", "--data", path(&data), "--model", path(&model)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(e["metrics"]["roc_auc"].as_f64().unwrap() > 0.7);
    // A truncated tree model file is refused with the reason.
    let file = std::fs::read(&model).unwrap();
    let cut = dir.join("cut.bin");
    std::fs::write(&cut, &file[..file.len() - 3]).unwrap();
    let out = run(&["evaluate", "--data", path(&data), "--model", path(&cut)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));
}

#[test]
fn one_tuned_learner_with_a_treatment_and_the_combinations_refused() {
    let dir = scratch("one");
    let (bytes, _) = export(Signal::Interaction, 900, 22);
    let data = dir.join("planted.csv");
    std::fs::write(&data, &bytes).unwrap();
    let (model, report) = (dir.join("m.bin"), dir.join("r.json"));
    let out = run(&[
        "train",
        "--data",
        path(&data),
        "--learner",
        "boosting",
        "--resample",
        "under",
        "--calibration",
        "isotonic",
        "--permutations",
        "10",
        "--out",
        path(&model),
        "--report",
        path(&report),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r["learner"], "boosting");
    assert_eq!(r["training"]["resample"], "under");
    assert!(r["calibration"]["isotonic"]["x"].is_array());
    assert!(r["comparison"].is_null());
    assert!(r["coef"].is_null());
    for (args, message) in [
        (
            vec!["--learner", "logistic", "--resample", "over"],
            "resampling and calibration are for the tuned learners",
        ),
        (
            vec![
                "--learner",
                "forest",
                "--resample",
                "over",
                "--class-weight",
                "balanced",
            ],
            "balanced class weights and resampling at once",
        ),
        (
            vec!["--learner", "forest", "--target", "status"],
            "the tuned learners predict two classes",
        ),
    ] {
        let mut all = vec!["train", "--data", path(&data), "--out", path(&model)];
        all.extend(args);
        let out = run(&all);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
}
