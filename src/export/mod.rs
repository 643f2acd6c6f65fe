//! Reading a helpdesk export into [`Ticket`]s, from chunks of any size with bounded memory: the
//! encoding and the delimiter are sniffed from the first bytes, the layout and the role of each
//! column from the header and the first rows, and every row that cannot be read is reported by
//! line, column and value while the rest are read.
//!
//! The same [`Reader`] serves the CLI (a file read in blocks) and the browser (a `File` streamed
//! in chunks to a worker): what it detects depends only on the file, never on how it is cut.

pub mod csv;
pub mod decode;
pub mod layout;
pub mod vocab;

/// Timestamps, as [`crate::time`] reads them (kept here for the readers' paths).
pub use crate::time;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::ticket::{self, Role, Ticket};
use crate::time::{DateOrder, Detection, TimeFormat};
use crate::{Error, Result};
use decode::{Decoder, Encoding, SNIFF_BYTES};
use layout::{Layout, Mapping, Profile};

/// Rows whose values detection looks at (at most; see also [`DETECT_BYTES`]).
pub const DETECT_ROWS: usize = 10_000;

/// Bytes of rows detection looks at (at most).
pub const DETECT_BYTES: usize = 8 << 20;

/// Distinct ticket ids checked for duplicates; beyond this the check stops (and says so), so
/// memory stays bounded.
pub const MAX_TRACKED_IDS: usize = 8_000_000;

/// How an export is read and what its words mean: its layout, which column plays each role,
/// how its time columns write timestamps, which statuses count as resolved and how its
/// priorities rank. A model file records the schema it was trained with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// The helpdesk that wrote the export.
    pub layout: LayoutName,
    /// Role → header.
    pub mapping: Mapping,
    /// The format of each mapped time column.
    pub times: BTreeMap<Role, TimeFormat>,
    /// Status values (by [`vocab::key`]) that count as resolved.
    pub resolved: Vec<String>,
    /// Priority values (by key) the export holds, with their rank (`None`: no known rank).
    pub priorities: Vec<(String, Option<u8>)>,
    /// How the export writes the category values of each role (its most frequent spelling of
    /// each key), for showing them to a person.
    pub spellings: Vec<(Role, String, String)>,
}

impl Schema {
    /// The rank of priority `value`: as recorded, else from the known words.
    pub fn priority_rank(&self, value: &str) -> Option<u8> {
        let k = vocab::key(value);
        match self.priorities.iter().find(|(p, _)| *p == k) {
            Some((_, rank)) => *rank,
            None => vocab::priority_rank(self.layout.0, value),
        }
    }

    /// How the export writes the value with `key` of `role` (the key, capitalized, when the
    /// schema does not record it; "not set" for an empty one).
    pub fn spelling(&self, role: Role, key: &str) -> String {
        if let Some((_, _, written)) = self
            .spellings
            .iter()
            .find(|(r, k, _)| *r == role && k == key)
        {
            return written.clone();
        }
        if key.is_empty() {
            return "not set".into();
        }
        let mut chars = key.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// Whether status `value` counts as resolved.
    pub fn is_resolved(&self, value: &str) -> bool {
        self.resolved.contains(&vocab::key(value))
    }

    /// The schema of the bundled dataset (its 17 columns; resolved means Closed).
    pub fn kaggle() -> Schema {
        let roles = [
            (Role::Id, "Ticket ID"),
            (Role::Description, "Ticket Description"),
            (Role::Subject, "Ticket Subject"),
            (Role::Status, "Ticket Status"),
            (Role::Priority, "Ticket Priority"),
            (Role::Channel, "Ticket Channel"),
            (Role::Type, "Ticket Type"),
            (Role::CustomerAge, "Customer Age"),
            (Role::ResolvedAt, "Time to Resolution"),
            (Role::Satisfaction, "Customer Satisfaction Rating"),
        ];
        Schema {
            layout: LayoutName(Layout::Kaggle),
            mapping: Mapping {
                roles: roles.iter().map(|(r, h)| (*r, (*h).to_string())).collect(),
            },
            times: [(Role::ResolvedAt, TimeFormat::Iso)].into_iter().collect(),
            resolved: vec!["closed".into()],
            priorities: ["low", "medium", "high", "critical"]
                .iter()
                .map(|p| ((*p).to_string(), vocab::priority_rank(Layout::Kaggle, p)))
                .collect(),
            spellings: Vec::new(),
        }
    }
}

/// A [`Layout`] that defaults to [`Layout::Unknown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LayoutName(pub Layout);

impl Default for LayoutName {
    fn default() -> Self {
        LayoutName(Layout::Unknown)
    }
}

/// What the user says about an export, over what detection finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Role → header (`None`: the role is not mapped), replacing detection for those roles.
    pub map: Vec<(Role, Option<String>)>,
    /// Day-first or month-first, for numeric dates whose values do not tell.
    pub date_order: Option<DateOrder>,
    /// Read with this schema (a model's) instead of detecting one: its columns for the
    /// `required` roles must exist; its other roles are read where the file has them.
    pub schema: Option<Schema>,
    /// The roles whose columns must exist when reading with a given schema.
    pub required: Vec<Role>,
    /// How many distinct ticket ids the duplicate check tracks (an 8-byte hash and a line
    /// each) before it stops and says so; `None`: [`MAX_TRACKED_IDS`], `Some(0)`: no check
    /// ([`Summary::duplicates`] then empty). The CLI's `predict` tracks fewer, so that its
    /// memory stays flat on any export.
    pub tracked_ids: Option<usize>,
}

