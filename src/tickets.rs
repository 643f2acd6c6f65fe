//! Reading support tickets from a CSV export (the seed's format: a header row, quoted
//! multi-line fields) into typed [`Ticket`]s, with every bad row reported by line and field.

use serde::Serialize;

use crate::{Error, Result};

/// Ticket priority. The seed coded Critical as 0, below Low; see [`Priority::seed_code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Priority {
    /// "Low".
    Low,
    /// "Medium".
    Medium,
    /// "High".
    High,
    /// "Critical".
    Critical,
}

impl Priority {
    /// Parses a priority as the seed did: trimmed, case-insensitive.
    pub fn parse(s: &str) -> Option<Priority> {
        match s.trim().to_ascii_lowercase().as_str() {
            "low" => Some(Priority::Low),
            "medium" => Some(Priority::Medium),
            "high" => Some(Priority::High),
            "critical" => Some(Priority::Critical),
            _ => None,
        }
    }

    /// The seed's "Ticket Priority Numeric": low 1, medium 2, high 3, anything else 0 — so
    /// Critical is 0 (the seed's bug, kept only for seed compatibility).
    pub fn seed_code(self) -> f64 {
        match self {
            Priority::Low => 1.0,
            Priority::Medium => 2.0,
            Priority::High => 3.0,
            Priority::Critical => 0.0,
        }
    }

    /// Parses a priority, or says what is wrong with `s`.
    pub fn parse_or_explain(s: &str) -> std::result::Result<Priority, String> {
        Priority::parse(s).ok_or_else(|| {
            format!("unknown priority '{s}' (expected Low, Medium, High or Critical)")
        })
    }

    /// Priority in its right order: low 1, medium 2, high 3, critical 4.
    pub fn ordinal(self) -> f64 {
        match self {
            Priority::Low => 1.0,
            Priority::Medium => 2.0,
            Priority::High => 3.0,
            Priority::Critical => 4.0,
        }
    }

    /// The label as the data writes it.
    pub fn label(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Medium => "Medium",
            Priority::High => "High",
            Priority::Critical => "Critical",
        }
    }
}

/// Ticket status; the target "resolved" is `status == Closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    /// "Open".
    Open,
    /// "Pending Customer Response".
    Pending,
    /// "Closed".
    Closed,
}

impl Status {
    /// Parses a status: trimmed, case-insensitive.
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Some(Status::Open),
            "pending customer response" => Some(Status::Pending),
            "closed" => Some(Status::Closed),
            _ => None,
        }
    }

    /// The label as the data writes it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::Pending => "Pending Customer Response",
            Status::Closed => "Closed",
        }
    }
}

/// One support ticket: the fields the product uses. Fields that leak the label (Resolution,
/// Time to Resolution, Satisfaction) are kept for the charts, never used as features.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ticket {
    /// "Ticket ID", or the 1-based row number when the file has no such column.
    pub id: String,
    /// "Customer Age", whole years in 0..=120.
    pub age: f64,
    /// "Ticket Priority".
    pub priority: Priority,
    /// "Ticket Description" (may be empty).
    pub description: String,
    /// "Ticket Channel", empty when absent.
    pub channel: String,
    /// "Ticket Type", empty when absent.
    pub ticket_type: String,
    /// "Ticket Status", when the file has it.
    pub status: Option<Status>,
    /// "Customer Satisfaction Rating", when filled (only for closed tickets).
    pub satisfaction: Option<f64>,
}

/// A row that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// The column at fault, when one is.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(
                f,
                "line {}, column '{}': {}",
                self.line, field, self.message
            ),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Parses a customer age: a number of whole years from 0 to 120.
pub fn parse_age(text: &str) -> std::result::Result<f64, String> {
    let text = text.trim();
    let age: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number"))?;
    check_age(age).map_err(|_| format!("{text} is not an age in whole years from 0 to 120"))
}

/// Checks that `age` is a whole number of years from 0 to 120.
pub fn check_age(age: f64) -> std::result::Result<f64, String> {
    if (0.0..=120.0).contains(&age) && age.fract() == 0.0 {
        Ok(age)
    } else {
        // Huge values in exponent form, not as hundreds of digits.
        let shown = if age.abs() < 1e16 {
            age.to_string()
        } else {
            format!("{age:e}")
        };
        Err(format!(
            "{shown} is not an age in whole years from 0 to 120"
        ))
    }
}

