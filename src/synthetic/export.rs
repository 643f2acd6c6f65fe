//! Synthetic helpdesk exports: a CSV in a real helpdesk's layout, labelled by a planted model.
//!
//! [`write()`] draws `rows` tickets from a fixed seed and writes them as one helpdesk would export
//! them (its headers, status and priority words, channel names, timestamp format, delimiter,
//! line ends and BOM; see [`Layout`]), and returns the [`Truth`]: each row's planted probability,
//! its drawn outcome, which rows are right-censored, and the export time `as_of`.
//!
//! The planted model ([`Coefficients`]) is a logistic model on what a trainer can compute from
//! the file alone:
//!
//! ```text
//! logit = intercept
//!       + description_vader · VADER compound of the description
//!       + subject_textblob  · TextBlob polarity of the subject       (layouts with a subject)
//!       + priority_rank     · rank: lowest 0, low 1, normal/medium 2, high 3,
//!                                   urgent/critical/highest 4
//!       + phone             · [channel is the layout's phone channel] (layouts with a channel)
//!       + incident          · [type is the layout's incident level]
//!       + weekend           · [created on a Saturday or Sunday]       (layouts with a creation)
//!       + age_decades       · customer age / 10                       (Kaggle)
//!       + negative_urgent   · [VADER compound < -0.3 and rank >= 3]
//! ```
//!
//! [`Layout::Kaggle`] has no creation column, so it has no weekend term and cannot carry an
//! [`Outcome::Within`] target ([`ExportError::NoCreationTime`]).
//!
//! The outcome is drawn from that probability, then written into the file: for
//! [`Outcome::Resolved`] as the status (a resolved word, with a resolution time after the
//! creation time) or not; for [`Outcome::Within`] as the time to resolution (at most `hours` for
//! a positive, more for a negative). Tickets are created over the 90 days before `as_of`,
//! weighted to business hours with lighter weekends, and written oldest first; a ticket whose
//! resolution would fall after `as_of` is written unresolved, and if it was created less than
//! `hours` before `as_of` its label is unknown: it is censored ([`Truth::observed`] is `None`).
//! Every time the file holds is on or before `as_of`, except deadlines (Freshdesk's
//! `Due by Time`), and under [`Outcome::Within`] the newest ticket is created at `as_of` itself,
//! so `as_of` is the latest event in the file.
//!
//! Deterministic: one SplitMix64 stream seeded with [`Spec::seed`], integer time arithmetic,
//! and the crate's own sentiment code, so a spec gives the same bytes on every machine. Fast:
//! descriptions come from at most 32,768 templates per file, each scored once, that later rows
//! reuse with their own order number and names (which carry no sentiment; a test checks every
//! name), and each distinct subject is scored once.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io::Write;

use thiserror::Error;

use crate::model::ModelError;
use crate::model::metrics::roc_auc;
use crate::sentiment::{textblob, vader};

/// A helpdesk's export layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
pub enum Layout {
    /// The bundled dataset's 17 columns (no creation time).
    Kaggle,
    /// Zendesk's CSV export: UTF-8 with a BOM, ISO 8601 times in UTC (`Z`).
    Zendesk,
    /// Freshdesk's ticket export: CRLF line ends, `YYYY-MM-DD HH:MM:SS`.
    Freshdesk,
    /// Jira Service Management's "CSV (All fields)": three `Comment` columns,
    /// `08/May/24 06:54 AM` times, the status role in `Status Category`.
    Jira,
    /// Zoho Desk, as a European Excel saves it: `;` between fields, `DD/MM/YYYY HH:MM`.
    Zoho,
    /// ServiceNow incidents: field names as headers, every field quoted.
    ServiceNow,
    /// A team's own spreadsheet: unusual headers, tabs, ISO times with a `+02:00` offset.
    Custom,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 7] = [
        Layout::Kaggle,
        Layout::Zendesk,
        Layout::Freshdesk,
        Layout::Jira,
        Layout::Zoho,
        Layout::ServiceNow,
        Layout::Custom,
    ];

    /// The name the fixtures' `expected.json` use (`"unknown"` for [`Layout::Custom`]).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Kaggle => "kaggle",
            Layout::Zendesk => "zendesk",
            Layout::Freshdesk => "freshdesk",
            Layout::Jira => "jira",
            Layout::Zoho => "zoho",
            Layout::ServiceNow => "servicenow",
            Layout::Custom => "unknown",
        }
    }

    /// The header row, in order (Jira repeats `Comment`).
    pub fn headers(self) -> &'static [&'static str] {
        self.vocab().headers
    }

    /// Which header plays which role, as `(role, header)`, for the roles the layout has.
    pub fn mapping(self) -> &'static [(&'static str, &'static str)] {
        self.vocab().mapping
    }

    /// The header of `role`, if the layout has it.
    pub fn header_of(self, role: &str) -> Option<&'static str> {
        self.mapping()
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, h)| *h)
    }

    /// The values of the status-role column that count as resolved (for Jira, the
    /// `Status Category` value `Done`).
    pub fn resolved_statuses(self) -> &'static [&'static str] {
        self.vocab().resolved_statuses
    }

    /// The priority values written, lowest first, with their rank in the planted model.
    pub fn priorities(self) -> &'static [(&'static str, u8)] {
        self.vocab().priorities
    }

    /// The field delimiter.
    pub fn delimiter(self) -> u8 {
        self.vocab().delimiter
    }

    /// The file's encoding as the fixtures name it: `"UTF-8 with BOM"` or `"UTF-8"`.
    pub fn encoding(self) -> &'static str {
        if self.vocab().bom {
            "UTF-8 with BOM"
        } else {
            "UTF-8"
        }
    }

    /// The channel value the planted `phone` term looks for, if the layout has a channel.
    pub fn phone_channel(self) -> Option<&'static str> {
        self.vocab().phone
    }

    /// The type value the planted `incident` term looks for.
    pub fn incident_type(self) -> &'static str {
        self.vocab().incident
    }

    fn vocab(self) -> &'static Vocab {
        match self {
            Layout::Kaggle => &KAGGLE,
            Layout::Zendesk => &ZENDESK,
            Layout::Freshdesk => &FRESHDESK,
            Layout::Jira => &JIRA,
            Layout::Zoho => &ZOHO,
            Layout::ServiceNow => &SERVICENOW,
            Layout::Custom => &CUSTOM,
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::Custom => "custom",
            other => other.name(),
        })
    }
}

/// What the planted model depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
pub enum Signal {
    /// Every term linear ([`Coefficients::LINEAR`]): a correct logistic regression on the terms
    /// reaches the Bayes AUC.
    Linear,
    /// A negative description lowers the odds strongly only at high or urgent priority, plus
    /// weaker linear terms ([`Coefficients::INTERACTION`]): a tree beats a linear model.
    Interaction,
    /// Labels independent of everything, at a rate of 0.3 ([`Coefficients::NONE`]).
    None,
}

impl Signal {
    /// The planted coefficients.
    pub fn coefficients(self) -> Coefficients {
        match self {
            Signal::Linear => Coefficients::LINEAR,
            Signal::Interaction => Coefficients::INTERACTION,
            Signal::None => Coefficients::NONE,
        }
    }
}

/// Which target the planted model drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Whether the ticket's status is resolved at export time.
    Resolved,
    /// Whether the ticket was resolved within `hours` of its creation.
    Within {
        /// The limit, at least 1.
        hours: u32,
    },
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The export's layout.
    pub layout: Layout,
    /// Data rows to write.
    pub rows: usize,
    /// The seed: the same spec always writes the same bytes.
    pub seed: u64,
    /// What the planted model depends on.
    pub signal: Signal,
    /// Which target it drives.
    pub outcome: Outcome,
}

/// The planted model's weights (see the module documentation for the terms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coefficients {
    /// The intercept.
    pub intercept: f64,
    /// Per unit of the description's VADER compound.
    pub description_vader: f64,
    /// Per unit of the subject's TextBlob polarity.
    pub subject_textblob: f64,
    /// Per priority rank.
    pub priority_rank: f64,
    /// When the channel is the layout's phone channel.
    pub phone: f64,
    /// When the type is the layout's incident level.
    pub incident: f64,
    /// When the ticket was created on a Saturday or Sunday.
    pub weekend: f64,
    /// Per decade of customer age.
    pub age_decades: f64,
    /// When the VADER compound is below -0.3 and the priority rank is at least 3.
    pub negative_urgent: f64,
}

impl Coefficients {
    /// [`Signal::Linear`].
    pub const LINEAR: Coefficients = Coefficients {
        intercept: 0.4,
        description_vader: 1.9,
        subject_textblob: 1.3,
        priority_rank: -0.65,
        phone: 1.0,
        incident: -0.9,
        weekend: -0.8,
        age_decades: 0.2,
        negative_urgent: 0.0,
    };

    /// [`Signal::Interaction`].
    pub const INTERACTION: Coefficients = Coefficients {
        intercept: -0.4,
        description_vader: 0.4,
        subject_textblob: 0.5,
        priority_rank: 0.7,
        phone: 0.5,
        incident: -0.4,
        weekend: -0.4,
        age_decades: 0.05,
        negative_urgent: -6.0,
    };

    /// [`Signal::None`]: `logit(0.3)` and nothing else.
    pub const NONE: Coefficients = Coefficients {
        intercept: -0.847_297_860_387_203_8,
        description_vader: 0.0,
        subject_textblob: 0.0,
        priority_rank: 0.0,
        phone: 0.0,
        incident: 0.0,
        weekend: 0.0,
        age_decades: 0.0,
        negative_urgent: 0.0,
    };

    /// The planted probability for one row's terms.
    pub fn probability(&self, t: &Terms) -> f64 {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let z = self.intercept
            + self.description_vader * t.description_vader
            + self.subject_textblob * t.subject_textblob
            + self.priority_rank * f64::from(t.priority_rank)
            + self.phone * flag(t.phone)
            + self.incident * flag(t.incident)
            + self.weekend * flag(t.weekend)
            + self.age_decades * t.age_decades
            + self.negative_urgent * flag(t.description_vader < -0.3 && t.priority_rank >= 3);
        crate::model::link::sigmoid(z)
    }
}

/// One row's values of the planted terms, as a trainer computes them from the written file
/// (zero or false where the layout lacks the column).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terms {
    /// VADER compound of the description as written.
    pub description_vader: f64,
    /// TextBlob polarity of the subject as written (0 without a subject).
    pub subject_textblob: f64,
    /// Priority rank, 0 to 4.
    pub priority_rank: u8,
    /// The channel is the layout's phone channel.
    pub phone: bool,
    /// The type is the layout's incident level.
    pub incident: bool,
    /// Created on a Saturday or Sunday (false without a creation column).
    pub weekend: bool,
    /// Customer age / 10 (0 without an age column).
    pub age_decades: f64,
}

/// What the file was drawn from, one entry per data row in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    /// The planted probability of the outcome.
    pub probability: Vec<f64>,
    /// The outcome drawn from it (for a censored row, what would have happened).
    pub label: Vec<bool>,
    /// The outcome the file shows: `None` where it is censored (an unresolved ticket created
    /// less than `hours` before `as_of`), else `Some(label)`.
    pub observed: Vec<Option<bool>>,
    /// Rows whose outcome is censored (always 0 for [`Outcome::Resolved`]).
    pub censored: usize,
    /// The latest event time in the file, in ISO 8601 with the file's own zone
    /// (`Z`, `+02:00`, or none where the file gives none); empty for 0 rows.
    pub as_of: String,
    /// The planted model.
    pub coefficients: Coefficients,
}

impl Truth {
    /// The uncensored rows' outcomes (1 or 0) and planted probabilities.
    pub fn observed_pairs(&self) -> (Vec<f64>, Vec<f64>) {
        self.observed
            .iter()
            .zip(&self.probability)
            .filter_map(|(o, &p)| o.map(|y| (if y { 1.0 } else { 0.0 }, p)))
            .unzip()
    }

    /// The Bayes AUC: the ROC AUC of the planted probabilities on the uncensored rows, the
    /// best any model of the file can reach in expectation.
    pub fn bayes_auc(&self) -> Result<f64, ModelError> {
        let (y, p) = self.observed_pairs();
        roc_auc(&y, &p)
    }
}

/// Why an export could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The output failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed (on its output).
    #[error("writing the export: {0}")]
    Csv(#[from] csv::Error),
    /// The layout has no creation time, so a within-hours target cannot be written.
    #[error(
        "the {layout} layout has no creation time, so it cannot carry a within-{hours}h target"
    )]
    NoCreationTime {
        /// The layout.
        layout: Layout,
        /// The requested limit.
        hours: u32,
    },
    /// A within-hours target of 0 hours.
    #[error("a within-hours target needs at least 1 hour")]
    ZeroHours,
    /// The truth for this many rows does not fit in memory.
    #[error("{rows} rows do not fit in memory")]
    TooManyRows {
        /// The requested row count.
        rows: usize,
    },
}

