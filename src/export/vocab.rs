//! The words helpdesks write for statuses, priorities and channels: which statuses mean
//! resolved, the order of priority levels, and the level counts an export holds.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::export::layout::Layout;

/// A category value's comparison key: trimmed, lower-case, inner runs of whitespace as one
/// space (so `Solved`, ` solved ` and `SOLVED` are one value).
pub fn key(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Status words that mean resolved in some helpdesk.
const RESOLVED_WORDS: [&str; 10] = [
    "solved",
    "closed",
    "resolved",
    "done",
    "complete",
    "completed",
    "fixed",
    "finished",
    "closed resolved",
    "resolved closed",
];

/// Status words that helpdesks write (for telling a status column by its values).
pub const STATUS_WORDS: [&str; 24] = [
    "new",
    "open",
    "pending",
    "hold",
    "on hold",
    "solved",
    "closed",
    "resolved",
    "done",
    "to do",
    "in progress",
    "waiting",
    "waiting on customer",
    "waiting on third party",
    "escalated",
    "canceled",
    "cancelled",
    "pending customer response",
    "assigned",
    "reopened",
    "work in progress",
    "awaiting",
    "complete",
    "completed",
];

/// Whether status `value` counts as resolved: one of `given` (by [`key`]) when the user gave
/// them, else by the layout's words ([`resolved_by_default`]).
pub fn counts_as_resolved(layout: Layout, given: Option<&[String]>, value: &str) -> bool {
    match given {
        Some(given) => given.iter().any(|g| key(g) == key(value)),
        None => resolved_by_default(layout, value),
    }
}

/// Whether the status `value` counts as resolved by default in an export of `layout`.
pub fn resolved_by_default(layout: Layout, value: &str) -> bool {
    let k = key(value);
    let code = k.split([' ', '-']).next().unwrap_or("");
    match layout {
        // Freshdesk's API codes: 4 Resolved, 5 Closed.
        Layout::Freshdesk if k == "4" || k == "5" => return true,
        // ServiceNow's states: 6 Resolved, 7 Closed (8 Canceled is not resolved).
        Layout::ServiceNow if code == "6" || code == "7" => return true,
        _ => {}
    }
    let words = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
    RESOLVED_WORDS.contains(&words)
}

/// The rank of a priority word: 0 lowest, 1 low, 2 normal/medium, 3 high, 4 urgent/critical
/// (lowest < low < normal = medium < high < urgent = critical = highest).
fn word_rank(word: &str) -> Option<u8> {
    Some(match word {
        "lowest" | "trivial" | "planning" | "very low" => 0,
        "low" | "minor" => 1,
        "normal" | "medium" | "moderate" | "standard" => 2,
        "high" | "major" | "important" => 3,
        "urgent" | "critical" | "highest" | "blocker" | "emergency" | "very high" => 4,
        _ => return None,
    })
}

/// The rank of a priority value in an export of `layout` (see `word_rank`): words first
/// (`1 - Critical` is critical), then `P1`–`P5` (P1 highest), then numbers: Freshdesk's API
/// codes count up (1 low … 4 urgent), everyone else's count down (1 is highest, as ServiceNow
/// and ITIL write them). `None` for a value that is no priority word.
pub fn priority_rank(layout: Layout, value: &str) -> Option<u8> {
    let k = key(value);
    let words = k
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches([' ', '-', '–', ':', '.'])
        .trim();
    if let Some(rank) = word_rank(words) {
        return Some(rank);
    }
    let number = k.strip_prefix('p').unwrap_or(&k);
    let n: u8 = number.parse().ok()?;
    if k.starts_with('p') || layout != Layout::Freshdesk {
        // P1 / 1 highest … 5 lowest.
        (1..=5).contains(&n).then(|| 5 - n)
    } else {
        (1..=4).contains(&n).then_some(n)
    }
}

/// Channel words helpdesks write (for telling a channel column by its values).
pub const CHANNEL_WORDS: [&str; 22] = [
    "email",
    "e-mail",
    "mail",
    "phone",
    "phone call",
    "phone call (incoming)",
    "chat",
    "web",
    "web form",
    "portal",
    "social media",
    "twitter",
    "facebook",
    "sms",
    "whatsapp",
    "api",
    "feedback widget",
    "walk-in",
    "self-service",
    "messaging",
    "voice",
    "forum",
];

/// One distinct value of a category column and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// The value as the export writes it (its most frequent spelling).
    pub value: String,
    /// Rows holding it.
    pub count: u64,
}

/// Counts the distinct values of a category column, keyed by [`key`], keeping the most frequent
/// spelling of each; bounded: once `MAX_LEVELS` keys are known, new ones count as one "other".
#[derive(Debug, Clone, Default)]
pub struct Counter {
    by_key: HashMap<String, (u64, HashMap<String, u64>)>,
    /// Rows whose value was a new key after the bound.
    pub overflow: u64,
    /// Rows with an empty value.
    pub empty: u64,
}