/// What to do with a bad row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnBadRow {
    /// Stop at the first bad row with [`Error::BadRow`].
    Stop,
    /// Skip bad rows, reporting each in [`Tickets::rejected`].
    Skip,
}

/// The tickets of a file and the rows that were rejected.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tickets {
    /// Tickets read, in file order.
    pub tickets: Vec<Ticket>,
    /// Rows rejected (only with [`OnBadRow::Skip`]), in file order.
    pub rejected: Vec<RowError>,
}

/// Columns every file must have.
const REQUIRED: [&str; 3] = ["Customer Age", "Ticket Priority", "Ticket Description"];

/// Column positions found in the header.
struct Columns {
    id: Option<usize>,
    age: usize,
    priority: usize,
    description: usize,
    channel: Option<usize>,
    ticket_type: Option<usize>,
    status: Option<usize>,
    satisfaction: Option<usize>,
}

impl Columns {
    fn find(header: &csv::StringRecord) -> Result<Columns> {
        let pos = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
        };
        let need = |name: &'static str| pos(name).ok_or(Error::MissingColumn { column: name });
        Ok(Columns {
            id: pos("Ticket ID"),
            age: need(REQUIRED[0])?,
            priority: need(REQUIRED[1])?,
            description: need(REQUIRED[2])?,
            channel: pos("Ticket Channel"),
            ticket_type: pos("Ticket Type"),
            status: pos("Ticket Status"),
            satisfaction: pos("Customer Satisfaction Rating"),
        })
    }
}

/// Reads tickets from CSV bytes (UTF-8, header row first).
///
/// Errors: [`Error::EmptyCsv`] without a header, [`Error::MissingColumn`] when a required column
/// is absent, and with [`OnBadRow::Stop`] [`Error::BadRow`] for the first bad row.
pub fn read(bytes: &[u8], on_bad_row: OnBadRow) -> Result<Tickets> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader.headers().map_err(|e| csv_error(&e))?.clone();
    if header.is_empty() || header.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::EmptyCsv);
    }
    let columns = Columns::find(&header)?;
    let mut out = Tickets::default();
    let mut record = csv::StringRecord::new();
    let mut row = 0u64;
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                row += 1;
                let line = record.position().map_or(line, csv::Position::line);
                match parse_row(&record, &header, &columns, line, row) {
                    Ok(ticket) => out.tickets.push(ticket),
                    Err(bad) if on_bad_row == OnBadRow::Skip => out.rejected.push(bad),
                    Err(bad) => return Err(Error::BadRow(bad)),
                }
            }
            Err(e) => {
                let bad = RowError {
                    line,
                    field: None,
                    message: csv_error(&e).to_string(),
                };
                // A CSV syntax error (invalid UTF-8, say) leaves the reader at the next record.
                if on_bad_row == OnBadRow::Stop || !matches!(e.kind(), csv::ErrorKind::Utf8 { .. })
                {
                    return Err(Error::BadRow(bad));
                }
                out.rejected.push(bad);
            }
        }
    }
    Ok(out)
}

fn csv_error(e: &csv::Error) -> Error {
    Error::Csv(e.to_string())
}