/// Writes the export `spec` describes to `out` and returns its truth.
///
/// ```
/// use ticket_insights::synthetic::export::{write, Layout, Outcome, Signal, Spec};
///
/// let spec = Spec { layout: Layout::Zendesk, rows: 200, seed: 1, signal: Signal::Linear,
///                   outcome: Outcome::Within { hours: 24 } };
/// let mut file = Vec::new();
/// let truth = write(&spec, &mut file).unwrap();
/// assert!(file.starts_with(b"\xEF\xBB\xBFId,Requester,"));
/// assert_eq!(truth.as_of, "2024-07-26T16:45:00Z");
/// assert!(truth.censored > 0);
/// ```
pub fn write<W: Write>(spec: &Spec, out: W) -> Result<Truth, ExportError> {
    generate(spec, out, None)
}

/// [`write()`], also returning every row's [`Terms`] (for tests of trainers and of the planted
/// model itself).
pub fn write_with_terms<W: Write>(spec: &Spec, out: W) -> Result<(Truth, Vec<Terms>), ExportError> {
    let mut terms = Vec::new();
    reserve(&mut terms, spec.rows)?;
    let truth = generate(spec, out, Some(&mut terms))?;
    Ok((truth, terms))
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64 (Steele, Lea and Flood 2014): one 64-bit state, the same stream everywhere.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits.
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n) by multiply-shift (bias below 2^-40 for our n); 0 when n is 0.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in [lo, hi] (lo when hi < lo).
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// An index drawn with the given weights (0 for an empty or all-zero list).
    fn weighted(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u64 = weights.clone().map(u64::from).sum();
        let mut x = self.below(total);
        for (i, w) in weights.enumerate() {
            let w = u64::from(w);
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }

    /// A word drawn from `(word, weight)` pairs ("" for an empty list).
    fn word(&mut self, items: &[(&'static str, u32)]) -> &'static str {
        let i = self.weighted(items.iter().map(|&(_, w)| w));
        items.get(i).map_or("", |&(s, _)| s)
    }

    /// One of `items` uniformly ("" for an empty list).
    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// Time: seconds since 1970-01-01 00:00 on the file's own wall clock.

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// Days from 1970-01-01 to y-m-d (Hinnant's `days_from_civil`).
const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// y, m, d of a day count (Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// The export time every spec shares: Friday 2024-07-26 16:45:00 on the file's clock.
const AS_OF: i64 = days_from_civil(2024, 7, 26) * DAY + 16 * HOUR + 45 * MINUTE;

/// Days before `as_of` that tickets are created over.
const WINDOW_DAYS: i64 = 90;

/// Relative weight of the hour a ticket is created, 06:00 to 22:59 (so a +02:00 clock and UTC
/// agree on the day, and with it on the weekend term).
const HOUR_WEIGHTS: [(i64, u32); 17] = [
    (6, 1),
    (7, 2),
    (8, 5),
    (9, 8),
    (10, 9),
    (11, 9),
    (12, 6),
    (13, 8),
    (14, 9),
    (15, 8),
    (16, 7),
    (17, 4),
    (18, 2),
    (19, 2),
    (20, 1),
    (21, 1),
    (22, 1),
];

/// Monday 0 .. Sunday 6 (1970-01-01 was a Thursday).
fn weekday(t: i64) -> i64 {
    (t.div_euclid(DAY) + 3).rem_euclid(7)
}

/// `v` (0 <= v < 10^width) with leading zeros: the hot path of writing times, without the
/// formatting machinery.
fn digits(out: &mut String, v: i64, width: u32) {
    let mut p = 10i64.pow(width.saturating_sub(1));
    let v = v.rem_euclid(p * 10);
    while p > 0 {
        out.push(char::from(b'0' + (v / p % 10) as u8));
        p /= 10;
    }
}

/// How a layout writes a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeFormat {
    /// `2024-03-05T14:22:11Z`.
    IsoZ,
    /// `2024-03-05T14:22:11+02:00`.
    IsoOffset,
    /// `2024-03-05 14:22:11`.
    Ymd,
    /// `08/May/24 06:54 AM`.
    Jira,
    /// `05/03/2024 14:22`.
    Dmy,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl TimeFormat {
    /// The smallest step the format shows, in seconds.
    fn quantum(self) -> i64 {
        match self {
            TimeFormat::Jira | TimeFormat::Dmy => MINUTE,
            _ => 1,
        }
    }

    fn write(self, out: &mut String, t: i64) {
        let (y, mo, d) = civil_from_days(t.div_euclid(DAY));
        let s = t.rem_euclid(DAY);
        let (h, mi, se) = (s / HOUR, s % HOUR / MINUTE, s % MINUTE);
        let ymd = |out: &mut String| {
            digits(out, y, 4);
            out.push('-');
            digits(out, mo, 2);
            out.push('-');
            digits(out, d, 2);
        };
        let hms = |out: &mut String| {
            digits(out, h, 2);
            out.push(':');
            digits(out, mi, 2);
            out.push(':');
            digits(out, se, 2);
        };
        match self {
            TimeFormat::IsoZ | TimeFormat::IsoOffset => {
                ymd(out);
                out.push('T');
                hms(out);
                out.push_str(if self == TimeFormat::IsoZ {
                    "Z"
                } else {
                    "+02:00"
                });
            }
            TimeFormat::Ymd => {
                ymd(out);
                out.push(' ');
                hms(out);
            }
            TimeFormat::Jira => {
                digits(out, d, 2);
                out.push('/');
                out.push_str(MONTHS.get((mo - 1) as usize).copied().unwrap_or("Jan"));
                out.push('/');
                digits(out, y.rem_euclid(100), 2);
                out.push(' ');
                digits(out, if h % 12 == 0 { 12 } else { h % 12 }, 2);
                out.push(':');
                digits(out, mi, 2);
                out.push_str(if h < 12 { " AM" } else { " PM" });
            }
            TimeFormat::Dmy => {
                digits(out, d, 2);
                out.push('/');
                digits(out, mo, 2);
                out.push('/');
                digits(out, y, 4);
                out.push(' ');
                digits(out, h, 2);
                out.push(':');
                digits(out, mi, 2);
            }
        }
    }

    /// ISO 8601 in the file's own zone: `Z`, `+02:00`, or none.
    fn iso(self, t: i64) -> String {
        let mut out = String::new();
        match self {
            TimeFormat::IsoZ | TimeFormat::IsoOffset => self.write(&mut out, t),
            _ => {
                TimeFormat::IsoZ.write(&mut out, t);
                out.pop();
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Layout vocabularies

/// Everything a layout writes differently.
#[derive(Debug)]
struct Vocab {
    headers: &'static [&'static str],
    mapping: &'static [(&'static str, &'static str)],
    resolved_statuses: &'static [&'static str],
    /// Status words of unresolved tickets, weighted (Jira: the workflow status).
    open: &'static [(&'static str, u32)],
    /// Priority words lowest first, with their rank.
    priorities: &'static [(&'static str, u8)],
    /// Relative frequency of each priority, in the same order.
    priority_weights: &'static [u32],
    channels: &'static [(&'static str, u32)],
    phone: Option<&'static str>,
    /// Type values, and the type of each topic kind (index into `types`).
    types: &'static [&'static str],
    kind_type: [usize; KINDS],
    incident: &'static str,
    time: TimeFormat,
    delimiter: u8,
    crlf: bool,
    bom: bool,
    quote_all: bool,
    subject: bool,
}

/// Topic kinds: access, billing, shipping, bug, hardware, question, feature.
const KINDS: usize = 7;

static KAGGLE: Vocab = Vocab {
    headers: &[
        "Ticket ID",
        "Customer Name",
        "Customer Email",
        "Customer Age",
        "Customer Gender",
        "Product Purchased",
        "Date of Purchase",
        "Ticket Type",
        "Ticket Subject",
        "Ticket Description",
        "Ticket Status",
        "Resolution",
        "Ticket Priority",
        "Ticket Channel",
        "First Response Time",
        "Time to Resolution",
        "Customer Satisfaction Rating",
    ],
    mapping: &[
        ("id", "Ticket ID"),
        ("subject", "Ticket Subject"),
        ("description", "Ticket Description"),
        ("status", "Ticket Status"),
        ("priority", "Ticket Priority"),
        ("channel", "Ticket Channel"),
        ("type", "Ticket Type"),
        ("resolved_at", "Time to Resolution"),
        ("customer_age", "Customer Age"),
        ("satisfaction", "Customer Satisfaction Rating"),
    ],
    resolved_statuses: &["Closed"],
    open: &[("Open", 1), ("Pending Customer Response", 1)],
    priorities: &[("Low", 1), ("Medium", 2), ("High", 3), ("Critical", 4)],
    priority_weights: &[1, 1, 1, 1],
    channels: &[("Email", 1), ("Phone", 1), ("Social media", 1), ("Chat", 1)],
    phone: Some("Phone"),
    types: &[
        "Technical issue",
        "Billing inquiry",
        "Cancellation request",
        "Product inquiry",
        "Refund request",
    ],
    kind_type: [0, 1, 4, 0, 0, 3, 3],
    incident: "Technical issue",
    time: TimeFormat::Ymd,
    delimiter: b',',
    crlf: false,
    bom: false,
    quote_all: false,
    subject: true,
};

static ZENDESK: Vocab = Vocab {
    headers: &[
        "Id",
        "Requester",
        "Requester email",
        "Assignee",
        "Group",
        "Organization",
        "Subject",
        "Description",
        "Status",
        "Priority",
        "Ticket type",
        "Via",
        "Tags",
        "Created at",
        "Updated at",
        "Assigned at",
        "Solved at",
        "Reopens",
        "Replies",
        "First reply time in minutes",
        "Full resolution time in minutes",
        "Satisfaction Score",
    ],
    mapping: &[
        ("id", "Id"),
        ("subject", "Subject"),
        ("description", "Description"),
        ("status", "Status"),
        ("priority", "Priority"),
        ("channel", "Via"),
        ("type", "Ticket type"),
        ("created_at", "Created at"),
        ("resolved_at", "Solved at"),
        ("satisfaction", "Satisfaction Score"),
    ],
    resolved_statuses: &["solved", "closed"],
    open: &[("new", 2), ("open", 5), ("pending", 3), ("hold", 1)],
    priorities: &[("low", 1), ("normal", 2), ("high", 3), ("urgent", 4)],
    priority_weights: &[3, 5, 3, 2],
    channels: &[
        ("Mail", 5),
        ("Web Form", 4),
        ("Chat", 3),
        ("Phone call (incoming)", 3),
        ("Twitter", 1),
    ],
    phone: Some("Phone call (incoming)"),
    types: &["question", "incident", "problem", "task"],
    kind_type: [0, 0, 2, 1, 1, 0, 3],
    incident: "incident",
    time: TimeFormat::IsoZ,
    delimiter: b',',
    crlf: false,
    bom: true,
    quote_all: false,
    subject: true,
};

static FRESHDESK: Vocab = Vocab {
    headers: &[
        "Ticket ID",
        "Subject",
        "Description",
        "Status",
        "Priority",
        "Source",
        "Type",
        "Agent",
        "Group",
        "Created time",
        "Due by Time",
        "Resolved time",
        "Closed time",
        "Last update time",
        "Initial response time",
        "Tags",
        "Full name",
        "Email",
        "Company Name",
        "Resolution status",
    ],
    mapping: &[
        ("id", "Ticket ID"),
        ("subject", "Subject"),
        ("description", "Description"),
        ("status", "Status"),
        ("priority", "Priority"),
        ("channel", "Source"),
        ("type", "Type"),
        ("created_at", "Created time"),
        ("resolved_at", "Resolved time"),
    ],
    resolved_statuses: &["Resolved", "Closed"],
    open: &[("Open", 5), ("Pending", 2), ("Waiting on Customer", 2)],
    priorities: &[("Low", 1), ("Medium", 2), ("High", 3), ("Urgent", 4)],
    priority_weights: &[3, 5, 3, 2],
    channels: &[
        ("Email", 6),
        ("Portal", 4),
        ("Phone", 3),
        ("Chat", 3),
        ("Feedback Widget", 1),
    ],
    phone: Some("Phone"),
    types: &[
        "Question",
        "Incident",
        "Problem",
        "Feature Request",
        "Refund",
    ],
    kind_type: [0, 4, 2, 1, 1, 0, 3],
    incident: "Incident",
    time: TimeFormat::Ymd,
    delimiter: b',',
    crlf: true,
    bom: false,
    quote_all: false,
    subject: true,
};

