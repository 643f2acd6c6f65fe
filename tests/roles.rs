//! Column roles on the fixture exports (`tests/data/exports/`, written by
//! `tools/fixtures/make_exports.py` with the detector's expected findings next to each file):
//! every layout detected, every role mapped, the vocabularies read, and the `within:24h`
//! censoring counted exactly.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use serde_json::Value;
use ticket_insights::export::time::{DateOrder, TimeFormat};
use ticket_insights::export::{self, Options};
use ticket_insights::inspect::Inspection;
use ticket_insights::target::Target;
use ticket_insights::ticket::Role;
use ticket_insights::train::Labels;

const FIXTURES: [&str; 12] = [
    "kaggle.csv",
    "zendesk.csv",
    "freshdesk.csv",
    "freshdesk_utf16.csv",
    "jira.csv",
    "zoho.csv",
    "zoho_cp1252.csv",
    "servicenow.csv",
    "servicenow_codes.csv",
    "custom.tsv",
    "within_censoring.csv",
    "zendesk.csv",
];

fn expected(file: &str) -> Value {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    serde_json::from_slice(&common::file(&format!(
        "tests/data/exports/{stem}.expected.json"
    )))
    .unwrap()
}

fn inspect(file: &str) -> (export::Export, Inspection) {
    let bytes = common::file(&format!("tests/data/exports/{file}"));
    let e = export::read(&bytes, Options::default()).unwrap_or_else(|err| panic!("{file}: {err}"));
    let i = Inspection::of(&e, None);
    (e, i)
}

#[test]
fn every_layout_is_detected_with_its_mapping_and_vocabularies() {
    for file in FIXTURES {
        let want = expected(file);
        let (e, i) = inspect(file);
        assert_eq!(i.layout.name(), want["layout"], "{file}: layout");
        assert_eq!(i.encoding.name(), want["encoding"], "{file}: encoding");
        assert_eq!(
            i.delimiter.to_string(),
            want["delimiter"],
            "{file}: delimiter"
        );
        assert_eq!(i.rows, want["rows"], "{file}: rows");
        assert!(
            e.rejected.is_empty(),
            "{file}: {:?}",
            &e.rejected[..e.rejected.len().min(3)]
        );
        let mapping: BTreeMap<String, String> = i
            .mapping
            .roles
            .iter()
            .map(|(r, h)| (r.name().to_string(), h.clone()))
            .collect();
        let want_mapping: BTreeMap<String, String> =
            serde_json::from_value(want["mapping"].clone()).unwrap();
        assert_eq!(mapping, want_mapping, "{file}: mapping");
        let mut resolved = i.resolved_statuses.clone();
        resolved.sort();
        let mut want_resolved: Vec<String> =
            serde_json::from_value(want["resolved_statuses"].clone()).unwrap();
        want_resolved.sort();
        assert_eq!(resolved, want_resolved, "{file}: resolved statuses");
        let statuses: BTreeMap<String, u64> = i
            .statuses
            .iter()
            .map(|s| (s.value.clone(), s.count))
            .collect();
        let want_statuses: BTreeMap<String, u64> =
            serde_json::from_value(want["statuses"].clone()).unwrap();
        assert_eq!(statuses, want_statuses, "{file}: statuses");
        // Ranked priorities in the expected order (equal ranks in any order among themselves).
        let ranked: Vec<(String, u8)> = i
            .priorities
            .iter()
            .filter_map(|p| Some((p.value.clone(), p.rank?)))
            .collect();
        let want_order: Vec<String> =
            serde_json::from_value(want["priority_order"].clone()).unwrap();
        let rank_of = |v: &str| ranked.iter().find(|(p, _)| p == v).map(|(_, r)| *r);
        let ranks: Vec<Option<u8>> = want_order.iter().map(|v| rank_of(v)).collect();
        assert!(
            ranks.iter().all(Option::is_some),
            "{file}: {want_order:?} vs {ranked:?}"
        );
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "{file}: {want_order:?} ranked {ranks:?}"
        );
        assert_eq!(ranked.len(), want_order.len(), "{file}: {ranked:?}");
        let unranked: Vec<String> = i
            .priorities
            .iter()
            .filter(|p| p.rank.is_none() && !p.value.is_empty())
            .map(|p| p.value.clone())
            .collect();
        let want_unranked: Vec<String> =
            serde_json::from_value(want["unranked_priorities"].clone()).unwrap();
        assert_eq!(unranked, want_unranked, "{file}: unranked priorities");
        let order = match i.schema.times.get(&Role::CreatedAt) {
            Some(TimeFormat::Numeric(DateOrder::DayFirst)) => Value::from("dmy"),
            Some(TimeFormat::Numeric(DateOrder::MonthFirst)) => Value::from("mdy"),
            _ => Value::Null,
        };
        assert_eq!(order, want["date_order"], "{file}: date order");
        // The export time matters to `within` targets, which need a creation time; without one
        // (the Kaggle layout), the fixture's as_of counts columns no role reads.
        if !want["mapping"]["created_at"].is_null() {
            assert_eq!(
                i.as_of.as_deref().map(Value::from).unwrap_or(Value::Null),
                want["as_of"],
                "{file}: as_of"
            );
        }
    }
}

#[test]
fn within_24h_counts_censoring_exactly() {
    for file in FIXTURES {
        let want = &expected(file)["within_24h"];
        if want.is_null() {
            continue;
        }
        let bytes = common::file(&format!("tests/data/exports/{file}"));
        let (e, _) = inspect(file);
        let data = common::dataset(&e, &bytes);
        let labels = Labels::of(&data, Target::Within { hours: 24 }, data.latest).unwrap();
        let positive = labels.y.iter().filter(|&&y| y == 1).count() as u64;
        let negative = labels.y.len() as u64 - positive;
        assert_eq!(
            (positive, negative, labels.censored),
            (
                want["positive"].as_u64().unwrap(),
                want["negative"].as_u64().unwrap(),
                want["censored"].as_u64().unwrap()
            ),
            "{file}"
        );
    }
}

#[test]
fn a_windows_1252_export_reads_its_accents_and_quotes() {
    let bytes = common::file("tests/data/exports/zoho_cp1252.csv");
    let e = export::read(&bytes, Options::default()).unwrap();
    let text: String = e
        .tickets
        .iter()
        .flat_map(|t| [t.subject.as_str(), t.description.as_str()])
        .collect();
    assert!(!text.contains('\u{FFFD}'), "a byte was not decoded");
    for c in ['é', 'ü', 'ç', '’', '“', '”'] {
        assert!(text.contains(c), "{c} missing");
    }
}
