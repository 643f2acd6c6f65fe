//! The `ticket-insights` binary on fixtures: the JSON Lines scoring contract end to end.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ticket-insights"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn textblob_scores_match_python_textblob() {
    // Expected values: TextBlob 0.20.1, `TextBlob(text).sentiment`.
    let out = run(
        &["score", "--analyzer", "textblob"],
        "{\"id\":\"a\",\"text\":\"This is a great, wonderful product!\"}\n{\"id\":2,\"text\":\"not good\"}\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["id"], "a");
    assert_eq!(
        got[1],
        serde_json::json!({"id": 2, "polarity": -0.35, "subjectivity": 0.6000000000000001})
    );
}

#[test]
fn seed_prints_cleaned_text_and_score() {
    // Expected: the seed pipeline (tools/reference/seedpipe.py) with NLTK and TextBlob.
    let out = run(
        &["score", "--analyzer", "seed"],
        "{\"id\":1,\"text\":\"Kindly help: the the apps are GREAT!!\"}\n",
    );
    assert!(out.status.success());
    assert_eq!(
        lines(&out),
        [serde_json::json!({"id": 1, "cleaned": "help apps great", "score": 0.8})]
    );
}

#[test]
fn vader_prints_four_scores() {
    let out = run(
        &["score", "--analyzer", "vader"],
        "{\"id\":null,\"text\":\"I love it :)\"}\n",
    );
    assert!(out.status.success());
    let got = lines(&out);
    for key in ["neg", "neu", "pos", "compound"] {
        assert!(got[0][key].is_f64(), "{key} in {}", got[0]);
    }
}

#[test]
fn malformed_line_is_named_on_stderr_others_are_scored_and_exit_is_nonzero() {
    let out = run(
        &["score", "--analyzer", "textblob"],
        "{\"id\":1,\"text\":\"good\"}\n{\"id\":2,\"txt\":\"oops\"}\n{\"id\":3,\"text\":\"bad\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<i64> = lines(&out)
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 3]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("line 2: missing field `text`"), "{stderr}");
    assert!(stderr.contains("2 lines scored, 1 rejected"), "{stderr}");
}

#[test]
fn input_file_is_read_and_missing_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("ti-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.jsonl");
    std::fs::write(&file, "{\"id\":1,\"text\":\"good\"}\n").unwrap();
    let out = run(
        &[
            "score",
            "--analyzer",
            "textblob",
            "--input",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success());
    assert_eq!(lines(&out).len(), 1);
    let missing = dir.join("nope.jsonl");
    let out = run(
        &[
            "score",
            "--analyzer",
            "textblob",
            "--input",
            missing.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("nope.jsonl: No such file"), "{stderr}");
}