static JIRA: Vocab = Vocab {
    headers: &[
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Project key",
        "Project name",
        "Priority",
        "Resolution",
        "Assignee",
        "Reporter",
        "Created",
        "Updated",
        "Last Viewed",
        "Resolved",
        "Description",
        "Custom field (Request Type)",
        "Satisfaction rating",
        "Comment",
        "Comment",
        "Comment",
        "Status Category",
        "Status Category Changed",
    ],
    mapping: &[
        ("id", "Issue key"),
        ("subject", "Summary"),
        ("description", "Description"),
        ("status", "Status Category"),
        ("priority", "Priority"),
        ("type", "Issue Type"),
        ("created_at", "Created"),
        ("resolved_at", "Resolved"),
        ("satisfaction", "Satisfaction rating"),
    ],
    resolved_statuses: &["Done"],
    open: &[
        ("Waiting for support", 4),
        ("In Progress", 3),
        ("Waiting for customer", 2),
    ],
    priorities: &[
        ("Lowest", 0),
        ("Low", 1),
        ("Medium", 2),
        ("High", 3),
        ("Highest", 4),
    ],
    priority_weights: &[1, 3, 5, 3, 2],
    channels: &[],
    phone: None,
    types: &["Service Request", "Incident", "Problem", "Change"],
    kind_type: [0, 0, 0, 1, 1, 0, 3],
    incident: "Incident",
    time: TimeFormat::Jira,
    delimiter: b',',
    crlf: false,
    bom: false,
    quote_all: false,
    subject: true,
};

static ZOHO: Vocab = Vocab {
    headers: &[
        "Ticket Id",
        "Subject",
        "Description",
        "Status",
        "Priority",
        "Channel",
        "Classification",
        "Contact Name",
        "Account Name",
        "Email",
        "Ticket Owner",
        "Department",
        "Created Time",
        "Modified Time",
        "Closed Time",
        "Happiness Rating",
    ],
    mapping: &[
        ("id", "Ticket Id"),
        ("subject", "Subject"),
        ("description", "Description"),
        ("status", "Status"),
        ("priority", "Priority"),
        ("channel", "Channel"),
        ("type", "Classification"),
        ("created_at", "Created Time"),
        ("resolved_at", "Closed Time"),
        ("satisfaction", "Happiness Rating"),
    ],
    resolved_statuses: &["Closed"],
    open: &[("Open", 6), ("On Hold", 2), ("Escalated", 1)],
    priorities: &[("Low", 1), ("Medium", 2), ("High", 3)],
    priority_weights: &[2, 4, 4],
    channels: &[
        ("Email", 6),
        ("Phone", 3),
        ("Web", 4),
        ("Chat", 2),
        ("Twitter", 1),
        ("Facebook", 1),
    ],
    phone: Some("Phone"),
    types: &["Question", "Problem", "Feature", "Others"],
    kind_type: [0, 0, 1, 1, 1, 0, 2],
    incident: "Problem",
    time: TimeFormat::Dmy,
    delimiter: b';',
    crlf: false,
    bom: false,
    quote_all: false,
    subject: true,
};

static SERVICENOW: Vocab = Vocab {
    headers: &[
        "number",
        "opened_at",
        "short_description",
        "description",
        "caller_id",
        "contact_type",
        "category",
        "subcategory",
        "priority",
        "state",
        "assignment_group",
        "assigned_to",
        "sys_updated_on",
        "sys_updated_by",
        "resolved_at",
        "closed_at",
        "close_code",
        "close_notes",
    ],
    mapping: &[
        ("id", "number"),
        ("subject", "short_description"),
        ("description", "description"),
        ("status", "state"),
        ("priority", "priority"),
        ("channel", "contact_type"),
        ("type", "category"),
        ("created_at", "opened_at"),
        ("resolved_at", "resolved_at"),
    ],
    resolved_statuses: &["Resolved", "Closed"],
    open: &[("New", 2), ("In Progress", 5), ("On Hold", 2)],
    priorities: &[
        ("5 - Planning", 0),
        ("4 - Low", 1),
        ("3 - Moderate", 2),
        ("2 - High", 3),
        ("1 - Critical", 4),
    ],
    priority_weights: &[1, 4, 5, 3, 2],
    channels: &[
        ("Phone", 3),
        ("Email", 4),
        ("Self-service", 4),
        ("Chat", 2),
        ("Walk-in", 1),
    ],
    phone: Some("Phone"),
    types: &["Inquiry / Help", "Software", "Hardware", "Network"],
    kind_type: [0, 0, 0, 1, 2, 0, 1],
    incident: "Software",
    time: TimeFormat::Ymd,
    delimiter: b',',
    crlf: false,
    bom: false,
    quote_all: true,
    subject: true,
};

static CUSTOM: Vocab = Vocab {
    headers: &[
        "Ticket #",
        "Opened",
        "Customer",
        "Customer message",
        "Kind",
        "Source",
        "Urgency",
        "State",
        "Owner",
        "Closed on",
        "Notes",
    ],
    mapping: &[
        ("id", "Ticket #"),
        ("description", "Customer message"),
        ("status", "State"),
        ("priority", "Urgency"),
        ("channel", "Source"),
        ("type", "Kind"),
        ("created_at", "Opened"),
        ("resolved_at", "Closed on"),
    ],
    resolved_statuses: &["Done"],
    open: &[("Open", 5), ("In progress", 4), ("Waiting on customer", 2)],
    priorities: &[("P4", 1), ("P3", 2), ("P2", 3), ("P1", 4)],
    priority_weights: &[3, 5, 3, 2],
    channels: &[
        ("email", 5),
        ("phone", 3),
        ("chat", 3),
        ("walk-in", 1),
        ("web form", 2),
    ],
    phone: Some("phone"),
    types: &[
        "Access", "Billing", "Delivery", "Bug", "Hardware", "Question", "Idea",
    ],
    kind_type: [0, 1, 2, 3, 4, 5, 6],
    incident: "Bug",
    time: TimeFormat::IsoOffset,
    delimiter: b'\t',
    crlf: false,
    bom: false,
    quote_all: false,
    subject: false,
};

// ---------------------------------------------------------------------------------------------
// What tickets say

/// One topic: its issues (a problem statement and the subjects written for it) and details
/// that fit any of them. `{n}` is the ticket's order number.
struct Topic {
    issues: &'static [(&'static str, &'static [&'static str])],
    details: &'static [&'static str],
}

static TOPICS: [Topic; KINDS] = [
    Topic {
        issues: &[
            (
                "I can't log in to my account since this morning, it keeps saying \"invalid credentials\" even after I reset my password.",
                &["Can't log in", "Login problem", "invalid credentials??"],
            ),
            (
                "The password reset email never arrives. I've checked spam, promotions and the quarantine folder.",
                &["Password reset link not working", "No reset email"],
            ),
            (
                "After turning on two-factor authentication the SMS code never shows up on my phone, so I'm stuck on the verification screen.",
                &["2FA code never arrives", "SMS code not received"],
            ),
            (
                "When I sign in with Google it just loops back to the login page, over and over.",
                &["SSO login loop", "Google sign-in not working"],
            ),
            (
                "My account got locked after three attempts and the unlock link says it has expired.",
                &["Locked out of my account", "account locked"],
            ),
        ],
        details: &[
            "I'm using Chrome 124 on Windows 11, same thing in Firefox.",
            "My username is the same as my email address.",
            "It worked fine on Friday.",
            "Other people on my team can log in without problems.",
            "I tried the mobile app too, same error.",
        ],
    },
    Topic {
        issues: &[
            (
                "I was charged twice for my subscription this month ($49.99 on the 3rd and again on the 5th).",
                &["Charged twice", "Double charge on my card"],
            ),
            (
                "The invoice for order #{n} shows the wrong company name and VAT number, we need it corrected for our accountant.",
                &[
                    "Invoice shows wrong VAT number",
                    "Wrong details on invoice #{n}",
                ],
            ),
            (
                "I cancelled my plan on the 12th but was still billed for the next month.",
                &["Billed after cancelling", "Cancel subscription and refund"],
            ),
            (
                "Can you explain the \"service fee\" line on my latest invoice? It wasn't there before.",
                &["Question about my bill", "What is this service fee?"],
            ),
            (
                "I'd like a refund for order #{n}, the product never worked as advertised.",
                &["Refund request for order #{n}", "Refund please"],
            ),
        ],
        details: &[
            "The last four digits of the card are 4417.",
            "Our billing contact is accounts@example.com, please copy them.",
            "I've attached the bank statement as a PDF.",
            "We are on the annual Business plan, 25 seats.",
            "The amount is €129,00 including VAT.",
        ],
    },
    Topic {
        issues: &[
            (
                "My order #{n} was supposed to arrive last Tuesday and the tracking hasn't updated in 6 days.",
                &["Where is my order?", "Order #{n} not arrived"],
            ),
            (
                "The tracking says delivered but there's nothing at my door or with the neighbours.",
                &[
                    "Package marked delivered but not received",
                    "Parcel missing",
                ],
            ),
            (
                "I ordered the black one, size M, and received a blue one in XL.",
                &["Wrong item shipped", "Wrong size and colour"],
            ),
            (
                "The box arrived crushed and the screen is cracked in the corner.",
                &["Damaged on arrival", "Cracked screen on delivery"],
            ),
            (
                "It's been two weeks and order #{n} still says \"processing\".",
                &["Order #{n} still not shipped", "Order stuck in processing"],
            ),
        ],
        details: &[
            "Tracking number: 1Z999AA10123456784.",
            "The delivery address is correct in my account.",
            "I need it before my trip on the 20th.",
            "I can send photos of the packaging if that helps.",
        ],
    },
    Topic {
        issues: &[
            (
                "The app crashes right after the splash screen on my Pixel 7 since the last update.",
                &["App crashes on startup", "App keeps crashing"],
            ),
            (
                "Exporting a report to PDF fails with \"Unexpected error, please try again later\".",
                &["Export to PDF fails", "PDF export broken"],
            ),
            (
                "Sync keeps failing with error 0x80070005 on two of our laptops.",
                &["Sync error 0x80070005", "Sync failing"],
            ),
            (
                "The dashboard has been stuck on the loading spinner all afternoon.",
                &["Dashboard not loading", "Dashboard stuck"],
            ),
            (
                "Our customer portal returns a 500 error for every page, customers can't place orders!",
                &["URGENT: site down", "Portal down - error 500"],
            ),
            (
                "Saving a form with more than 20 rows gives an error 500 and the data is gone.",
                &["Error 500 when saving", "Data lost on save"],
            ),
        ],
        details: &[
            "Steps to reproduce:\n1. Open the app\n2. Go to Reports > Export\n3. Pick PDF and press Save",
            "I've cleared the cache, reinstalled the app and restarted the phone.",
            "Version 5.2.1 (build 20240411), Android 14.",
            "It happens about one time in three, not always.",
            "Screenshot attached, the console shows \"TypeError: cannot read properties of undefined\".",
        ],
    },
    Topic {
        issues: &[
            (
                "The printer on the 3rd floor (HP LaserJet M507) shows offline for everyone.",
                &["Printer offline – 3rd floor", "Printer not working"],
            ),
            (
                "My laptop stopped charging, the LED on the charger is on but the battery stays at 3%.",
                &["Laptop won't charge", "Charger not working"],
            ),
            (
                "My second monitor flickers every few seconds when it's connected through the dock.",
                &["Monitor flickering", "Dock not detecting second screen"],
            ),
            (
                "My USB headset isn't recognised anymore, Teams says no microphone found.",
                &["Headset not recognised", "No microphone in Teams"],
            ),
        ],
        details: &[
            "Asset tag LT-20931, it's about two years old.",
            "I tried a different cable and a different port.",
            "I'm in the Berlin office, desk 4.12.",
            "It started after the weekend.",
        ],
    },
    Topic {
        issues: &[
            (
                "How do I add a new user to our workspace without giving them admin rights?",
                &["How do I add a user?", "Quick question"],
            ),
            (
                "What are the rate limits on the REST API for the Business plan?",
                &["Question about API limits", "API rate limits"],
            ),
            (
                "I'd like to change the email address on my account to my new work address.",
                &["Change the email on my account", "Update my email"],
            ),
            (
                "Is there a way to export all our tickets to CSV, including attachments?",
                &["Export my data", "Data export question"],
            ),
            (
                "Do you offer onboarding sessions for new staff? We have 8 people starting next month.",
                &["Training for new staff", "Onboarding sessions?"],
            ),
        ],
        details: &[
            "We're on the Business plan.",
            "I looked in the help centre but couldn't find it.",
            "A link to the documentation would be enough.",
            "No urgency on this one.",
        ],
    },
    Topic {
        issues: &[
            (
                "It would be great to have a dark mode, my eyes hurt after a full shift.",
                &["Feature request: dark mode", "Dark mode please"],
            ),
            (
                "Could you add an option to export straight to Excel instead of CSV?",
                &["Please add Excel export", "Excel export"],
            ),
            (
                "The calendar view would be much more useful if it showed the week number.",
                &[
                    "Suggestion for the calendar view",
                    "Week numbers in calendar",
                ],
            ),
            (
                "Being able to edit 50 records at once would save us hours every week.",
                &["Idea: bulk edit", "Bulk edit feature"],
            ),
        ],
        details: &[
            "Several people on my team asked for this.",
            "Competitor X has had this for years, just saying.",
            "Happy to beta test it.",
        ],
    },
];

