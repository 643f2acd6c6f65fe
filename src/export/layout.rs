//! Which helpdesk wrote an export, and which column plays which role: the headers each helpdesk
//! writes, matched case-, space- and punctuation-insensitively, then, for headers no helpdesk
//! uses, the columns' values (a long free text is the description, a column of timestamps is a
//! time, a column of status words is the status, ...).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::export::vocab::{self, CHANNEL_WORDS, STATUS_WORDS};
use crate::ticket::Role;
use crate::time::{self, DateOrder, Detection};

/// The helpdesk an export comes from, as told by its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// The bundled Kaggle dataset's 17 columns.
    Kaggle,
    /// Zendesk's CSV export.
    Zendesk,
    /// Freshdesk's ticket export.
    Freshdesk,
    /// Jira Service Management's "CSV (All fields)".
    Jira,
    /// Zoho Desk's ticket export.
    Zoho,
    /// ServiceNow's incident export.
    ServiceNow,
    /// Headers no known helpdesk writes: roles found by the headers' words and the values.
    Unknown,
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
        Layout::Unknown,
    ];

    /// The layout's name, as reports spell it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Kaggle => "kaggle",
            Layout::Zendesk => "zendesk",
            Layout::Freshdesk => "freshdesk",
            Layout::Jira => "jira",
            Layout::Zoho => "zoho",
            Layout::ServiceNow => "servicenow",
            Layout::Unknown => "unknown",
        }
    }

    /// The helpdesk's name for a person.
    pub fn label(self) -> &'static str {
        match self {
            Layout::Kaggle => "the bundled Kaggle dataset",
            Layout::Zendesk => "Zendesk",
            Layout::Freshdesk => "Freshdesk",
            Layout::Jira => "Jira Service Management",
            Layout::Zoho => "Zoho Desk",
            Layout::ServiceNow => "ServiceNow",
            Layout::Unknown => "an export of unknown layout",
        }
    }

    /// Headers (normalized) that only this helpdesk writes, each one vote for it.
    fn signature(self) -> &'static [&'static str] {
        match self {
            Layout::Kaggle => &[
                "ticket description",
                "customer age",
                "ticket priority",
                "ticket channel",
                "customer satisfaction rating",
                "time to resolution",
            ],
            Layout::Zendesk => &[
                "via",
                "ticket type",
                "solved at",
                "satisfaction score",
                "requester",
                "first reply time in minutes",
                "full resolution time in minutes",
            ],
            Layout::Freshdesk => &[
                "created time",
                "resolved time",
                "source",
                "due by time",
                "initial response time",
                "last update time",
            ],
            Layout::Jira => &[
                "issue key",
                "summary",
                "status category",
                "issue type",
                "issue id",
                "resolution",
            ],
            Layout::Zoho => &[
                "classification",
                "happiness rating",
                "ticket owner",
                "contact name",
                "account name",
                "closed time",
            ],
            Layout::ServiceNow => &[
                "short description",
                "opened at",
                "contact type",
                "sys updated on",
                "incident state",
                "assignment group",
            ],
            Layout::Unknown => &[],
        }
    }

    /// The headers (normalized) this helpdesk writes for `role`, best first.
    fn headers(self, role: Role) -> &'static [&'static str] {
        use Role::*;
        match (self, role) {
            (Layout::Kaggle, Id) => &["ticket id"],
            (Layout::Kaggle, Description) => &["ticket description"],
            (Layout::Kaggle, Subject) => &["ticket subject"],
            (Layout::Kaggle, Status) => &["ticket status"],
            (Layout::Kaggle, Priority) => &["ticket priority"],
            (Layout::Kaggle, Channel) => &["ticket channel"],
            (Layout::Kaggle, Type) => &["ticket type"],
            (Layout::Kaggle, CustomerAge) => &["customer age"],
            (Layout::Kaggle, Satisfaction) => &["customer satisfaction rating"],
            (Layout::Kaggle, ResolvedAt) => &["time to resolution"],
            (Layout::Kaggle, CreatedAt) => &[],
            (Layout::Zendesk, Id) => &["id", "ticket id"],
            (Layout::Zendesk, Channel) => &["via"],
            (Layout::Zendesk, Type) => &["ticket type", "type"],
            (Layout::Zendesk, CreatedAt) => &["created at"],
            (Layout::Zendesk, ResolvedAt) => &["solved at"],
            (Layout::Zendesk, Satisfaction) => &["satisfaction score", "satisfaction"],
            (Layout::Freshdesk, Id) => &["ticket id"],
            (Layout::Freshdesk, Channel) => &["source"],
            (Layout::Freshdesk, Type) => &["type"],
            (Layout::Freshdesk, CreatedAt) => &["created time"],
            (Layout::Freshdesk, ResolvedAt) => &["resolved time", "closed time"],
            (Layout::Jira, Id) => &["issue key"],
            (Layout::Jira, Subject) => &["summary"],
            (Layout::Jira, Status) => &["status category", "status"],
            (Layout::Jira, Type) => &["issue type", "custom field (request type)"],
            (Layout::Jira, Channel) => &["custom field (channel)", "custom field (source)"],
            (Layout::Jira, CreatedAt) => &["created"],
            (Layout::Jira, ResolvedAt) => &["resolved"],
            (Layout::Jira, Satisfaction) => &["satisfaction rating", "custom field (satisfaction)"],
            (Layout::Zoho, Id) => &["ticket id", "request id"],
            (Layout::Zoho, Type) => &["classification", "type"],
            (Layout::Zoho, CreatedAt) => &["created time"],
            (Layout::Zoho, ResolvedAt) => &["closed time"],
            (Layout::Zoho, Satisfaction) => &["happiness rating"],
            (Layout::ServiceNow, Id) => &["number"],
            (Layout::ServiceNow, Subject) => &["short description"],
            (Layout::ServiceNow, Status) => &["state", "incident state"],
            (Layout::ServiceNow, Channel) => &["contact type", "channel"],
            (Layout::ServiceNow, Type) => &["category"],
            (Layout::ServiceNow, CreatedAt) => &["opened at", "opened"],
            (Layout::ServiceNow, ResolvedAt) => &["resolved at", "resolved"],
            _ => &[],
        }
    }
}

