//! Every one-fault file in `tests/data/exports/bad/` (described in its `faults.json`) through the
//! CLI as a user meets it: `inspect`, then `train`. Each gets the message that says what is wrong
//! and where (line, column name, value), the exit code that says whether anything was written,
//! and, for a fault confined to some rows, every other row still read. A fault added to
//! `faults.json` without a case here fails [`every_fault_file_has_a_case`].
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

fn bad(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/exports/bad")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ticket-insights"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

/// Trains a model on `file` (relative to the bad/ directory) with `train`'s defaults and no
/// permutation null; returns the model file's path, unique to `name` and this process.
fn trained_on(file: &str, name: &str) -> PathBuf {
    let model = std::env::temp_dir().join(format!("bad-input-{name}-{}.bin", std::process::id()));
    let data = bad(file);
    let trained = run(&[
        "train",
        "--data",
        data.to_str().unwrap(),
        "--permutations",
        "0",
        "--out",
        model.to_str().unwrap(),
    ]);
    assert!(
        trained.status.success(),
        "{}",
        String::from_utf8_lossy(&trained.stderr)
    );
    model
}

/// What a user sees when they run `command` on `file` with `extra` arguments.
struct Seen {
    code: i32,
    stdout: String,
    stderr: String,
}

fn seen(command: &str, file: &str, extra: &[&str]) -> Seen {
    let path = bad(file);
    let out_dir = std::env::temp_dir().join(format!("bad-input-{}-{file}", std::process::id()));
    let model = out_dir.with_extension("bin");
    let mut args = vec![command, "--data", path.to_str().unwrap()];
    if command == "train" {
        args.extend(["--permutations", "0", "--out", model.to_str().unwrap()]);
    }
    args.extend(extra);
    let o = run(&args);
    let _ = std::fs::remove_file(&model);
    Seen {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

impl Seen {
    /// Asserts the exit code and that stderr holds each fragment.
    fn says(&self, code: i32, fragments: &[&str]) -> &Self {
        assert_eq!(self.code, code, "exit code; stderr:\n{}", self.stderr);
        for f in fragments {
            assert!(
                self.stderr.contains(f),
                "stderr lacks {f:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// Asserts `inspect`'s summary line `rows: N (T tickets, R rejected, ...)`.
    fn reads(&self, tickets: usize, rejected: usize) -> &Self {
        let want = format!("({tickets} tickets, {rejected} rejected");
        assert!(
            self.stdout.contains(&want),
            "want {want:?} in:\n{}",
            self.stdout
        );
        self
    }
}

#[test]
fn every_fault_file_has_a_case() {
    let faults = std::fs::read_to_string(bad("faults.json")).unwrap();
    let listed: BTreeSet<String> = faults
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split_once("\": {"))
        .map(|(name, _)| name.to_string())
        .collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(bad(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    assert_eq!(listed, on_disk, "faults.json and the files disagree");
    let this = include_str!("bad_input.rs");
    for name in &listed {
        assert!(
            this.contains(&format!("\"{name}\"")),
            "{name} has no case in tests/bad_input.rs"
        );
    }
    assert_eq!(listed.len(), 16);
}

#[test]
fn no_text_column_names_the_columns_and_the_flag() {
    for command in ["inspect", "train"] {
        seen(command, "no_text_column.csv", &[]).says(
            1,
            &[
                "no text column",
                "Ticket ID, Status, Priority, Source, Created time, Resolved time",
                "--map description=HEADER",
            ],
        );
    }
}

#[test]
fn one_status_value_says_there_is_nothing_to_predict() {
    seen("inspect", "one_status.csv", &[])
        .says(0, &[])
        .reads(30, 0);
    seen("train", "one_status.csv", &[]).says(
        1,
        &[
            "column 'Status' has one value in every ticket ('Open' (30))",
            "nothing to predict",
        ],
    );
}

#[test]
fn all_censored_names_the_export_time_and_the_ways_out() {
    seen("train", "all_censored.csv", &[]).says(
        1,
        &[
            "no status in column 'Status' counts as resolved",
            "--resolved-status",
        ],
    );
    seen("train", "all_censored.csv", &["--target", "within:24h"]).says(
        1,
        &[
            "every ticket is censored",
            "2024-06-14T16:00:00",
            "20 censored",
            "--as-of",
        ],
    );
}

#[test]
fn bad_timestamps_skip_their_rows_by_line_and_keep_the_others() {
    let s = seen("inspect", "bad_timestamps.csv", &[]);
    s.says(
        0,
        &[
            "skipped line 6, column 'Created time': 'yesterday' is not a timestamp",
            "skipped line 11, column 'Created time': 'n/a'",
            "skipped line 19, column 'Created time': '31/02/2024 10:00'",
        ],
    )
    .reads(17, 3);
    // The empty cell on line 17 is a missing time, not a fault, and the time split says so.
    seen("train", "bad_timestamps.csv", &[]).says(
        1,
        &[
            "a time split needs every ticket's creation time",
            "1 tickets have none",
            "--split random",
        ],
    );
}

#[test]
fn unparsable_timestamps_refuse_the_column() {
    seen("inspect", "unparsable_timestamps.csv", &[]).says(
        1,
        &[
            "column 'Created time' is not a column of timestamps",
            "0 of 16 values",
            "'yesterday'",
        ],
    );
    // Mapped to nothing, the rest of the file reads and the error is the next one.
    seen(
        "inspect",
        "unparsable_timestamps.csv",
        &["--map", "created_at="],
    )
    .says(0, &[])
    .reads(16, 0);
}

#[test]
fn duplicate_headers_name_both_columns() {
    for command in ["inspect", "train"] {
        seen(command, "duplicate_headers.csv", &[]).says(
            1,
            &["the header 'Status' appears more than once (columns 4, 7)"],
        );
    }
}

#[test]
fn an_unclosed_quote_costs_its_own_line_only() {
    seen("inspect", "unclosed_quote.csv", &[])
        .says(
            0,
            &["skipped line 2: a quoted field opened on this line is never closed"],
        )
        .reads(4, 1);
}

#[test]
fn windows_1252_is_decoded_not_rejected() {
    let s = seen("inspect", "cp1252.csv", &[]);
    s.says(0, &[]).reads(4, 0);
    assert!(s.stdout.contains("windows-1252"), "{}", s.stdout);
    // Too few tickets to cross-validate: said with the counts.
    seen("train", "cp1252.csv", &[]).says(
        1,
        &["5-fold cross-validation needs at least 5 of each class"],
    );
}

#[test]
fn semicolons_are_sniffed_and_ambiguous_dates_ask_for_an_order() {
    seen("inspect", "semicolon.csv", &[]).says(
        1,
        &[
            "'01.03.2024 09:00' that read both as day/month and as month/day",
            "--date-order dmy",
        ],
    );
    let s = seen("inspect", "semicolon.csv", &["--date-order", "dmy"]);
    s.says(0, &[]);
    assert!(s.stdout.contains("';' between fields"), "{}", s.stdout);
}

#[test]
fn duplicate_ids_are_reported_with_their_lines_and_kept() {
    seen("inspect", "duplicate_ids.csv", &[])
        .says(
            0,
            &["repeat a ticket id seen earlier (first: '4' on lines 5 and 11)"],
        )
        .reads(15, 0);
    // predict says so too, and predicts every row.
    let model = trained_on("duplicate_ids.csv", "dupes");
    let s = seen(
        "predict",
        "duplicate_ids.csv",
        &["--model", model.to_str().unwrap()],
    );
    std::fs::remove_file(&model).unwrap();
    s.says(
        0,
        &["1 rows repeat a ticket id seen earlier (first: '4' on lines 5 and 11)"],
    );
    assert_eq!(s.stdout.lines().count(), 1 + 15, "{}", s.stdout);
}

#[test]
fn an_extra_field_costs_its_own_line_only() {
    seen("inspect", "extra_field.csv", &[])
        .says(0, &["skipped line 8: the row has 7 fields, the header 6"])
        .reads(9, 1);
}

#[test]
fn empty_and_header_only_files_say_so() {
    seen("inspect", "empty.csv", &[]).says(1, &["the CSV is empty: no header row"]);
    seen("train", "empty.csv", &[]).says(1, &["the CSV is empty: no header row"]);
    seen("train", "header_only.csv", &[]).says(
        1,
        &["no tickets to train on: the file has a header and no rows"],
    );
}

#[test]
fn nul_bytes_mixed_line_ends_and_a_huge_field_read_every_row() {
    seen("inspect", "nul_byte.csv", &[])
        .says(0, &[])
        .reads(8, 0);
    seen("inspect", "mixed_line_endings.csv", &[])
        .says(0, &[])
        .reads(10, 0);
    seen("inspect", "huge_description.csv", &[])
        .says(0, &[])
        .reads(5, 0);
}

#[test]
fn a_mapping_to_a_missing_header_names_the_columns() {
    seen("train", "one_status.csv", &["--map", "description=Nope"]).says(
        1,
        &[
            "no column 'Nope' for the role description",
            "(the file's columns: ",
        ],
    );
}

#[test]
fn a_model_whose_mapping_does_not_fit_the_file_names_the_role_and_the_columns() {
    let model = trained_on("../zendesk.csv", "zendesk");
    let s = seen(
        "predict",
        "no_text_column.csv",
        &["--model", model.to_str().unwrap()],
    );
    std::fs::remove_file(&model).unwrap();
    s.says(
        1,
        &[
            "the model reads column 'Subject' as its subject, and this file has no such column",
            "(its columns: Ticket ID, Status, Priority, Source, Created time, Resolved time)",
            "--map subject=HEADER",
        ],
    );
    assert_eq!(s.stdout, "id,probability,resolved\n", "no row is scored");
}