/// Tone sentences: negative, then positive, then neutral.
static TONES: [&str; 21] = [
    "This is the third time I'm contacting you about this and nobody has replied!!",
    "Honestly this is unacceptable, we pay for the premium plan.",
    "I'm really frustrated, I've lost a whole day of work because of this 😡",
    "Your chatbot is useless and I just want to talk to a human.",
    "If this isn't fixed by Friday we will cancel our contract.",
    "Very disappointed with the service so far.",
    "This is ridiculous. Terrible experience from start to finish.",
    "I'm angry that I was promised a call back and never got one.",
    "Worst support I have ever dealt with.",
    "Thanks a lot for your help last time, you guys are great 🙂",
    "Love the product otherwise, keep up the good work!",
    "No rush, I really appreciate the quick replies so far.",
    "Your colleague Ana was super helpful on the phone yesterday, thank you!",
    "Great service as always 👍",
    "Thanks in advance, you've always been excellent.",
    "Merci beaucoup, très bon service !",
    "Please let me know if you need any more information.",
    "I've attached a screenshot of the error.",
    "Best time to reach me is after 2pm.",
    "Order number and serial are in the attachment.",
    "Let me know what the next steps are.",
];
const NEGATIVE_TONES: usize = 9;
const POSITIVE_TONES: usize = 7;

/// Context any ticket may add.
static CONTEXT: [&str; 10] = [
    "We have about 40 users on this account, so this affects the whole team.",
    "This is blocking our month-end close.",
    "I called on Tuesday and was told someone would email me back within a day.",
    "Our account number is AC-55120, in case you need it.",
    "I'm writing from my personal email because the work one is affected too.",
    "The same thing happened last month and it went away by itself, but not this time.",
    "My manager asked me to raise a ticket so that it is on record.",
    "I'm available until 6pm today and all day tomorrow.",
    "We're based in Lisbon, so please keep the time difference in mind.",
    "Please reply to this email rather than calling, I'm in meetings all day.",
];

static OPENERS: [&str; 8] = [
    "Hi,",
    "Hello team,",
    "Good morning,",
    "Hi there,",
    "Dear Support,",
    "Hey,",
    "Hallo zusammen,",
    "Bonjour,",
];

/// Sign-offs; `{first}` and `{last}` are the requester's names.
static CLOSERS: [&str; 6] = [
    "Thanks,\n{first}",
    "Regards,\n{first} {last}",
    "Cheers, {first}",
    "Sent from my iPhone",
    "Thanks in advance!",
    "Saludos,\n{first}",
];

static TERSE: [&str; 6] = [
    "help!!",
    "see subject",
    "refund pls",
    "site down again!!!",
    "still broken.",
    "Call me back please",
];

static LOG: &str = "Log:\n2024-05-02 10:14:07,311 ERROR [sync-worker-3] c.e.sync.Client - upload failed\njava.net.SocketTimeoutException: Read timed out\n    at com.example.sync.Client.upload(Client.java:112)\n2024-05-02 10:14:07,402 WARN  [sync-worker-3] retrying in 30s (attempt 4/5)";

static FOLLOW_UPS: [&str; 3] = ["Any update on this?", "Still not fixed.", "Hi again,"];

/// Subject prefixes (index 0: none).
static PREFIXES: [&str; 5] = ["", "Re: ", "URGENT: ", "STILL waiting - ", "Fwd: "];

/// Subjects that carry their writer's mood: negative, then positive.
static MOOD_SUBJECTS: [&str; 8] = [
    "Terrible service, still no answer",
    "Very disappointed",
    "Worst experience ever",
    "Unacceptable delay",
    "Great product, small issue",
    "Thanks for the quick help",
    "Love the new update",
    "Happy customer, one question",
];
const NEGATIVE_SUBJECTS: usize = 4;

/// The bundled dataset's subjects.
static KAGGLE_SUBJECTS: [&str; 16] = [
    "Product setup",
    "Peripheral compatibility",
    "Network problem",
    "Account access",
    "Data loss",
    "Refund request",
    "Battery life",
    "Installation support",
    "Software bug",
    "Hardware issue",
    "Payment issue",
    "Product recommendation",
    "Delivery problem",
    "Display issue",
    "Cancellation request",
    "Product compatibility",
];

static KAGGLE_PRODUCTS: [&str; 8] = [
    "GoPro Hero",
    "LG Smart TV",
    "Dell XPS",
    "Microsoft Office",
    "Autodesk AutoCAD",
    "Philips Hue Lights",
    "Fitbit Versa Smartwatch",
    "Nintendo Switch",
];

static FIRST: [&str; 24] = [
    "Maria",
    "James",
    "Aisha",
    "Tom",
    "Priya",
    "Lukas",
    "Sofia",
    "Daniel",
    "Chen",
    "Olivia",
    "Mateo",
    "Hannah",
    "Kwame",
    "Emma",
    "Ravi",
    "Noah",
    "José",
    "Zoë",
    "François",
    "Jürgen",
    "Siobhán",
    "Inês",
    "Björn",
    "Renée",
];
static LAST: [&str; 20] = [
    "Garcia",
    "Smith",
    "Khan",
    "Walsh",
    "Patel",
    "Schneider",
    "Rossi",
    "Kim",
    "Wang",
    "Brown",
    "Silva",
    "Novak",
    "Mensah",
    "Dubois",
    "Okafor",
    "Cohen",
    "Muñoz",
    "Müller",
    "O'Neill",
    "Ångström",
];
static ORGS: [&str; 10] = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Café Müller GmbH",
    "Hooli",
    "Northwind Traders",
    "Bluth & Sons",
    "Tyrell Systems",
];
static AGENTS: [&str; 6] = [
    "Ana Lima",
    "Marcus Reed",
    "Chloé Bernard",
    "Dev Sharma",
    "Kate O'Brien",
    "Omar Aziz",
];
static GROUPS: [&str; 5] = ["Support", "Billing", "Tier 2", "Hardware", "Onboarding"];

/// What a template is scored with. Names and order numbers carry no sentiment (no VADER or
/// TextBlob entry, no negation, booster or capitals), so any row's values score the same; the
/// tests check it for every name and sampled numbers.
const CANONICAL: (u32, &str, &str) = (10_000, "Maria", "Garcia");

/// `template` with a row's order number, first name and last name in place of its marks
/// (`\u{1}`, `\u{2}`, `\u{3}`), into `out` (cleared first).
fn fill(out: &mut String, template: &str, number: u32, first: &str, last: &str) {
    out.clear();
    let mut rest = template;
    // The marks are single ASCII bytes, so a byte scan finds them and slicing at them keeps
    // to character boundaries.
    while let Some(at) = rest.bytes().position(|b| (1..=3).contains(&b)) {
        out.push_str(rest.get(..at).unwrap_or(""));
        match rest.as_bytes().get(at) {
            Some(1) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "{number}");
            }
            Some(2) => out.push_str(first),
            Some(3) => out.push_str(last),
            _ => {}
        }
        rest = rest.get(at + 1..).unwrap_or("");
    }
    out.push_str(rest);
}

/// The draws that make a description template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Description {
    /// 1 + index into TERSE, or 0 for a full message.
    terse: u8,
    kind: u8,
    issue: u8,
    /// 1 + index into OPENERS, or 0.
    opener: u8,
    details: [u8; 3],
    n_details: u8,
    /// Indices into CONTEXT.
    context: [u8; 2],
    n_context: u8,
    /// Indices into TONES.
    tones: [u8; 2],
    n_tones: u8,
    /// 1 + index into CLOSERS, or 0.
    closer: u8,
    /// 0: one line, 1: lines, 2: paragraphs.
    join: u8,
    log: bool,
    /// 1 + index into FOLLOW_UPS (the message quotes the thread below it), or 0.
    follow_up: u8,
    /// Kaggle: starts with the bundled data's `{product_purchased}` sentence.
    product_line: bool,
}

/// The tone of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Negative,
    Neutral,
    Positive,
}

impl Description {
    fn draw(rng: &mut Rng, kind: usize, issue: usize, tone: Tone) -> Description {
        let mut d = Description {
            kind: kind as u8,
            issue: issue as u8,
            ..Description::default()
        };
        if rng.chance(0.05) {
            d.terse = 1 + rng.below(TERSE.len() as u64) as u8;
            return d;
        }
        let details = TOPICS.get(kind).map_or(0, |t| t.details.len()) as u64;
        let wanted = rng.weighted([2u32, 4, 3, 2].into_iter());
        for _ in 0..wanted {
            let i = rng.below(details) as u8;
            let mut seen = d.details.iter().take(usize::from(d.n_details));
            if !seen.any(|&x| x == i)
                && let Some(slot) = d.details.get_mut(usize::from(d.n_details))
            {
                *slot = i;
                d.n_details += 1;
            }
        }
        for _ in 0..rng.weighted([3u32, 4, 3].into_iter()) {
            let i = rng.below(CONTEXT.len() as u64) as u8;
            if (d.n_context == 0 || d.context[0] != i)
                && let Some(slot) = d.context.get_mut(usize::from(d.n_context))
            {
                *slot = i;
                d.n_context += 1;
            }
        }
        let tone_from =
            |rng: &mut Rng, lo: usize, n: usize| (lo + rng.below(n as u64) as usize) as u8;
        match tone {
            Tone::Negative => {
                d.tones[0] = tone_from(rng, 0, NEGATIVE_TONES);
                d.n_tones = 1;
                if rng.chance(0.35) {
                    let second = tone_from(rng, 0, NEGATIVE_TONES);
                    if second != d.tones[0] {
                        d.tones[1] = second;
                        d.n_tones = 2;
                    }
                }
            }
            Tone::Positive => {
                d.tones[0] = tone_from(rng, NEGATIVE_TONES, POSITIVE_TONES);
                d.n_tones = 1;
            }
            Tone::Neutral => {
                if rng.chance(0.6) {
                    let neutral = TONES.len() - NEGATIVE_TONES - POSITIVE_TONES;
                    d.tones[0] = tone_from(rng, NEGATIVE_TONES + POSITIVE_TONES, neutral);
                    d.n_tones = 1;
                }
            }
        }
        if rng.chance(0.6) {
            d.opener = 1 + rng.below(OPENERS.len() as u64) as u8;
        }
        if rng.chance(0.55) {
            d.closer = 1 + rng.below(CLOSERS.len() as u64) as u8;
        }
        d.log = kind == 3 && rng.chance(0.15);
        d.join = rng.weighted([55u32, 18, 27].into_iter()) as u8;
        if rng.chance(0.08) {
            d.follow_up = 1 + rng.below(FOLLOW_UPS.len() as u64) as u8;
        }
        d
    }

    /// Writes the template (the text with marks for the number and names) into `out`
    /// (cleared first).
    fn template(&self, out: &mut String) {
        out.clear();
        if self.product_line {
            out.push_str("I'm having an issue with the {product_purchased}. Please assist.\n\n");
        }
        if let Some(t) = usize::from(self.terse).checked_sub(1) {
            out.push_str(TERSE.get(t).copied().unwrap_or(""));
            return;
        }
        let Some(topic) = TOPICS.get(usize::from(self.kind)) else {
            return;
        };
        let problem = topic
            .issues
            .get(usize::from(self.issue))
            .map_or("", |(p, _)| *p);
        let mut parts: Vec<&str> = Vec::with_capacity(8);
        if let Some(o) = usize::from(self.opener).checked_sub(1) {
            parts.push(OPENERS.get(o).copied().unwrap_or(""));
        }
        parts.push(problem);
        for &i in self.details.iter().take(usize::from(self.n_details)) {
            parts.push(topic.details.get(usize::from(i)).copied().unwrap_or(""));
        }
        for &i in self.context.iter().take(usize::from(self.n_context)) {
            parts.push(CONTEXT.get(usize::from(i)).copied().unwrap_or(""));
        }
        for &i in self.tones.iter().take(usize::from(self.n_tones)) {
            parts.push(TONES.get(usize::from(i)).copied().unwrap_or(""));
        }
        if self.log {
            parts.push(LOG);
        }
        let closer = usize::from(self.closer)
            .checked_sub(1)
            .and_then(|c| CLOSERS.get(c));
        if closer.is_some() {
            parts.push("");
        }
        let multiline = self.join > 0 || parts.iter().any(|p| p.contains('\n'));
        // On one line, the sign-off is on the same line too.
        let closer = closer.map(|c| {
            let c = c.replace("{first}", "\u{2}").replace("{last}", "\u{3}");
            if multiline { c } else { c.replace('\n', " ") }
        });
        let sep = match self.join {
            1 => "\n",
            0 if !multiline => " ",
            _ => "\n\n",
        };
        let start = out.len();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            if part.is_empty() {
                if let Some(c) = &closer {
                    out.push_str(c);
                }
            } else if part.contains("{n}") {
                out.push_str(&part.replace("{n}", "\u{1}"));
            } else {
                out.push_str(part);
            }
        }
        if let Some(f) = usize::from(self.follow_up).checked_sub(1) {
            let body = out.split_off(start);
            out.push_str(FOLLOW_UPS.get(f).copied().unwrap_or(""));
            out.push_str("\n\nOn Monday at 10:12, Support <support@example.com> wrote:\n");
            for line in body.split('\n') {
                out.push('>');
                if !line.is_empty() {
                    out.push(' ');
                    out.push_str(line);
                }
                out.push('\n');
            }
            out.push_str(
                "> Thank you for contacting us. Your request has been received and is being \
                 reviewed by our support staff.",
            );
        }
    }
}

