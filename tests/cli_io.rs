//! The binary's I/O layer: a closed or full stdout or stderr never ends in a panic (status
//! 101), and `score` bounds what one line can take, on real pipes and devices.
#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ticket-insights");
const TICKETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/customer_support_tickets.csv"
);
const SEED_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/models/seed.bin");

/// `ticket_insights::cli::EXIT_STDOUT_CLOSED`.
const STDOUT_CLOSED: i32 = 141;

fn requests(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"id\":{i},\"text\":\"good {i}\"}}\n"))
        .collect()
}

fn dev_full() -> Stdio {
    Stdio::from(File::create("/dev/full").unwrap())
}

#[test]
fn score_ends_quietly_with_141_when_stdout_is_closed() {
    let mut child = Command::new(BIN)
        .args(["score", "--analyzer", "textblob"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    // The child may stop reading first: a failed write here is expected.
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(requests(20_000).as_bytes());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(STDOUT_CLOSED));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn predict_and_evaluate_end_with_141_when_stdout_is_closed() {
    for args in [
        ["predict", "--data", TICKETS, "--model", SEED_MODEL],
        ["evaluate", "--data", TICKETS, "--model", SEED_MODEL],
    ] {
        let mut child = Command::new(BIN)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(STDOUT_CLOSED), "{}", args[0]);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{}", args[0]);
    }
}

#[test]
fn a_full_stdout_is_an_error_with_status_1() {
    let out = Command::new(BIN)
        .args(["predict", "--data", TICKETS, "--model", SEED_MODEL])
        .stdout(dev_full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

/// Runs `score` with stderr full or closed on input with a bad line: the good line is
/// still scored and the status is 1 (a line was rejected), not a panic.
#[test]
fn score_with_stderr_full_or_closed_still_scores_and_exits_1() {
    for stderr in ["full", "closed"] {
        let mut child = Command::new(BIN)
            .args(["score", "--analyzer", "vader"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if stderr == "full" {
                dev_full()
            } else {
                Stdio::piped()
            })
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"{\"id\":1}\n{\"id\":2,\"text\":\"good\"}\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "stderr {stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with("{\"id\":2,"),
            "stderr {stderr}: {stdout}"
        );
    }
}

#[test]
fn predict_with_skipped_rows_and_stderr_full_still_predicts() {
    let dir = std::env::temp_dir().join(format!("ti-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("bad.csv");
    std::fs::write(
        &csv,
        "Ticket ID,Customer Age,Ticket Priority,Ticket Description,Ticket Channel,Ticket Type,Ticket Status\n\
         1,30,Low,fine,Email,Refund request,Closed\n\
         2,NaN,Low,x,Email,Refund request,Open\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["predict", "--model", SEED_MODEL, "--data"])
        .arg(&csv)
        .stderr(dev_full())
        .output()
        .unwrap();
    // A skipped row makes the status 1; the message about it is lost to the full stderr.
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
}

/// VmHWM of a running process, in kB.
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_line_that_never_ends_is_rejected_early_and_memory_stays_bounded() {
    let mut child = Command::new(BIN)
        .args([
            "score",
            "--analyzer",
            "vader",
            "--input",
            "/dev/zero",
            "--max-line-bytes",
            "1000000",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(
        first,
        "ticket-insights: line 1: longer than the limit of 1000000 bytes; line skipped\n"
    );
    // Still reading past the line: give it time to read far more than the limit.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let peak = peak_kb(child.id());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(peak < 32_000, "VmHWM {peak} kB");
}

#[test]
fn a_line_over_max_line_bytes_is_named_and_the_next_lines_are_scored() {
    let long = format!("{{\"id\":2,\"text\":\"{}\"}}\n", "a ".repeat(1000));
    let input = format!("{}{long}{}", requests(1), requests(1));
    let mut child = Command::new(BIN)
        .args(["score", "--analyzer", "seed", "--max-line-bytes", "100"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "ticket-insights: line 2: longer than the limit of 100 bytes; line skipped\n\
         ticket-insights: 2 lines scored, 1 rejected\n"
    );
}

#[test]
fn the_line_limit_is_in_the_help() {
    let out = Command::new(BIN)
        .args(["score", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--max-line-bytes"), "{help}");
    assert!(help.contains("512 MiB"), "{help}");
}