/// Headers (normalized) any export may use for `role`, after the layout's own.
fn generic_headers(role: Role) -> &'static [&'static str] {
    use Role::*;
    match role {
        Id => &[
            "id",
            "ticket id",
            "ticket number",
            "ticket #",
            "ticket no",
            "#",
            "number",
            "key",
            "case number",
            "case id",
            "reference",
            "ref",
        ],
        Description => &[
            "description",
            "ticket description",
            "message",
            "body",
            "content",
            "text",
            "details",
            "customer message",
            "issue description",
            "problem description",
            "request",
            "comment",
        ],
        Subject => &[
            "subject",
            "title",
            "summary",
            "short description",
            "ticket subject",
            "topic",
        ],
        Status => &["status", "state", "ticket status", "stage"],
        Priority => &[
            "priority",
            "urgency",
            "severity",
            "ticket priority",
            "importance",
        ],
        Channel => &[
            "channel",
            "source",
            "via",
            "medium",
            "origin",
            "contact type",
            "ticket channel",
        ],
        Type => &[
            "type",
            "ticket type",
            "category",
            "request type",
            "issue type",
            "classification",
            "kind",
        ],
        CreatedAt => &[
            "created",
            "created at",
            "created time",
            "created date",
            "created on",
            "opened",
            "opened at",
            "opened on",
            "date created",
            "creation date",
            "creation time",
            "submitted",
            "submitted at",
            "received",
            "date",
        ],
        ResolvedAt => &[
            "resolved",
            "resolved at",
            "resolved time",
            "resolved on",
            "solved at",
            "solved",
            "closed at",
            "closed time",
            "closed on",
            "closed",
            "date closed",
            "resolution date",
            "completed",
            "completed at",
        ],
        CustomerAge => &["customer age", "age"],
        Satisfaction => &[
            "satisfaction",
            "satisfaction score",
            "satisfaction rating",
            "csat",
            "rating",
            "happiness rating",
            "customer satisfaction rating",
        ],
    }
}

