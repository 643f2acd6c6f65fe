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
    /// A ticket CSV row could not be read (a broken CSV record, or a row `--strict` refuses).
    #[error("{0}")]
    BadRow(crate::export::RowError),
    /// An export has neither a description nor a subject column.
    #[error(
        "no text column: no column reads as a description or a subject (the file's columns: \
         {columns}); map one with --map description=HEADER"
    )]
    NoTextColumn {
        /// The export's headers.
        columns: String,
    },
    /// A role is mapped to a header the export does not have.
    #[error("no column '{header}' for the role {role} (the file's columns: {columns})")]
    NoSuchColumn {
        /// The role.
        role: crate::ticket::Role,
        /// The header asked for.
        header: String,
        /// The export's headers.
        columns: String,
    },
    /// A model's mapping names a column the export does not have.
    #[error(
        "the model reads column '{header}' as its {role}, and this file has no such column (its \
         columns: {columns}): it was trained on another layout; map the role with --map \
         {role}=HEADER or train a model on this file"
    )]
    Unfit {
        /// The role.
        role: crate::ticket::Role,
        /// The header the model reads it from.
        header: String,
        /// The export's headers.
        columns: String,
    },
    /// A header a role reads is written more than once.
    #[error(
        "the header '{header}' appears more than once (columns {}): rename one, or map the role \
         to another column",
        columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    DuplicateHeader {
        /// The header.
        header: String,
        /// Its 1-based column numbers.
        columns: Vec<usize>,
    },
    /// A time column's values are not timestamps.
    #[error(
        "column '{column}' is not a column of timestamps: only {parsed} of {of} values read as \
         one (for example '{example}'); map the role to another column, or to none"
    )]
    NotTimestamps {
        /// The column's header.
        column: String,
        /// A value that is not a timestamp.
        example: String,
        /// Values that parse.
        parsed: usize,
        /// Values looked at.
        of: usize,
    },
    /// A time column's dates read both day-first and month-first.
    #[error(
        "column '{column}' has dates such as '{example}' that read both as day/month and as \
         month/day, and no value tells which: pass --date-order dmy or --date-order mdy"
    )]
    AmbiguousDates {
        /// The column's header.
        column: String,
        /// A value that reads both ways.
        example: String,
    },
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
    /// Training cannot go on with this data, and why (in the export's terms).
    #[error("{0}")]
    Training(String),
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
    /// A message between the page's workers could not be read (a bug, never the user's file).
    #[error("a message between the page's workers could not be read: {0}")]
    Handover(String),
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