/// A row that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// The column at fault, by its header, when one is.
    pub field: Option<String>,
    /// What is wrong (with the value, when there is one).
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

/// One row of the export: a ticket, or why the row is not one.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A ticket.
    Ticket(Ticket),
    /// A rejected row.
    Rejected(RowError),
}

/// Ticket ids that occur more than once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Duplicates {
    /// Rows whose id occurred on an earlier row.
    pub rows: u64,
    /// The first few: id, line of its first occurrence, line of this one.
    pub examples: Vec<(String, u64, u64)>,
    /// Whether the check stopped at its limit of distinct ids ([`Options::tracked_ids`]).
    pub stopped: bool,
}

/// Duplicate examples kept.
const DUPLICATE_EXAMPLES: usize = 5;

/// What reading an export found, besides its rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The text encoding read.
    pub encoding: Encoding,
    /// The field delimiter.
    pub delimiter: char,
    /// The header row, as written.
    pub header: Vec<String>,
    /// The schema the rows were read with.
    #[serde(skip)]
    pub schema: Schema,
    /// Rows after the header (tickets, rejected and blank).
    pub rows: u64,
    /// Tickets read.
    pub tickets: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows with every field empty, skipped.
    pub blank: u64,
    /// Malformed characters the decoder replaced (UTF-16 only).
    pub malformed: u64,
    /// Ticket ids seen more than once.
    pub duplicates: Duplicates,
    /// The latest timestamp in the file.
    #[serde(skip)]
    pub latest: Option<time::Timestamp>,
}

/// The header's column of each role, how to parse the times, and how to turn a record into a
/// ticket.
struct Table {
    header: Vec<String>,
    columns: BTreeMap<Role, usize>,
    schema: Schema,
}

/// Header positions by normalized name, and the names written twice.
fn header_index(header: &[String]) -> (HashMap<String, usize>, HashMap<String, Vec<usize>>) {
    let mut index = HashMap::new();
    let mut twice: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        let k = layout::normalize(h);
        if let Some(&first) = index.get(&k) {
            twice.entry(k).or_insert_with(|| vec![first]).push(i);
        } else {
            index.insert(k, i);
        }
    }
    (index, twice)
}