/// Distinct keys a [`Counter`] tracks.
pub const MAX_LEVELS: usize = 1000;

/// Spellings of one key a [`Counter`] tracks.
const MAX_SPELLINGS: usize = 8;

impl Counter {
    /// Counts one value.
    pub fn add(&mut self, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            self.empty += 1;
            return;
        }
        let k = key(value);
        if !self.by_key.contains_key(&k) && self.by_key.len() >= MAX_LEVELS {
            self.overflow += 1;
            return;
        }
        let (n, spellings) = self.by_key.entry(k).or_default();
        *n += 1;
        if let Some(c) = spellings.get_mut(value) {
            *c += 1;
        } else if spellings.len() < MAX_SPELLINGS {
            spellings.insert(value.to_string(), 1);
        }
    }

    /// Adds another counter's counts.
    pub fn merge(&mut self, other: &Counter) {
        for (k, (n, spellings)) in &other.by_key {
            if !self.by_key.contains_key(k) && self.by_key.len() >= MAX_LEVELS {
                self.overflow += n;
                continue;
            }
            let (m, mine) = self.by_key.entry(k.clone()).or_default();
            *m += n;
            for (s, c) in spellings {
                if let Some(x) = mine.get_mut(s) {
                    *x += c;
                } else if mine.len() < MAX_SPELLINGS {
                    mine.insert(s.clone(), *c);
                }
            }
        }
        self.overflow += other.overflow;
        self.empty += other.empty;
    }

    /// The levels, most frequent first (ties by value).
    pub fn levels(&self) -> Vec<Level> {
        let mut out: Vec<Level> = self
            .by_key
            .values()
            .map(|(n, spellings)| Level {
                value: spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.clone())
                    .unwrap_or_default(),
                count: *n,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        out
    }

    /// Distinct non-empty values.
    pub fn distinct(&self) -> usize {
        self.by_key.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_spacing() {
        assert_eq!(key("  Waiting  on\tCustomer "), "waiting on customer");
        assert_eq!(key("SOLVED"), key("solved"));
    }

    #[test]
    fn resolved_statuses_per_layout() {
        for word in ["Solved", "closed", "Resolved", "Done", "7 - Closed", "6"] {
            assert!(resolved_by_default(Layout::ServiceNow, word), "{word}");
        }
        assert!(!resolved_by_default(Layout::ServiceNow, "8 - Canceled"));
        assert!(!resolved_by_default(Layout::ServiceNow, "8"));
        assert!(resolved_by_default(Layout::Freshdesk, "4"));
        assert!(!resolved_by_default(Layout::Freshdesk, "2"));
        assert!(!resolved_by_default(Layout::Zendesk, "6"));
        for word in ["open", "Pending", "hold", "In Progress", "To Do", "new"] {
            assert!(!resolved_by_default(Layout::Zendesk, word), "{word}");
        }
    }

    #[test]
    fn priorities_are_ranked_from_known_words() {
        let rank = |layout, v| priority_rank(layout, v);
        let u = Layout::Unknown;
        assert_eq!(
            [
                "Lowest", "low", "Normal", "medium", "High", "URGENT", "critical", "Highest"
            ]
            .map(|v| rank(u, v)),
            [
                Some(0),
                Some(1),
                Some(2),
                Some(2),
                Some(3),
                Some(4),
                Some(4),
                Some(4)
            ]
        );
        assert_eq!(rank(Layout::ServiceNow, "1 - Critical"), Some(4));
        assert_eq!(rank(Layout::ServiceNow, "5 - Planning"), Some(0));
        assert_eq!(rank(Layout::ServiceNow, "3 - Moderate"), Some(2));
        assert_eq!(rank(Layout::ServiceNow, "1"), Some(4));
        assert_eq!(rank(Layout::ServiceNow, "5"), Some(0));
        assert_eq!(rank(u, "P1"), Some(4));
        assert_eq!(rank(u, "p4"), Some(1));
        assert_eq!(rank(Layout::Freshdesk, "1"), Some(1));
        assert_eq!(rank(Layout::Freshdesk, "4"), Some(4));
        assert_eq!(rank(Layout::Freshdesk, "P1"), Some(4));
        assert_eq!(rank(u, "-"), None);
        assert_eq!(rank(u, "soon"), None);
        assert_eq!(rank(u, "9"), None);
    }

    #[test]
    fn counters_keep_the_most_frequent_spelling() {
        let mut c = Counter::default();
        for v in ["Email", "email", "Email", "Phone", "", " chat "] {
            c.add(v);
        }
        let mut d = Counter::default();
        d.add("EMAIL");
        c.merge(&d);
        assert_eq!(
            c.levels(),
            [
                Level {
                    value: "Email".into(),
                    count: 4
                },
                Level {
                    value: "Phone".into(),
                    count: 1
                },
                Level {
                    value: "chat".into(),
                    count: 1
                },
            ]
        );
        assert_eq!((c.empty, c.distinct()), (1, 3));
    }
}
