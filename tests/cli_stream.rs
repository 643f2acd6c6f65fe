//! The streaming commands at the binary's edge: `predict`, `evaluate`, `inspect` and `score`
//! give the same bytes on any thread count and from a pipe as from a file, name rejected rows
//! in file order, and read a large export from standard input in bounded memory.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ticket-insights");
const IMPROVED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/models/improved.bin");

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("cli-stream-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes a generated kaggle-layout export of `rows` rows to `path`.
fn generate(path: &Path, rows: usize) {
    let out = Command::new(BIN)
        .args([
            "generate",
            "--layout",
            "kaggle",
            "--rows",
            &rows.to_string(),
        ])
        .arg("--out")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A kaggle-layout row whose age is not an age: rejected by the reader.
fn bad_row(id: u32) -> String {
    format!(
        "{id},A B,a@b.c,abc,Female,Dell XPS,2023-12-28,Billing inquiry,Refund request,\
         \"The charge is wrong, twice\",Closed,,Low,Email,,,\n"
    )
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

/// `args` with `--threads N` appended.
fn run_on(args: &[&str], threads: usize) -> Output {
    let threads = threads.to_string();
    let mut all = args.to_vec();
    all.extend(["--threads", threads.as_str()]);
    run(&all)
}

#[test]
fn every_streaming_command_gives_the_same_bytes_on_any_thread_count_and_from_a_pipe() {
    let dir = Scratch::new("threads");
    let clean = dir.0.join("clean.csv");
    generate(&clean, 3000);
    // Rejected rows in the middle and at the end: their messages must come in file order.
    let text = std::fs::read_to_string(&clean).unwrap();
    let middle = text.find("\n1500,").unwrap() + 1;
    let data = dir.0.join("data.csv");
    let with_bad = format!(
        "{}{}{}{}",
        &text[..middle],
        bad_row(900_001),
        &text[middle..],
        bad_row(900_002)
    );
    std::fs::write(&data, &with_bad).unwrap();
    let data = data.to_str().unwrap();

    let predict = ["predict", "--data", data, "--model", IMPROVED];
    let want = run_on(&predict, 1);
    assert_eq!(
        want.status.code(),
        Some(1),
        "skipped rows make the status 1"
    );
    let stdout = String::from_utf8(want.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1 + 3000);
    assert!(
        stdout.starts_with("id,probability,resolved\n1,"),
        "{}",
        &stdout[..60]
    );
    let stderr = String::from_utf8(want.stderr.clone()).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    let line_of = |message: &str| -> u64 {
        let rest = message
            .strip_prefix("ticket-insights: skipped line ")
            .unwrap_or_else(|| panic!("{stderr}"));
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap()
    };
    assert!(
        line_of(lines[0]) < line_of(lines[1]),
        "in file order: {stderr}"
    );
    assert_eq!(
        lines[2],
        "ticket-insights: 3000 tickets predicted, 2 rows skipped"
    );
    for threads in [2, 3, 8] {
        let got = run_on(&predict, threads);
        assert_eq!(got.status.code(), want.status.code());
        assert!(
            got.stdout == want.stdout,
            "predict stdout, {threads} threads"
        );
        assert_eq!(got.stderr, want.stderr, "predict stderr, {threads} threads");
    }

    let evaluate = ["evaluate", "--data", data, "--model", IMPROVED];
    let want_eval = run_on(&evaluate, 1);
    assert!(want_eval.status.success());
    let json: serde_json::Value = serde_json::from_slice(&want_eval.stdout).unwrap();
    assert_eq!(json["rows"]["read"], 3002);
    assert_eq!(json["rows"]["used"], 3000);
    for threads in [2, 8] {
        let got = run_on(&evaluate, threads);
        assert_eq!(got.stdout, want_eval.stdout, "evaluate, {threads} threads");
        assert_eq!(got.stderr, want_eval.stderr, "evaluate, {threads} threads");
    }

    // The same file on standard input, through a pipe.
    for (args, want) in [(&predict, &want), (&evaluate, &want_eval)] {
        let mut piped = args.to_vec();
        piped[2] = "/dev/stdin";
        let mut child = Command::new(BIN)
            .args(&piped)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let bytes = with_bad.clone().into_bytes();
        let writer = std::thread::spawn(move || stdin.write_all(&bytes));
        let got = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert_eq!(got.stdout, want.stdout, "{} from a pipe", args[0]);
    }

    let inspect = run(&["inspect", "--json", "--data", data]);
    assert!(inspect.status.success());
    let json: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    assert_eq!(json["counts"]["tickets"], 3000);
    assert_eq!(json["counts"]["rejected"], 2);
    assert_eq!(json["rejected"].as_array().unwrap().len(), 2);
}

#[test]
fn score_gives_the_same_bytes_on_any_thread_count() {
    let mut input = String::new();
    for i in 0..5000 {
        match i % 500 {
            7 => input.push_str("not json\n"),
            8 => input.push('\n'),
            _ => input.push_str(&format!(
                "{{\"id\":{i},\"text\":\"It is {} and naïve 😀 {i}\"}}\r\n",
                ["good", "bad", "not great at all"][i % 3]
            )),
        }
    }
    let dir = Scratch::new("score");
    let path = dir.0.join("requests.jsonl");
    std::fs::write(&path, &input).unwrap();
    let path = path.to_str().unwrap();
    for analyzer in ["textblob", "seed", "vader"] {
        let args = ["score", "--analyzer", analyzer, "--input", path];
        let want = run_on(&args, 1);
        assert_eq!(want.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&want.stdout).lines().count(),
            5000 - 20
        );
        let stderr = String::from_utf8_lossy(&want.stderr).into_owned();
        assert!(
            stderr.starts_with("ticket-insights: line 8: invalid JSON"),
            "{stderr}"
        );
        assert!(
            stderr.ends_with("4980 lines scored, 10 rejected\n"),
            "{stderr}"
        );
        for threads in [2, 5] {
            let got = run_on(&args, threads);
            assert!(got.stdout == want.stdout, "{analyzer}, {threads} threads");
            assert_eq!(got.stderr, want.stderr, "{analyzer}, {threads} threads");
        }
    }
}

/// VmHWM of a running process, in kB.
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_large_export_on_stdin_is_read_in_bounded_memory() {
    let dir = Scratch::new("memory");
    let path = dir.0.join("large.csv");
    generate(&path, 150_000);
    let bytes = std::fs::read(&path).unwrap();
    let mb = bytes.len() as u64 / 1_000_000;
    assert!(mb > 70, "{mb} MB");
    for (args, limit_kb) in [
        (
            vec!["predict", "--data", "/dev/stdin", "--model", IMPROVED],
            45_000,
        ),
        (vec!["inspect", "--data", "/dev/stdin"], 45_000),
        // Evaluation keeps its label inputs and probabilities per ticket, not the tickets.
        (
            vec!["evaluate", "--data", "/dev/stdin", "--model", IMPROVED],
            60_000,
        ),
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&bytes).unwrap();
        // Everything is written and the input is still open: a reader that kept the whole
        // input would hold all of it now.
        let peak = peak_kb(child.id());
        drop(stdin);
        assert!(child.wait().unwrap().success(), "{}", args[0]);
        assert!(peak < limit_kb, "{}: VmHWM {peak} kB for {mb} MB", args[0]);
    }
}