impl Table {
    /// Settles the schema of an export with `header` from the sampled `rows`.
    fn new(header: Vec<String>, rows: &[csv::Record], options: &Options) -> Result<Table> {
        let (index, twice) = header_index(&header);
        let column_values = |col: usize| -> Vec<&str> {
            rows.iter()
                .map(|r| {
                    r.get(col)
                        .and_then(|f| std::str::from_utf8(f).ok())
                        .unwrap_or("")
                })
                .collect()
        };
        let mut schema = match &options.schema {
            Some(s) => s.clone(),
            None => {
                let layout = layout::detect_layout(&header);
                let profiles: Vec<Profile> = (0..header.len())
                    .map(|c| {
                        if layout == Layout::Kaggle {
                            Profile::default()
                        } else {
                            Profile::of(&column_values(c), options.date_order)
                        }
                    })
                    .collect();
                Schema {
                    layout: LayoutName(layout),
                    mapping: layout::detect_mapping(layout, &header, &profiles),
                    ..Schema::default()
                }
            }
        };
        for (role, given) in &options.map {
            match given {
                Some(h) => {
                    if !index.contains_key(&layout::normalize(h)) {
                        return Err(Error::NoSuchColumn {
                            role: *role,
                            header: h.clone(),
                            columns: header.join(", "),
                        });
                    }
                    let h = header
                        .get(index[&layout::normalize(h)])
                        .map_or(h.clone(), |x| {
                            x.trim().trim_start_matches('\u{feff}').to_string()
                        });
                    schema.mapping.roles.retain(|r, v| r == role || *v != h);
                    schema.mapping.roles.insert(*role, h);
                }
                None => {
                    schema.mapping.roles.remove(role);
                }
            }
        }
        if options.schema.is_some() {
            schema.mapping.roles.retain(|role, h| {
                options.required.contains(role) || index.contains_key(&layout::normalize(h))
            });
        }
        let mut columns = BTreeMap::new();
        for (&role, h) in &schema.mapping.roles {
            let k = layout::normalize(h);
            let Some(&col) = index.get(&k) else {
                if options.schema.is_some() {
                    return Err(Error::Unfit {
                        role,
                        header: h.clone(),
                        columns: header.join(", "),
                    });
                }
                return Err(Error::NoSuchColumn {
                    role,
                    header: h.clone(),
                    columns: header.join(", "),
                });
            };
            if let Some(cols) = twice.get(&k) {
                return Err(Error::DuplicateHeader {
                    header: h.clone(),
                    columns: cols.iter().map(|c| c + 1).collect(),
                });
            }
            columns.insert(role, col);
        }
        if !columns.contains_key(&Role::Description) && !columns.contains_key(&Role::Subject) {
            return Err(Error::NoTextColumn {
                columns: header.join(", "),
            });
        }
        for role in [Role::CreatedAt, Role::ResolvedAt] {
            let Some(&col) = columns.get(&role) else {
                schema.times.remove(&role);
                continue;
            };
            let header_name = header.get(col).cloned().unwrap_or_default();
            let values = column_values(col);
            match time::detect(
                values.iter().copied(),
                options.date_order,
                time::MIN_PARSED_SHARE,
            ) {
                Detection::Format { format, .. } => {
                    schema.times.insert(role, format);
                }
                Detection::Ambiguous { example } => {
                    if let Some(format) = options.schema.as_ref().and_then(|s| s.times.get(&role)) {
                        schema.times.insert(role, *format);
                    } else {
                        return Err(Error::AmbiguousDates {
                            column: header_name,
                            example,
                        });
                    }
                }
                Detection::NotTimes {
                    example,
                    parsed,
                    of,
                } => {
                    if of == 0 {
                        // An empty column (no ticket resolved yet): any format reads nothing.
                        schema.times.insert(role, TimeFormat::Iso);
                    } else {
                        return Err(Error::NotTimestamps {
                            column: header_name,
                            example,
                            parsed,
                            of,
                        });
                    }
                }
            }
        }
        Ok(Table {
            header,
            columns,
            schema,
        })
    }

    fn header_of(&self, col: usize) -> String {
        self.header.get(col).cloned().unwrap_or_default()
    }

