//! The native command-line interface, `ticket-insights`: scoring texts as JSON Lines,
//! inspecting a helpdesk export, training, evaluating and applying models, and rebuilding the
//! committed models with their model card.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use sha2::{Digest, Sha256};

use crate::export::time::{self, DateOrder};
use crate::export::{self, Export, Options, Row, RowError, vocab};
use crate::features::sets::FeatureSet;
use crate::features::{self, Feature, Text};
use crate::inspect::{self, Inspection, Vocabularies};
use crate::model::ModelError;
use crate::model::artifact::{Artifact, Calibration, Learner, Model, Resample, Split, Weights};
use crate::model::logistic::{ClassWeight, Objective};
use crate::model::metrics::report::TestMetrics;
use crate::pipeline::{self, Limits, Threads};
use crate::score::{self, Summary};
use crate::sentiment::{seed, textblob, vader};
use crate::target::{Target, Unlabeled};
use crate::ticket::{Role, Ticket};
use crate::train::Labels;
use crate::train::{self, Dataset, committed};
use crate::{Error, Result, card, studio, synthetic};

/// Predicts customer-support ticket resolution from any helpdesk export; computes the text
/// features exactly like the Python originals (TextBlob, the seed's cleaning, VADER).
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
        #[command(flatten)]
        threads: ThreadArgs,
    },
    /// Shows how an export is understood: its layout, encoding, the column of each role, the
    /// statuses counted as resolved, the priority order, and the rows read and rejected.
    Inspect {
        #[command(flatten)]
        data: DataArgs,
        /// Print the inspection as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Trains a model on an export and writes the model file.
    Train(Box<TrainArgs>),
    /// Evaluates a model on an export that has the outcome: JSON metrics on stdout.
    Evaluate {
        #[command(flatten)]
        data: DataArgs,
        /// The model file.
        #[arg(long)]
        model: PathBuf,
        #[command(flatten)]
        threads: ThreadArgs,
    },
    /// Predicts every ticket of an export the model's mapping fits: `id,probability,resolved`
    /// rows on stdout.
    Predict {
        #[command(flatten)]
        data: DataArgs,
        /// The model file.
        #[arg(long)]
        model: PathBuf,
        #[command(flatten)]
        threads: ThreadArgs,
    },
    /// Forward selection of the `improved` feature set by cross-validated AUC on the seed
    /// split's train rows of the bundled dataset; prints every round.
    Select {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Writes a synthetic helpdesk export with planted signal, deterministically (the same
    /// arguments give the same bytes): for trying the product, tests and benchmarks.
    Generate {
        /// The helpdesk layout to write.
        #[arg(long, value_enum, default_value = "zendesk")]
        layout: synthetic::export::Layout,
        /// Data rows.
        #[arg(long, default_value_t = 20_000)]
        rows: usize,
        /// What the outcome depends on.
        #[arg(long, value_enum, default_value = "linear")]
        signal: synthetic::export::Signal,
        /// The outcome the signal drives: resolved, or within:HOURSh.
        #[arg(long, value_parser = parse_target, default_value = "resolved")]
        target: Target,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the export (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
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

/// The export to read and how to read it.
#[derive(Debug, Args)]
struct DataArgs {
    /// A helpdesk export (CSV: any delimiter, UTF-8, UTF-16 or Windows-1252).
    #[arg(long)]
    data: PathBuf,
    /// Read column HEADER as ROLE (id, description, subject, status, priority, channel, type,
    /// created_at, resolved_at, customer_age, satisfaction); `ROLE=` maps the role to nothing.
    /// Repeatable.
    #[arg(long = "map", value_name = "ROLE=HEADER", value_parser = parse_map)]
    map: Vec<(Role, Option<String>)>,
    /// The status values counted as resolved, comma-separated (default: the layout's words:
    /// solved, closed, resolved, done, ...).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    resolved_status: Option<Vec<String>>,
    /// Day-first (dmy) or month-first (mdy), for numeric dates whose values do not tell.
    #[arg(long, value_name = "dmy|mdy", value_parser = parse_date_order)]
    date_order: Option<DateOrder>,
    /// Stop at the first row that cannot be read (default: report it and go on).
    #[arg(long)]
    strict: bool,
}

/// How many threads a command works on.
#[derive(Debug, Args)]
struct ThreadArgs {
    /// Threads to work on (default: as many as the machine runs at once). The output is the
    /// same on any number.
    #[arg(long, value_name = "N")]
    threads: Option<NonZeroUsize>,
}

impl ThreadArgs {
    fn get(&self) -> Threads {
        self.threads.map_or_else(Threads::all, Threads::new)
    }
}

fn parse_map(s: &str) -> std::result::Result<(Role, Option<String>), String> {
    let (role, header) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not ROLE=HEADER"))?;
    let role = Role::parse(role).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
        format!(
            "unknown role '{role}' (expected one of {})",
            names.join(", ")
        )
    })?;
    let header = header.trim();
    Ok((role, (!header.is_empty()).then(|| header.to_string())))
}

fn parse_date_order(s: &str) -> std::result::Result<DateOrder, String> {
    DateOrder::parse(s).ok_or_else(|| format!("'{s}' is not dmy or mdy"))
}

fn parse_target(s: &str) -> std::result::Result<Target, String> {
    Target::parse(s)
}

fn parse_as_of(s: &str) -> std::result::Result<time::Timestamp, String> {
    time::parse_iso(s)
        .ok_or_else(|| format!("'{s}' is not an ISO 8601 time (e.g. 2024-07-01T00:00:00)"))
}

#[derive(Debug, Args)]
struct TrainArgs {
    #[command(flatten)]
    data: DataArgs,
    /// A named feature set (seed3, seed5, seed3x, ordinal3, improved: the bundled dataset's);
    /// default: feature groups chosen by cross-validated AUC on the fit rows.
    #[arg(long, value_enum)]
    features: Option<FeatureSet>,
    /// What to predict: resolved (status in the resolved set), within:24h (resolved within 24
    /// hours of creation; censored tickets left out), or status (one class per status).
    #[arg(long, value_parser = parse_target, default_value = "resolved")]
    target: Target,
    /// The export time labels are read at, ISO 8601 (default: the file's latest timestamp).
    #[arg(long, value_parser = parse_as_of)]
    as_of: Option<time::Timestamp>,
    /// Objective: liblinear (intercept penalized) or lbfgs (not); default liblinear for a named
    /// set, lbfgs otherwise.
    #[arg(long, value_enum)]
    solver: Option<Objective>,
    /// Class weights.
    #[arg(long, value_enum, default_value = "none")]
    class_weight: ClassWeight,
    /// Inverse regularization strength.
    #[arg(long, default_value_t = 1.0)]
    c: f64,
    /// Rows to fit: seed (the seed's split), time (test on the newest 20%), random (seeded,
    /// stratified 80/20), all; default: seed for a named set, else time when the export has
    /// creation times, else random.
    #[arg(long, value_enum)]
    split: Option<Split>,
    /// Standardize the features before fitting (always on without a named set).
    #[arg(long)]
    standardize: bool,
    /// Shuffled-label runs for the CV AUC's permutation p-value.
    #[arg(long, default_value_t = 100)]
    permutations: usize,
    /// The learner: logistic (the configured C), forest or boosting (tuned by nested
    /// cross-validation), or auto (every learner with every imbalance treatment compared; the
    /// simplest within one standard error of the best is kept).
    #[arg(long, value_enum, default_value = "logistic")]
    learner: train::LearnerChoice,
    /// Random resampling of the fit rows towards equal classes (tuned learners; the other
    /// imbalance treatment is --class-weight balanced).
    #[arg(long, value_enum, default_value = "none")]
    resample: Resample,
    /// Calibration of the tuned learners' probabilities, fitted on out-of-fold predictions;
    /// default: platt for trees, none for logistic regression.
    #[arg(long, value_enum)]
    calibration: Option<Calibration>,
    /// Most fit rows the nested cross-validation runs on (a stratified sample beyond it).
    #[arg(long, default_value_t = train::SEARCH_ROWS)]
    search_rows: usize,
    /// Inner folds of the nested cross-validation.
    #[arg(long, default_value_t = 3)]
    inner_folds: usize,
    /// Model name recorded in the file (default: the feature set's name, or "model").
    #[arg(long)]
    name: Option<String>,
    /// Where to write the model file.
    #[arg(long)]
    out: PathBuf,
    /// Also write a JSON report: mapping, target, split, rows, features, coefficients, metrics.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Also write the model card (Markdown).
    #[arg(long)]
    card: Option<PathBuf>,
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
/// that cannot be written to stderr are dropped (see `note`).
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
            threads,
        } => {
            let input: Box<dyn Read> = match &input {
                Some(path) => Box::new(File::open(path).map_err(|e| file_error(path, e))?),
                None => Box::new(io::stdin().lock()),
            };
            let summary = score_on(
                threads.get(),
                analyzer,
                BufReader::with_capacity(1 << 16, input),
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
        Command::Inspect { data, json } => {
            let mut vocabularies = Vocabularies::default();
            let read = stream_export(&data, None, false, &mut |t| {
                vocabularies.add(&t);
                Ok(())
            })?;
            let export = Export {
                tickets: Vec::new(),
                rejected: read.rejected,
                summary: read.summary,
            };
            let inspection =
                Inspection::from_parts(&export, &vocabularies, data.resolved_status.as_deref());
            let mut out = io::stdout().lock();
            if json {
                let text = serde_json::to_string_pretty(&inspection).map_err(io::Error::other)?;
                writeln!(out, "{text}")?;
            } else {
                write!(out, "{}", describe(&inspection))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Train(args) => {
            train_command(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Evaluate {
            data,
            model,
            threads,
        } => {
            let model = load_model(&model)?;
            let (summary, metrics, labels) = evaluate_streaming(&data, &model, threads.get())?;
            let json = serde_json::json!({
                "model": model.artifact().name,
                "features": names(model.artifact()),
                "rows": {
                    "read": summary.rows,
                    "used": labels.rows.len(),
                    "rejected": summary.rejected + labels.unlabeled,
                    "censored": labels.censored,
                },
                "metrics": metrics,
            });
            let text = serde_json::to_string_pretty(&json).map_err(io::Error::other)?;
            writeln!(io::stdout().lock(), "{text}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Predict {
            data,
            model,
            threads,
        } => predict_command(&data, &load_model(&model)?, threads.get()),
        Command::Select { data } => {
            let (sha, export) = read_export(&data, None)?;
            let inspection = Inspection::of(&export, data.resolved_status.as_deref());
            let dataset = dataset_of(&export, inspection.schema, sha);
            let selection = train::select(&dataset, &committed::improved_config(0))?;
            let mut out = io::stdout().lock();
            write!(out, "{}", card::selection_table(&selection))?;
            let names: Vec<String> = selection.features.iter().map(|f| f.name()).collect();
            writeln!(out, "\nselected: {}", names.join(", "))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            layout,
            rows,
            signal,
            target,
            seed,
            out,
        } => {
            let outcome = match target {
                Target::Resolved => synthetic::export::Outcome::Resolved,
                Target::Within { hours } => synthetic::export::Outcome::Within { hours },
                Target::Status => {
                    return Err(Error::Training(
                        "generate plants resolved or within:HOURSh, not status".into(),
                    ));
                }
            };
            let spec = synthetic::export::Spec {
                layout,
                rows,
                seed,
                signal,
                outcome,
            };
            let sink: Box<dyn Write> = match &out {
                Some(path) => Box::new(File::create(path).map_err(|e| file_error(path, e))?),
                None => Box::new(io::stdout().lock()),
            };
            let truth = synthetic::export::write(&spec, BufWriter::new(sink))
                .map_err(|e| Error::Training(e.to_string()))?;
            let auc = truth
                .bayes_auc()
                .map_or_else(|_| "undefined".into(), |a| format!("{a:.4}"));
            note(format_args!(
                "wrote {rows} {} tickets (Bayes AUC of the planted model {auc}, {} censored)",
                layout.name(),
                truth.censored
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Models { data, out_dir } => {
            let (sha, export) = read_export(&data, None)?;
            let inspection = Inspection::of(&export, data.resolved_status.as_deref());
            let dataset = dataset_of(&export, inspection.schema, sha);
            let built = committed::committed(&dataset, &mut progress)?;
            std::fs::create_dir_all(&out_dir).map_err(|e| file_error(&out_dir, e))?;
            for (file, artifact) in built.files() {
                write_file(&out_dir.join(file), &artifact.to_bytes()?)?;
            }
            let card = card::committed_card(&dataset, &built);
            write_file(&out_dir.join("MODEL_CARD.md"), card.as_bytes())?;
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

/// How to read `args`'s export: with `model`'s schema, whose feature roles (and, to evaluate,
/// the target's) must be in the file.
fn options(args: &DataArgs, model: Option<&Model>, evaluate: bool) -> Options {
    let mut required = model.map(Model::roles).unwrap_or_default();
    if let (Some(m), true) = (model, evaluate) {
        required.extend(match m.artifact().target {
            Target::Within { .. } => vec![Role::CreatedAt, Role::ResolvedAt],
            _ => vec![Role::Status],
        });
    }
    Options {
        map: args.map.clone(),
        date_order: args.date_order,
        schema: model.map(|m| m.artifact().schema.clone()),
        required,
        tracked_ids: None,
    }
}

/// Rejected rows listed one by one on stderr; the rest are counted.
const LISTED_REJECTED: u64 = 20;

/// What streaming an export found besides its tickets.
struct Streamed {
    /// The file's SHA-256, lower-case hex (empty when not asked for).
    sha: String,
    summary: export::Summary,
    /// The first [`inspect::LISTED_REJECTED`] rejected rows (the rest are counted in
    /// `summary`).
    rejected: Vec<RowError>,
}

/// Streams an export (with the model's schema, if any) through `ticket`, one ticket at a time
/// in file order, holding one 1 MiB chunk of the file, never the whole of it; reports rejected
/// rows on stderr as they are read, and what reading found at the end. `ticket`'s error stops
/// reading and is returned. With `--strict` the first rejected row is the error, once the file
/// is read. The file's SHA-256 is computed if `hash` (a model file records it).
fn stream_export(
    args: &DataArgs,
    model: Option<&Model>,
    hash: bool,
    ticket: &mut dyn FnMut(Ticket) -> Result<()>,
) -> Result<Streamed> {
    let file = File::open(&args.data).map_err(|e| file_error(&args.data, e))?;
    let mut reader = export::Reader::new(options(args, model, true));
    let mut hasher = Sha256::new();
    let mut rejected = Vec::new();
    let mut rejected_count = 0u64;
    let mut first_error = None;
    // Set by the sink, read between chunks while the sink is still in use.
    let failure: Cell<Option<Error>> = Cell::new(None);
    let stopped = Cell::new(false);
    let strict = args.strict;
    let mut sink = |row: Row| match row {
        Row::Ticket(t) => {
            if !stopped.get()
                && let Err(e) = ticket(t)
            {
                failure.set(Some(e));
                stopped.set(true);
            }
        }
        Row::Rejected(e) => {
            if strict && first_error.is_none() {
                first_error = Some(e.clone());
            }
            if rejected_count < LISTED_REJECTED {
                note(format_args!("skipped {e}"));
            }
            rejected_count += 1;
            if rejected.len() < inspect::LISTED_REJECTED {
                rejected.push(e);
            }
        }
    };
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = input
            .read(&mut buf)
            .map_err(|e| file_error(&args.data, e))?;
        if n == 0 {
            break;
        }
        if hash {
            hasher.update(&buf[..n]);
        }
        reader.push(&buf[..n], &mut sink)?;
        if let Some(e) = failure.take() {
            return Err(e);
        }
    }
    let summary = reader.finish(&mut sink)?;
    if let Some(e) = failure.take() {
        return Err(e);
    }
    if let Some(e) = first_error {
        return Err(Error::BadRow(e));
    }
    if rejected_count > 0 {
        note(format_args!(
            "{} tickets read, {} rows skipped",
            summary.tickets, summary.rejected
        ));
    }
    note_duplicates(&summary.duplicates);
    let sha = if hash {
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    } else {
        String::new()
    };
    Ok(Streamed {
        sha,
        summary,
        rejected,
    })
}

/// Reads a whole export into memory (the model's schema, if any), reporting rejected rows on
/// stderr; returns its SHA-256 and the export. For the commands that need every ticket at
/// once (training, selection, the committed models).
fn read_export(args: &DataArgs, model: Option<&Model>) -> Result<(String, Export)> {
    let mut tickets = Vec::new();
    let read = stream_export(args, model, true, &mut |t| {
        tickets.push(t);
        Ok(())
    })?;
    Ok((
        read.sha,
        Export {
            tickets,
            rejected: read.rejected,
            summary: read.summary,
        },
    ))
}

fn dataset_of(export: &Export, schema: export::Schema, sha256: String) -> Dataset<'_> {
    Dataset {
        tickets: &export.tickets,
        schema,
        header: export.summary.header.clone(),
        rows: export.summary.rows,
        rejected: export.summary.rejected,
        sha256,
        latest: export.summary.latest,
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn load_model(path: &Path) -> Result<Model> {
    let bytes = std::fs::read(path).map_err(|e| file_error(path, e))?;
    Artifact::from_bytes(&bytes).map_err(|e| Error::ModelFile {
        path: path.to_path_buf(),
        source: e,
    })
}

fn names(a: &Artifact) -> Vec<String> {
    a.features.iter().map(|f| f.name()).collect()
}

/// The inspection as text for a person.
fn describe(i: &Inspection) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "layout: {} ({}), {} with '{}' between fields",
        i.layout.name(),
        i.layout.label(),
        i.encoding.name(),
        i.delimiter.escape_default()
    );
    let _ = writeln!(
        out,
        "rows: {} ({} tickets, {} rejected, {} empty)",
        i.rows, i.counts.tickets, i.counts.rejected, i.counts.blank
    );
    out.push_str("mapping:\n");
    for role in Role::ALL {
        let _ = writeln!(
            out,
            "  {:13} {}",
            role.name(),
            i.mapping.get(role).unwrap_or("-")
        );
    }
    for t in &i.times {
        let _ = writeln!(out, "times: {} reads as {}", t.header, t.format);
    }
    if !i.statuses.is_empty() {
        out.push_str("statuses (* counts as resolved):\n");
        for s in &i.statuses {
            let _ = writeln!(
                out,
                "  {} {} ({})",
                if s.resolved { '*' } else { ' ' },
                s.value,
                s.count
            );
        }
    }
    if !i.priorities.is_empty() {
        let order: Vec<String> = i
            .priorities
            .iter()
            .map(|p| match p.rank {
                Some(r) => format!(
                    "{} ({r})",
                    if p.value.is_empty() {
                        "(empty)"
                    } else {
                        &p.value
                    }
                ),
                None => format!(
                    "{} (unranked)",
                    if p.value.is_empty() {
                        "(empty)"
                    } else {
                        &p.value
                    }
                ),
            })
            .collect();
        let _ = writeln!(out, "priorities, lowest first: {}", order.join(" < "));
    }
    for (what, levels) in [("channels", &i.channels), ("types", &i.types)] {
        if !levels.is_empty() {
            let shown: Vec<String> = levels
                .iter()
                .take(12)
                .map(|l| format!("{} ({})", l.value, l.count))
                .collect();
            let _ = writeln!(
                out,
                "{what}: {}{}",
                shown.join(", "),
                if levels.len() > 12 { ", ..." } else { "" }
            );
        }
    }
    if let Some(at) = &i.as_of {
        let _ = writeln!(out, "latest timestamp: {at}");
    }
    for w in &i.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}

fn train_command(args: &TrainArgs) -> Result<()> {
    let (sha, export) = read_export(&args.data, None)?;
    let config = studio::Choices {
        features: args.features,
        target: args.target,
        as_of: args.as_of,
        solver: args.solver,
        class_weight: args.class_weight,
        c: args.c,
        split: args.split,
        standardize: args.standardize,
        permutations: args.permutations,
        name: args.name.clone(),
        learning: train::Learning {
            learner: args.learner,
            resample: args.resample,
            calibration: args.calibration,
            search: train::Search {
                rows: args.search_rows,
                inner_folds: args.inner_folds,
            },
        },
    }
    .config();
    let (inspection, trained) = studio::train_export(
        &export,
        sha,
        args.data.resolved_status.as_deref(),
        &config,
        &mut progress,
    )?;
    let artifact = &trained.artifact;
    write_file(&args.out, &artifact.to_bytes()?)?;
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report(
            artifact,
            &inspection,
            trained.selection.as_ref(),
        ))
        .map_err(io::Error::other)?;
        write_file(path, format!("{json}\n").as_bytes())?;
    }
    if let Some(path) = &args.card {
        write_file(
            path,
            card::model_card(artifact, trained.selection.as_ref()).as_bytes(),
        )?;
    }
    if let Some(t) = &artifact.metrics.test {
        note(format_args!(
            "held-out ROC AUC {:.4} on {} tickets (majority baseline accuracy {:.1}%)",
            t.roc_auc,
            t.n,
            100.0 * t.majority_baseline
        ));
    }
    note(format_args!("wrote {}", args.out.display()));
    Ok(())
}

/// The JSON report of a trained model.
pub fn report(
    artifact: &Artifact,
    inspection: &Inspection,
    selection: Option<&train::Selection>,
) -> serde_json::Value {
    let (coef, intercept) = match &artifact.weights {
        Weights::Binary { coef, intercept } => {
            (serde_json::json!(coef), serde_json::json!(intercept))
        }
        Weights::Multinomial { coef, intercept } => {
            (serde_json::json!(coef), serde_json::json!(intercept))
        }
        Weights::Trees(e) => (serde_json::Value::Null, serde_json::json!(e.base)),
    };
    let rounds = selection.map(|s| {
        s.rounds
            .iter()
            .map(|r| serde_json::json!({"current_auc": r.current_auc, "tried": r.tried, "added": r.added}))
            .collect::<Vec<_>>()
    });
    serde_json::json!({
        "model": artifact.name,
        "layout": artifact.schema.layout.0,
        "mapping": artifact.schema.mapping,
        "resolved_statuses": inspection.resolved_statuses,
        "target": artifact.target.name(),
        "split": artifact.training.split.name(),
        "rows": artifact.training.rows,
        "feature_set": artifact.feature_set.map(|s| s.name()),
        "features": names(artifact),
        "classes": artifact.classes,
        "coef": coef,
        "intercept": intercept,
        "scaler": artifact.scaler,
        "learner": artifact.training.learner.family().name(),
        "settings": settings(&artifact.training.learner),
        "calibration": artifact.calibrator,
        "comparison": artifact.metrics.comparison,
        "training": artifact.training,
        "metrics": artifact.metrics,
        "selection": rounds,
        "left_out": artifact.training.left_out,
    })
}

/// The tuned settings of a tree learner, under its family's name (`null` for logistic
/// regression, whose C is in `training`).
fn settings(learner: &Learner) -> serde_json::Value {
    match learner {
        Learner::Logistic => serde_json::Value::Null,
        Learner::Forest(p) => serde_json::json!({ "forest": p }),
        Learner::Boosting(p) => serde_json::json!({ "boosting": p }),
    }
}

/// A row of an export on its way through the pipeline: a ticket, or a row the reader
/// rejected (kept in the stream so that every message comes in file order).
enum Item {
    Ticket(Ticket),
    Rejected(RowError),
}

/// Roughly what an item holds, in bytes: what batches are weighed by.
fn weight(t: &Ticket) -> usize {
    64 + t.id.len() + t.subject.len() + t.description.len()
}

/// What predicting one row gave.
enum Predicted {
    /// A CSV row of this many bytes, next in the batch's bytes.
    Row(usize),
    /// The ticket lacks a value the model reads.
    Missing { id: String, role: Role },
    /// Predicting the ticket panicked: it is reported by id, the rest go on.
    Failed { id: String, message: String },
    /// A row the reader rejected.
    Rejected(RowError),
}

/// Predicts one batch of rows: what each gave, and the CSV rows' bytes.
fn predict_batch(model: &Model, items: Vec<Item>) -> Result<(Vec<Predicted>, Vec<u8>)> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut outcomes = Vec::with_capacity(items.len());
    let mut at = 0;
    for item in items {
        let t = match item {
            Item::Ticket(t) => t,
            Item::Rejected(e) => {
                outcomes.push(Predicted::Rejected(e));
                continue;
            }
        };
        let outcome = match panic::catch_unwind(AssertUnwindSafe(|| model.predict(&t))) {
            Ok(Ok(p)) => {
                out.write_record([
                    t.id.as_str(),
                    &p.probability.to_string(),
                    if p.positive { "true" } else { "false" },
                ])
                .map_err(csv_error)?;
                out.flush()?;
                let len = out.get_ref().len();
                let row = Predicted::Row(len - at);
                at = len;
                row
            }
            Ok(Err(m)) => Predicted::Missing {
                id: t.id,
                role: m.role,
            },
            Err(payload) => Predicted::Failed {
                id: t.id,
                message: pipeline::panic_message(&*payload),
            },
        };
        outcomes.push(outcome);
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Io(io::Error::other(e.to_string())))?;
    Ok((outcomes, bytes))
}

/// Distinct ticket ids `predict` checks for repeats (an 8-byte hash and a line each).
const PREDICT_TRACKED_IDS: usize = 1_000_000;

/// Says on stderr how many rows repeat an earlier ticket id, with the first example, and
/// whether the check stopped at its limit.
fn note_duplicates(d: &export::Duplicates) {
    if let Some((id, first, again)) = d.examples.first() {
        note(format_args!(
            "{} rows repeat a ticket id seen earlier (first: '{id}' on lines {first} and {again})",
            d.rows
        ));
    }
    if d.stopped {
        note(format_args!(
            "the repeated-id check stopped at its limit of distinct ids; later repeats are not counted"
        ));
    }
}

/// Predicts every ticket of the export streaming, on `threads` threads, writing the rows in
/// file order.
fn predict_command(data: &DataArgs, model: &Model, threads: Threads) -> Result<ExitCode> {
    let file = File::open(&data.data).map_err(|e| file_error(&data.data, e))?;
    // Repeated ids are reported as by `inspect`, from the first PREDICT_TRACKED_IDS distinct
    // ids: at most about 32 MB, however long the export.
    let mut reader = export::Reader::new(Options {
        tracked_ids: Some(PREDICT_TRACKED_IDS),
        ..options(data, Some(model), false)
    });
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(b"id,probability,resolved\n")?;
    let mut rejected = 0u64;
    let mut predicted = 0u64;
    let strict = data.strict;
    let process = |items: Vec<Item>| predict_batch(model, items);
    let consume = |batch: Result<(Vec<Predicted>, Vec<u8>)>| -> Result<()> {
        let (outcomes, bytes) = batch?;
        let mut at = 0;
        for outcome in outcomes {
            match outcome {
                Predicted::Row(len) => {
                    out.write_all(bytes.get(at..at + len).unwrap_or_default())?;
                    at += len;
                    predicted += 1;
                }
                Predicted::Missing { id, role } => {
                    rejected += 1;
                    note(format_args!(
                        "skipped ticket '{id}': no {role} value, which the model reads"
                    ));
                }
                Predicted::Failed { id, message } => {
                    rejected += 1;
                    note(format_args!(
                        "skipped ticket '{id}': predicting it failed ({message})"
                    ));
                }
                Predicted::Rejected(e) => {
                    rejected += 1;
                    if strict {
                        return Err(Error::BadRow(e));
                    } else if rejected <= LISTED_REJECTED {
                        note(format_args!("skipped {e}"));
                    }
                }
            }
        }
        Ok(())
    };
    pipeline::run(threads, Limits::DEFAULT, process, consume, |batches| {
        let failure: Cell<Option<Error>> = Cell::new(None);
        let mut sink = |row: Row| {
            let (item, w) = match row {
                Row::Ticket(t) => {
                    let w = weight(&t);
                    (Item::Ticket(t), w)
                }
                Row::Rejected(e) => (Item::Rejected(e), 0),
            };
            if let Err(e) = batches.push(item, w) {
                failure.set(Some(e));
            }
        };
        let mut input = BufReader::with_capacity(1 << 20, file);
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = input
                .read(&mut buf)
                .map_err(|e| file_error(&data.data, e))?;
            if n == 0 {
                break;
            }
            reader.push(&buf[..n], &mut sink)?;
            if let Some(e) = failure.take() {
                return Err(e);
            }
        }
        let summary = reader.finish(&mut sink)?;
        if let Some(e) = failure.take() {
            return Err(e);
        }
        note_duplicates(&summary.duplicates);
        Ok(())
    })?;
    out.flush()?;
    if rejected > 0 {
        note(format_args!(
            "{predicted} tickets predicted, {rejected} rows skipped"
        ));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// What evaluation keeps of one ticket: what its label needs, and the model's answer, not its
/// text.
struct Evaluated {
    /// Its status, as an index into the distinct statuses seen.
    status: Option<u32>,
    created_at: Option<time::Timestamp>,
    resolved_at: Option<time::Timestamp>,
    /// The class probabilities and the seed sentiment feature's value, or why the model could
    /// not read the ticket.
    scored: std::result::Result<(Box<[f64]>, Option<f64>), String>,
}

/// Scores one batch of tickets for evaluation: features and probabilities, as
/// `train::evaluate::test_metrics` computes them.
fn evaluate_batch(model: &Model, tickets: Vec<Ticket>) -> Vec<(Ticket, Evaluated)> {
    let a = model.artifact();
    let s_column = a
        .features
        .iter()
        .position(|f| *f == Feature::SeedScore(Text::Description));
    tickets
        .into_iter()
        .map(|t| {
            let scored = panic::catch_unwind(AssertUnwindSafe(|| {
                features::row(&a.features, &t, &a.schema)
            }));
            let scored = match scored {
                Ok(Ok(row)) => {
                    let s = s_column.and_then(|c| row.values.get(c).copied());
                    let p = model.probabilities(&row.values).0;
                    Ok((p.into_boxed_slice(), s))
                }
                Ok(Err(m)) => Err(format!(
                    "ticket '{}' has no {} value, which the feature {} needs",
                    t.id,
                    m.role,
                    a.features
                        .iter()
                        .find(|f| f.role() == m.role)
                        .map_or_else(String::new, Feature::name)
                )),
                Err(payload) => Err(format!(
                    "computing the features of ticket '{}' failed ({})",
                    t.id,
                    pipeline::panic_message(&*payload)
                )),
            };
            let kept = Evaluated {
                status: None,
                created_at: t.created_at,
                resolved_at: t.resolved_at,
                scored,
            };
            // Only the status is still needed (interned by the caller); the text is dropped.
            let slim = Ticket {
                status: t.status,
                ..Ticket::default()
            };
            (slim, kept)
        })
        .collect()
}

/// Evaluates `model` on the export streaming, on `threads` threads: the same metrics as
/// [`train::evaluate::evaluate`] on the whole file, keeping per ticket only its label's
/// inputs and its probabilities (the metrics need every ticket's score, so memory grows by
/// those few numbers per ticket, not by the tickets).
fn evaluate_streaming(
    data: &DataArgs,
    model: &Model,
    threads: Threads,
) -> Result<(export::Summary, TestMetrics, Labels)> {
    let a = model.artifact();
    let mut kept: Vec<Evaluated> = Vec::new();
    let mut statuses: Vec<String> = Vec::new();
    let mut status_index: HashMap<String, u32> = HashMap::new();
    let process = |tickets: Vec<Ticket>| evaluate_batch(model, tickets);
    let consume = |batch: Vec<(Ticket, Evaluated)>| -> Result<()> {
        for (slim, mut e) in batch {
            e.status = slim.status.map(|s| {
                let next = statuses.len() as u32;
                *status_index.entry(s.clone()).or_insert_with(|| {
                    statuses.push(s);
                    next
                })
            });
            kept.push(e);
        }
        Ok(())
    };
    let read = pipeline::run(threads, Limits::DEFAULT, process, consume, |batches| {
        stream_export(data, Some(model), false, &mut |t| {
            let w = weight(&t);
            batches.push(t, w)
        })
    })?;
    if kept.is_empty() {
        return Err(ModelError::EmptyData { what: "tickets" }.into());
    }
    let mut schema = a.schema.clone();
    schema.mapping = read.summary.schema.mapping.clone();
    let slim = |e: &Evaluated| Ticket {
        status: e.status.and_then(|i| statuses.get(i as usize).cloned()),
        created_at: e.created_at,
        resolved_at: e.resolved_at,
        ..Ticket::default()
    };
    // The labels as `Labels::with_classes` gives them, one ticket at a time.
    let keys: Vec<String> = a.classes.iter().map(|c| vocab::key(c)).collect();
    let mut labels = Labels {
        rows: Vec::new(),
        y: Vec::new(),
        classes: a.classes.clone(),
        censored: 0,
        unlabeled: 0,
    };
    for (i, e) in kept.iter().enumerate() {
        let t = slim(e);
        let label = match a.target {
            Target::Status => t
                .status
                .as_deref()
                .and_then(|s| keys.iter().position(|k| *k == vocab::key(s)))
                .ok_or(Unlabeled::NoStatus),
            target => target
                .binary_label(&t, &schema, read.summary.latest)
                .map(usize::from),
        };
        match label {
            Ok(y) => {
                labels.rows.push(i);
                labels.y.push(y);
            }
            Err(Unlabeled::Censored) => labels.censored += 1,
            Err(_) => labels.unlabeled += 1,
        }
    }
    let needs: &[Role] = match a.target {
        Target::Resolved | Target::Status => &[Role::Status],
        Target::Within { .. } => &[Role::CreatedAt, Role::ResolvedAt],
    };
    let mut classes_seen = labels.y.clone();
    classes_seen.sort_unstable();
    classes_seen.dedup();
    if classes_seen.len() < 2 || needs.iter().any(|r| schema.mapping.get(*r).is_none()) {
        // Too few labels to measure: the training module says why, in the export's terms
        // (this builds every ticket's label inputs at once, on this failing path only).
        let tickets: Vec<Ticket> = kept.iter().map(slim).collect();
        let dataset = Dataset {
            tickets: &tickets,
            schema: schema.clone(),
            header: read.summary.header.clone(),
            rows: read.summary.rows,
            rejected: read.summary.rejected,
            sha256: read.sha.clone(),
            latest: read.summary.latest,
        };
        labels = Labels::with_classes(&dataset, a.target, read.summary.latest, Some(&a.classes))?;
    }
    let mut proba = Vec::with_capacity(labels.rows.len());
    let mut s = Vec::with_capacity(labels.rows.len());
    for &i in &labels.rows {
        match kept.get(i).map(|e| &e.scored) {
            Some(Ok((p, seed))) => {
                proba.push(p.to_vec());
                s.push(seed.unwrap_or(0.0));
            }
            Some(Err(message)) => return Err(Error::Training(message.clone())),
            None => {}
        }
    }
    let has_seed = a.features.contains(&Feature::SeedScore(Text::Description));
    drop(kept);
    let metrics = TestMetrics::of(
        &proba,
        a.threshold,
        &labels.y,
        &labels.y,
        has_seed.then_some(s.as_slice()),
    )?;
    Ok((read.summary, metrics, labels))
}

/// Scores JSON Lines from `input` to `out` with one analyzer on `threads` threads, passing
/// each rejected line to `rejected` in input order (see [`score::score_lines_on`]).
pub fn score_on(
    threads: Threads,
    analyzer: Analyzer,
    input: impl io::BufRead,
    out: impl io::Write,
    max_line_bytes: usize,
    rejected: impl FnMut(Error),
) -> Result<Summary> {
    let (max, t) = (max_line_bytes, threads);
    match analyzer {
        Analyzer::Textblob => {
            score::score_lines_on(t, input, out, max, textblob::sentiment, rejected)
        }
        Analyzer::Seed => score::score_lines_on(t, input, out, max, seed::seed_score, rejected),
        Analyzer::Vader => {
            score::score_lines_on(t, input, out, max, vader::polarity_scores, rejected)
        }
    }
}

/// Scores JSON Lines from `input` to `out` with one analyzer on one thread, passing each
/// rejected line to `rejected` in input order (see [`score::score_lines`]).
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
