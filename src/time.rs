//! Timestamps as helpdesk exports write them (ISO 8601 with or without an offset,
//! `2024-03-05 14:22:11`, Jira's `08/May/24 06:54 AM`, locale dates such as `03/05/2024 14:22`),
//! parsed with chrono; a column's format, day/month order included, is settled from its values.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

/// A point in time: the instant, and the wall-clock time the export wrote (its offset from UTC,
/// when it gave one; a time without an offset is read as UTC). Serialized as its fields (the
/// page hands tickets between its workers that way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    instant: i64,
    /// Seconds east of UTC of the wall clock the value was written in.
    offset: i32,
    /// Whether the value said its offset (`Z`, `+02:00`), or was a bare wall-clock time.
    zoned: bool,
}

impl Timestamp {
    /// The timestamp of a wall-clock time `offset` seconds east of UTC.
    pub fn new(local: NaiveDateTime, offset: i32) -> Timestamp {
        Timestamp {
            instant: local.and_utc().timestamp() - i64::from(offset),
            offset,
            zoned: true,
        }
    }

    /// The timestamp of a wall-clock time written without an offset (read as UTC).
    pub fn naive(local: NaiveDateTime) -> Timestamp {
        Timestamp {
            zoned: false,
            ..Timestamp::new(local, 0)
        }
    }

    /// Seconds since the Unix epoch.
    pub fn instant(self) -> i64 {
        self.instant
    }

    /// The wall-clock time as written.
    pub fn local(self) -> NaiveDateTime {
        DateTime::from_timestamp(self.instant + i64::from(self.offset), 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default()
    }

    /// Hour of the day on the wall clock, 0 to 23.
    pub fn hour(self) -> u32 {
        self.local().hour()
    }

    /// Day of the week on the wall clock: 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u32 {
        self.local().weekday().num_days_from_monday()
    }

    /// ISO 8601 as the export wrote it: `2024-03-05T14:22:11` for a bare wall-clock time,
    /// with `Z` or the offset otherwise.
    pub fn iso(self) -> String {
        let local = self.local().format("%Y-%m-%dT%H:%M:%S");
        if !self.zoned {
            local.to_string()
        } else if self.offset == 0 {
            format!("{local}Z")
        } else {
            let sign = if self.offset < 0 { '-' } else { '+' };
            let minutes = self.offset.unsigned_abs() / 60;
            format!("{local}{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    }
}

/// Which comes first in a numeric date such as `03/05/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `03/05/2024` is the 3rd of May.
    DayFirst,
    /// `03/05/2024` is March 5th.
    MonthFirst,
}

impl DateOrder {
    /// `dmy` or `mdy`, as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "dmy",
            DateOrder::MonthFirst => "mdy",
        }
    }

    /// The order named `dmy` or `mdy`.
    pub fn parse(name: &str) -> Option<DateOrder> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dmy" | "day-first" => Some(DateOrder::DayFirst),
            "mdy" | "month-first" => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// How a column writes its timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFormat {
    /// ISO 8601 and its relatives: `2024-03-05T14:22:11Z`, `2024-03-05 14:22:11`, `2024/03/05`.
    Iso,
    /// Numeric dates with `/`, `.` or `-` (`03/05/2024 14:22`, `3.5.24`), in the given order.
    Numeric(DateOrder),
    /// Dates with a month name: `08/May/24 06:54 AM`, `05 Mar 2024 14:22`, `Mar 5, 2024`.
    MonthName,
}

/// Times of day a date may be followed by (after one space), the empty one included.
const TIMES: [&str; 7] = [
    "",
    " %H:%M",
    " %H:%M:%S",
    " %H:%M:%S%.f",
    " %I:%M %p",
    " %I:%M:%S %p",
    " %I:%M%p",
];

const ISO_DATES: [&str; 4] = ["%Y-%m-%dT", "%Y-%m-%d ", "%Y/%m/%d ", "%Y-%m-%d"];
const DAY_FIRST: [&str; 6] = [
    "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y", "%d-%m-%y",
];
const MONTH_FIRST: [&str; 6] = [
    "%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y", "%m/%d/%y", "%m.%d.%y", "%m-%d-%y",
];
const MONTH_NAMES: [&str; 12] = [
    "%d/%b/%y",
    "%d/%b/%Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%a, %d %b %Y",
    "%d. %b %Y",
    "%d %b, %Y",
];