    /// The ticket of `record`, the `row`-th data row.
    fn ticket(&self, record: &csv::Record, row: u64) -> std::result::Result<Ticket, RowError> {
        let width = self.header.len();
        let bad = |col: Option<usize>, message: String| RowError {
            line: record.line,
            field: col.map(|c| self.header_of(c)),
            message,
        };
        if record.len() != width {
            let extra_empty = record.len() > width
                && record
                    .fields()
                    .skip(width)
                    .all(|f| f.iter().all(u8::is_ascii_whitespace));
            if !extra_empty {
                return Err(bad(
                    None,
                    format!("the row has {} fields, the header {}", record.len(), width),
                ));
            }
        }
        let mut t = Ticket::default();
        for (&role, &col) in &self.columns {
            let raw = record.get(col).unwrap_or_default();
            let text = std::str::from_utf8(raw).map_err(|e| {
                bad(
                    Some(col),
                    format!(
                        "invalid UTF-8 at byte {} of the field ('{}')",
                        e.valid_up_to(),
                        String::from_utf8_lossy(raw)
                            .chars()
                            .take(40)
                            .collect::<String>()
                    ),
                )
            })?;
            let trimmed = text.trim();
            let some = || (!trimmed.is_empty()).then(|| trimmed.to_string());
            match role {
                Role::Id => t.id = trimmed.to_string(),
                Role::Description => t.description = text.to_string(),
                Role::Subject => t.subject = text.to_string(),
                Role::Status => t.status = some(),
                Role::Priority => t.priority = some(),
                Role::Channel => t.channel = trimmed.to_string(),
                Role::Type => t.ticket_type = trimmed.to_string(),
                Role::Satisfaction => t.satisfaction = some(),
                Role::CustomerAge => {
                    t.customer_age = Some(ticket::parse_age(text).map_err(|m| bad(Some(col), m))?);
                }
                Role::CreatedAt | Role::ResolvedAt => {
                    if trimmed.is_empty() {
                        continue;
                    }
                    let format = self
                        .schema
                        .times
                        .get(&role)
                        .copied()
                        .unwrap_or(TimeFormat::Iso);
                    let at = format.parse(trimmed).ok_or_else(|| {
                        bad(
                            Some(col),
                            format!(
                                "'{}' is not a timestamp like the column's others ({})",
                                trimmed.chars().take(40).collect::<String>(),
                                format.describe()
                            ),
                        )
                    })?;
                    if role == Role::CreatedAt {
                        t.created_at = Some(at);
                    } else {
                        t.resolved_at = Some(at);
                    }
                }
            }
        }
        if t.id.is_empty() {
            t.id = row.to_string();
        }
        if let (Some(c), Some(r)) = (t.created_at, t.resolved_at)
            && r.instant() < c.instant()
        {
            let col = self.columns.get(&Role::ResolvedAt).copied();
            return Err(bad(
                col,
                format!(
                    "resolved at {} is before the ticket was created ({})",
                    r.iso(),
                    c.iso()
                ),
            ));
        }
        Ok(t)
    }
}

/// Where reading stands.
enum Stage {
    /// Gathering the first bytes, to tell the encoding and the delimiter.
    Sniffing(Vec<u8>),
    /// Reading records.
    Reading(Box<Body>),
}

struct Body {
    decoder: Decoder,
    csv: csv::Reader,
    utf8: Vec<u8>,
    header: Option<Vec<String>>,
    /// Records (and broken stretches) before the schema is settled.
    window: Vec<csv::Event>,
    window_bytes: usize,
    table: Option<Table>,
    summary: Summary,
    /// Data rows seen (their 1-based number names id-less tickets).
    row: u64,
    ids: HashMap<u64, u64>,
    /// How many distinct ids are tracked for duplicates ([`Options::tracked_ids`]).
    tracked_ids: usize,
    /// A fatal error found while handling records, returned by the next call.
    error: Option<Error>,
}

/// An export read incrementally: [`Reader::push`] chunks, then [`Reader::finish`]; each hands
/// the rows it completes to a sink, in file order.
pub struct Reader {
    options: Options,
    stage: Stage,
}

impl Reader {
    /// A reader with `options`.
    pub fn new(options: Options) -> Reader {
        Reader {
            options,
            stage: Stage::Sniffing(Vec::new()),
        }
    }