/// A header's comparison key: lower-case, `_ - . /` as spaces, runs of spaces as one, a BOM
/// dropped (so `short_description`, `Short Description` and ` short  description` match).
pub fn normalize(header: &str) -> String {
    let cleaned: String = header
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '.' | '/') {
                ' '
            } else {
                c
            }
        })
        .collect();
    vocab::key(&cleaned)
}

/// Which column (by header) plays each role; serialized as the map itself (role name → header).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping {
    /// Role → header, as the export writes the header.
    pub roles: BTreeMap<Role, String>,
}

impl Mapping {
    /// The header of `role`, if mapped.
    pub fn get(&self, role: Role) -> Option<&str> {
        self.roles.get(&role).map(String::as_str)
    }
}

/// What detection learned about one column from the sampled rows.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Non-empty values.
    pub filled: usize,
    /// Rows looked at.
    pub rows: usize,
    /// Distinct values (keys), up to a bound.
    pub distinct: usize,
    /// Mean length in characters of the non-empty values.
    pub mean_len: f64,
    /// Share of non-empty values that are status words.
    pub status_share: f64,
    /// Share of non-empty values that are priority words.
    pub priority_share: f64,
    /// Share of non-empty values that are channel words.
    pub channel_share: f64,
    /// Share of non-empty values that are whole numbers from 0 to 120.
    pub age_share: f64,
    /// The column's timestamp format, when its values are timestamps.
    pub time: Option<Detection>,
}

/// Distinct values counted per column while profiling.
const PROFILE_DISTINCT: usize = 200;

impl Profile {
    /// Profiles a column from its sampled `values`.
    pub fn of(values: &[&str], order: Option<DateOrder>) -> Profile {
        let filled: Vec<&str> = values
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        let n = filled.len().max(1) as f64;
        let share = |f: &dyn Fn(&str) -> bool| filled.iter().filter(|v| f(v)).count() as f64 / n;
        let mut keys = std::collections::HashSet::new();
        for v in &filled {
            if keys.len() >= PROFILE_DISTINCT {
                break;
            }
            keys.insert(vocab::key(v));
        }
        let looks_like_time = filled
            .iter()
            .take(50)
            .any(|v| v.len() <= 40 && v.bytes().filter(u8::is_ascii_digit).count() >= 4);
        Profile {
            filled: filled.len(),
            rows: values.len(),
            distinct: keys.len(),
            mean_len: filled.iter().map(|v| v.chars().count()).sum::<usize>() as f64 / n,
            status_share: share(&|v| {
                let k = vocab::key(v);
                STATUS_WORDS.contains(&k.as_str())
            }),
            priority_share: share(&|v| vocab::priority_rank(Layout::Unknown, v).is_some()),
            channel_share: share(&|v| CHANNEL_WORDS.contains(&vocab::key(v).as_str())),
            age_share: share(&|v| crate::ticket::parse_age(v).is_ok()),
            time: (looks_like_time && !filled.is_empty())
                .then(|| time::detect(filled.iter().copied(), order, time::SNIFF_SHARE))
                .filter(|d| !matches!(d, Detection::NotTimes { .. })),
        }
    }

    /// A category: few distinct values, each repeated.
    fn is_category(&self) -> bool {
        self.filled > 0 && self.distinct <= 40 && self.mean_len < 40.0
    }
}

/// The layout whose signature headers `header` holds most of (at least two), else
/// [`Layout::Unknown`].
pub fn detect_layout(header: &[String]) -> Layout {
    let keys: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let mut best = (Layout::Unknown, 1);
    for layout in Layout::ALL {
        let votes = layout
            .signature()
            .iter()
            .filter(|s| keys.iter().any(|k| k == *s))
            .count();
        if votes > best.1 {
            best = (layout, votes);
        }
    }
    best.0
}

