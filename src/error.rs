//! The crate's error type: every failure names what went wrong and where.

use thiserror::Error;

/// Everything that can go wrong in ticket-insights.
#[derive(Debug, Error)]
pub enum Error {
    /// A JSON Lines input line could not be read as a scoring request.
    #[error("line {line}: {message}")]
    JsonLine {
        /// 1-based line number in the input.
        line: u64,
        /// What is wrong with the line.
        message: String,
    },
    /// A ticket CSV has no header row.
    #[error("the CSV is empty: no header row")]
    EmptyCsv,
    /// A ticket CSV lacks a column the product needs.
    #[error("the CSV has no '{column}' column")]
    MissingColumn {
        /// The column's name.
        column: &'static str,
    },
    /// A ticket CSV row could not be read (with [`crate::tickets::OnBadRow::Stop`]).
    #[error("{0}")]
    BadRow(crate::tickets::RowError),
    /// The CSV itself is malformed.
    #[error("CSV error: {0}")]
    Csv(String),
    /// Fitting or evaluating a model failed.
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
    /// A model file was rejected.
    #[error(transparent)]
    Artifact(#[from] crate::model::artifact::ArtifactError),
    /// A model file on disk was rejected.
    #[error("{}: {source}", path.display())]
    ModelFile {
        /// The file's path.
        path: std::path::PathBuf,
        /// Why it was rejected.
        source: crate::model::artifact::ArtifactError,
    },
    /// Forward selection on the training data no longer picks this build's `improved` set.
    #[error(
        "forward selection on this data picks [{selected}], not this build's improved feature \
         set; update FeatureSet::Improved"
    )]
    SelectionChanged {
        /// The columns selection picked.
        selected: String,
    },
    /// A field of a ticket given to the browser API is missing or wrong.
    #[error("field '{field}': {message}")]
    Input {
        /// The field's name.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// No bundled model has this name.
    #[error("unknown model '{name}' (expected seed or improved)")]
    UnknownModel {
        /// The name asked for.
        name: String,
    },
    /// A file could not be opened or read.
    #[error("{}: {source}", path.display())]
    File {
        /// The file's path.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Reading or writing a stream failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A chart could not be drawn.
    #[error("chart '{chart}': {message}")]
    Chart {
        /// The chart's title.
        chart: &'static str,
        /// What the drawing backend reported.
        message: String,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
