//! What an export holds, as `inspect` and the page's mapping panel show it: its layout,
//! encoding and delimiter, the column of each role, the statuses (and which count as resolved),
//! the priority levels in order, the channels and types, and the rows read, rejected and
//! duplicated. Its [`Inspection::schema`] is the complete schema training reads the export with.

use serde::Serialize;

use crate::export::decode::Encoding;
use crate::export::layout::{self, Layout, Mapping};
use crate::export::vocab::{self, Counter, Level};
use crate::export::{Duplicates, Export, RowError, Schema};
use crate::model::artifact::LeftOut;
use crate::ticket::Role;

/// A status value, how often it occurs and whether it counts as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The value as written.
    pub value: String,
    /// Tickets with it.
    pub count: u64,
    /// Whether it counts as resolved.
    pub resolved: bool,
}

/// A priority value, how often it occurs and its rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Priority {
    /// The value as written.
    pub value: String,
    /// Tickets with it.
    pub count: u64,
    /// Its rank (0 lowest … 4 urgent), `None` when it is no known priority word.
    pub rank: Option<u8>,
}

/// A time column and how its values read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeColumn {
    /// `created_at` or `resolved_at`.
    pub role: Role,
    /// The header.
    pub header: String,
    /// The format, for a person.
    pub format: String,
}

/// Rows of an export by what became of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Tickets read.
    pub tickets: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Empty rows skipped.
    pub blank: u64,
}

/// Rejected rows an inspection lists (it counts them all).
pub const LISTED_REJECTED: usize = 20;

/// What an export holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    /// The helpdesk that wrote it.
    pub layout: Layout,
    /// Its text encoding.
    pub encoding: Encoding,
    /// Its field delimiter.
    pub delimiter: char,
    /// Its header row.
    pub header: Vec<String>,
    /// Role → header.
    pub mapping: Mapping,
    /// Status values counted as resolved, as written.
    pub resolved_statuses: Vec<String>,
    /// Every status value, most frequent first.
    pub statuses: Vec<Status>,
    /// Every priority value, lowest rank first (unranked last).
    pub priorities: Vec<Priority>,
    /// Channel values, most frequent first.
    pub channels: Vec<Level>,
    /// Type values, most frequent first.
    pub types: Vec<Level>,
    /// Satisfaction values, most frequent first.
    pub satisfaction: Vec<Level>,
    /// The time columns.
    pub times: Vec<TimeColumn>,
    /// Rows after the header.
    pub rows: u64,
    /// Rows by what became of them.
    pub counts: Counts,
    /// The first rejected rows.
    pub rejected: Vec<RowError>,
    /// Duplicate ticket ids.
    pub duplicates: Duplicates,
    /// The latest timestamp in the file (ISO 8601), the default export time.
    pub as_of: Option<String>,
    /// Columns no role reads, and why.
    pub left_out: Vec<LeftOut>,
    /// Things worth a person's attention.
    pub warnings: Vec<String>,
    /// The complete schema: mapping, time formats and vocabularies.
    #[serde(skip)]
    pub schema: Schema,
}

/// The vocabularies of an export: one counter per category role.
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    /// Status values.
    pub status: Counter,
    /// Priority values.
    pub priority: Counter,
    /// Channel values.
    pub channel: Counter,
    /// Type values.
    pub types: Counter,
    /// Satisfaction values.
    pub satisfaction: Counter,
}

impl Vocabularies {
    /// Counts one ticket's values.
    pub fn add(&mut self, t: &crate::ticket::Ticket) {
        if let Some(s) = &t.status {
            self.status.add(s);
        }
        self.priority.add(t.priority.as_deref().unwrap_or(""));
        self.channel.add(&t.channel);
        self.types.add(&t.ticket_type);
        if let Some(s) = &t.satisfaction {
            self.satisfaction.add(s);
        }
    }
}

impl Inspection {
    /// Inspects a read export; `resolved` (status values) replaces the layout's default set.
    pub fn of(export: &Export, resolved: Option<&[String]>) -> Inspection {
        let mut vocabularies = Vocabularies::default();
        for t in &export.tickets {
            vocabularies.add(t);
        }
        Inspection::from_parts(export, &vocabularies, resolved)
    }