/// Years outside this range are read as a misparse (`%Y` also accepts `24`).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// An offset suffix (`Z`, `+02:00`, `+0200`, ` UTC`), in seconds east, and the text before it.
fn split_offset(s: &str) -> (&str, Option<i32>) {
    let s = s.trim();
    for suffix in ["Z", " UTC", " GMT", "z"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return (rest.trim_end(), Some(0));
        }
    }
    // [+-]HH:MM or [+-]HHMM at the end, after a time (so not a date's `-05`).
    let bytes = s.as_bytes();
    for len in [6usize, 5] {
        if bytes.len() <= len + 8 {
            continue;
        }
        let Some(tail) = s.get(s.len() - len..) else {
            continue;
        };
        let tb = tail.as_bytes();
        let sign = match tb.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => continue,
        };
        let digits: String = tail[1..].chars().filter(|c| *c != ':').collect();
        let colon_ok = if len == 6 {
            tb.get(3) == Some(&b':')
        } else {
            true
        };
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && colon_ok {
            let hh: i32 = digits[..2].parse().unwrap_or(99);
            let mm: i32 = digits[2..].parse().unwrap_or(99);
            let before = s[..s.len() - len].trim_end();
            // The character before the offset must end a time of day (a digit).
            if hh <= 14
                && mm < 60
                && before.ends_with(|c: char| c.is_ascii_digit())
                && before.contains(':')
            {
                return (before, Some(sign * (hh * 3600 + mm * 60)));
            }
        }
    }
    (s, None)
}

/// `text` parsed with one of `dates` followed by one of [`TIMES`].
fn with_dates(text: &str, dates: &[&str]) -> Option<NaiveDateTime> {
    for date in dates {
        for time in TIMES {
            let parsed = if time.is_empty() {
                NaiveDate::parse_from_str(text, date.trim_end_matches(['T', ' ']))
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            } else {
                let pattern = format!("{}{}", date.trim_end_matches(['T', ' ']), time);
                let pattern = if date.ends_with('T') {
                    pattern.replacen(' ', "T", 1)
                } else {
                    pattern
                };
                NaiveDateTime::parse_from_str(text, &pattern).ok()
            };
            if let Some(t) = parsed.filter(|t| YEARS.contains(&t.year())) {
                return Some(t);
            }
        }
    }
    None
}

impl TimeFormat {
    /// Every format, in the order detection tries them.
    pub const ALL: [TimeFormat; 4] = [
        TimeFormat::Iso,
        TimeFormat::Numeric(DateOrder::DayFirst),
        TimeFormat::Numeric(DateOrder::MonthFirst),
        TimeFormat::MonthName,
    ];

    /// Parses one value, or `None` when it is not a timestamp of this format.
    pub fn parse(self, text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if text.is_empty() || text.len() > 64 {
            return None;
        }
        if self == TimeFormat::Iso
            && let Ok(t) = DateTime::parse_from_rfc3339(text)
        {
            let t = Timestamp::new(t.naive_local(), t.offset().local_minus_utc());
            return YEARS.contains(&t.local().year()).then_some(t);
        }
        let (body, offset) = split_offset(text);
        let local = match self {
            TimeFormat::Iso => with_dates(body, &ISO_DATES),
            TimeFormat::Numeric(DateOrder::DayFirst) => with_dates(body, &DAY_FIRST),
            TimeFormat::Numeric(DateOrder::MonthFirst) => with_dates(body, &MONTH_FIRST),
            TimeFormat::MonthName => with_dates(body, &MONTH_NAMES),
        }?;
        Some(match offset {
            Some(o) => Timestamp::new(local, o),
            None => Timestamp::naive(local),
        })
    }

    /// How the format is described to a person.
    pub fn describe(self) -> &'static str {
        match self {
            TimeFormat::Iso => "ISO 8601 (2024-03-05 14:22:11)",
            TimeFormat::Numeric(DateOrder::DayFirst) => "day/month/year (05/03/2024 14:22)",
            TimeFormat::Numeric(DateOrder::MonthFirst) => "month/day/year (03/05/2024 14:22)",
            TimeFormat::MonthName => "with a month name (05/Mar/24 2:22 PM)",
        }
    }
}