/// The role mapping of an export with `header` and layout `layout`, from the headers, then
/// (for headers no list names) from `profiles` of the columns' sampled values.
pub fn detect_mapping(layout: Layout, header: &[String], profiles: &[Profile]) -> Mapping {
    let keys: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let mut taken = vec![false; header.len()];
    let mut mapping = Mapping::default();
    let assign = |mapping: &mut Mapping, taken: &mut Vec<bool>, role: Role, col: usize| {
        if let (Some(t), Some(h)) = (taken.get_mut(col), header.get(col)) {
            *t = true;
            mapping
                .roles
                .insert(role, h.trim().trim_start_matches('\u{feff}').to_string());
        }
    };
    // 1. Exact header names: the layout's, then everyone's.
    for role in Role::ALL {
        let names = layout
            .headers(role)
            .iter()
            .chain(if layout == Layout::Kaggle {
                [].iter()
            } else {
                generic_headers(role).iter()
            });
        for name in names {
            if let Some(col) = keys
                .iter()
                .enumerate()
                .position(|(i, k)| k == name && !taken[i])
            {
                assign(&mut mapping, &mut taken, role, col);
                break;
            }
        }
    }
    if layout == Layout::Kaggle {
        return mapping;
    }
    // 2. Values, for the roles still open.
    let free = |taken: &[bool], f: &dyn Fn(usize, &Profile) -> bool| -> Vec<usize> {
        profiles
            .iter()
            .enumerate()
            .filter(|(i, p)| !taken.get(*i).copied().unwrap_or(true) && f(*i, p))
            .map(|(i, _)| i)
            .collect()
    };
    let hint = |col: usize, words: &[&str]| {
        keys.get(col)
            .is_some_and(|k| words.iter().any(|w| k.contains(w)))
    };
    if !mapping.roles.contains_key(&Role::Description) {
        let candidates = free(&taken, &|_, p| {
            p.filled > 0
                && p.time.is_none()
                && p.mean_len >= 30.0
                && p.distinct * 2 >= p.filled.min(PROFILE_DISTINCT)
        });
        if let Some(&col) = candidates.iter().max_by(|&&a, &&b| {
            profiles[a]
                .mean_len
                .total_cmp(&profiles[b].mean_len)
                .then(b.cmp(&a))
        }) {
            assign(&mut mapping, &mut taken, Role::Description, col);
        }
    }
    if !mapping.roles.contains_key(&Role::Subject)
        && let Some(&col) = free(&taken, &|i, p| {
            p.time.is_none() && hint(i, &["subject", "title", "summary", "headline"])
        })
        .first()
    {
        assign(&mut mapping, &mut taken, Role::Subject, col);
    }
    for (role, words, share) in [
        (
            Role::Status,
            &["status", "state", "stage"][..],
            (|p: &Profile| p.status_share) as fn(&Profile) -> f64,
        ),
        (
            Role::Priority,
            &["priority", "urgency", "severity"][..],
            |p: &Profile| p.priority_share,
        ),
        (
            Role::Channel,
            &["channel", "source", "via", "origin", "medium"][..],
            |p: &Profile| p.channel_share,
        ),
    ] {
        if mapping.roles.contains_key(&role) {
            continue;
        }
        let by_values = free(&taken, &|_, p| p.is_category() && share(p) >= 0.5);
        let by_name = free(&taken, &|i, p| p.is_category() && hint(i, words));
        let best = by_values
            .iter()
            .max_by(|&&a, &&b| {
                share(&profiles[a])
                    .total_cmp(&share(&profiles[b]))
                    .then(b.cmp(&a))
            })
            .or(by_name.first());
        if let Some(&col) = best {
            assign(&mut mapping, &mut taken, role, col);
        }
    }
    if !mapping.roles.contains_key(&Role::Type)
        && let Some(&col) = free(&taken, &|i, p| {
            p.is_category() && hint(i, &["type", "category", "classification", "kind", "topic"])
        })
        .first()
    {
        assign(&mut mapping, &mut taken, Role::Type, col);
    }
    if !mapping.roles.contains_key(&Role::CustomerAge)
        && let Some(&col) = free(&taken, &|i, p| p.age_share >= 0.9 && hint(i, &["age"])).first()
    {
        assign(&mut mapping, &mut taken, Role::CustomerAge, col);
    }
    if !mapping.roles.contains_key(&Role::Satisfaction)
        && let Some(&col) = free(&taken, &|i, p| {
            p.is_category() && hint(i, &["satisf", "csat", "rating", "happiness", "nps"])
        })
        .first()
    {
        assign(&mut mapping, &mut taken, Role::Satisfaction, col);
    }
    // Times: the creation time is the fullest time column (named like one, if any is); the
    // resolution time one named like it, or else a later, partly empty one not named like an
    // update or a due date.
    let times = free(&taken, &|_, p| p.time.is_some());
    let created_words = ["creat", "open", "submit", "receiv", "date"];
    let resolved_words = ["resol", "solv", "clos", "complet", "finish", "done"];
    let other_words = ["updat", "modif", "due", "last", "response", "reply", "sla"];
    if !mapping.roles.contains_key(&Role::CreatedAt) {
        let named: Vec<usize> = times
            .iter()
            .copied()
            .filter(|&c| {
                hint(c, &created_words) && !hint(c, &resolved_words) && !hint(c, &other_words)
            })
            .collect();
        let pool = if named.is_empty() {
            times
                .iter()
                .copied()
                .filter(|&c| !hint(c, &resolved_words) && !hint(c, &other_words))
                .collect()
        } else {
            named
        };
        if let Some(&col) = pool
            .iter()
            .max_by(|&&a, &&b| profiles[a].filled.cmp(&profiles[b].filled).then(b.cmp(&a)))
        {
            assign(&mut mapping, &mut taken, Role::CreatedAt, col);
        }
    }
    if !mapping.roles.contains_key(&Role::ResolvedAt)
        && let Some(&col) = times
            .iter()
            .find(|&&c| !taken[c] && hint(c, &resolved_words) && !hint(c, &other_words))
    {
        assign(&mut mapping, &mut taken, Role::ResolvedAt, col);
    }
    if !mapping.roles.contains_key(&Role::Id)
        && let Some(&col) = free(&taken, &|i, p| {
            p.filled == p.rows
                && p.filled > 0
                && hint(i, &["id", "number", "#", "key", "ref", "no"])
        })
        .first()
    {
        assign(&mut mapping, &mut taken, Role::Id, col);
    }
    mapping
}