    /// Reads `chunk`.
    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn FnMut(Row)) -> Result<()> {
        if let Stage::Sniffing(head) = &mut self.stage {
            head.extend_from_slice(chunk);
            if head.len() < SNIFF_BYTES {
                return Ok(());
            }
            let head = std::mem::take(head);
            self.start(&head, false, sink)?;
            return Ok(());
        }
        self.feed(chunk, false, sink)
    }

    /// The schema rows are read with, once the header and the first rows have settled it.
    pub fn schema(&self) -> Option<&Schema> {
        match &self.stage {
            Stage::Reading(body) => body.table.as_ref().map(|t| &t.schema),
            Stage::Sniffing(_) => None,
        }
    }

    /// Ends the input: hands over the last rows and returns what reading found.
    pub fn finish(mut self, sink: &mut dyn FnMut(Row)) -> Result<Summary> {
        if let Stage::Sniffing(head) = &mut self.stage {
            let head = std::mem::take(head);
            self.start(&head, true, sink)?;
        } else {
            self.feed(&[], true, sink)?;
        }
        let Stage::Reading(mut body) = self.stage else {
            return Err(Error::EmptyCsv);
        };
        if body.header.is_none() {
            return Err(Error::EmptyCsv);
        }
        if body.table.is_none() {
            body.settle(&self.options, sink)?;
        }
        if let Some(e) = body.error.take() {
            return Err(e);
        }
        body.summary.malformed = body.decoder.malformed();
        if let Some(t) = &body.table {
            body.summary.schema = t.schema.clone();
        }
        Ok(body.summary)
    }

    fn start(&mut self, head: &[u8], complete: bool, sink: &mut dyn FnMut(Row)) -> Result<()> {
        let encoding = Encoding::sniff(head, complete);
        let mut decoder = Decoder::new(encoding);
        let mut utf8 = Vec::with_capacity(head.len());
        decoder.decode(head, complete, &mut utf8);
        let delimiter = csv::sniff_delimiter(&utf8);
        let mut body = Body {
            decoder,
            csv: csv::Reader::new(delimiter),
            utf8: Vec::new(),
            header: None,
            window: Vec::new(),
            window_bytes: 0,
            table: None,
            summary: Summary {
                encoding,
                delimiter: char::from(delimiter),
                header: Vec::new(),
                schema: Schema::default(),
                rows: 0,
                tickets: 0,
                rejected: 0,
                blank: 0,
                malformed: 0,
                duplicates: Duplicates::default(),
                latest: None,
            },
            row: 0,
            ids: HashMap::new(),
            tracked_ids: self.options.tracked_ids.unwrap_or(MAX_TRACKED_IDS),
            error: None,
        };
        body.records(&utf8, complete, &self.options, sink)?;
        self.stage = Stage::Reading(Box::new(body));
        Ok(())
    }

    fn feed(&mut self, chunk: &[u8], last: bool, sink: &mut dyn FnMut(Row)) -> Result<()> {
        let Stage::Reading(body) = &mut self.stage else {
            return Ok(());
        };
        let mut utf8 = std::mem::take(&mut body.utf8);
        utf8.clear();
        body.decoder.decode(chunk, last, &mut utf8);
        let result = body.records(&utf8, last, &self.options, sink);
        body.utf8 = utf8;
        result
    }
}

impl Body {
    /// Splits decoded `bytes` into records and handles each.
    fn records(
        &mut self,
        bytes: &[u8],
        last: bool,
        options: &Options,
        sink: &mut dyn FnMut(Row),
    ) -> Result<()> {
        let mut events = Vec::new();
        {
            let mut collect = |e: csv::Event| events.push(e);
            self.csv.push(bytes, &mut collect);
            if last {
                self.csv.finish(&mut collect);
            }
        }
        for event in events {
            self.event(event, options, sink);
            if let Some(e) = self.error.take() {
                return Err(e);
            }
        }
        Ok(())
    }

    fn event(&mut self, event: csv::Event, options: &Options, sink: &mut dyn FnMut(Row)) {
        if self.header.is_none() {
            match event {
                csv::Event::Record(r) => {
                    let header: Vec<String> = r
                        .fields()
                        .map(|f| {
                            String::from_utf8_lossy(f)
                                .trim()
                                .trim_start_matches('\u{feff}')
                                .to_string()
                        })
                        .collect();
                    if header.iter().all(String::is_empty) {
                        self.error = Some(Error::EmptyCsv);
                    }
                    self.summary.header = header.clone();
                    self.header = Some(header);
                }
                csv::Event::Broken { line, reason } => {
                    self.error = Some(Error::BadRow(broken_error(line, &reason)));
                }
            }
            return;
        }
        if self.table.is_none() {
            if let csv::Event::Record(r) = &event {
                self.window_bytes += r.get(r.len().saturating_sub(1)).map_or(0, <[u8]>::len)
                    + r.fields().map(<[u8]>::len).sum::<usize>();
            }
            self.window.push(event);
            if (self.window.len() >= DETECT_ROWS || self.window_bytes >= DETECT_BYTES)
                && let Err(e) = self.settle(options, sink)
            {
                self.error = Some(e);
            }
            return;
        }
        self.handle(event, sink);
    }