/// What a column's values say about its timestamps.
#[derive(Debug, Clone, PartialEq)]
pub enum Detection {
    /// Every value that is a timestamp at all reads in this one format.
    Format {
        /// The format.
        format: TimeFormat,
        /// Values that do not parse in it, with an example.
        unparsed: usize,
    },
    /// The values read both day-first and month-first, and none tells which.
    Ambiguous {
        /// A value that reads both ways.
        example: String,
    },
    /// Too few values are timestamps in any format.
    NotTimes {
        /// A value that is not a timestamp.
        example: String,
        /// Values that parse in the best format.
        parsed: usize,
        /// Non-empty values looked at.
        of: usize,
    },
}

/// Share of an unnamed column's non-empty values that must parse for detection to take it for
/// a time column.
pub const SNIFF_SHARE: f64 = 0.9;

/// Share of a time column's non-empty values that must parse for it to be read as one (the
/// others are rows rejected one by one); below it the column is no time column.
pub const MIN_PARSED_SHARE: f64 = 0.5;

/// Settles the format of a column from its (non-empty) `values`, when at least `min_share` of
/// them parse in one format; `order` decides between day-first and month-first when the values
/// cannot.
pub fn detect<'a>(
    values: impl IntoIterator<Item = &'a str>,
    order: Option<DateOrder>,
    min_share: f64,
) -> Detection {
    let values: Vec<&str> = values
        .into_iter()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    let counts: Vec<(TimeFormat, usize)> = TimeFormat::ALL
        .into_iter()
        .filter(|f| match (f, order) {
            (TimeFormat::Numeric(o), Some(want)) => *o == want,
            _ => true,
        })
        .map(|f| (f, values.iter().filter(|v| f.parse(v).is_some()).count()))
        .collect();
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    let of = values.len();
    let first_unparsed = |f: TimeFormat| {
        values
            .iter()
            .find(|v| f.parse(v).is_none())
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    if of == 0 || best == 0 || (best as f64) < min_share * of as f64 {
        // The first format parsing the most values.
        let format = counts
            .iter()
            .fold(None, |best: Option<&(TimeFormat, usize)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            })
            .map_or(TimeFormat::Iso, |c| c.0);
        return Detection::NotTimes {
            example: values
                .first()
                .map(|_| first_unparsed(format))
                .unwrap_or_default(),
            parsed: best,
            of,
        };
    }
    let winners: Vec<TimeFormat> = counts.iter().filter(|c| c.1 == best).map(|c| c.0).collect();
    let day = winners.contains(&TimeFormat::Numeric(DateOrder::DayFirst));
    let month = winners.contains(&TimeFormat::Numeric(DateOrder::MonthFirst));
    if day && month {
        let example = values
            .iter()
            .find(|v| TimeFormat::Numeric(DateOrder::DayFirst).parse(v).is_some())
            .map_or_else(String::new, |v| v.to_string());
        return Detection::Ambiguous { example };
    }
    let format = winners.first().copied().unwrap_or(TimeFormat::Iso);
    Detection::Format {
        format,
        unparsed: of - best,
    }
}

/// Parses a time given on the command line (`--as-of`): ISO 8601.
pub fn parse_iso(text: &str) -> Option<Timestamp> {
    TimeFormat::Iso.parse(text)
}