/// Why a column of an export is not a model input, for the model card.
pub fn left_out_reason(header: &str, role: Option<Role>) -> &'static str {
    let k = normalize(header);
    match role {
        Some(Role::Id) => return "an identifier, not a property of the ticket",
        Some(Role::Status) => return "the outcome itself (the target)",
        Some(Role::ResolvedAt) => {
            return "known only after the outcome (when the ticket was resolved)";
        }
        Some(Role::Satisfaction) => {
            return "known only after the outcome (the customer's rating of it)";
        }
        Some(_) => return "not used by the chosen features",
        None => {}
    }
    let after = [
        "solv",
        "resol",
        "clos",
        "updat",
        "satisf",
        "rating",
        "happiness",
        "csat",
        "reply",
        "response",
        "reopen",
        "duration",
        "time to",
        "sla",
        "resolution",
        "first",
        "last",
        "agent",
        "assignee",
        "assigned",
        "owner",
        "group",
    ];
    if after.iter().any(|w| k.contains(w)) {
        "known only after the ticket arrived (work done on it or its outcome): it would leak the answer"
    } else {
        "not a role this product reads"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_normalize() {
        assert_eq!(normalize("\u{feff}Short_Description "), "short description");
        assert_eq!(normalize("Created  at"), "created at");
        assert_eq!(
            normalize("Custom field (Request Type)"),
            "custom field (request type)"
        );
    }

    #[test]
    fn layouts_are_told_by_their_headers() {
        let cases = [
            (
                &[
                    "Id",
                    "Subject",
                    "Description",
                    "Status",
                    "Priority",
                    "Via",
                    "Ticket type",
                    "Created at",
                    "Solved at",
                ][..],
                Layout::Zendesk,
            ),
            (
                &[
                    "Ticket ID",
                    "Subject",
                    "Description",
                    "Status",
                    "Priority",
                    "Source",
                    "Type",
                    "Created time",
                    "Resolved time",
                ][..],
                Layout::Freshdesk,
            ),
            (
                &[
                    "Summary",
                    "Issue key",
                    "Status",
                    "Status Category",
                    "Priority",
                    "Resolution",
                    "Created",
                    "Resolved",
                ][..],
                Layout::Jira,
            ),
            (
                &[
                    "number",
                    "short_description",
                    "description",
                    "state",
                    "priority",
                    "contact_type",
                    "opened_at",
                    "resolved_at",
                ][..],
                Layout::ServiceNow,
            ),
            (
                &[
                    "Ticket Id",
                    "Subject",
                    "Status",
                    "Classification",
                    "Channel",
                    "Created Time",
                    "Closed Time",
                    "Happiness Rating",
                ][..],
                Layout::Zoho,
            ),
            (
                &[
                    "Ticket ID",
                    "Customer Age",
                    "Ticket Priority",
                    "Ticket Description",
                    "Ticket Channel",
                ][..],
                Layout::Kaggle,
            ),
            (
                &["Ticket #", "Customer message", "Opened", "State"][..],
                Layout::Unknown,
            ),
        ];
        for (names, layout) in cases {
            assert_eq!(detect_layout(&header(names)), layout, "{names:?}");
        }
    }

    #[test]
    fn known_headers_map_without_values() {
        let h = header(&[
            "Summary",
            "Issue key",
            "Status",
            "Status Category",
            "Priority",
            "Created",
            "Resolved",
            "Description",
        ]);
        let m = detect_mapping(Layout::Jira, &h, &vec![Profile::default(); h.len()]);
        let get = |r| m.get(r);
        assert_eq!(get(Role::Subject), Some("Summary"));
        assert_eq!(get(Role::Id), Some("Issue key"));
        assert_eq!(get(Role::Status), Some("Status Category"));
        assert_eq!(get(Role::CreatedAt), Some("Created"));
        assert_eq!(get(Role::ResolvedAt), Some("Resolved"));
        assert_eq!(get(Role::Description), Some("Description"));
    }

    #[test]
    fn unknown_headers_map_by_values() {
        let h = header(&[
            "Ticket #",
            "Customer message",
            "Opened",
            "State",
            "Urgency",
            "Closed on",
            "Team",
        ]);
        let rows: [[&str; 7]; 4] = [
            [
                "A-1",
                "My invoice shows the wrong amount again, please fix it soon.",
                "2024-03-01T10:00:00+02:00",
                "Open",
                "High",
                "",
                "Billing",
            ],
            [
                "A-2",
                "The app crashes every time I open the settings page on Android.",
                "2024-03-02T11:00:00+02:00",
                "Closed",
                "Low",
                "2024-03-03T09:00:00+02:00",
                "Mobile",
            ],
            [
                "A-3",
                "Thanks for the quick help yesterday, everything works fine now!",
                "2024-03-02T12:30:00+02:00",
                "Solved",
                "Normal",
                "2024-03-02T15:00:00+02:00",
                "Mobile",
            ],
            [
                "A-4",
                "I cannot log in since the update, the password reset mail never arrives.",
                "2024-03-04T08:15:00+02:00",
                "Pending",
                "Urgent",
                "",
                "Web",
            ],
        ];
        let profiles: Vec<Profile> = (0..h.len())
            .map(|c| Profile::of(&rows.iter().map(|r| r[c]).collect::<Vec<_>>(), None))
            .collect();
        let m = detect_mapping(Layout::Unknown, &h, &profiles);
        let want = [
            (Role::Id, "Ticket #"),
            (Role::Description, "Customer message"),
            (Role::Status, "State"),
            (Role::Priority, "Urgency"),
            (Role::CreatedAt, "Opened"),
            (Role::ResolvedAt, "Closed on"),
        ];
        for (role, h) in want {
            assert_eq!(m.get(role), Some(h), "{role}: {m:?}");
        }
        assert_eq!(m.get(Role::Channel), None);
    }
}
