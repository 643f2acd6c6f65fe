//! The native command-line interface, `ticket-insights`: scoring texts as JSON Lines,
//! inspecting a helpdesk export, training, evaluating and applying models, and rebuilding the
//! committed models with their model card.

use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use sha2::{Digest, Sha256};

use crate::export::time::{self, DateOrder};
use crate::export::{self, Export, Options, Row};
use crate::features::sets::FeatureSet;
use crate::inspect::Inspection;
use crate::model::artifact::{Artifact, Model, Split, Weights};
use crate::model::logistic::{ClassWeight, FitOptions, Objective};
use crate::score::{self, Summary};
use crate::sentiment::{seed, textblob, vader};
use crate::target::Target;
use crate::ticket::Role;
use crate::train::{self, Dataset, Features, TrainConfig, committed};
use crate::{Error, Result, card, synthetic};

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
    },
    /// Predicts every ticket of an export the model's mapping fits: `id,probability,resolved`
    /// rows on stdout.
    Predict {
        #[command(flatten)]
        data: DataArgs,
        /// The model file.
        #[arg(long)]
        model: PathBuf,
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
        } => {
            let input: Box<dyn Read> = match &input {
                Some(path) => Box::new(File::open(path).map_err(|e| file_error(path, e))?),
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
        Command::Inspect { data, json } => {
            let (_, export) = read_export(&data, None)?;
            let inspection = Inspection::of(&export, data.resolved_status.as_deref());
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
        Command::Evaluate { data, model } => {
            let model = load_model(&model)?;
            let (sha, export) = read_export(&data, Some(&model))?;
            let mut schema = model.artifact().schema.clone();
            schema.mapping = export.summary.schema.mapping.clone();
            let dataset = dataset_of(&export, schema, sha);
            let (metrics, labels) = train::evaluate::evaluate(&model, &dataset)?;
            let json = serde_json::json!({
                "model": model.artifact().name,
                "features": names(model.artifact()),
                "rows": {
                    "read": export.summary.rows,
                    "used": labels.rows.len(),
                    "rejected": export.summary.rejected + labels.unlabeled,
                    "censored": labels.censored,
                },
                "metrics": metrics,
            });
            let text = serde_json::to_string_pretty(&json).map_err(io::Error::other)?;
            writeln!(io::stdout().lock(), "{text}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Predict { data, model } => predict_command(&data, &load_model(&model)?),
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
    }
}

/// Rejected rows listed one by one on stderr; the rest are counted.
const LISTED_REJECTED: u64 = 20;

/// Reads a whole export (the model's schema, if any), reporting rejected rows on stderr;
/// returns its SHA-256 and the export.
fn read_export(args: &DataArgs, model: Option<&Model>) -> Result<(String, Export)> {
    let file = File::open(&args.data).map_err(|e| file_error(&args.data, e))?;
    let mut reader = export::Reader::new(options(args, model, true));
    let mut hasher = Sha256::new();
    let mut tickets = Vec::new();
    let mut rejected = Vec::new();
    let mut first_error = None;
    let strict = args.strict;
    let mut sink = |row: Row| match row {
        Row::Ticket(t) => tickets.push(t),
        Row::Rejected(e) => {
            if strict && first_error.is_none() {
                first_error = Some(e.clone());
            }
            if (rejected.len() as u64) < LISTED_REJECTED {
                note(format_args!("skipped {e}"));
            }
            rejected.push(e);
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
        hasher.update(&buf[..n]);
        reader.push(&buf[..n], &mut sink)?;
    }
    let summary = reader.finish(&mut sink)?;
    if let Some(e) = first_error {
        return Err(Error::BadRow(e));
    }
    if !rejected.is_empty() {
        note(format_args!(
            "{} tickets read, {} rows skipped",
            summary.tickets, summary.rejected
        ));
    }
    if summary.duplicates.rows > 0 {
        note(format_args!(
            "{} rows repeat a ticket id seen earlier (first: '{}' on lines {} and {})",
            summary.duplicates.rows,
            summary
                .duplicates
                .examples
                .first()
                .map_or("", |e| e.0.as_str()),
            summary.duplicates.examples.first().map_or(0, |e| e.1),
            summary.duplicates.examples.first().map_or(0, |e| e.2),
        ));
    }
    let sha = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((
        sha,
        Export {
            tickets,
            rejected,
            summary,
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
    let inspection = Inspection::of(&export, args.data.resolved_status.as_deref());
    for w in &inspection.warnings {
        note(format_args!("warning: {w}"));
    }
    let dataset = dataset_of(&export, inspection.schema.clone(), sha);
    let named = args.features.is_some();
    let objective = args.solver.unwrap_or(if named {
        Objective::Liblinear
    } else {
        Objective::Lbfgs
    });
    let mut fit = FitOptions::new(objective);
    fit.c = args.c;
    fit.class_weight = args.class_weight;
    let config = TrainConfig {
        name: args.name.clone().unwrap_or_else(|| {
            args.features
                .map_or_else(|| "model".into(), |f| f.name().into())
        }),
        features: args.features.map_or(Features::Select, Features::Named),
        target: args.target,
        fit,
        standardize: args.standardize || !named,
        split: args.split.or(named.then_some(Split::Seed)),
        cv_folds: 5,
        permutations: args.permutations,
        selection_in_null: false,
        as_of: args.as_of,
    };
    let trained = train::train(&dataset, &config, &mut progress)?;
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
        "training": artifact.training,
        "metrics": artifact.metrics,
        "selection": rounds,
        "left_out": artifact.training.left_out,
    })
}

/// Predicts every ticket of the export streaming, in file order.
fn predict_command(data: &DataArgs, model: &Model) -> Result<ExitCode> {
    let file = File::open(&data.data).map_err(|e| file_error(&data.data, e))?;
    let mut reader = export::Reader::new(options(data, Some(model), false));
    let mut out = csv::Writer::from_writer(BufWriter::new(io::stdout().lock()));
    let csv_err = |e: csv::Error| Error::Csv(e.to_string());
    out.write_record(["id", "probability", "resolved"])
        .map_err(csv_err)?;
    let mut failure: Option<Error> = None;
    let mut rejected = 0u64;
    let mut predicted = 0u64;
    let strict = data.strict;
    {
        let mut sink = |row: Row| {
            if failure.is_some() {
                return;
            }
            match row {
                Row::Ticket(t) => match model.predict(&t) {
                    Ok(p) => {
                        predicted += 1;
                        if let Err(e) = out.write_record([
                            t.id.as_str(),
                            &p.probability.to_string(),
                            if p.positive { "true" } else { "false" },
                        ]) {
                            failure = Some(csv_error(e));
                        }
                    }
                    Err(m) => {
                        rejected += 1;
                        note(format_args!(
                            "skipped ticket '{}': no {} value, which the model reads",
                            t.id, m.role
                        ));
                    }
                },
                Row::Rejected(e) => {
                    rejected += 1;
                    if strict {
                        failure = Some(Error::BadRow(e));
                    } else if rejected <= LISTED_REJECTED {
                        note(format_args!("skipped {e}"));
                    }
                }
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
        }
        reader.finish(&mut sink)?;
    }
    if let Some(e) = failure {
        return Err(e);
    }
    out.flush()?;
    if rejected > 0 {
        note(format_args!(
            "{predicted} tickets predicted, {rejected} rows skipped"
        ));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
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