    /// Settles the schema from the window and reads the rows held so far.
    fn settle(&mut self, options: &Options, sink: &mut dyn FnMut(Row)) -> Result<()> {
        let header = self.header.clone().unwrap_or_default();
        let sample: Vec<csv::Record> = self
            .window
            .iter()
            .filter_map(|e| match e {
                csv::Event::Record(r) => Some(r.clone()),
                csv::Event::Broken { .. } => None,
            })
            .collect();
        self.table = Some(Table::new(header, &sample, options)?);
        for event in std::mem::take(&mut self.window) {
            self.handle(event, sink);
        }
        Ok(())
    }

    /// Turns one record into a row for the sink.
    fn handle(&mut self, event: csv::Event, sink: &mut dyn FnMut(Row)) {
        let Some(table) = &self.table else { return };
        self.summary.rows += 1;
        let row = match event {
            csv::Event::Broken { line, reason } => Row::Rejected(broken_error(line, &reason)),
            csv::Event::Record(r) => {
                if r.fields().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    self.summary.blank += 1;
                    return;
                }
                self.row += 1;
                match table.ticket(&r, self.row) {
                    Ok(t) => {
                        for at in [t.created_at, t.resolved_at].into_iter().flatten() {
                            if self
                                .summary
                                .latest
                                .is_none_or(|l| at.instant() > l.instant())
                            {
                                self.summary.latest = Some(at);
                            }
                        }
                        if self.tracked_ids > 0 && table.columns.contains_key(&Role::Id) {
                            self.check_duplicate(&t.id, r.line);
                        }
                        Row::Ticket(t)
                    }
                    Err(e) => Row::Rejected(e),
                }
            }
        };
        match &row {
            Row::Ticket(_) => self.summary.tickets += 1,
            Row::Rejected(_) => self.summary.rejected += 1,
        }
        sink(row);
    }

    fn check_duplicate(&mut self, id: &str, line: u64) {
        let d = &mut self.summary.duplicates;
        if d.stopped {
            return;
        }
        let hash = fnv1a(id.as_bytes());
        match self.ids.get(&hash) {
            Some(&first) => {
                d.rows += 1;
                if d.examples.len() < DUPLICATE_EXAMPLES {
                    d.examples.push((id.to_string(), first, line));
                }
            }
            None if self.ids.len() >= self.tracked_ids => d.stopped = true,
            None => {
                self.ids.insert(hash, line);
            }
        }
    }
}

/// 64-bit FNV-1a: ids are kept as hashes, 8 bytes each whatever their length.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn broken_error(line: u64, reason: &csv::Broken) -> RowError {
    let message = match reason {
        csv::Broken::UnclosedQuote => {
            "a quoted field opened on this line is never closed; the lines after it are read \
             as rows of their own"
                .to_string()
        }
        csv::Broken::Misquoted {
            last_line,
            fields,
            expected,
        } => format!(
            "a quote opens or closes in the wrong place: lines {line} to {last_line} read as one \
             row of {fields} fields (the header has {expected}); the lines after this one are \
             read as rows of their own"
        ),
        csv::Broken::TooLong => format!(
            "the row is longer than {} MiB, the longest this reader takes",
            csv::MAX_RECORD_BYTES >> 20
        ),
    };
    RowError {
        line,
        field: None,
        message,
    }
}

/// A whole export read at once.
#[derive(Debug, Clone)]
pub struct Export {
    /// Tickets, in file order.
    pub tickets: Vec<Ticket>,
    /// Rejected rows, in file order.
    pub rejected: Vec<RowError>,
    /// What reading found.
    pub summary: Summary,
}