/// A description template drawn and scored once, which later rows reuse with their own
/// number and names.
#[derive(Debug)]
struct Body {
    kind: usize,
    issue: usize,
    tone: Tone,
    template: String,
    /// Byte offsets of the template's marks, and which mark.
    marks: Vec<(usize, u8)>,
    /// VADER compound of the template filled with [`CANONICAL`] (equal for any filling).
    compound: f64,
}

/// Description templates drawn before rows start reusing them: 32,768 VADER scorings per file
/// at most, while descriptions stay mostly distinct (order numbers, names).
const POOL: usize = 1 << 15;

/// Never used: the fallback of a pool lookup that cannot miss.
static NO_BODY: Body = Body {
    kind: 0,
    issue: 0,
    tone: Tone::Neutral,
    template: String::new(),
    marks: Vec::new(),
    compound: 0.0,
};

impl Body {
    fn draw(rng: &mut Rng, layout: Layout, scratch: &mut String) -> Body {
        let kind = rng.below(KINDS as u64) as usize;
        let issues = TOPICS.get(kind).map_or(1, |t| t.issues.len());
        let issue = rng.below(issues as u64) as usize;
        let tone = match rng.weighted([4u32, 4, 2].into_iter()) {
            0 => Tone::Negative,
            1 => Tone::Neutral,
            _ => Tone::Positive,
        };
        let mut d = Description::draw(rng, kind, issue, tone);
        d.product_line = layout == Layout::Kaggle && rng.chance(0.5);
        let mut template = String::new();
        d.template(&mut template);
        let (number, first, last) = CANONICAL;
        fill(scratch, &template, number, first, last);
        let compound = vader::polarity_scores(scratch).compound;
        let marks = template
            .bytes()
            .enumerate()
            .filter(|(_, b)| (1..=3).contains(b))
            .collect();
        Body {
            kind,
            issue,
            tone,
            template,
            marks,
            compound,
        }
    }

    /// [`fill`] with the marks found once: the hot path of writing a description.
    fn fill(&self, out: &mut String, number: u32, first: &str, last: &str) {
        out.clear();
        let mut start = 0;
        for &(at, mark) in &self.marks {
            out.push_str(self.template.get(start..at).unwrap_or(""));
            match mark {
                1 => {
                    // Writing to a String cannot fail.
                    let _ = write!(out, "{number}");
                }
                2 => out.push_str(first),
                _ => out.push_str(last),
            }
            start = at + 1;
        }
        out.push_str(self.template.get(start..).unwrap_or(""));
    }
}

/// The draws that make a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Subject {
    /// An issue's subject variant, with a prefix.
    Issue {
        kind: u8,
        issue: u8,
        variant: u8,
        prefix: u8,
    },
    /// A subject that carries its writer's mood.
    Mood(u8),
    /// One of the bundled dataset's subjects.
    Kaggle(u8),
}

impl Subject {
    fn draw(rng: &mut Rng, layout: Layout, kind: usize, issue: usize, tone: Tone) -> Subject {
        if layout == Layout::Kaggle {
            return Subject::Kaggle(rng.below(KAGGLE_SUBJECTS.len() as u64) as u8);
        }
        if tone != Tone::Neutral && rng.chance(0.3) {
            let (lo, n) = match tone {
                Tone::Negative => (0, NEGATIVE_SUBJECTS),
                _ => (NEGATIVE_SUBJECTS, MOOD_SUBJECTS.len() - NEGATIVE_SUBJECTS),
            };
            return Subject::Mood((lo + rng.below(n as u64) as usize) as u8);
        }
        let variants = TOPICS
            .get(kind)
            .and_then(|t| t.issues.get(issue))
            .map_or(1, |(_, s)| s.len());
        let variant = rng.below(variants as u64) as u8;
        let prefix = if tone == Tone::Negative && rng.chance(0.25) {
            1 + rng.below(PREFIXES.len() as u64 - 1) as u8
        } else if rng.chance(0.08) {
            1
        } else {
            0
        };
        Subject::Issue {
            kind: kind as u8,
            issue: issue as u8,
            variant,
            prefix,
        }
    }

    /// Writes the template (a mark for the order number) into `out` (cleared first).
    fn template(&self, out: &mut String) {
        out.clear();
        match *self {
            Subject::Issue {
                kind,
                issue,
                variant,
                prefix,
            } => {
                out.push_str(PREFIXES.get(usize::from(prefix)).copied().unwrap_or(""));
                let s = TOPICS
                    .get(usize::from(kind))
                    .and_then(|t| t.issues.get(usize::from(issue)))
                    .and_then(|(_, s)| s.get(usize::from(variant)))
                    .copied()
                    .unwrap_or("");
                out.push_str(&s.replace("{n}", "\u{1}"));
            }
            Subject::Mood(i) => {
                out.push_str(MOOD_SUBJECTS.get(usize::from(i)).copied().unwrap_or(""))
            }
            Subject::Kaggle(i) => {
                out.push_str(KAGGLE_SUBJECTS.get(usize::from(i)).copied().unwrap_or(""))
            }
        }
    }
}

/// `first` + `last` as an ASCII mailbox.
fn email(out: &mut String, first: &str, last: &str) {
    let fold = |c: char| match c {
        'é' | 'è' | 'ë' | 'ê' => Some('e'),
        'ç' => Some('c'),
        'ü' => Some('u'),
        'á' | 'å' | 'Å' => Some('a'),
        'ö' | 'ô' => Some('o'),
        'ï' | 'í' => Some('i'),
        'ñ' => Some('n'),
        '\'' => None,
        c => Some(c.to_ascii_lowercase()),
    };
    out.extend(first.chars().take(1).filter_map(fold));
    out.extend(last.chars().filter_map(fold));
    out.push_str("@example.com");
}

// ---------------------------------------------------------------------------------------------
// Writing

/// One row's fields in a single buffer, each ended by an offset.
#[derive(Debug, Default)]
struct Fields {
    buf: String,
    ends: Vec<usize>,
}

impl Fields {
    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    fn end(&mut self) {
        self.ends.push(self.buf.len());
    }

    fn text(&mut self, s: &str) {
        self.buf.push_str(s);
        self.end();
    }

    fn args(&mut self, args: fmt::Arguments<'_>) {
        // Writing to a String cannot fail.
        let _ = self.buf.write_fmt(args);
        self.end();
    }

    fn empty(&mut self) {
        self.end();
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.ends.iter().scan(0, |start, &end| {
            let s = self.buf.get(*start..end).unwrap_or("");
            *start = end;
            Some(s)
        })
    }
}

/// What one row needs from the run: its time format, the export time and the latest event.
struct Clock {
    format: TimeFormat,
    as_of: i64,
    latest: Option<i64>,
}

impl Clock {
    /// Writes an event time (never after `as_of`) and keeps the latest.
    fn event(&mut self, f: &mut Fields, t: i64) {
        let t = t.min(self.as_of);
        self.latest = Some(self.latest.map_or(t, |l| l.max(t)));
        self.format.write(&mut f.buf, t);
        f.end();
    }

    /// Writes a deadline, which may lie after `as_of` and is not an event.
    fn deadline(&self, f: &mut Fields, t: i64) {
        self.format.write(&mut f.buf, t);
        f.end();
    }

    fn event_or_empty(&mut self, f: &mut Fields, t: Option<i64>) {
        match t {
            Some(t) => self.event(f, t),
            None => f.empty(),
        }
    }

    /// A time between `a` and `b` (both clamped to `as_of`), on the format's quantum.
    fn between(&self, rng: &mut Rng, a: i64, b: i64) -> i64 {
        let (a, b) = (a.min(self.as_of), b.min(self.as_of));
        let q = self.format.quantum();
        let t = rng.between(a, b.max(a));
        (t - (t - a).rem_euclid(q)).max(a)
    }
}

/// One ticket's draws before its layout writes it.
struct Ticket<'a> {
    index: usize,
    created: i64,
    /// Written resolution time (None: written unresolved).
    resolved: Option<i64>,
    priority: &'static str,
    channel: &'static str,
    ticket_type: &'static str,
    subject: &'a str,
    description: &'a str,
    first: &'static str,
    last: &'static str,
    org: &'static str,
    agent: &'static str,
    group: &'static str,
    age: u32,
}

/// Seconds to resolve, long-tailed: a mix of buckets from 2 minutes to 60 days (median ~20 h).
fn duration(rng: &mut Rng) -> i64 {
    const BUCKETS: [((i64, i64), u32); 8] = [
        ((120, HOUR), 14),
        ((HOUR, 4 * HOUR), 14),
        ((4 * HOUR, 12 * HOUR), 14),
        ((12 * HOUR, DAY), 10),
        ((DAY, 3 * DAY), 18),
        ((3 * DAY, 7 * DAY), 13),
        ((7 * DAY, 21 * DAY), 10),
        ((21 * DAY, 60 * DAY), 7),
    ];
    let i = rng.weighted(BUCKETS.iter().map(|&(_, w)| w));
    let (lo, hi) = BUCKETS.get(i).map_or((120, HOUR), |&(b, _)| b);
    rng.between(lo, hi)
}

