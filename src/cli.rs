//! The native command-line interface, `ticket-insights`: scoring texts as JSON Lines, training,
//! evaluating and applying models, and rebuilding the committed models with their model card.

use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use sha2::{Digest, Sha256};

use crate::features::FeatureSet;
use crate::model::artifact::{Artifact, Weights};
use crate::model::logistic::{FitOptions, Objective};
use crate::score::{self, Summary};
use crate::sentiment::{seed, textblob, vader};
use crate::tickets::{self, OnBadRow, Tickets};
use crate::train::{self, Dataset, Split, Target, TrainConfig};
use crate::{Error, Result, card};

/// Predicts customer-support ticket resolution; computes the text features exactly like the
/// Python originals (TextBlob, the seed's cleaning, VADER).
#[derive(Debug, Parser)]
#[command(name = "ticket-insights", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scores texts: reads JSON Lines {"id": <any JSON>, "text": "..."} and writes one JSON line
    /// per request, in order. Bad lines (not a JSON object with both fields, not UTF-8, or longer
    /// than --max-line-bytes) are reported on stderr by line number as they are read and
    /// skipped; the exit status is then 1.
    Score {
        /// Which analyzer: textblob → {id, polarity, subjectivity}; seed → {id, cleaned, score};
        /// vader → {id, neg, neu, pos, compound}.
        #[arg(long, value_enum)]
        analyzer: Analyzer,
        /// Input file (default: standard input).
        #[arg(long)]
        input: Option<PathBuf>,
        /// Longest line accepted, in bytes before its newline (default: 512 MiB, 536870912). A
        /// longer line is rejected with its line number as soon as the limit is passed and read
        /// past without being kept; the next lines are still scored.
        #[arg(long, default_value_t = score::MAX_LINE_BYTES, hide_default_value = true)]
        max_line_bytes: usize,
    },
    /// Trains a model on a ticket CSV and writes the model file.
    Train(TrainArgs),
    /// Evaluates a model on a ticket CSV (with a Ticket Status column): JSON metrics on stdout.
    Evaluate {
        #[command(flatten)]
        data: DataArgs,
        /// The model file.
        #[arg(long)]
        model: PathBuf,
    },
    /// Predicts every ticket of a CSV: `Ticket ID,probability,resolved` rows on stdout.
    Predict {
        #[command(flatten)]
        data: DataArgs,
        /// The model file.
        #[arg(long)]
        model: PathBuf,
    },
    /// Forward selection of the `improved` feature set by cross-validated AUC on the seed
    /// split's train rows; prints every round.
    Select {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Rebuilds the committed models (seed.bin, improved.bin, status.bin) and MODEL_CARD.md.
    Models {
        #[command(flatten)]
        data: DataArgs,
        /// Directory to write them to.
        #[arg(long, default_value = "models")]
        out_dir: PathBuf,
    },
}

/// The ticket CSV to read and what to do with bad rows.
#[derive(Debug, Args)]
struct DataArgs {
    /// Ticket CSV (the seed's export format).
    #[arg(long)]
    data: PathBuf,
    /// Skip unreadable rows (each reported on stderr, with the count) instead of stopping at
    /// the first.
    #[arg(long)]
    skip_bad_rows: bool,
}

#[derive(Debug, Args)]
struct TrainArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Feature set: seed3, seed5, seed3x, ordinal3 or improved.
    #[arg(long, value_parser = parse_features)]
    features: FeatureSet,
    /// Objective: liblinear (intercept penalized) or lbfgs (intercept not penalized).
    #[arg(long, value_enum, default_value_t = SolverArg::Liblinear)]
    solver: SolverArg,
    /// Class weights.
    #[arg(long, value_enum, default_value_t = ClassWeightArg::None)]
    class_weight: ClassWeightArg,
    /// Inverse regularization strength.
    #[arg(long, default_value_t = 1.0)]
    c: f64,
    /// Rows to fit: the seed's 80% train split (and test on the rest), or all rows.
    #[arg(long, value_enum, default_value_t = SplitArg::Seed)]
    split: SplitArg,
    /// What to predict: resolved (binary) or status (3 classes, multinomial).
    #[arg(long, value_enum, default_value_t = TargetArg::Resolved)]
    target: TargetArg,
    /// Standardize the features before fitting (the scaler is stored in the model).
    #[arg(long)]
    standardize: bool,
    /// Shuffled-label runs for the CV AUC's permutation p-value.
    #[arg(long, default_value_t = 100)]
    permutations: usize,
    /// Model name recorded in the file (default: the feature set's name).
    #[arg(long)]
    name: Option<String>,
    /// Where to write the model file.
    #[arg(long)]
    out: PathBuf,
    /// Also write a JSON report: features, coefficients, intercept, metrics.
    #[arg(long)]
    report: Option<PathBuf>,
}