/// Reads a whole export held in memory (in the same blocks a file would be read in).
pub fn read(bytes: &[u8], options: Options) -> Result<Export> {
    let mut reader = Reader::new(options);
    let mut tickets = Vec::new();
    let mut rejected = Vec::new();
    let mut sink = |row: Row| match row {
        Row::Ticket(t) => tickets.push(t),
        Row::Rejected(e) => rejected.push(e),
    };
    for chunk in bytes.chunks(1 << 20) {
        reader.push(chunk, &mut sink)?;
    }
    let summary = reader.finish(&mut sink)?;
    Ok(Export {
        tickets,
        rejected,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Export> {
        read(text.as_bytes(), Options::default())
    }

    fn messages(e: &Export) -> Vec<String> {
        e.rejected.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_bundled_dataset_reads_every_row_in_its_layout() {
        let e = read(
            include_bytes!("../../www/data/customer_support_tickets.csv"),
            Options::default(),
        )
        .unwrap();
        assert_eq!((e.tickets.len(), e.rejected.len()), (8469, 0));
        assert_eq!(e.summary.schema.layout.0, Layout::Kaggle);
        let m = &e.summary.schema.mapping;
        assert_eq!(m.get(Role::Description), Some("Ticket Description"));
        assert_eq!(m.get(Role::CustomerAge), Some("Customer Age"));
        assert_eq!(m.get(Role::CreatedAt), None);
        let closed = e
            .tickets
            .iter()
            .filter(|t| t.status.as_deref() == Some("Closed"))
            .count();
        assert_eq!(closed, 2769);
        assert_eq!(e.summary.encoding, Encoding::Utf8);
    }

    #[test]
    fn rows_are_the_same_in_any_chunks() {
        let text = "Ticket ID,Subject,Description,Status,Created at\r\n1,Hi,\"multi\r\nline, \"\"quoted\"\"\",open,2024-03-05T10:00:00Z\r\n2,Yo,é – fine,solved,2024-03-06T11:00:00Z\r\n";
        let whole = read_str(text).unwrap();
        for size in [1, 2, 3, 7, 100] {
            let mut reader = Reader::new(Options::default());
            let mut rows = Vec::new();
            let mut sink = |r: Row| rows.push(r);
            for c in text.as_bytes().chunks(size) {
                reader.push(c, &mut sink).unwrap();
            }
            reader.finish(&mut sink).unwrap();
            let tickets: Vec<Ticket> = rows
                .into_iter()
                .filter_map(|r| match r {
                    Row::Ticket(t) => Some(t),
                    Row::Rejected(_) => None,
                })
                .collect();
            assert_eq!(tickets, whole.tickets, "chunks of {size}");
        }
        assert_eq!(whole.tickets[0].description, "multi\r\nline, \"quoted\"");
        assert_eq!(whole.tickets[1].status.as_deref(), Some("solved"));
    }

    #[test]
    fn bad_rows_are_named_and_the_rest_read() {
        let e = read_str(
            "Ticket ID,Customer Age,Ticket Priority,Ticket Description,Ticket Status\n\
             1,32,High,\"two\nlines\",Open\n2,abc,High,x,Open\n3,-4,High,x,Open\n5,30\n6,NaN,Low,x,Open\n7,50,Low,ok,Closed\n,,,,\n",
        )
        .unwrap();
        let ids: Vec<&str> = e.tickets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "7"]);
        assert_eq!(
            messages(&e),
            [
                "line 4, column 'Customer Age': 'abc' is not a number",
                "line 5, column 'Customer Age': -4 is not an age in whole years from 0 to 120",
                "line 6: the row has 2 fields, the header 5",
                "line 7, column 'Customer Age': NaN is not an age in whole years from 0 to 120",
            ]
        );
        assert_eq!((e.summary.rows, e.summary.blank), (7, 1));
    }

    #[test]
    fn an_unclosed_quote_in_a_narrow_file_loses_one_row() {
        let e = read_str(
            "id,age,priority,description,status\n1,30,Low,fine,Open\n2,31,High,\"oops unclosed\n3,40,Low,ok,Closed\n4,41,Low,x,Open\n5,50,High,y,Open\n",
        )
        .unwrap();
        let ids: Vec<&str> = e.tickets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["1", "3", "4", "5"]);
        assert_eq!(e.rejected.len(), 1);
        assert!(
            messages(&e)[0]
                .starts_with("line 3: a quoted field opened on this line is never closed"),
            "{:?}",
            messages(&e)
        );
    }

    #[test]
    fn encodings_and_delimiters_are_sniffed() {
        let text =
            "Ticket ID;Description;Status\n1;Café crème, s'il vous plaît;Open\n2;Déjà vu;Closed\n";
        let cp1252 = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        let e = read(&cp1252, Options::default()).unwrap();
        assert_eq!(e.summary.encoding, Encoding::Windows1252);
        assert_eq!(e.summary.delimiter, ';');
        assert_eq!(e.tickets[0].description, "Café crème, s'il vous plaît");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.replace(';', "\t").encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let e = read(&utf16, Options::default()).unwrap();
        assert_eq!(
            (e.summary.encoding, e.summary.delimiter),
            (Encoding::Utf16Le, '\t')
        );
        assert_eq!(e.tickets[1].description, "Déjà vu");
    }

    #[test]
    fn file_level_problems_are_errors_naming_the_column() {
        let err = |text: &str| read_str(text).unwrap_err().to_string();
        assert_eq!(
            read_str("").unwrap_err().to_string(),
            "the CSV is empty: no header row"
        );
        assert!(
            err("Ticket ID,Status,Priority\n1,Open,Low\n").starts_with("no text column"),
            "{}",
            err("Ticket ID,Status,Priority\n1,Open,Low\n")
        );
        assert_eq!(
            err("Description,Status,Status\nx,Open,Closed\n"),
            "the header 'Status' appears more than once (columns 2, 3): rename one, or map the \
             role to another column"
        );
        let e = err("Description,Created at\nx,yesterday\ny,last week\nz,2024-01-01\n");
        assert!(
            e.starts_with("column 'Created at' is not a column of timestamps"),
            "{e}"
        );
        assert!(e.contains("'yesterday'"), "{e}");
        let e = err("Description,Created\nx,03/05/2024 10:00\ny,04/06/2024 11:00\n");
        assert!(
            e.contains("'03/05/2024 10:00'") && e.contains("--date-order"),
            "{e}"
        );
        let given = Options {
            map: vec![(Role::Status, Some("State".into()))],
            ..Options::default()
        };
        assert_eq!(
            read(b"Description,Status\nx,Open\n", given)
                .unwrap_err()
                .to_string(),
            "no column 'State' for the role status (the file's columns: Description, Status)"
        );
    }

    #[test]
    fn the_duplicate_check_can_be_skipped() {
        let text = b"Ticket ID,Description\n7,a\n8,b\n7,c\n";
        let checked = read(text, Options::default()).unwrap();
        assert_eq!(checked.summary.duplicates.rows, 1);
        let skipped = Options {
            tracked_ids: Some(0),
            ..Options::default()
        };
        let skipped = read(text, skipped).unwrap();
        assert_eq!(skipped.summary.duplicates, Duplicates::default());
        assert_eq!(skipped.tickets, checked.tickets);
    }

    #[test]
    fn times_duplicates_and_overrides() {
        let e = read_str(
            "Ticket ID,Description,Status,Created at,Solved at\n\
             7,a,solved,2024-03-05T10:00:00Z,2024-03-05T12:00:00Z\n\
             8,b,open,2024-03-06T10:00:00Z,\n\
             7,c,open,2024-03-07T10:00:00Z,\n\
             9,d,solved,2024-03-07T10:00:00Z,2024-03-06T10:00:00Z\n\
             10,e,open,n/a,\n",
        )
        .unwrap();
        assert_eq!(e.tickets.len(), 3);
        assert_eq!(
            messages(&e),
            [
                "line 5, column 'Solved at': resolved at 2024-03-06T10:00:00Z is before the ticket was created (2024-03-07T10:00:00Z)",
                "line 6, column 'Created at': 'n/a' is not a timestamp like the column's others (ISO 8601 (2024-03-05 14:22:11))",
            ]
        );
        assert_eq!(e.summary.duplicates.rows, 1);
        assert_eq!(e.summary.duplicates.examples, [("7".to_string(), 2, 4)]);
        assert_eq!(
            e.summary.latest.map(|t| t.iso()).as_deref(),
            Some("2024-03-07T10:00:00Z")
        );
        let moved = read(
            b"Ticket ID,Description,Notes\n1,a,long free text here\n",
            Options {
                map: vec![(Role::Description, Some("notes".into())), (Role::Id, None)],
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(moved.tickets[0].description, "long free text here");
        assert_eq!(moved.tickets[0].id, "1");
        assert_eq!(
            moved.summary.schema.mapping.get(Role::Description),
            Some("Notes")
        );
    }
}