/// `n` creation times over the window before `latest`, business hours weighted, weekends
/// lighter, sorted, on the format's quantum.
fn creation_times(
    rng: &mut Rng,
    n: usize,
    latest: i64,
    quantum: i64,
) -> Result<Vec<i64>, ExportError> {
    let last_day = latest.div_euclid(DAY);
    let mut out = Vec::new();
    reserve(&mut out, n)?;
    while out.len() < n {
        let day = last_day - rng.below(WINDOW_DAYS as u64) as i64;
        let weekend = weekday(day * DAY) >= 5;
        if weekend && !rng.chance(0.3) {
            continue;
        }
        let h = rng.weighted(HOUR_WEIGHTS.iter().map(|&(_, w)| w));
        let hour = HOUR_WEIGHTS.get(h).map_or(9, |&(h, _)| h);
        let t = day * DAY + hour * HOUR + rng.below(HOUR as u64) as i64;
        let t = t - t.rem_euclid(quantum);
        if t <= latest {
            out.push(t);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Room for `rows` more values, or [`ExportError::TooManyRows`].
fn reserve<T>(v: &mut Vec<T>, rows: usize) -> Result<(), ExportError> {
    v.try_reserve_exact(rows)
        .map_err(|_| ExportError::TooManyRows { rows })
}

/// The generator's state over one file.
fn generate<W: Write>(
    spec: &Spec,
    mut out: W,
    mut terms_out: Option<&mut Vec<Terms>>,
) -> Result<Truth, ExportError> {
    let layout = spec.layout;
    let vocab = layout.vocab();
    let within = match spec.outcome {
        Outcome::Resolved => None,
        Outcome::Within { hours: 0 } => return Err(ExportError::ZeroHours),
        Outcome::Within { hours } if layout == Layout::Kaggle => {
            return Err(ExportError::NoCreationTime { layout, hours });
        }
        Outcome::Within { hours } => Some(i64::from(hours) * HOUR),
    };
    let coefficients = spec.signal.coefficients();
    let quantum = vocab.time.quantum();
    let mut rng = Rng(spec.seed);

    // Under Within the newest ticket is created at as_of; under Resolved at least an hour
    // before, so that even the newest can be resolved after its creation.
    let latest = if within.is_some() {
        AS_OF
    } else {
        AS_OF - HOUR
    };
    let mut created = creation_times(&mut rng, spec.rows, latest, quantum)?;
    if within.is_some()
        && let Some(newest) = created.last_mut()
    {
        *newest = AS_OF;
    }

    if vocab.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut csv_out = csv::WriterBuilder::new()
        .delimiter(vocab.delimiter)
        .terminator(if vocab.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .quote_style(if vocab.quote_all {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(out);
    csv_out.write_record(vocab.headers)?;

    let mut truth = Truth {
        probability: Vec::new(),
        label: Vec::new(),
        observed: Vec::new(),
        censored: 0,
        as_of: String::new(),
        coefficients,
    };
    reserve(&mut truth.probability, spec.rows)?;
    reserve(&mut truth.label, spec.rows)?;
    reserve(&mut truth.observed, spec.rows)?;
    let mut clock = Clock {
        format: vocab.time,
        as_of: AS_OF,
        latest: None,
    };
    let mut pool: Vec<Body> = Vec::with_capacity(spec.rows.min(POOL));
    let mut textblob_cache: HashMap<Subject, f64> = HashMap::new();
    let (mut description, mut subject, mut template) =
        (String::new(), String::new(), String::new());
    let mut fields = Fields::default();

    for (index, &created) in created.iter().enumerate() {
        // The text.
        let body = if pool.len() < POOL {
            pool.push(Body::draw(&mut rng, layout, &mut description));
            pool.len() - 1
        } else {
            rng.below(POOL as u64) as usize
        };
        let body = pool.get(body).unwrap_or(&NO_BODY);
        let (first, last) = (rng.pick(&FIRST), rng.pick(&LAST));
        let number = 10_000 + rng.below(90_000) as u32;
        body.fill(&mut description, number, first, last);
        let compound = body.compound;
        let subject_key = Subject::draw(&mut rng, layout, body.kind, body.issue, body.tone);
        let polarity = if vocab.subject {
            *textblob_cache.entry(subject_key).or_insert_with(|| {
                subject_key.template(&mut template);
                let (number, first, last) = CANONICAL;
                fill(&mut subject, &template, number, first, last);
                textblob::sentiment(&subject).polarity
            })
        } else {
            0.0
        };
        subject_key.template(&mut template);
        fill(&mut subject, &template, number, first, last);

        // The categories.
        let p = rng.weighted(vocab.priority_weights.iter().copied());
        let (priority, rank) = vocab.priorities.get(p).copied().unwrap_or(("", 0));
        let channel = rng.word(vocab.channels);
        let type_index = if rng.chance(0.8) {
            vocab.kind_type.get(body.kind).copied().unwrap_or(0)
        } else {
            rng.below(vocab.types.len() as u64) as usize
        };
        let ticket_type = vocab.types.get(type_index).copied().unwrap_or("");
        let age = 18 + rng.below(53) as u32;
        let terms = Terms {
            description_vader: compound,
            subject_textblob: polarity,
            priority_rank: rank,
            phone: vocab.phone == Some(channel),
            incident: ticket_type == vocab.incident,
            weekend: layout != Layout::Kaggle && weekday(created) >= 5,
            age_decades: if layout == Layout::Kaggle {
                f64::from(age) / 10.0
            } else {
                0.0
            },
        };

        // The outcome, and how the file shows it.
        let probability = coefficients.probability(&terms);
        let label = rng.uniform() < probability;
        let (resolved, observed) = match within {
            None => {
                let resolved = label.then(|| {
                    let room = AS_OF - created;
                    let mut d = duration(&mut rng);
                    if d >= room {
                        d = rng.between(MINUTE, room - MINUTE);
                    }
                    created + (d - d.rem_euclid(quantum)).max(quantum)
                });
                (resolved, Some(label))
            }
            Some(limit) => {
                let d = if label {
                    let u = rng.uniform();
                    let d = quantum + ((limit - quantum) as f64 * u * u) as i64;
                    (d - d.rem_euclid(quantum)).clamp(quantum, limit)
                } else {
                    let extra = duration(&mut rng);
                    limit + quantum + (extra - extra.rem_euclid(quantum))
                };
                let end = created + d;
                if end <= AS_OF {
                    (Some(end), Some(label))
                } else if AS_OF - created < limit {
                    truth.censored += 1;
                    (None, None)
                } else {
                    (None, Some(false))
                }
            }
        };
        truth.probability.push(probability);
        truth.label.push(label);
        truth.observed.push(observed);
        if let Some(t) = terms_out.as_deref_mut() {
            t.push(terms);
        }

        let ticket = Ticket {
            index,
            created,
            resolved,
            priority,
            channel,
            ticket_type,
            subject: &subject,
            description: &description,
            first,
            last,
            org: rng.pick(&ORGS),
            agent: rng.pick(&AGENTS),
            group: rng.pick(&GROUPS),
            age,
        };
        fields.clear();
        match layout {
            Layout::Kaggle => kaggle_row(&ticket, &mut rng, &mut clock, &mut fields),
            Layout::Zendesk => zendesk_row(&ticket, &mut rng, &mut clock, &mut fields),
            Layout::Freshdesk => freshdesk_row(&ticket, &mut rng, &mut clock, &mut fields),
            Layout::Jira => jira_row(&ticket, &mut rng, &mut clock, &mut fields),
            Layout::Zoho => zoho_row(&ticket, &mut rng, &mut clock, &mut fields),
            Layout::ServiceNow => servicenow_row(&ticket, &mut rng, &mut clock, &mut fields),
            Layout::Custom => custom_row(&ticket, &mut rng, &mut clock, &mut fields),
        }
        csv_out.write_record(fields.iter())?;
    }
    csv_out.flush()?;
    truth.as_of = clock.latest.map(|t| vocab.time.iso(t)).unwrap_or_default();
    Ok(truth)
}

/// First reply: minutes to hours after creation, before any resolution.
fn first_reply(rng: &mut Rng, clock: &Clock, t: &Ticket<'_>) -> i64 {
    let reply = t.created + rng.between(3 * MINUTE, 10 * HOUR);
    let reply = t.resolved.map_or(reply, |r| reply.min(r));
    clock.between(rng, t.created, reply)
}

/// Last update: the resolution, or some time between creation and `as_of`.
fn updated(rng: &mut Rng, clock: &Clock, t: &Ticket<'_>) -> i64 {
    match t.resolved {
        Some(r) => r,
        None => clock.between(rng, t.created, clock.as_of),
    }
}

fn kaggle_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let status = match t.resolved {
        Some(_) => "Closed",
        None => rng.word(KAGGLE.open),
    };
    f.args(format_args!("{}", t.index + 1));
    f.args(format_args!("{} {}", t.first, t.last));
    email(&mut f.buf, t.first, t.last);
    f.end();
    f.args(format_args!("{}", t.age));
    f.text(rng.pick(&["Male", "Female", "Other"]));
    f.text(rng.pick(&KAGGLE_PRODUCTS));
    let (y, m, d) = civil_from_days(t.created.div_euclid(DAY) - rng.between(30, 900));
    f.args(format_args!("{y:04}-{m:02}-{d:02}"));
    f.text(t.ticket_type);
    f.text(t.subject);
    f.text(t.description);
    f.text(status);
    if t.resolved.is_some() {
        f.text(rng.pick(&[
            "Case maybe show recently my computer follow.",
            "Try capital clearly never color toward story.",
            "Replaced the unit and confirmed with the customer.",
            "Walked the customer through the settings.",
        ]));
    } else {
        f.empty();
    }
    f.text(t.priority);
    f.text(t.channel);
    if status == "Open" {
        f.empty();
    } else {
        let reply = first_reply(rng, clock, t);
        clock.event(f, reply);
    }
    clock.event_or_empty(f, t.resolved);
    if t.resolved.is_some() {
        f.args(format_args!("{}.0", 1 + rng.below(5)));
    } else {
        f.empty();
    }
}

fn zendesk_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let status = match t.resolved {
        Some(r) if clock.as_of - r > 4 * DAY => "closed",
        Some(_) => "solved",
        None => rng.word(ZENDESK.open),
    };
    let assigned = status != "new";
    f.args(format_args!(
        "{}",
        48_211 + 3 * t.index as u64 + rng.below(3)
    ));
    f.args(format_args!("{} {}", t.first, t.last));
    email(&mut f.buf, t.first, t.last);
    f.end();
    f.text(if assigned { t.agent } else { "-" });
    f.text(if assigned { t.group } else { "-" });
    f.text(if rng.chance(0.8) { t.org } else { "-" });
    f.text(t.subject);
    f.text(t.description);
    f.text(status);
    f.text(t.priority);
    f.text(t.ticket_type);
    f.text(t.channel);
    let kind = rng.pick(&["access", "billing", "shipping", "bug", "hardware"]);
    let tag = rng.pick(&["eu", "mobile", "vip", "web"]);
    f.args(format_args!("{kind} {tag}"));
    clock.event(f, t.created);
    let update = updated(rng, clock, t);
    clock.event(f, update);
    let reply = first_reply(rng, clock, t);
    if assigned {
        let at = clock.between(rng, t.created, reply);
        clock.event(f, at);
    } else {
        f.empty();
    }
    clock.event_or_empty(f, t.resolved);
    f.text(if t.resolved.is_some() && rng.chance(0.1) {
        "1"
    } else {
        "0"
    });
    let replied = assigned && (t.resolved.is_some() || rng.chance(0.8));
    if replied {
        f.args(format_args!("{}", 1 + rng.below(6)));
        f.args(format_args!("{}", (reply - t.created) / MINUTE));
    } else {
        f.text("0");
        f.empty();
    }
    match t.resolved {
        Some(r) => f.args(format_args!("{}", (r - t.created) / MINUTE)),
        None => f.empty(),
    }
    f.text(match t.resolved {
        Some(_) => rng.word(&[("Good", 5), ("Bad", 1), ("Offered", 3)]),
        None => "Unoffered",
    });
}

fn freshdesk_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let closed = t
        .resolved
        .map(|r| r + rng.between(DAY, 3 * DAY))
        .filter(|&c| c <= clock.as_of && rng.chance(0.7));
    let status = match (t.resolved, closed) {
        (Some(_), Some(_)) => "Closed",
        (Some(_), None) => "Resolved",
        _ => rng.word(FRESHDESK.open),
    };
    let sla = match t.priority {
        "Urgent" => 4 * HOUR,
        "High" => 8 * HOUR,
        "Medium" => DAY,
        _ => 2 * DAY,
    };
    let due = t.created + sla;
    f.args(format_args!("{}", 1201 + t.index));
    f.text(t.subject);
    f.text(t.description);
    f.text(status);
    f.text(t.priority);
    f.text(t.channel);
    f.text(t.ticket_type);
    f.text(if status == "Open" && rng.chance(0.4) {
        ""
    } else {
        t.agent
    });
    f.text(t.group);
    clock.event(f, t.created);
    clock.deadline(f, due);
    clock.event_or_empty(f, t.resolved);
    clock.event_or_empty(f, closed);
    let update = closed.unwrap_or_else(|| updated(rng, clock, t));
    clock.event(f, update);
    let reply = first_reply(rng, clock, t);
    if t.resolved.is_some() || rng.chance(0.85) {
        clock.event(f, reply);
    } else {
        f.empty();
    }
    f.text(rng.pick(&["eu", "priority-customer", "renewal", "trial"]));
    f.args(format_args!("{} {}", t.first, t.last));
    email(&mut f.buf, t.first, t.last);
    f.end();
    f.text(t.org);
    f.text(match t.resolved {
        Some(r) if r <= due => "Within SLA",
        Some(_) => "SLA Violated",
        None => "",
    });
}

fn jira_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let (status, category, resolution) = match t.resolved {
        Some(_) => (
            rng.word(&[("Resolved", 2), ("Closed", 1)]),
            "Done",
            rng.word(&[("Done", 8), ("Duplicate", 1), ("Cannot Reproduce", 1)]),
        ),
        None => {
            let s = rng.word(JIRA.open);
            let c = if s == "Waiting for support" {
                "To Do"
            } else {
                "In Progress"
            };
            (s, c, "")
        }
    };
    let end = t.resolved.unwrap_or(clock.as_of);
    let comments = rng.weighted([3u32, 3, 2].into_iter());
    let mut stamps = [0i64; 2];
    for s in stamps.iter_mut().take(comments) {
        *s = clock.between(rng, t.created, end);
    }
    if let Some(s) = stamps.get_mut(..comments) {
        s.sort_unstable();
    }
    let changed = match (t.resolved, category) {
        (Some(r), _) => r,
        (None, "To Do") => t.created,
        (None, _) => clock.between(rng, t.created, clock.as_of),
    };
    let update = stamps
        .iter()
        .take(comments)
        .fold(changed.max(t.resolved.unwrap_or(t.created)), |a, &b| {
            a.max(b)
        });
    let key = 214 + t.index;
    f.text(t.subject);
    f.args(format_args!("SD-{key}"));
    f.args(format_args!("{}", 10_467 + 2 * key));
    f.text(t.ticket_type);
    f.text(status);
    f.text("SD");
    f.text("Service Desk");
    f.text(t.priority);
    f.text(resolution);
    f.text(if category == "To Do" { "" } else { t.agent });
    f.args(format_args!("{} {}", t.first, t.last));
    clock.event(f, t.created);
    clock.event(f, update);
    if rng.chance(0.3) {
        let viewed = clock.between(rng, update, clock.as_of);
        clock.event(f, viewed);
    } else {
        f.empty();
    }
    clock.event_or_empty(f, t.resolved);
    f.text(t.description);
    f.text(match t.ticket_type {
        "Incident" => "Report a system problem",
        "Change" => "Suggest an improvement",
        _ => "Get IT help",
    });
    if t.resolved.is_some() && rng.chance(0.5) {
        f.args(format_args!("{}", 1 + rng.below(5)));
    } else {
        f.empty();
    }
    for (i, &s) in stamps.iter().enumerate() {
        if i < comments {
            clock.format.write(&mut f.buf, s);
            f.buf.push(';');
            f.buf.push_str(rng.pick(&[
                "5b10ac8d82e05b22cc7d4ef5",
                "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
            ]));
            f.buf.push(';');
            f.buf.push_str(rng.pick(&[
                "Hi, thanks for reaching out. Could you send us a screenshot of the error?",
                "We've escalated this to the engineering team, we'll update you soon.",
                "Thanks, that worked!",
                "Still happening for me, see attached log.",
            ]));
            f.end();
        } else {
            f.empty();
        }
    }
    f.empty();
    f.text(category);
    clock.event(f, changed);
}

fn zoho_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let status = match t.resolved {
        Some(_) => "Closed",
        None => rng.word(ZOHO.open),
    };
    f.args(format_args!("{}", 40_210 + t.index));
    f.text(t.subject);
    f.text(t.description);
    f.text(status);
    f.text(t.priority);
    f.text(t.channel);
    f.text(t.ticket_type);
    f.args(format_args!("{} {}", t.first, t.last));
    f.text(t.org);
    email(&mut f.buf, t.first, t.last);
    f.end();
    f.text(t.agent);
    f.text(rng.pick(&["Support", "Sales", "Accounts"]));
    clock.event(f, t.created);
    let update = updated(rng, clock, t);
    clock.event(f, update);
    clock.event_or_empty(f, t.resolved);
    f.text(match t.resolved {
        Some(_) => rng.word(&[("Good", 4), ("Okay", 2), ("Bad", 1), ("", 4)]),
        None => "",
    });
}

fn servicenow_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let closed = t
        .resolved
        .map(|r| r + rng.between(2 * DAY, 10 * DAY))
        .filter(|&c| c <= clock.as_of);
    let state = match (t.resolved, closed) {
        (Some(_), Some(_)) => "Closed",
        (Some(_), None) => "Resolved",
        _ => rng.word(SERVICENOW.open),
    };
    f.args(format_args!("INC{:07}", 10_041 + t.index));
    clock.event(f, t.created);
    f.text(t.subject);
    f.text(t.description);
    f.args(format_args!("{} {}", t.first, t.last));
    f.text(t.channel);
    f.text(t.ticket_type);
    f.text(match t.ticket_type {
        "Software" => "Application",
        "Hardware" => "Peripheral",
        "Network" => "VPN",
        _ => "How to",
    });
    f.text(t.priority);
    f.text(state);
    f.text(if state == "New" {
        "Service Desk"
    } else {
        t.group
    });
    f.text(if state == "New" { "" } else { t.agent });
    let update = closed.unwrap_or_else(|| updated(rng, clock, t));
    clock.event(f, update);
    f.text(rng.pick(&["admin", "system", "ana.lima"]));
    clock.event_or_empty(f, t.resolved);
    clock.event_or_empty(f, closed);
    if t.resolved.is_some() {
        f.text(rng.word(&[
            ("Solved (Permanently)", 6),
            ("Solved (Work Around)", 2),
            ("Not Solved (Not Reproducible)", 1),
        ]));
        f.text("User confirmed the problem is gone.");
    } else {
        f.empty();
        f.empty();
    }
}

