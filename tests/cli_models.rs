//! The `train`, `evaluate` and `predict` commands on fixtures, and every kind of bad input
//! they must reject with a clear message (never a panic).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TICKETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/customer_support_tickets.csv"
);
const SEED_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/models/seed.bin");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ticket-insights"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ti-models-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_string()
}

const HEADER: &str = "Ticket ID,Customer Age,Ticket Priority,Ticket Description,Ticket Channel,Ticket Type,Ticket Status\n";

#[test]
fn train_writes_a_model_and_a_report_with_the_seed_figures() {
    let dir = scratch("train");
    let model = dir.join("m.bin");
    let report = dir.join("r.json");
    let out = run(&[
        "train",
        "--data",
        TICKETS,
        "--features",
        "seed3",
        "--solver",
        "liblinear",
        "--split",
        "seed",
        "--permutations",
        "20",
        "--out",
        model.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permutation null: 0/20"),
        "{}",
        stderr(&out)
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        r["features"],
        serde_json::json!(["age", "priority_seed", "s"])
    );
    // Config a's exact optimum (tests/data/golden/sklearn_models.json).
    let want = [
        0.0016159450119665954,
        -0.005036446892342727,
        -0.1655070497117222,
    ];
    for (got, want) in r["coef"].as_array().unwrap().iter().zip(want) {
        assert!((got.as_f64().unwrap() - want).abs() < 1e-6);
    }
    assert!((r["intercept"].as_f64().unwrap() + 0.7865305500527319).abs() < 1e-6);
    let test = &r["metrics"]["test"];
    assert_eq!(test["accuracy"], test["majority_baseline"]);
    assert_eq!(test["balanced_accuracy"], 0.5);
    assert!((test["roc_auc"].as_f64().unwrap() - 0.534064).abs() < 1e-6);
    for key in ["log_loss", "brier"] {
        assert!(test[key].is_f64(), "{key}");
    }
    assert_eq!(r["metrics"]["cv"]["permutations"], 20);
    // The written model is the committed seed model but for the p-value's permutation count.
    let written = std::fs::read(&model).unwrap();
    assert_eq!(&written[..8], b"TKTINSLR");

    let out = run(&[
        "train",
        "--data",
        TICKETS,
        "--features",
        "ordinal3",
        "--solver",
        "lbfgs",
        "--target",
        "status",
        "--split",
        "all",
        "--out",
        model.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn evaluate_prints_json_metrics() {
    let out = run(&["evaluate", "--data", TICKETS, "--model", SEED_MODEL]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["model"], "seed");
    assert_eq!(
        r["rows"],
        serde_json::json!({"read": 8469, "used": 8469, "rejected": 0, "censored": 0})
    );
    let m = &r["metrics"];
    // All rows: every ticket predicted "not resolved", so accuracy is the unresolved share.
    assert_eq!(m["n"], 8469);
    assert_eq!(m["accuracy"], m["majority_baseline"]);
    assert!((m["accuracy"].as_f64().unwrap() - (8469.0 - 2769.0) / 8469.0).abs() < 1e-12);
}

#[test]
fn predict_writes_one_probability_per_ticket() {
    let dir = scratch("predict");
    let csv = write(
        &dir,
        "t.csv",
        format!(
            "{HEADER}a1,30,Low,\"I love it, thank you!\",Email,Refund request,Open\n\
             a2,61,Critical,\"Terrible.\nStill broken.\",Chat,Technical issue,\n"
        )
        .as_bytes(),
    );
    // No status needed to predict, nor any column the model does not read.
    let csv_no_status = write(
        &dir,
        "u.csv",
        b"Customer Age,Ticket Priority,Ticket Description\n30,Low,great\n61,High,awful\n",
    );
    let out = run(&["predict", "--data", &csv_no_status, "--model", SEED_MODEL]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["id", "probability", "resolved"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0], "1");
    let p: Vec<f64> = rows[1..].iter().map(|r| r[1].parse().unwrap()).collect();
    // The seed model's sentiment coefficient is negative: the awful ticket scores higher.
    assert!(
        p[1] > p[0] && p.iter().all(|&p| p > 0.2 && p < 0.5),
        "{p:?}"
    );
    let out = run(&["predict", "--data", &csv, "--model", SEED_MODEL]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("id,probability,resolved\na1,"), "{text}");
    assert_eq!(text.lines().count(), 3);
    // A file without a column the model reads is refused, naming it.
    let other = write(&dir, "o.csv", b"Description,Status\nbroken,Open\n");
    let out = run(&["predict", "--data", &other, "--model", SEED_MODEL]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "the model reads column 'Ticket Description' as its description, and this file has no such column (its columns: Description, Status)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_rows_stop_with_line_and_field_or_are_skipped_and_counted() {
    let dir = scratch("rows");
    let csv = write(
        &dir,
        "bad.csv",
        format!(
            "{HEADER}1,30,Low,fine,Email,Refund request,Closed\n\
             0,31,Low,fine too,Email,Refund request,Open\n\
             2,NaN,Low,x,Email,Refund request,Open\n\
             3,-1,Low,x,Email,Refund request,Open\n\
             4,1000000,Low,x,Email,Refund request,Open\n\
             5,40,Urgent,x,Email,Refund request,Open\n\
             6,41,High,\"unterminated\n"
        )
        .as_bytes(),
    );
    let model = dir.join("m.bin");
    let train = |extra: &[&str]| {
        let mut args = vec![
            "train",
            "--data",
            &csv,
            "--features",
            "seed3",
            "--split",
            "all",
            "--permutations",
            "0",
            "--out",
            model.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let out = train(&["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "line 4, column 'Customer Age': NaN is not an age in whole years from 0 to 120"
        ),
        "{}",
        stderr(&out)
    );
    let out = train(&[]);
    let err = stderr(&out);
    for expected in [
        "skipped line 4, column 'Customer Age': NaN",
        "skipped line 5, column 'Customer Age': -1",
        "skipped line 6, column 'Customer Age': 1000000",
        "skipped line 8: a quoted field opened on this line is never closed",
        "3 tickets read, 4 rows skipped",
    ] {
        assert!(err.contains(expected), "no {expected:?} in {err}");
    }
    // "Urgent" is a priority word (ranked with Critical), not a bad row.
    assert!(!err.contains("Urgent"), "{err}");
    // What is left has one resolved and two unresolved tickets: too few for 5 folds, which
    // is an error that says so, not a panic.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("only 2 of the 3 fitted tickets are 'not resolved': 5-fold cross-validation needs at least 5 of each class"),
        "{err}"
    );
}

#[test]
fn empty_files_and_single_class_targets_are_clear_errors() {
    let dir = scratch("empty");
    let train = |csv: &str| {
        run(&[
            "train",
            "--data",
            csv,
            "--features",
            "seed3",
            "--split",
            "all",
            "--permutations",
            "0",
            "--out",
            dir.join("m.bin").to_str().unwrap(),
        ])
    };
    let out = train(&write(&dir, "empty.csv", b""));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the CSV is empty: no header row"),
        "{}",
        stderr(&out)
    );
    let out = train(&write(&dir, "header.csv", HEADER.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no rows"), "{}", stderr(&out));
    let mut rows = HEADER.to_string();
    for i in 0..20 {
        rows.push_str(&format!(
            "{i},{},Low,text {i},Email,Refund request,Open\n",
            20 + i
        ));
    }
    let out = train(&write(&dir, "open.csv", rows.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "column 'Ticket Status' has one value in every ticket ('Open' (20)): there is nothing to predict"
        ),
        "{}",
        stderr(&out)
    );
    let out = train(&write(
        &dir,
        "nostatus.csv",
        b"Customer Age,Ticket Priority,Ticket Description\n30,Low,x\n",
    ));
    assert!(
        stderr(&out).contains(
            "the target resolved needs a status column, and the export has none mapped: map one with --map status=HEADER"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn corrupted_truncated_and_foreign_model_files_are_rejected() {
    let dir = scratch("corrupt");
    let good = std::fs::read(SEED_MODEL).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("flipped.bin", flipped, "model file is corrupted: checksum"),
        (
            "truncated.bin",
            good[..good.len() - 10].to_vec(),
            "truncated",
        ),
        (
            "csv.bin",
            b"Ticket ID,Customer Age\n".to_vec(),
            "not a ticket-insights model file",
        ),
        ("empty.bin", Vec::new(), "not a ticket-insights model file"),
    ];
    for (name, bytes, message) in cases {
        let path = write(&dir, name, &bytes);
        let out = run(&["predict", "--data", TICKETS, "--model", &path]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        assert!(err.contains(name) && err.contains(message), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = run(&[
        "predict",
        "--data",
        TICKETS,
        "--model",
        &format!("{ROOT}/nope.bin"),
    ]);
    assert!(
        stderr(&out).contains("nope.bin: No such file"),
        "{}",
        stderr(&out)
    );
}