fn parse_row(
    record: &csv::StringRecord,
    header: &csv::StringRecord,
    columns: &Columns,
    line: u64,
    row: u64,
) -> std::result::Result<Ticket, RowError> {
    let bad = |column: usize, message: String| RowError {
        line,
        field: Some(header.get(column).unwrap_or("?").to_string()),
        message,
    };
    let field = |column: usize| -> std::result::Result<&str, RowError> {
        record.get(column).ok_or_else(|| {
            bad(
                column,
                format!(
                    "missing: the row has {} fields, the header {}",
                    record.len(),
                    header.len()
                ),
            )
        })
    };
    let optional = |column: Option<usize>| column.and_then(|c| record.get(c)).unwrap_or("");

    let age = parse_age(field(columns.age)?).map_err(|m| bad(columns.age, m))?;
    let priority = Priority::parse_or_explain(field(columns.priority)?)
        .map_err(|m| bad(columns.priority, m))?;
    let status = match columns.status {
        None => None,
        Some(c) => {
            let text = field(c)?;
            Some(Status::parse(text).ok_or_else(|| {
                bad(c, format!("unknown status '{text}' (expected Open, Pending Customer Response or Closed)"))
            })?)
        }
    };
    let satisfaction = match columns.satisfaction.map(|c| (c, optional(Some(c)).trim())) {
        None | Some((_, "")) => None,
        Some((c, text)) => Some(
            text.parse::<f64>()
                .ok()
                .filter(|s| s.is_finite())
                .ok_or_else(|| bad(c, format!("'{text}' is not a rating")))?,
        ),
    };
    let id = match columns.id.map(|c| optional(Some(c)).trim()) {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => row.to_string(),
    };
    Ok(Ticket {
        id,
        age,
        priority,
        description: field(columns.description)?.to_string(),
        channel: optional(columns.channel).trim().to_string(),
        ticket_type: optional(columns.ticket_type).trim().to_string(),
        status,
        satisfaction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "Ticket ID,Customer Age,Ticket Priority,Ticket Description,Ticket Status\n";

    #[test]
    fn reads_quoted_multiline_descriptions() {
        let csv = format!(
            "{HEADER}7,32,Critical,\"Line one.\n\nLine \"\"two\"\".\",Closed\n8,40,low,,Open\n"
        );
        let read = read(csv.as_bytes(), OnBadRow::Stop).unwrap();
        assert_eq!(read.tickets.len(), 2);
        let t = &read.tickets[0];
        assert_eq!(
            (t.id.as_str(), t.age, t.priority),
            ("7", 32.0, Priority::Critical)
        );
        assert_eq!(t.description, "Line one.\n\nLine \"two\".");
        assert_eq!(t.status, Some(Status::Closed));
        assert_eq!(read.tickets[1].priority, Priority::Low);
    }

    #[test]
    fn bad_rows_name_line_and_field_and_skipping_keeps_the_rest() {
        let csv = format!(
            "{HEADER}1,32,High,\"two\nlines\",Open\n2,abc,High,x,Open\n3,-4,High,x,Open\n4,30,Urgent,x,Open\n5,30\n6,NaN,Low,x,Open\n7,50,Low,ok,Closed\n"
        );
        let read = read(csv.as_bytes(), OnBadRow::Skip).unwrap();
        let ids: Vec<&str> = read.tickets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "7"]);
        let errors: Vec<String> = read.rejected.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "line 4, column 'Customer Age': 'abc' is not a number",
                "line 5, column 'Customer Age': -4 is not an age in whole years from 0 to 120",
                "line 6, column 'Ticket Priority': unknown priority 'Urgent' (expected Low, Medium, High or Critical)",
                "line 7, column 'Ticket Priority': missing: the row has 2 fields, the header 5",
                "line 8, column 'Customer Age': NaN is not an age in whole years from 0 to 120",
            ]
        );
    }

    #[test]
    fn stop_reports_the_first_bad_row() {
        let csv = format!("{HEADER}1,1e9,Low,x,Open\n2,abc,Low,x,Open\n");
        let err = read(csv.as_bytes(), OnBadRow::Stop).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2, column 'Customer Age': 1e9 is not an age in whole years from 0 to 120"
        );
    }

    #[test]
    fn missing_columns_and_empty_files_are_errors() {
        assert!(matches!(read(b"", OnBadRow::Skip), Err(Error::EmptyCsv)));
        let err = read(
            b"Ticket ID,Customer Age,Ticket Priority\n1,2,Low\n",
            OnBadRow::Skip,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the CSV has no 'Ticket Description' column"
        );
    }

    #[test]
    fn reads_every_row_of_the_seed_dataset() {
        let read = read(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            OnBadRow::Stop,
        )
        .unwrap();
        assert_eq!(read.tickets.len(), 8469);
        let closed = read
            .tickets
            .iter()
            .filter(|t| t.status == Some(Status::Closed))
            .count();
        assert_eq!(closed, 2769);
        assert_eq!(
            read.tickets
                .iter()
                .filter(|t| t.satisfaction.is_some())
                .count(),
            2769
        );
    }
}