fn parse_features(s: &str) -> std::result::Result<FeatureSet, String> {
    FeatureSet::parse(s).ok_or_else(|| {
        let names: Vec<&str> = FeatureSet::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown feature set '{s}' (expected one of {})",
            names.join(", ")
        )
    })
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SolverArg {
    Liblinear,
    Lbfgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClassWeightArg {
    None,
    Balanced,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SplitArg {
    Seed,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TargetArg {
    Resolved,
    Status,
}

/// The sentiment analyzers the `score` command offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Analyzer {
    /// TextBlob 0.20.1's PatternAnalyzer on the raw text.
    Textblob,
    /// The seed's score: TextBlob polarity of the seed-cleaned text.
    Seed,
    /// vaderSentiment 3.3.2's polarity_scores on the raw text.
    Vader,
}

/// The exit status when standard output is closed before everything was written (`| head`):
/// 141, what a shell reports for a program that SIGPIPE ended (128 + 13).
pub const EXIT_STDOUT_CLOSED: u8 = 141;

/// Runs the CLI on `std::env::args`, returning the process exit status.
///
/// Nothing here panics on an I/O error: a closed standard output ends the run quietly with
/// [`EXIT_STDOUT_CLOSED`], any other error is reported on stderr with status 1, and messages
/// that cannot be written to stderr are dropped (see [`note`]).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::from(EXIT_STDOUT_CLOSED)
        }
        Err(e) => {
            note(e);
            ExitCode::FAILURE
        }
    }
}

/// Writes `ticket-insights: {message}` to stderr. If stderr is closed or full the message is
/// dropped: there is nowhere left to report it, and the exit status still tells the outcome.
fn note(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "ticket-insights: {message}");
}

