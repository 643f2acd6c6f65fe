//! Logistic-regression fit time, single-prediction latency and the memory of a 1,000,000-row
//! fit, single-threaded. Prints one JSON object: for each measurement, the figure of each
//! repetition. Run through `scripts/bench.sh`, which sets it next to scikit-learn
//! (`tools/bench/python_fit.py`) in the same run.
//!
//! - `ms_per_fit`: `fit_binary` (C = 1, liblinear's and lbfgs's objectives) on the seed3 features
//!   of the 8469 tickets, mean of 50 fits; and on 1,000,000 synthetic rows (one fit, in a child
//!   process, gradient tolerance [`SYNTHETIC_TOL`]).
//! - `us_per_prediction`: `BinaryModel::predict_proba` on one row per call, over the 8469 rows;
//!   and from raw text: `features::row(seed3, ticket)` then `predict_proba`, per ticket.
//! - `mb_peak` / `mb_fit_increase`: the child process's VmHWM after the 1M-row fit, and that
//!   minus its VmRSS just before the fit (the data, 32 MB, is loaded by then).
//!
//! Modes: no argument (or cargo's `--bench`) runs everything; `write-synthetic DIR` writes the
//! 1M rows as `DIR/synthetic_x.npy` and `DIR/synthetic_y.npy` (float64, as numpy reads them);
//! `fit-1m DIR liblinear|lbfgs` is the child: loads them, fits once, prints its figures.
//! `BENCH_REPS` sets the repetitions (default 5); `BENCH_SYNTHETIC_DIR` where the 1M rows live
//! (default: a temporary directory, written on first use).

use std::collections::BTreeMap;
use std::error::Error;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{Value, json};
use ticket_insights::export::{self, Options, Schema};
use ticket_insights::features::{self, sets::FeatureSet};
use ticket_insights::model::logistic::{BinaryModel, FitOptions, Objective, fit_binary};
use ticket_insights::model::ndarray::{Array2, ArrayView2, s};
use ticket_insights::synthetic::{Planted, Synthetic};
use ticket_insights::ticket::Ticket;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Rows of the synthetic fit.
const SYNTHETIC_ROWS: usize = 1_000_000;

/// Gradient tolerance of the 1M-row fit. The default 1e-10 is below the rounding floor of a
/// gradient summed over a million rows (about 1e-9 there); at 1e-8 the coefficients are still
/// exact to about 1e-12, far tighter than scikit-learn's default stop (tol 1e-4).
const SYNTHETIC_TOL: f64 = 1e-8;

/// Fits per figure on the 8469 rows.
const FITS: usize = 50;

/// The planted seed3 model of the synthetic rows: age, priority (seed coding), s.
fn planted() -> Planted {
    Planted::new(&FeatureSet::Seed3.features(), &[0.02, -0.3, -1.0], -1.0)
}

fn objective(name: &str) -> Result<Objective> {
    match name {
        "liblinear" => Ok(Objective::Liblinear),
        "lbfgs" => Ok(Objective::Lbfgs),
        other => Err(format!("unknown objective '{other}'").into()),
    }
}

/// `(VmRSS, VmHWM)` of this process in MiB, from `/proc/self/status`.
fn memory_mb() -> Result<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let field = |name: &str| -> Result<f64> {
        let line = status
            .lines()
            .find(|l| l.starts_with(name))
            .ok_or_else(|| format!("no {name} in /proc/self/status"))?;
        let kb: f64 = line
            .trim_start_matches(name)
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()?;
        Ok(kb / 1024.0)
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

/// Writes a float64 C-order array as a `.npy` file (format 1.0).
fn write_npy(path: &Path, shape: &[usize], values: impl Iterator<Item = f64>) -> Result<()> {
    let dims: Vec<String> = shape.iter().map(ToString::to_string).collect();
    let shape = match dims.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", dims.join(", ")),
    };
    let mut header = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}");
    // Magic (6) + version (2) + length (2) + header, padded to a multiple of 64, ending in \n.
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend(u16::try_from(header.len())?.to_le_bytes());
    bytes.extend(header.as_bytes());
    for v in values {
        bytes.extend(v.to_le_bytes());
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

/// Reads a float64 little-endian `.npy` file written by [`write_npy`]: its values.
fn read_npy(path: &Path) -> Result<Vec<f64>> {
    let bytes = std::fs::read(path)?;
    let len = match bytes.get(..10) {
        Some([0x93, b'N', b'U', b'M', b'P', b'Y', 1, 0, lo, hi]) => {
            usize::from(u16::from_le_bytes([*lo, *hi]))
        }
        _ => return Err(format!("{}: not a version 1.0 .npy file", path.display()).into()),
    };
    let data = bytes
        .get(10 + len..)
        .ok_or_else(|| format!("{}: truncated", path.display()))?;
    Ok(data
        .chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            f64::from_le_bytes(b)
        })
        .collect())
}