/// Parses an RFC 3339 time with its offset (`2024-03-05T14:22:11+01:00`, `...Z`), as a page
/// or a widget hands one over: chrono's dedicated RFC 3339 parser, without the format-string
/// machinery the export formats need (which would add 20 kB gzip to the predictor module).
pub fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let t = DateTime::parse_from_rfc3339(text.trim()).ok()?;
    let t = Timestamp::new(t.naive_local(), t.offset().local_minus_utc());
    YEARS.contains(&t.local().year()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(format: TimeFormat, text: &str) -> Option<String> {
        format.parse(text).map(Timestamp::iso)
    }

    #[test]
    fn each_export_format_parses() {
        let cases = [
            (
                TimeFormat::Iso,
                "2024-03-05T14:22:11Z",
                "2024-03-05T14:22:11Z",
            ),
            (
                TimeFormat::Iso,
                "2024-03-05T14:22:11+02:00",
                "2024-03-05T14:22:11+02:00",
            ),
            (
                TimeFormat::Iso,
                "2024-03-05 14:22:11 +0100",
                "2024-03-05T14:22:11+01:00",
            ),
            (
                TimeFormat::Iso,
                "2024-03-05 14:22:11",
                "2024-03-05T14:22:11",
            ),
            (TimeFormat::Iso, "2024-03-05 14:22", "2024-03-05T14:22:00"),
            (
                TimeFormat::Iso,
                "2024-03-05 14:22:11.250",
                "2024-03-05T14:22:11",
            ),
            (TimeFormat::Iso, "2024-03-05", "2024-03-05T00:00:00"),
            (TimeFormat::Iso, "2024/03/05 09:01", "2024-03-05T09:01:00"),
            (
                TimeFormat::MonthName,
                "08/May/24 06:54 AM",
                "2024-05-08T06:54:00",
            ),
            (
                TimeFormat::MonthName,
                "8/may/24 6:54 PM",
                "2024-05-08T18:54:00",
            ),
            (
                TimeFormat::MonthName,
                "05 Mar 2024 14:22",
                "2024-03-05T14:22:00",
            ),
            (
                TimeFormat::MonthName,
                "05 March 2024 02:22 PM",
                "2024-03-05T14:22:00",
            ),
            (
                TimeFormat::MonthName,
                "Mar 5, 2024 2:22 PM",
                "2024-03-05T14:22:00",
            ),
            (
                TimeFormat::Numeric(DateOrder::DayFirst),
                "03/05/2024 14:22",
                "2024-05-03T14:22:00",
            ),
            (
                TimeFormat::Numeric(DateOrder::MonthFirst),
                "03/05/2024 14:22",
                "2024-03-05T14:22:00",
            ),
            (
                TimeFormat::Numeric(DateOrder::DayFirst),
                "5.3.24",
                "2024-03-05T00:00:00",
            ),
            (
                TimeFormat::Numeric(DateOrder::MonthFirst),
                "3/5/2024 2:22 PM",
                "2024-03-05T14:22:00",
            ),
        ];
        for (format, text, want) in cases {
            assert_eq!(
                iso(format, text).as_deref(),
                Some(want),
                "{text} as {format:?}"
            );
        }
        for bad in [
            "",
            "yesterday",
            "n/a",
            "2024-13-05",
            "31/02/2024",
            "12345",
            "0024-03-05",
        ] {
            for format in TimeFormat::ALL {
                assert_eq!(format.parse(bad), None, "{bad} as {format:?}");
            }
        }
    }

    #[test]
    fn offsets_give_instants_and_keep_the_wall_clock() {
        let a = TimeFormat::Iso.parse("2024-03-05T14:00:00+02:00").unwrap();
        let b = TimeFormat::Iso.parse("2024-03-05T12:00:00Z").unwrap();
        assert_eq!(a.instant(), b.instant());
        assert_eq!((a.hour(), b.hour()), (14, 12));
        // 2024-03-05 is a Tuesday.
        assert_eq!(a.weekday(), 1);
        let late = TimeFormat::Iso.parse("2024-03-05T23:30:00-05:00").unwrap();
        assert_eq!((late.hour(), late.weekday()), (23, 1));
        assert_eq!(late.iso(), "2024-03-05T23:30:00-05:00");
    }

    #[test]
    fn the_day_month_order_is_settled_by_the_values() {
        let settled = detect(
            ["03/05/2024 10:00", "13/05/2024 11:00", ""],
            None,
            SNIFF_SHARE,
        );
        assert_eq!(
            settled,
            Detection::Format {
                format: TimeFormat::Numeric(DateOrder::DayFirst),
                unparsed: 0
            }
        );
        let us = detect(["03/05/2024", "12/31/2024"], None, SNIFF_SHARE);
        assert_eq!(
            us,
            Detection::Format {
                format: TimeFormat::Numeric(DateOrder::MonthFirst),
                unparsed: 0
            }
        );
        assert_eq!(
            detect(["03/05/2024", "04/06/2024"], None, SNIFF_SHARE),
            Detection::Ambiguous {
                example: "03/05/2024".into()
            }
        );
        assert_eq!(
            detect(
                ["03/05/2024", "04/06/2024"],
                Some(DateOrder::MonthFirst),
                SNIFF_SHARE
            ),
            Detection::Format {
                format: TimeFormat::Numeric(DateOrder::MonthFirst),
                unparsed: 0
            }
        );
        assert_eq!(
            detect(
                ["2024-03-05T10:00:00Z", "08/May/24 06:54 AM"],
                None,
                SNIFF_SHARE
            ),
            Detection::NotTimes {
                example: "08/May/24 06:54 AM".into(),
                parsed: 1,
                of: 2
            }
        );
        assert!(matches!(
            detect(["Open", "Closed"], None, SNIFF_SHARE),
            Detection::NotTimes {
                parsed: 0,
                of: 2,
                ..
            }
        ));
    }
}