fn custom_row(t: &Ticket<'_>, rng: &mut Rng, clock: &mut Clock, f: &mut Fields) {
    let state = match t.resolved {
        Some(_) => "Done",
        None => rng.word(CUSTOM.open),
    };
    f.args(format_args!("T-{:05}", 311 + t.index));
    clock.event(f, t.created);
    f.args(format_args!("{} {} ({})", t.first, t.last, t.org));
    f.text(t.description);
    f.text(t.ticket_type);
    f.text(t.channel);
    f.text(t.priority);
    f.text(state);
    f.text(rng.pick(&["Sam", "Priya", "Jonas"]));
    clock.event_or_empty(f, t.resolved);
    if rng.chance(0.4) {
        f.text(rng.pick(&[
            "called back, left voicemail",
            "waiting for logs",
            "escalated to dev",
            "sent KB link",
        ]));
    } else {
        f.empty();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::logistic::{FitOptions, Objective, fit_binary};
    use crate::model::ndarray::Array2;

    const WITHIN_24H: Outcome = Outcome::Within { hours: 24 };

    fn spec(layout: Layout, rows: usize, signal: Signal, outcome: Outcome) -> Spec {
        Spec {
            layout,
            rows,
            seed: 1,
            signal,
            outcome,
        }
    }

    /// Every layout with the outcome it is tested under most: within 24 h where the layout has
    /// a creation time, resolved for Kaggle.
    fn layouts() -> impl Iterator<Item = (Layout, Outcome)> {
        Layout::ALL.into_iter().map(|l| {
            let outcome = if l == Layout::Kaggle {
                Outcome::Resolved
            } else {
                WITHIN_24H
            };
            (l, outcome)
        })
    }

    fn export(spec: &Spec) -> (Vec<u8>, Truth) {
        let mut bytes = Vec::new();
        let truth = write(spec, &mut bytes).unwrap();
        (bytes, truth)
    }

    /// The header and records, parsed by the csv crate with nothing assumed but the delimiter
    /// (flexible, so that a wrong field count shows instead of failing).
    fn parse(layout: Layout, bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        assert_eq!(body.len() < bytes.len(), layout == Layout::Zendesk, "BOM");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(layout.delimiter())
            .has_headers(false)
            .flexible(true)
            .from_reader(body);
        let mut records = reader.records().map(|r| r.unwrap());
        let header = records.next().unwrap().iter().map(String::from).collect();
        (header, records.collect())
    }

    /// Seconds on the file's clock, parsed independently of the writer.
    fn parse_time(format: TimeFormat, s: &str) -> Option<i64> {
        fn num(s: &str) -> Option<i64> {
            s.parse().ok()
        }
        let at = |y: i64, mo: i64, d: i64, h: i64, mi: i64, se: i64| {
            let ok = (1..=12).contains(&mo) && (1..=31).contains(&d) && h < 24 && mi < 60;
            ok.then(|| days_from_civil(y, mo, d) * DAY + h * HOUR + mi * MINUTE + se)
        };
        let ymd_hms = |date: &str, time: &str| {
            let d: Vec<i64> = date.split('-').filter_map(num).collect();
            let t: Vec<i64> = time.split(':').filter_map(num).collect();
            match (d.as_slice(), t.as_slice()) {
                ([y, mo, d], [h, mi, se]) => at(*y, *mo, *d, *h, *mi, *se),
                _ => None,
            }
        };
        match format {
            TimeFormat::IsoZ => {
                let (d, t) = s.strip_suffix('Z')?.split_once('T')?;
                ymd_hms(d, t)
            }
            TimeFormat::IsoOffset => {
                let (d, t) = s.strip_suffix("+02:00")?.split_once('T')?;
                ymd_hms(d, t)
            }
            TimeFormat::Ymd => {
                let (d, t) = s.split_once(' ')?;
                ymd_hms(d, t)
            }
            TimeFormat::Jira => {
                let (date, rest) = s.split_once(' ')?;
                let (hm, half) = rest.split_once(' ')?;
                let mut parts = date.split('/');
                let d = num(parts.next()?)?;
                let month = parts.next()?;
                let mo = MONTHS.iter().position(|&m| m == month)? as i64 + 1;
                let y = 2000 + num(parts.next()?)?;
                let (h, mi) = hm.split_once(':')?;
                let h = num(h)? % 12 + if half == "PM" { 12 } else { 0 };
                at(y, mo, d, h, num(mi)?, 0)
            }
            TimeFormat::Dmy => {
                let (date, hm) = s.split_once(' ')?;
                let d: Vec<i64> = date.split('/').filter_map(num).collect();
                let (h, mi) = hm.split_once(':')?;
                match d.as_slice() {
                    [d, mo, y] => at(*y, *mo, *d, num(h)?, num(mi)?, 0),
                    _ => None,
                }
            }
        }
    }

    fn column(header: &[String], name: &str) -> usize {
        header.iter().position(|h| h == name).unwrap()
    }

    #[test]
    fn same_spec_same_bytes_other_seed_other_bytes() {
        for (layout, outcome) in layouts() {
            let s = spec(layout, 300, Signal::Linear, outcome);
            let (a, truth_a) = export(&s);
            let (b, truth_b) = export(&s);
            assert!(a == b, "{layout}");
            assert_eq!(truth_a, truth_b);
            let (c, _) = export(&Spec { seed: 2, ..s });
            assert!(a != c, "{layout}");
        }
    }

    #[test]
    fn every_row_parses_to_the_header_field_count() {
        for layout in Layout::ALL {
            for outcome in [Outcome::Resolved, WITHIN_24H] {
                if layout == Layout::Kaggle && outcome != Outcome::Resolved {
                    continue;
                }
                let s = spec(layout, 500, Signal::Interaction, outcome);
                let (bytes, truth) = export(&s);
                let (header, records) = parse(layout, &bytes);
                assert_eq!(header, layout.headers(), "{layout}");
                assert_eq!(records.len(), 500, "{layout}");
                assert_eq!(truth.probability.len(), 500);
                for r in &records {
                    assert_eq!(r.len(), header.len(), "{layout} line {:?}", r.position());
                }
                let newline = bytes.iter().position(|&b| b == b'\n').unwrap();
                let crlf = bytes.get(newline.wrapping_sub(1)) == Some(&b'\r');
                assert_eq!(crlf, layout == Layout::Freshdesk, "{layout}");
                let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
                assert!(bytes.ends_with(end));
                for (role, h) in layout.mapping() {
                    assert_eq!(header.iter().filter(|x| x == h).count(), 1, "{role}");
                }
            }
        }
    }

    /// What the file says about each row's target, read back from the text alone.
    fn observed_in_file(layout: Layout, bytes: &[u8], hours: Option<i64>) -> Vec<Option<bool>> {
        let (header, records) = parse(layout, bytes);
        let format = layout.vocab().time;
        let status = column(&header, layout.header_of("status").unwrap());
        let resolved_at = column(&header, layout.header_of("resolved_at").unwrap());
        let created_at = layout.header_of("created_at").map(|h| column(&header, h));
        let times: Vec<(Option<i64>, Option<i64>, bool)> = records
            .iter()
            .map(|r| {
                let resolved = layout.resolved_statuses().contains(&&r[status]);
                let r_at = parse_time(format, &r[resolved_at]);
                assert_eq!(r_at.is_some(), resolved, "{layout}: {r:?}");
                assert_eq!(r[resolved_at].is_empty(), !resolved);
                let c_at = created_at.map(|c| parse_time(format, &r[c]).unwrap());
                if let (Some(c), Some(r)) = (c_at, r_at) {
                    assert!(r > c, "{layout}: resolved at {r} before created at {c}");
                }
                (c_at, r_at, resolved)
            })
            .collect();
        let as_of = times
            .iter()
            .flat_map(|&(c, r, _)| [c, r])
            .flatten()
            .max()
            .unwrap();
        times
            .iter()
            .map(|&(c, r, resolved)| match (hours, c, r) {
                (None, _, _) => Some(resolved),
                (Some(h), Some(c), Some(r)) => Some(r - c <= h * HOUR),
                (Some(h), Some(c), None) => (as_of - c >= h * HOUR).then_some(false),
                (Some(_), None, _) => unreachable!("within needs a creation time"),
            })
            .collect()
    }

    #[test]
    fn the_file_shows_the_planted_outcomes_and_censoring() {
        for layout in Layout::ALL {
            for hours in [None, Some(24), Some(4)] {
                let outcome = match hours {
                    Some(hours) if layout != Layout::Kaggle => Outcome::Within { hours },
                    Some(_) => continue,
                    None => Outcome::Resolved,
                };
                let (bytes, truth) = export(&spec(layout, 3000, Signal::Linear, outcome));
                let seen = observed_in_file(layout, &bytes, hours.map(i64::from));
                assert_eq!(seen, truth.observed, "{layout} {outcome:?}");
                let censored = seen.iter().filter(|o| o.is_none()).count();
                assert_eq!(censored, truth.censored, "{layout} {outcome:?}");
                for (o, &l) in truth.observed.iter().zip(&truth.label) {
                    assert!(o.is_none_or(|o| o == l));
                }
                match outcome {
                    Outcome::Resolved => assert_eq!(truth.censored, 0),
                    // About 3000 / 90 tickets a weekday in the last day or four hours.
                    Outcome::Within { .. } => assert!(truth.censored >= 3, "{layout}"),
                }
            }
        }
    }

    #[test]
    fn as_of_is_the_latest_event_and_the_newest_creation_under_within() {
        for (layout, outcome) in layouts() {
            let (bytes, truth) = export(&spec(layout, 1000, Signal::Linear, outcome));
            let format = layout.vocab().time;
            let (header, records) = parse(layout, &bytes);
            let events: Vec<i64> = header
                .iter()
                .enumerate()
                .filter(|(_, h)| *h != "Due by Time")
                .flat_map(|(i, _)| {
                    records
                        .iter()
                        .filter_map(move |r| parse_time(format, &r[i]))
                })
                .collect();
            let latest = *events.iter().max().unwrap();
            assert_eq!(format.iso(latest), truth.as_of, "{layout}");
            if let Some(created) = layout.header_of("created_at") {
                let c = column(&header, created);
                let newest = records
                    .iter()
                    .filter_map(|r| parse_time(format, &r[c]))
                    .max();
                assert_eq!(newest, Some(AS_OF), "{layout}");
            }
        }
        let (_, truth) = export(&spec(Layout::Custom, 10, Signal::None, WITHIN_24H));
        assert_eq!(truth.as_of, "2024-07-26T16:45:00+02:00");
        let (_, truth) = export(&spec(Layout::Jira, 10, Signal::None, WITHIN_24H));
        assert_eq!(truth.as_of, "2024-07-26T16:45:00");
    }

    #[test]
    fn the_terms_are_what_a_trainer_computes_from_the_file() {
        for (layout, outcome) in layouts() {
            let s = spec(layout, 400, Signal::Linear, outcome);
            let mut bytes = Vec::new();
            let (truth, terms) = write_with_terms(&s, &mut bytes).unwrap();
            let (header, records) = parse(layout, &bytes);
            let cell = |r: &csv::StringRecord, role: &str| {
                layout
                    .header_of(role)
                    .map(|h| r[column(&header, h)].to_string())
            };
            for ((r, t), &p) in records.iter().zip(&terms).zip(&truth.probability) {
                let description = cell(r, "description").unwrap();
                assert_eq!(
                    t.description_vader,
                    vader::polarity_scores(&description).compound
                );
                let subject = cell(r, "subject").map_or(0.0, |s| textblob::sentiment(&s).polarity);
                assert_eq!(t.subject_textblob, subject);
                let priority = cell(r, "priority").unwrap();
                let rank = layout.priorities().iter().find(|(w, _)| *w == priority);
                assert_eq!(Some(t.priority_rank), rank.map(|(_, r)| *r));
                let channel = cell(r, "channel");
                assert_eq!(
                    t.phone,
                    channel.is_some_and(|c| Some(c.as_str()) == layout.phone_channel())
                );
                assert_eq!(
                    t.incident,
                    cell(r, "type").unwrap() == layout.incident_type()
                );
                let created = cell(r, "created_at").map(|c| parse_time(layout.vocab().time, &c));
                assert_eq!(t.weekend, created.is_some_and(|c| weekday(c.unwrap()) >= 5));
                let age = cell(r, "customer_age").map_or(0.0, |a| a.parse::<f64>().unwrap() / 10.0);
                assert_eq!(t.age_decades, age);
                assert_eq!(p, truth.coefficients.probability(t));
            }
            // The terms vary: every layout's sentiment spans both signs, priorities all ranks.
            let min = terms
                .iter()
                .map(|t| t.description_vader)
                .fold(1.0, f64::min);
            let max = terms
                .iter()
                .map(|t| t.description_vader)
                .fold(-1.0, f64::max);
            assert!(min < -0.8 && max > 0.8, "{layout}: {min} {max}");
            for (_, rank) in layout.priorities() {
                assert!(terms.iter().any(|t| t.priority_rank == *rank));
            }
            assert!(terms.iter().any(|t| t.incident) && terms.iter().any(|t| !t.incident));
        }
    }

    /// The Bayes AUC of each layout and signal at 20,000 rows, seed 1.
    fn bayes_auc(layout: Layout, signal: Signal, outcome: Outcome) -> f64 {
        let mut sink = std::io::sink();
        let truth = write(&spec(layout, 20_000, signal, outcome), &mut sink).unwrap();
        truth.bayes_auc().unwrap()
    }

    #[test]
    fn the_planted_bayes_auc_is_between_0_75_and_0_85() {
        for (layout, outcome) in layouts() {
            for signal in [Signal::Linear, Signal::Interaction] {
                let auc = bayes_auc(layout, signal, outcome);
                assert!((0.75..=0.85).contains(&auc), "{layout} {signal:?}: {auc}");
            }
        }
        let auc = bayes_auc(Layout::Zendesk, Signal::Linear, Outcome::Resolved);
        assert!((0.75..=0.85).contains(&auc), "{auc}");
    }

    #[test]
    fn no_signal_means_a_coin_at_0_3() {
        let (_, truth) = export(&spec(Layout::Freshdesk, 20_000, Signal::None, WITHIN_24H));
        assert_eq!(truth.bayes_auc().unwrap(), 0.5);
        let (y, _) = truth.observed_pairs();
        let rate = y.iter().sum::<f64>() / y.len() as f64;
        // 4 standard errors of a proportion at n = 20,000.
        assert!(
            (rate - 0.3).abs() < 4.0 * (0.21f64 / y.len() as f64).sqrt(),
            "{rate}"
        );
    }

    /// Held-in AUC of a logistic fit on the terms, as columns, and the Bayes AUC.
    fn linear_fit_auc(layout: Layout, signal: Signal) -> (f64, f64) {
        let s = spec(layout, 20_000, signal, WITHIN_24H);
        let (truth, terms) = write_with_terms(&s, std::io::sink()).unwrap();
        let rows: Vec<[f64; 7]> = terms
            .iter()
            .zip(&truth.observed)
            .filter(|(_, o)| o.is_some())
            .map(|(t, _)| {
                let flag = |b: bool| if b { 1.0 } else { 0.0 };
                [
                    t.description_vader,
                    t.subject_textblob,
                    f64::from(t.priority_rank),
                    flag(t.phone),
                    flag(t.incident),
                    flag(t.weekend),
                    t.age_decades,
                ]
            })
            .collect();
        let x = Array2::from_shape_fn((rows.len(), 7), |(i, j)| rows[i][j]);
        let (y, _) = truth.observed_pairs();
        let options = FitOptions {
            c: 1e3,
            tol: 1e-6,
            ..FitOptions::new(Objective::Lbfgs)
        };
        let model = fit_binary(x.view(), &y, &options).unwrap().model;
        let p = model.predict_proba(x.view()).unwrap().to_vec();
        (roc_auc(&y, &p).unwrap(), truth.bayes_auc().unwrap())
    }

    #[test]
    fn a_linear_model_reaches_the_bayes_auc_of_the_linear_signal_only() {
        let (fit, bayes) = linear_fit_auc(Layout::Zendesk, Signal::Linear);
        assert!((fit - bayes).abs() < 0.005, "{fit} {bayes}");
        let (fit, bayes) = linear_fit_auc(Layout::Zendesk, Signal::Interaction);
        assert!(bayes - fit > 0.03, "{fit} {bayes}");
    }

    #[test]
    fn descriptions_are_like_the_bundled_ones() {
        let (bytes, _) = export(&spec(Layout::Freshdesk, 2000, Signal::Linear, WITHIN_24H));
        let (header, records) = parse(Layout::Freshdesk, &bytes);
        let d = column(&header, "Description");
        let mut lengths: Vec<usize> = records.iter().map(|r| r[d].chars().count()).collect();
        lengths.sort_unstable();
        let median = lengths[lengths.len() / 2];
        // The bundled dataset's median is 298 characters.
        assert!((200..=320).contains(&median), "{median}");
        assert!(lengths[0] < 20 && lengths[lengths.len() - 1] > 800);
        let share = |f: &dyn Fn(&str) -> bool| {
            records.iter().filter(|r| f(&r[d])).count() as f64 / records.len() as f64
        };
        assert!(share(&|s| s.contains('\n')) > 0.3);
        assert!(share(&|s| s.contains('"')) > 0.05);
        assert!(share(&|s| s.contains(',')) > 0.3);
        assert!(share(&|s| !s.is_ascii()) > 0.05);
        let distinct: std::collections::HashSet<&str> = records.iter().map(|r| &r[d]).collect();
        assert!(distinct.len() as f64 > 0.8 * records.len() as f64);
    }

    #[test]
    fn names_and_numbers_do_not_change_a_score() {
        let mut rng = Rng(3);
        let (mut scratch, mut text, mut slow) = (String::new(), String::new(), String::new());
        let mut checked = 0;
        for layout in [Layout::Kaggle, Layout::Zendesk] {
            for _ in 0..2000 {
                let body = Body::draw(&mut rng, layout, &mut scratch);
                if body.marks.is_empty() {
                    continue;
                }
                let lasts = LAST
                    .iter()
                    .cycle()
                    .skip(rng.below(LAST.len() as u64) as usize);
                for (first, last) in FIRST.iter().zip(lasts) {
                    let number = 10_000 + rng.below(90_000) as u32;
                    body.fill(&mut text, number, first, last);
                    fill(&mut slow, &body.template, number, first, last);
                    assert_eq!(text, slow);
                    assert!(!text.contains(['\u{1}', '\u{2}', '\u{3}']));
                    assert_eq!(
                        vader::polarity_scores(&text).compound,
                        body.compound,
                        "{text}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 20_000, "{checked}");
        for (kind, topic) in TOPICS.iter().enumerate() {
            for (issue, (_, variants)) in topic.issues.iter().enumerate() {
                for variant in 0..variants.len() {
                    for prefix in 0..PREFIXES.len() {
                        let key = Subject::Issue {
                            kind: kind as u8,
                            issue: issue as u8,
                            variant: variant as u8,
                            prefix: prefix as u8,
                        };
                        key.template(&mut scratch);
                        let (n, first, last) = CANONICAL;
                        fill(&mut text, &scratch, n, first, last);
                        let canonical = textblob::sentiment(&text).polarity;
                        for number in [10_001, 55_555, 99_999] {
                            fill(&mut text, &scratch, number, first, last);
                            assert_eq!(textblob::sentiment(&text).polarity, canonical);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn bad_specs_are_errors_and_tiny_ones_are_fine() {
        let err = write(
            &spec(Layout::Kaggle, 10, Signal::Linear, WITHIN_24H),
            Vec::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the kaggle layout has no creation time, so it cannot carry a within-24h target"
        );
        let zero = Outcome::Within { hours: 0 };
        let err = write(&spec(Layout::Jira, 10, Signal::Linear, zero), Vec::new()).unwrap_err();
        assert!(matches!(err, ExportError::ZeroHours));
        for (layout, outcome) in layouts() {
            let (bytes, truth) = export(&spec(layout, 0, Signal::Linear, outcome));
            assert_eq!(parse(layout, &bytes).1.len(), 0);
            assert_eq!(truth.as_of, "");
            let (bytes, truth) = export(&spec(layout, 1, Signal::Linear, outcome));
            assert_eq!(parse(layout, &bytes).1.len(), 1);
            assert_eq!(truth.label.len(), 1);
        }
        let err = write(
            &spec(Layout::Zoho, usize::MAX, Signal::Linear, Outcome::Resolved),
            Vec::new(),
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::TooManyRows { .. }), "{err}");
        let huge = Outcome::Within { hours: u32::MAX };
        let (_, truth) = export(&spec(Layout::Zoho, 50, Signal::Linear, huge));
        assert_eq!(
            truth
                .observed
                .iter()
                .filter(|o| o.is_some_and(|o| !o))
                .count(),
            0
        );
    }

    #[test]
    fn a_failing_output_is_an_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        for (layout, outcome) in layouts() {
            let err = write(&spec(layout, 100, Signal::Linear, outcome), Full).unwrap_err();
            assert!(err.to_string().contains("disk full"), "{layout}: {err}");
        }
    }

    #[test]
    fn calendar_round_trips() {
        for z in [-1, 0, 1, 19_000, 19_930, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        // 2024-07-26 was a Friday, 2024-07-27 a Saturday.
        assert_eq!(weekday(AS_OF), 4);
        assert_eq!(weekday(AS_OF + DAY), 5);
        let mut s = String::new();
        TimeFormat::Jira.write(
            &mut s,
            days_from_civil(2024, 5, 8) * DAY + 6 * HOUR + 54 * MINUTE,
        );
        assert_eq!(s, "08/May/24 06:54 AM");
        s.clear();
        TimeFormat::Jira.write(
            &mut s,
            days_from_civil(2024, 5, 8) * DAY + 12 * HOUR + 5 * MINUTE,
        );
        assert_eq!(s, "08/May/24 12:05 PM");
        s.clear();
        TimeFormat::Dmy.write(
            &mut s,
            days_from_civil(2024, 3, 5) * DAY + 14 * HOUR + 22 * MINUTE,
        );
        assert_eq!(s, "05/03/2024 14:22");
    }

    /// The Bayes AUC of every layout, signal and outcome at 20,000 rows, seed 1. Run with
    /// `cargo test --release --lib synthetic::export -- --ignored --nocapture`.
    #[test]
    #[ignore = "a table for the documentation, not a check"]
    fn bayes_auc_table() {
        for layout in Layout::ALL {
            for signal in [Signal::Linear, Signal::Interaction, Signal::None] {
                let resolved = bayes_auc(layout, signal, Outcome::Resolved);
                let within =
                    (layout != Layout::Kaggle).then(|| bayes_auc(layout, signal, WITHIN_24H));
                println!(
                    "| {layout} | {signal:?} | {resolved:.3} | {} |",
                    within.map_or("—".to_string(), |a| format!("{a:.3}"))
                );
            }
        }
    }

    /// Rows per second writing 1,000,000 rows of each layout to a sink. Run with
    /// `cargo test --release --lib synthetic::export -- --ignored --nocapture`.
    #[test]
    #[ignore = "a throughput measurement, not a check"]
    fn throughput_1m_rows() {
        for (layout, outcome) in layouts() {
            let s = Spec {
                rows: 1_000_000,
                ..spec(layout, 0, Signal::Linear, outcome)
            };
            let mut counter = Counter(0);
            let start = std::time::Instant::now();
            let truth = write(&s, &mut counter).unwrap();
            let seconds = start.elapsed().as_secs_f64();
            println!(
                "{layout:>10}: {:>9.0} rows/s ({seconds:.2} s, {:.0} MB, {} censored)",
                1e6 / seconds,
                counter.0 as f64 / 1e6,
                truth.censored
            );
        }
    }

    /// Counts the bytes written.
    struct Counter(usize);

    impl Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