fn synthetic_paths(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("synthetic_x.npy"), dir.join("synthetic_y.npy"))
}

/// Writes the 1M synthetic rows (seed 42) into `dir`.
fn write_synthetic(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let planted = planted();
    let d = planted.columns.len();
    let (x, y) = Synthetic::new(42, planted)?.generate_features(SYNTHETIC_ROWS);
    let (xp, yp) = synthetic_paths(dir);
    write_npy(&xp, &[SYNTHETIC_ROWS, d], x.iter().copied())?;
    write_npy(&yp, &[SYNTHETIC_ROWS], y.into_iter())?;
    Ok(())
}

/// The child: loads the 1M rows, fits once, prints seconds, peak and increase.
fn fit_1m(dir: &Path, objective_name: &str) -> Result<()> {
    let options = FitOptions {
        tol: SYNTHETIC_TOL,
        ..FitOptions::new(objective(objective_name)?)
    };
    let (xp, yp) = synthetic_paths(dir);
    let y = read_npy(&yp)?;
    let x = Array2::from_shape_vec((y.len(), planted().columns.len()), read_npy(&xp)?)?;
    let (before, _) = memory_mb()?;
    let start = Instant::now();
    let fit = fit_binary(x.view(), &y, &options)?;
    let seconds = start.elapsed().as_secs_f64();
    let (_, peak) = memory_mb()?;
    black_box(&fit);
    println!(
        "{}",
        json!({
            "rows": y.len(),
            "seconds": seconds,
            "iterations": fit.iterations,
            "mb_before_fit": before,
            "mb_peak": peak,
            "coef": fit.model.coef.to_vec(),
            "intercept": fit.model.intercept,
        })
    );
    Ok(())
}

/// Mean milliseconds per fit over [`FITS`] fits, after 5 warm-up fits.
fn ms_per_fit(x: ArrayView2<f64>, y: &[f64], options: &FitOptions) -> Result<f64> {
    for _ in 0..5 {
        black_box(fit_binary(x, y, options)?);
    }
    let start = Instant::now();
    for _ in 0..FITS {
        black_box(fit_binary(black_box(x), y, options)?);
    }
    Ok(start.elapsed().as_secs_f64() * 1e3 / FITS as f64)
}

/// Mean microseconds per one-row `predict_proba` call over every row, `passes` times.
fn us_per_row_prediction(model: &BinaryModel, x: ArrayView2<f64>, passes: usize) -> Result<f64> {
    let start = Instant::now();
    for _ in 0..passes {
        for i in 0..x.nrows() {
            black_box(model.predict_proba(black_box(x.slice(s![i..i + 1, ..])))?);
        }
    }
    Ok(start.elapsed().as_secs_f64() * 1e6 / (passes * x.nrows()) as f64)
}

/// Mean microseconds per ticket from raw text: seed3 features, then one-row `predict_proba`.
fn us_per_text_prediction(model: &BinaryModel, tickets: &[Ticket]) -> Result<f64> {
    let columns = FeatureSet::Seed3.features();
    let schema = Schema::kaggle();
    let start = Instant::now();
    for ticket in tickets {
        let row = features::row(&columns, black_box(ticket), &schema)
            .map_err(|m| format!("ticket {}: no {}", ticket.id, m.role))?;
        let x = Array2::from_shape_vec((1, columns.len()), row.values)?;
        black_box(model.predict_proba(x.view())?);
    }
    Ok(start.elapsed().as_secs_f64() * 1e6 / tickets.len() as f64)
}

