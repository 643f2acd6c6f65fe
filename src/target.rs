//! What a model predicts, and each ticket's label for it: resolved (its status is in the
//! resolved set), resolved within a number of hours of its creation (honest about tickets whose
//! outcome the export cannot know yet), or its status among several.

use serde::{Deserialize, Serialize};

use crate::export::Schema;
use crate::ticket::Ticket;
use crate::time::Timestamp;

/// What a model predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Whether the ticket's status is one the schema counts as resolved (binary).
    Resolved,
    /// Whether the ticket was resolved within `hours` of its creation (binary; needs the
    /// creation and resolution times).
    Within {
        /// The deadline, in hours after creation.
        hours: u32,
    },
    /// The ticket's status, one class per distinct status (multinomial).
    Status,
}

/// Why a ticket has no label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlabeled {
    /// The export's status cell is empty.
    NoStatus,
    /// The ticket has no creation time.
    NoCreation,
    /// Created less than the deadline before the export, and not resolved yet: its outcome is
    /// not known (right-censored).
    Censored,
}

impl Target {
    /// The target's name: `resolved`, `within:24h` or `status`.
    pub fn name(self) -> String {
        match self {
            Target::Resolved => "resolved".into(),
            Target::Within { hours } => format!("within:{hours}h"),
            Target::Status => "status".into(),
        }
    }

    /// The target named `resolved`, `status` or `within:<hours>h` (also `within:2d`).
    pub fn parse(text: &str) -> Result<Target, String> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "resolved" => return Ok(Target::Resolved),
            "status" => return Ok(Target::Status),
            _ => {}
        }
        let bad = || {
            format!(
                "unknown target '{text}' (expected resolved, status or within:HOURSh, e.g. within:24h)"
            )
        };
        let span = text.strip_prefix("within:").ok_or_else(bad)?;
        let (number, per) = match span.as_bytes().last() {
            Some(b'h') => (&span[..span.len() - 1], 1),
            Some(b'd') => (&span[..span.len() - 1], 24),
            _ => (span, 1),
        };
        let n: u32 = number.trim().parse().map_err(|_| bad())?;
        match n.checked_mul(per) {
            Some(hours) if hours > 0 => Ok(Target::Within { hours }),
            _ => Err(bad()),
        }
    }

    /// Whether the target has two classes.
    pub fn is_binary(self) -> bool {
        !matches!(self, Target::Status)
    }

    /// The classes of a binary target, negative first.
    pub fn binary_classes(self) -> Vec<String> {
        match self {
            Target::Within { hours } => vec![
                format!("not resolved within {hours} h"),
                format!("resolved within {hours} h"),
            ],
            _ => vec!["not resolved".into(), "resolved".into()],
        }
    }

    /// The label of a binary target for `ticket` (1 positive), read with `schema`, in an
    /// export taken at `as_of`.
    pub fn binary_label(
        self,
        ticket: &Ticket,
        schema: &Schema,
        as_of: Option<Timestamp>,
    ) -> Result<bool, Unlabeled> {
        match self {
            Target::Resolved | Target::Status => {
                let status = ticket.status.as_deref().ok_or(Unlabeled::NoStatus)?;
                Ok(schema.is_resolved(status))
            }
            Target::Within { hours } => {
                let created = ticket.created_at.ok_or(Unlabeled::NoCreation)?;
                let deadline = created.instant() + i64::from(hours) * 3600;
                let known_until = as_of.map_or(i64::MAX, Timestamp::instant);
                match ticket.resolved_at {
                    Some(r) if r.instant() <= deadline && r.instant() <= known_until => Ok(true),
                    _ if known_until < deadline => Err(Unlabeled::Censored),
                    _ => Ok(false),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::TimeFormat;

    #[test]
    fn names_parse_back() {
        for t in [
            Target::Resolved,
            Target::Status,
            Target::Within { hours: 24 },
        ] {
            assert_eq!(Target::parse(&t.name()), Ok(t));
        }
        assert_eq!(Target::parse("within:2d"), Ok(Target::Within { hours: 48 }));
        assert_eq!(Target::parse("within:36"), Ok(Target::Within { hours: 36 }));
        for bad in ["within:0h", "within:xh", "soon", "within:99999999999h"] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn within_is_honest_about_censoring() {
        let t = |s: &str| TimeFormat::Iso.parse(s);
        let as_of = t("2024-03-10T12:00:00Z");
        let schema = Schema::default();
        let within = Target::Within { hours: 24 };
        let ticket = |created: &str, resolved: Option<&str>| Ticket {
            created_at: t(created),
            resolved_at: resolved.and_then(t),
            ..Ticket::default()
        };
        let label = |c, r| within.binary_label(&ticket(c, r), &schema, as_of);
        // Resolved exactly at the deadline, and a second after it.
        assert_eq!(
            label("2024-03-01T00:00:00Z", Some("2024-03-02T00:00:00Z")),
            Ok(true)
        );
        assert_eq!(
            label("2024-03-01T00:00:00Z", Some("2024-03-02T00:00:01Z")),
            Ok(false)
        );
        // Unresolved, the deadline passed: not within.
        assert_eq!(label("2024-03-01T00:00:00Z", None), Ok(false));
        // Unresolved, the deadline exactly at the export time: known, and not within.
        assert_eq!(label("2024-03-09T12:00:00Z", None), Ok(false));
        // A second later, the deadline is after the export: not known yet.
        assert_eq!(
            label("2024-03-09T12:00:01Z", None),
            Err(Unlabeled::Censored)
        );
        // Unresolved, created 2 hours before the export: not known yet.
        assert_eq!(
            label("2024-03-10T10:00:00Z", None),
            Err(Unlabeled::Censored)
        );
        // Resolved an hour after creation, just before the export: known.
        assert_eq!(
            label("2024-03-10T10:00:00Z", Some("2024-03-10T11:00:00Z")),
            Ok(true)
        );
        // Resolved after the export time (a clock difference): not known at the export.
        assert_eq!(
            label("2024-03-10T10:00:00Z", Some("2024-03-10T13:00:00Z")),
            Err(Unlabeled::Censored)
        );
        assert_eq!(
            within.binary_label(&Ticket::default(), &schema, as_of),
            Err(Unlabeled::NoCreation)
        );
    }
}
