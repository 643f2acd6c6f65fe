//! The tree learners next to scikit-learn on the same rows: 5-fold CV AUC, fit time and
//! prediction time of `model::tree`'s random forest and gradient boosting, single-threaded.
//! Run through `scripts/bench-trees.sh`, which runs `tools/bench/python_trees.py`
//! (`RandomForestClassifier`, `HistGradientBoostingClassifier`, LightGBM when installed) on the
//! file this bench writes, in the same run, and prints the ratios.
//!
//! The data is `/work/notes/trees.md`'s planted function on 20 features (two interactions, a
//! correlated pair, integer codes, a log-normal and a binary column; x0…x19), labels drawn from
//! the true probabilities, and each row's fold; both sides read the same CSV and use the same
//! folds. The settings are the ones both libraries share: forest 100 trees, depth 8, √d features
//! per split, bootstrap; boosting 100 rounds, learning rate 0.1, 31 leaves, 20 rows per leaf,
//! 255 bins, no L2.
//!
//! Modes: `write FILE ROWS` writes the data; `run FILE` (or no argument: `BENCH_TREES_DATA`,
//! default a temporary file of `BENCH_TREES_ROWS`, default 20,000 rows) prints one JSON line
//! per learner: `{impl, model, n, fold_auc, cv_auc, fit_s, predict_s}` (seconds summed over the
//! 5 folds; wall-clock).

use std::error::Error;
use std::fmt::Write as _;
use std::time::Instant;

use serde_json::json;
use ticket_insights::model::metrics::roc_auc;
use ticket_insights::model::ndarray::Array2;
use ticket_insights::model::tree::{
    Binned, BoostParams, Ensemble, ForestParams, Rows, boost, forest,
};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const FEATURES: usize = 20;
const FOLDS: usize = 5;
const SEED: u64 = 20_260_101;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// The planted rows: features, label, fold.
fn planted(n: usize) -> Vec<([f64; FEATURES], u8, usize)> {
    let mut rng = Rng(SEED);
    (0..n)
        .map(|_| {
            let mut x = [0.0; FEATURES];
            for v in x.iter_mut() {
                *v = rng.normal();
            }
            x[6] = 0.7 * x[0] + 0.71 * x[6];
            for v in &mut x[15..18] {
                *v = (rng.next() % 10) as f64;
            }
            x[18] = (0.5 * rng.normal()).exp();
            x[19] = (rng.next() % 2) as f64;
            let in_codes = [2.0, 3.0, 7.0].contains(&x[15]);
            let logit = -0.6
                + 1.5 * (1.5 * x[0]).sin()
                + if x[1] > 0.0 && x[10] > 0.5 { 1.2 } else { 0.0 }
                + 0.8 * x[2] * x[3]
                + 0.6 * (x[4] * x[4] - 1.0)
                + if in_codes { 1.0 } else { 0.0 }
                + 0.5 * x[18].ln() * (x[19] - 0.5);
            let p = 1.0 / (1.0 + (-logit).exp());
            let y = u8::from(rng.uniform() < p);
            let fold = (rng.next() % FOLDS as u64) as usize;
            (x, y, fold)
        })
        .collect()
}

fn write(path: &str, n: usize) -> Result<()> {
    let mut out = String::new();
    for f in 0..FEATURES {
        write!(out, "x{f},")?;
    }
    out.push_str("y,fold\n");
    for (x, y, fold) in planted(n) {
        for v in x {
            // Shortest round-trip form: Python reads the same f64.
            write!(out, "{v:?},")?;
        }
        writeln!(out, "{y},{fold}")?;
    }
    std::fs::write(path, out)?;
    Ok(())
}

fn read(path: &str) -> Result<(Array2<f64>, Vec<usize>, Vec<usize>)> {
    let text = std::fs::read_to_string(path)?;
    let (mut x, mut y, mut folds) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        for c in &cells[..FEATURES] {
            x.push(c.parse::<f64>()?);
        }
        y.push(cells[FEATURES].parse::<usize>()?);
        folds.push(cells[FEATURES + 1].parse::<usize>()?);
    }
    let n = y.len();
    Ok((Array2::from_shape_vec((n, FEATURES), x)?, y, folds))
}

fn run(path: &str) -> Result<()> {
    let (x, y, folds) = read(path)?;
    let n = y.len();
    type Fit = fn(&Rows<'_>, &Binned) -> Result<Ensemble>;
    let learners: [(&str, usize, Fit); 2] = [
        ("forest", ForestParams::default().max_bins, |r, b| {
            Ok(forest::fit(r, b, &ForestParams::default())?)
        }),
        ("boosting", BoostParams::default().max_bins, |r, b| {
            Ok(boost::fit(r, b, &BoostParams::default())?)
        }),
    ];
    for (name, bins, fit) in learners {
        let (mut fit_s, mut predict_s, mut fold_auc) = (0.0, 0.0, Vec::new());
        for k in 0..FOLDS {
            let train: Vec<usize> = (0..n).filter(|&i| folds[i] != k).collect();
            let test: Vec<usize> = (0..n).filter(|&i| folds[i] == k).collect();
            let xt = x.select(ticket_insights::model::ndarray::Axis(0), &train);
            let yt: Vec<usize> = train.iter().map(|&i| y[i]).collect();
            let start = Instant::now();
            let rows = Rows::new(xt.view(), &yt, None)?;
            let binned = Binned::new(&rows, bins)?;
            let model = fit(&rows, &binned)?;
            fit_s += start.elapsed().as_secs_f64();
            let start = Instant::now();
            let scores: Vec<f64> = test
                .iter()
                .map(|&i| model.margin(x.row(i).as_slice().unwrap_or(&[])))
                .collect();
            predict_s += start.elapsed().as_secs_f64();
            let truth: Vec<f64> = test.iter().map(|&i| y[i] as f64).collect();
            fold_auc.push(roc_auc(&truth, &scores)?);
        }
        let cv_auc = fold_auc.iter().sum::<f64>() / FOLDS as f64;
        println!(
            "{}",
            json!({"impl": "rust", "model": name, "n": n, "fold_auc": fold_auc, "cv_auc": cv_auc,
                   "fit_s": fit_s, "predict_s": predict_s})
        );
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write", path, n] => write(path, n.parse()?),
        ["run", path] => run(path),
        [] => {
            let path = match std::env::var("BENCH_TREES_DATA") {
                Ok(p) => p,
                Err(_) => {
                    let n = std::env::var("BENCH_TREES_ROWS").map_or(Ok(20_000), |v| v.parse())?;
                    let p = std::env::temp_dir().join(format!("trees-{n}.csv"));
                    let p = p.to_string_lossy().into_owned();
                    write(&p, n)?;
                    p
                }
            };
            run(&path)
        }
        _ => Err("usage: trees [write FILE ROWS | run FILE]".into()),
    }
}