/// Runs the child `fit-1m` for `objective` and returns its JSON.
fn child_fit(dir: &Path, objective: &str) -> Result<Value> {
    let out = Command::new(std::env::current_exe()?)
        .arg("fit-1m")
        .arg(dir)
        .arg(objective)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "fit-1m {objective} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn figure(v: &Value, key: &str) -> Result<f64> {
    v.get(key)
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("child output has no '{key}'").into())
}

fn bench(reps: usize) -> Result<()> {
    let (dir, temporary) = match std::env::var_os("BENCH_SYNTHETIC_DIR") {
        Some(dir) => (PathBuf::from(dir), false),
        None => (
            std::env::temp_dir().join(format!("ticket-insights-fit-{}", std::process::id())),
            true,
        ),
    };
    let result = measure(reps, &dir);
    if temporary && dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    println!("{}", result?);
    Ok(())
}

/// Every measurement, `reps` times, the 1M rows in `dir` (written there if absent).
fn measure(reps: usize, dir: &Path) -> Result<Value> {
    if !synthetic_paths(dir).1.exists() {
        write_synthetic(dir)?;
    }
    let csv = std::fs::read("www/data/customer_support_tickets.csv")?;
    let tickets = export::read(&csv, Options::default())?.tickets;
    let x = features::matrix(&FeatureSet::Seed3.features(), &tickets, &Schema::kaggle())
        .map_err(|(i, m)| format!("ticket {i}: no {}", m.role))?;
    let y: Vec<f64> = tickets
        .iter()
        .map(|t| f64::from(u8::from(t.status.as_deref() == Some("Closed"))))
        .collect();
    let liblinear = FitOptions::new(Objective::Liblinear);
    let lbfgs = FitOptions::new(Objective::Lbfgs);
    let model = fit_binary(x.view(), &y, &liblinear)?.model;

    // unit -> measurement -> one figure per repetition.
    let mut figures: BTreeMap<&str, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    let mut push = |unit: &'static str, name: &str, value: f64| {
        figures
            .entry(unit)
            .or_default()
            .entry(name.to_string())
            .or_default()
            .push(value);
    };
    let mut iterations = BTreeMap::new();
    for _ in 0..reps {
        for (name, options) in [("liblinear", &liblinear), ("lbfgs", &lbfgs)] {
            let ms = ms_per_fit(x.view(), &y, options)?;
            push("ms_per_fit", &format!("rust_fit_{name}"), ms);
        }
        let us = us_per_row_prediction(&model, x.view(), 20)?;
        push("us_per_prediction", "rust_predict_row", us);
        let us = us_per_text_prediction(&model, &tickets)?;
        push("us_per_prediction", "rust_predict_from_text", us);
        for name in ["liblinear", "lbfgs"] {
            let child = child_fit(dir, name)?;
            let (peak, before) = (figure(&child, "mb_peak")?, figure(&child, "mb_before_fit")?);
            let ms = figure(&child, "seconds")? * 1e3;
            push("ms_per_fit", &format!("rust_fit_1m_{name}"), ms);
            push("mb_peak", &format!("rust_1m_{name}"), peak);
            push("mb_fit_increase", &format!("rust_1m_{name}"), peak - before);
            iterations.insert(name, child.get("iterations").cloned());
        }
    }
    let mut out = json!({
        "fit_rows": x.nrows(),
        "synthetic_rows": SYNTHETIC_ROWS,
        "rust_fit_1m_newton_iterations": iterations,
    });
    if let Some(obj) = out.as_object_mut() {
        for (unit, measurements) in figures {
            obj.insert(unit.to_string(), json!(measurements));
        }
    }
    Ok(out)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write-synthetic", dir] => write_synthetic(Path::new(dir)),
        ["fit-1m", dir, objective] => fit_1m(Path::new(dir), objective),
        _ => bench(
            std::env::var("BENCH_REPS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(5),
        ),
    }
}