    /// Inspects an export from its summary and counted vocabularies (for a file streamed
    /// without keeping its tickets).
    pub fn from_parts(
        export: &Export,
        v: &Vocabularies,
        resolved: Option<&[String]>,
    ) -> Inspection {
        let summary = &export.summary;
        let layout = summary.schema.layout.0;
        let mut warnings = Vec::new();
        let status_levels = v.status.levels();
        let is_resolved = |value: &str| vocab::counts_as_resolved(layout, resolved, value);
        if let Some(given) = resolved {
            for g in given {
                if !status_levels
                    .iter()
                    .any(|l| vocab::key(&l.value) == vocab::key(g))
                {
                    warnings.push(format!("no ticket has the status '{g}' given as resolved"));
                }
            }
        }
        let statuses: Vec<Status> = status_levels
            .iter()
            .map(|l| Status {
                value: l.value.clone(),
                count: l.count,
                resolved: is_resolved(&l.value),
            })
            .collect();
        let mut priorities: Vec<Priority> = v
            .priority
            .levels()
            .into_iter()
            .map(|l| Priority {
                rank: vocab::priority_rank(layout, &l.value),
                value: l.value,
                count: l.count,
            })
            .collect();
        if v.priority.empty > 0 && summary.schema.mapping.get(Role::Priority).is_some() {
            priorities.push(Priority {
                value: String::new(),
                count: v.priority.empty,
                rank: None,
            });
        }
        priorities.sort_by_key(|p| (p.rank.is_none(), p.rank, std::cmp::Reverse(p.count)));
        for p in priorities.iter().filter(|p| p.rank.is_none()) {
            warnings.push(format!(
                "priority '{}' ({} tickets) is no known priority word: it becomes a category of \
                 its own, ranked as medium",
                p.value, p.count
            ));
        }
        if summary.duplicates.rows > 0 {
            warnings.push(format!(
                "{} rows repeat a ticket id seen on an earlier row (for example '{}')",
                summary.duplicates.rows,
                summary
                    .duplicates
                    .examples
                    .first()
                    .map_or("", |e| e.0.as_str())
            ));
        }
        if summary.malformed > 0 {
            warnings.push(format!(
                "{} malformed characters were replaced by U+FFFD while decoding",
                summary.malformed
            ));
        }
        let mut schema = summary.schema.clone();
        schema.resolved = statuses
            .iter()
            .filter(|s| s.resolved)
            .map(|s| vocab::key(&s.value))
            .collect();
        schema.priorities = priorities
            .iter()
            .map(|p| (vocab::key(&p.value), p.rank))
            .collect();
        let channels = v.channel.levels();
        let types = v.types.levels();
        schema.spellings = [
            (
                Role::Priority,
                priorities
                    .iter()
                    .map(|p| p.value.clone())
                    .collect::<Vec<_>>(),
            ),
            (
                Role::Channel,
                channels.iter().map(|l| l.value.clone()).collect(),
            ),
            (Role::Type, types.iter().map(|l| l.value.clone()).collect()),
        ]
        .into_iter()
        .flat_map(|(role, values)| {
            values
                .into_iter()
                .filter(|v| !v.is_empty())
                .take(crate::export::vocab::MAX_LEVELS)
                .map(move |v| (role, vocab::key(&v), v))
        })
        .collect();
        let mapping = schema.mapping.clone();
        let times = [Role::CreatedAt, Role::ResolvedAt]
            .into_iter()
            .filter_map(|role| {
                Some(TimeColumn {
                    role,
                    header: mapping.get(role)?.to_string(),
                    format: schema.times.get(&role)?.describe().to_string(),
                })
            })
            .collect();
        let mapped: Vec<(&str, Role)> = mapping
            .roles
            .iter()
            .map(|(r, h)| (h.as_str(), *r))
            .collect();
        let left_out = summary
            .header
            .iter()
            .filter(|h| !mapped.iter().any(|(m, _)| m == h))
            .map(|h| LeftOut {
                header: h.clone(),
                reason: layout::left_out_reason(h, None).to_string(),
            })
            .collect();
        Inspection {
            layout,
            encoding: summary.encoding,
            delimiter: summary.delimiter,
            header: summary.header.clone(),
            resolved_statuses: statuses
                .iter()
                .filter(|s| s.resolved)
                .map(|s| s.value.clone())
                .collect(),
            statuses,
            priorities,
            channels,
            types,
            satisfaction: v.satisfaction.levels(),
            times,
            rows: summary.rows,
            counts: Counts {
                tickets: summary.tickets,
                rejected: summary.rejected,
                blank: summary.blank,
            },
            rejected: export
                .rejected
                .iter()
                .take(LISTED_REJECTED)
                .cloned()
                .collect(),
            duplicates: summary.duplicates.clone(),
            as_of: summary.latest.map(|t| t.iso()),
            left_out,
            warnings,
            mapping,
            schema,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{self, Options};

    #[test]
    fn a_zendesk_export_is_understood() {
        let csv = "\u{feff}Id,Subject,Description,Status,Priority,Via,Ticket type,Created at,Solved at,Satisfaction Score\r\n\
            1,Login,\"Cannot log in, please help\",solved,high,Web Form,incident,2024-03-01T09:00:00Z,2024-03-01T10:00:00Z,Good\r\n\
            2,Refund,Where is my money?,open,urgent,Mail,question,2024-03-02T09:00:00Z,,\r\n\
            3,Thanks,All good now,closed,-,Chat,question,2024-03-03T09:00:00Z,2024-03-03T12:00:00Z,Good\r\n\
            4,Bug,\"It crashes\nagain\",pending,normal,Mail,problem,2024-03-04T09:00:00Z,,\r\n";
        let e = export::read(csv.as_bytes(), Options::default()).unwrap();
        let i = Inspection::of(&e, None);
        assert_eq!(i.layout, Layout::Zendesk);
        assert_eq!(i.encoding, Encoding::Utf8Bom);
        assert_eq!(i.mapping.get(Role::Channel), Some("Via"));
        assert_eq!(i.mapping.get(Role::ResolvedAt), Some("Solved at"));
        assert_eq!(i.resolved_statuses, ["closed", "solved"]);
        let order: Vec<(&str, Option<u8>)> = i
            .priorities
            .iter()
            .map(|p| (p.value.as_str(), p.rank))
            .collect();
        assert_eq!(
            order,
            [
                ("normal", Some(2)),
                ("high", Some(3)),
                ("urgent", Some(4)),
                ("-", None)
            ]
        );
        assert_eq!(i.rows, 4);
        assert_eq!(i.as_of.as_deref(), Some("2024-03-04T09:00:00Z"));
        assert!(
            i.warnings[0].starts_with("priority '-' (1 tickets) is no known priority word"),
            "{:?}",
            i.warnings
        );
        assert!(i.schema.is_resolved("Solved"));
        assert_eq!(i.schema.priority_rank("-"), None);
        let given = Inspection::of(&e, Some(&["pending".into(), "nope".into()]));
        assert_eq!(given.resolved_statuses, ["pending"]);
        assert!(given.warnings.iter().any(|w| w.contains("'nope'")));
    }
}