/// A `csv` error, keeping an I/O error as one (so a closed stdout is recognised).
fn csv_error(e: csv::Error) -> Error {
    if !e.is_io_error() {
        return Error::Csv(e.to_string());
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::Io(e),
        other => Error::Csv(format!("{other:?}")),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Score {
            analyzer,
            input,
            max_line_bytes,
        } => {
            let input: Box<dyn Read> = match &input {
                Some(path) => Box::new(File::open(path).map_err(|e| Error::File {
                    path: path.clone(),
                    source: e,
                })?),
                None => Box::new(io::stdin().lock()),
            };
            let summary = score_with(
                analyzer,
                BufReader::new(input),
                BufWriter::new(io::stdout().lock()),
                max_line_bytes,
                note,
            )?;
            if summary.rejected == 0 {
                Ok(ExitCode::SUCCESS)
            } else {
                note(format_args!(
                    "{} lines scored, {} rejected",
                    summary.scored, summary.rejected
                ));
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Train(args) => {
            train_command(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Evaluate { data, model } => {
            let (_, read) = read_data(&data)?;
            let artifact = load_model(&model)?;
            let evaluation = train::evaluate(&artifact, &read.tickets)?;
            let json = serde_json::json!({
                "model": artifact.name,
                "features": artifact.features,
                "rows": read.tickets.len(),
                "rejected": read.rejected.len(),
                "metrics": evaluation,
            });
            let json = serde_json::to_string_pretty(&json).map_err(io::Error::other)?;
            writeln!(io::stdout().lock(), "{json}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Predict { data, model } => {
            let (_, read) = read_data(&data)?;
            let artifact = load_model(&model)?;
            let mut out = csv::Writer::from_writer(BufWriter::new(io::stdout().lock()));
            out.write_record(["Ticket ID", "probability", "resolved"])
                .map_err(csv_error)?;
            for t in &read.tickets {
                let p = artifact.predict(t);
                out.write_record([
                    t.id.as_str(),
                    &p.probability.to_string(),
                    if p.positive { "true" } else { "false" },
                ])
                .map_err(csv_error)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Select { data } => {
            let (_, read) = read_data(&data)?;
            let selection = train::select(&read.tickets, &train::improved_config(0))?;
            let names: Vec<&str> = selection.columns.iter().map(|c| c.name()).collect();
            let mut out = io::stdout().lock();
            write!(out, "{}", card::selection_table(&selection))?;
            writeln!(out, "\nselected: {}", names.join(", "))?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Models { data, out_dir } => {
            let (bytes, read) = read_data(&data)?;
            let built = train::committed(&dataset(&bytes, &read), &mut progress)?;
            std::fs::create_dir_all(&out_dir).map_err(|e| file_error(&out_dir, e))?;
            for (file, artifact) in built.files() {
                write_file(&out_dir.join(file), &artifact.to_bytes()?)?;
            }
            write_file(&out_dir.join("MODEL_CARD.md"), built.card.as_bytes())?;
            note(format_args!(
                "wrote the models and MODEL_CARD.md to {}",
                out_dir.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn progress(message: &str) {
    note(message);
}

fn file_error(path: &Path, source: io::Error) -> Error {
    Error::File {
        path: path.to_path_buf(),
        source,
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| file_error(path, e))
}

/// Reads a ticket CSV, reporting skipped rows on stderr.
fn read_data(args: &DataArgs) -> Result<(Vec<u8>, Tickets)> {
    let bytes = std::fs::read(&args.data).map_err(|e| file_error(&args.data, e))?;
    let on_bad_row = if args.skip_bad_rows {
        OnBadRow::Skip
    } else {
        OnBadRow::Stop
    };
    let read = tickets::read(&bytes, on_bad_row).map_err(|e| match e {
        Error::BadRow(row) => Error::BadRow(tickets::RowError {
            message: format!("{} (use --skip-bad-rows to skip such rows)", row.message),
            ..row
        }),
        other => other,
    })?;
    for row in &read.rejected {
        note(format_args!("skipped {row}"));
    }
    if !read.rejected.is_empty() {
        note(format_args!(
            "{} tickets read, {} rows skipped",
            read.tickets.len(),
            read.rejected.len()
        ));
    }
    Ok((bytes, read))
}

fn dataset<'a>(bytes: &[u8], read: &'a Tickets) -> Dataset<'a> {
    Dataset {
        tickets: &read.tickets,
        rejected: read.rejected.len(),
        sha256: sha256_hex(bytes),
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn load_model(path: &Path) -> Result<Artifact> {
    let bytes = std::fs::read(path).map_err(|e| file_error(path, e))?;
    Artifact::from_bytes(&bytes).map_err(|e| Error::ModelFile {
        path: path.to_path_buf(),
        source: e,
    })
}

fn train_command(args: &TrainArgs) -> Result<()> {
    let (bytes, read) = read_data(&args.data)?;
    let objective = match args.solver {
        SolverArg::Liblinear => Objective::Liblinear,
        SolverArg::Lbfgs => Objective::Lbfgs,
    };
    let mut fit = FitOptions::new(objective);
    fit.c = args.c;
    if let ClassWeightArg::Balanced = args.class_weight {
        fit = fit.balanced();
    }
    let config = TrainConfig {
        name: args
            .name
            .clone()
            .unwrap_or_else(|| args.features.name().into()),
        features: args.features,
        target: match args.target {
            TargetArg::Resolved => Target::Resolved,
            TargetArg::Status => Target::Status,
        },
        fit,
        standardize: args.standardize,
        split: match args.split {
            SplitArg::Seed => Split::Seed,
            SplitArg::All => Split::All,
        },
        cv_folds: 5,
        permutations: args.permutations,
        selection_in_null: false,
    };
    let artifact = train::train(&dataset(&bytes, &read), &config, &mut progress)?;
    write_file(&args.out, &artifact.to_bytes()?)?;
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report(&artifact)).map_err(io::Error::other)?;
        write_file(path, format!("{json}\n").as_bytes())?;
    }
    note(format_args!("wrote {}", args.out.display()));
    Ok(())
}

/// The JSON report of a trained model.
pub fn report(artifact: &Artifact) -> serde_json::Value {
    let (coef, intercept) = match &artifact.weights {
        Weights::Binary { coef, intercept } => {
            (serde_json::json!(coef), serde_json::json!(intercept))
        }
        Weights::Multinomial { coef, intercept } => {
            (serde_json::json!(coef), serde_json::json!(intercept))
        }
    };
    serde_json::json!({
        "model": artifact.name,
        "feature_set": artifact.feature_set,
        "features": artifact.features,
        "classes": artifact.classes,
        "coef": coef,
        "intercept": intercept,
        "scaler": artifact.scaler,
        "training": artifact.training,
        "metrics": artifact.metrics,
    })
}

/// Scores JSON Lines from `input` to `out` with one analyzer, passing each rejected line to
/// `rejected` as it is read (see [`score::score_lines`]).
pub fn score_with(
    analyzer: Analyzer,
    input: impl io::BufRead,
    out: impl io::Write,
    max_line_bytes: usize,
    rejected: impl FnMut(Error),
) -> Result<Summary> {
    let max = max_line_bytes;
    match analyzer {
        Analyzer::Textblob => score::score_lines(input, out, max, textblob::sentiment, rejected),
        Analyzer::Seed => score::score_lines(input, out, max, seed::seed_score, rejected),
        Analyzer::Vader => score::score_lines(input, out, max, vader::polarity_scores, rejected),
    }
}
