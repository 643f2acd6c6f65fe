//! The native command-line interface, `ticket-insights`: scoring texts as JSON Lines.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::score::{self, Summary};
use crate::sentiment::{seed, textblob, vader};
use crate::{Error, Result};

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
    /// per request, in order. Bad lines are reported on stderr by line number and skipped; the
    /// exit status is then 1.
    Score {
        /// Which analyzer: textblob → {id, polarity, subjectivity}; seed → {id, cleaned, score};
        /// vader → {id, neg, neu, pos, compound}.
        #[arg(long, value_enum)]
        analyzer: Analyzer,
        /// Input file (default: standard input).
        #[arg(long)]
        input: Option<PathBuf>,
    },
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

/// Runs the CLI on `std::env::args`, returning the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ticket-insights: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Score { analyzer, input } => {
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
            )?;
            for e in &summary.rejected {
                eprintln!("ticket-insights: {e}");
            }
            if summary.rejected.is_empty() {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "ticket-insights: {} lines scored, {} rejected",
                    summary.scored,
                    summary.rejected.len()
                );
                Ok(ExitCode::FAILURE)
            }
        }
    }
}

/// Scores JSON Lines from `input` to `out` with one analyzer.
pub fn score_with(
    analyzer: Analyzer,
    input: impl io::BufRead,
    out: impl io::Write,
) -> Result<Summary> {
    match analyzer {
        Analyzer::Textblob => score::score_lines(input, out, textblob::sentiment),
        Analyzer::Seed => score::score_lines(input, out, seed::seed_score),
        Analyzer::Vader => score::score_lines(input, out, vader::polarity_scores),
    }
}
