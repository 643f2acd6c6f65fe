//! What the predictor says to a person, over every bundled model and models trained on a
//! helpdesk export: no feature identifier (snake_case or a model's one-letter name) in any text
//! the page, the widget or the card shows, explanations whose percentage points add up to the
//! probability minus the base within rounding, and inputs named in words. [`person_models`] is
//! the list every check runs over: a model trained on another export is one more entry.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;

use ticket_insights::export::{self, Options};
use ticket_insights::features::Feature;
use ticket_insights::features::sets::{self, Levels};
use ticket_insights::inspect::Inspection;
use ticket_insights::model::artifact::{Artifact, Model, Weights};
use ticket_insights::model::logistic::{FitOptions, Objective};
use ticket_insights::predict::fields::Fields;
use ticket_insights::predict::{
    ModelInfo, Models, PagePrediction, explain, info, predict, present,
};
use ticket_insights::synthetic::export::{Layout, Outcome, Signal, Spec};
use ticket_insights::target::Target;
use ticket_insights::ticket::{Role, Ticket};
use ticket_insights::train::{self, Dataset, Features, TrainConfig};

/// The words of `text` that read as identifiers: snake_case words, and words equal to a
/// one-letter feature name of `model` (such as the seed score's `s`).
fn identifiers(text: &str, model: &Model) -> Vec<String> {
    let one_letter: Vec<String> = model
        .artifact()
        .features
        .iter()
        .map(Feature::name)
        .filter(|n| n.chars().count() == 1)
        .collect();
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == '’'))
        .filter(|w| {
            let w = w.trim_matches(['\'', '’']);
            w.contains('_') || one_letter.iter().any(|n| n == w)
        })
        .map(str::to_string)
        .collect()
}

/// Every text of `p` and `info` that a page, the widget or the card shows a person.
fn person_texts(p: &PagePrediction, info: &ModelInfo<'_>) -> Vec<String> {
    let mut out = vec![
        p.verdict.clone(),
        p.tone.clone(),
        p.priority.text.clone(),
        info.summary.clone(),
        info.reference.clone(),
    ];
    for t in &p.contributions {
        out.extend([t.label.clone(), t.meaning.clone()]);
    }
    if let Some(e) = &p.explanation {
        out.extend([
            e.base_text.clone(),
            e.start.clone(),
            e.sentence.clone(),
            e.method.clone(),
        ]);
        for r in e.reasons.iter().chain(&e.rest) {
            out.extend([r.label.clone(), r.text.clone()]);
        }
    }
    for i in &info.inputs {
        out.extend([i.label.clone(), i.meaning.clone()]);
    }
    out.extend(info.priorities.iter().map(|l| l.value.clone()));
    out
}

/// Checks every person text of `model`'s prediction of `ticket`, and the explanation's sums.
fn check(model: &Model, ticket: &Ticket) -> PagePrediction {
    let p = explain(model, ticket).unwrap();
    let info = info(model);
    for text in person_texts(&p, &info) {
        assert!(!text.trim().is_empty() || text.is_empty(), "{text:?}");
        let found = identifiers(&text, model);
        assert!(
            found.is_empty(),
            "{}: {found:?} in {text:?}",
            model.artifact().name
        );
    }
    check_sums(&p);
    p
}

/// The points add up: every feature's to `100 (p − base)`, the parts to the same, the shown
/// parts to the shown probability minus the shown base, each within a tenth of its own.
fn check_sums(p: &PagePrediction) {
    let e = p.explanation.as_ref().unwrap();
    let want = 100.0 * (p.probability - e.base);
    let features: f64 = p.contributions.iter().map(|t| t.points).sum();
    assert!((features - want).abs() < 1e-9, "{features} vs {want}");
    assert!((e.points - want).abs() < 1e-12);
    let parts: Vec<&explain::Reason> = e.reasons.iter().chain(&e.rest).collect();
    let exact: f64 = parts.iter().map(|r| r.points).sum();
    assert!((exact - want).abs() < 1e-9, "{exact} vs {want}");
    let log_odds: f64 = parts.iter().map(|r| r.log_odds).sum();
    assert!((log_odds + p.intercept - p.logit).abs() < 1e-9);
    let tenths = |x: f64| (10.0 * x).round() as i64;
    let shown: i64 = parts.iter().map(|r| tenths(r.shown)).sum();
    let total = (1000.0 * p.probability).round() as i64 - (1000.0 * e.base).round() as i64;
    assert_eq!(shown, total, "{parts:?}");
    assert_eq!(tenths(e.shown), total);
    for r in &parts {
        assert!((r.shown - r.points).abs() <= 0.1 + 1e-9, "{r:?}");
    }
    // Largest first; every feature in exactly one part.
    for w in e.reasons.windows(2) {
        assert!(w[0].points.abs() >= w[1].points.abs());
    }
    let mut named: Vec<&String> = parts.iter().flat_map(|r| &r.features).collect();
    named.sort();
    let mut all: Vec<&String> = p.contributions.iter().map(|t| &t.feature).collect();
    all.sort();
    assert_eq!(named, all);
}

fn ticket(age: f64, priority: &str, description: &str, channel: &str, kind: &str) -> Ticket {
    Ticket {
        customer_age: Some(age),
        priority: Some(priority.into()).filter(|p: &String| !p.is_empty()),
        description: description.into(),
        channel: channel.into(),
        ticket_type: kind.into(),
        ..Ticket::default()
    }
}

const TEXTS: [&str; 4] = [
    "This is terrible, the worst, awful, nothing works.",
    "Thank you, wonderful and excellent service!",
    "",
    "My order 12345 has not arrived.",
];

/// Tickets every model is checked on: each text, priority (known, unknown, a synonym, none),
/// channel and type, in combinations.
fn made_up_tickets() -> Vec<Ticket> {
    let mut out = Vec::new();
    for (i, text) in TEXTS.iter().enumerate() {
        for priority in ["Low", "Critical", "urgent", "Soon", ""] {
            out.push(ticket(
                20.0 + 15.0 * i as f64,
                priority,
                text,
                ["Email", "Fax", ""][i % 3],
                ["Technical issue", "Question", "Refund request", ""][i],
            ));
        }
    }
    out
}

/// Every model whose words a person may read, with the tickets to check it on: the bundled
/// models, and models trained on a helpdesk export (see [`helpdesk_models`]). A model trained
/// on another export is one more entry here.
fn person_models() -> Vec<(Model, Vec<Ticket>)> {
    let bundled = Models::bundled().unwrap();
    let mut out: Vec<(Model, Vec<Ticket>)> = bundled
        .names()
        .into_iter()
        .map(|name| (bundled.get(name).unwrap().clone(), made_up_tickets()))
        .collect();
    let (models, tickets) = helpdesk_models();
    for model in models {
        // The made-up tickets, opened when the export's first ticket was (these models read it).
        let mut t = tickets.clone();
        t.extend(made_up_tickets().into_iter().map(|m| Ticket {
            created_at: tickets.first().and_then(|f| f.created_at),
            ..m
        }));
        out.push((model, t));
    }
    out
}

#[test]
fn every_model_says_everything_in_words_and_its_points_add_up() {
    let models = person_models();
    assert!(models.len() >= 4, "{} models", models.len());
    for (model, tickets) in &models {
        for t in tickets {
            let p = check(model, t);
            assert!(!p.contributions.is_empty());
        }
    }
}

#[test]
fn the_explanation_names_the_inputs_that_moved_it_in_words() {
    let p = predict(
        &serde_json::from_value::<Fields>(json!({"age": 35, "priority": "Low",
            "description": "This is terrible, awful, the worst service, I hate it.",
            "type": "Refund request"}))
        .unwrap(),
        "improved",
    )
    .unwrap();
    let e = p.explanation.as_ref().unwrap();
    // Ten columns, four inputs: seed score, magnitude and sign are one; the five type columns
    // are one. Four are all shown: folding would hide a single one.
    assert_eq!(e.reasons.len(), 4);
    assert!(e.rest.is_none());
    let tone = e.reasons.iter().find(|r| r.features.contains(&"s".into()));
    assert_eq!(tone.unwrap().features, ["s", "magnitude", "polarity"]);
    let texts: Vec<&str> = e.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("the description's tone is very negative (−")),
        "{texts:?}"
    );
    assert!(texts.contains(&"the type is Refund request"), "{texts:?}");
    assert!(texts.contains(&"the priority is Low"), "{texts:?}");
    assert!(texts.contains(&"the customer is 35"), "{texts:?}");
    assert!(e.base_text.contains("average over the training tickets"));
    assert!(e.sentence.starts_with("Together: "), "{}", e.sentence);
    // The bundled models are at chance, and the verdict says so.
    assert!(
        p.verdict.contains("treat this as the base rate"),
        "{}",
        p.verdict
    );
}

#[test]
fn priorities_are_kept_as_written_and_counted_as_the_model_counts_them() {
    let shown = |model: &str, priority: &str| {
        predict(
            &serde_json::from_value::<Fields>(
                json!({"age": 30, "priority": priority, "description": "ok"}),
            )
            .unwrap(),
            model,
        )
        .unwrap()
        .priority
    };
    let urgent = shown("improved", "urgent");
    assert_eq!(
        (urgent.value.as_str(), urgent.rank, urgent.known),
        ("urgent", Some(4), false)
    );
    assert_eq!(urgent.counted_as.as_deref(), Some("Critical"));
    assert_eq!(urgent.text, "“urgent”, counted as Critical");
    let soon = shown("improved", "Soon");
    assert_eq!(soon.rank, None);
    assert_eq!(
        soon.text,
        "“Soon”, which the model does not know, counted as Medium"
    );
    // The seed's coding puts anything but low, medium and high at 0, with Critical.
    assert_eq!(
        shown("seed", "Soon").counted_as.as_deref(),
        Some("Critical")
    );
    let high = shown("seed", "HIGH");
    assert!(high.known && high.counted_as.is_none());
    assert_eq!(high.text, "High");
    let levels: Vec<String> = info(Models::bundled().unwrap().get("improved").unwrap())
        .priorities
        .into_iter()
        .map(|l| l.value)
        .collect();
    assert_eq!(levels, ["Low", "Medium", "High", "Critical"]);
}

/// An export of `layout` with a planted signal, read, with its training dataset.
fn helpdesk(layout: Layout) -> (export::Export, export::Schema) {
    let spec = Spec {
        layout,
        rows: 1500,
        seed: 7,
        signal: Signal::Linear,
        outcome: Outcome::Resolved,
    };
    let mut bytes = Vec::new();
    ticket_insights::synthetic::export::write(&spec, &mut bytes).unwrap();
    let read = export::read(&bytes, Options::default()).unwrap();
    let schema = Inspection::of(&read, None).schema;
    (read, schema)
}

/// Models trained on a synthetic Zendesk export (with a planted signal), with a sample of its
/// tickets: one as training selects it, and one reading every feature the export's roles offer
/// (so that every kind of feature is worded), with made-up weights.
fn helpdesk_models() -> (Vec<Model>, Vec<Ticket>) {
    let (read, schema) = helpdesk(Layout::Zendesk);
    let data = Dataset {
        tickets: &read.tickets,
        schema: schema.clone(),
        header: read.summary.header.clone(),
        rows: read.summary.rows,
        rejected: read.summary.rejected,
        sha256: String::new(),
        latest: read.summary.latest,
    };
    let config = TrainConfig {
        name: "zendesk".into(),
        features: Features::Select,
        target: Target::Resolved,
        fit: FitOptions::new(Objective::Lbfgs),
        standardize: true,
        split: None,
        cv_folds: 5,
        permutations: 0,
        selection_in_null: false,
        as_of: None,
        learning: Default::default(),
    };
    let trained = train::train(&data, &config, &mut |_| {}).unwrap().artifact;
    // The same export and schema, with every feature its roles offer (whatever selection
    // kept), so that every kind of feature is worded.
    let roles: Vec<Role> = schema.mapping.roles.keys().copied().collect();
    let keys = |get: fn(&Ticket) -> &str| {
        let mut k: Vec<String> = read
            .tickets
            .iter()
            .map(|t| export::vocab::key(get(t)))
            .collect();
        k.sort();
        k.dedup();
        k.truncate(4);
        k
    };
    let levels = Levels {
        priority: vec![String::new()],
        channel: keys(|t| &t.channel),
        types: keys(|t| &t.ticket_type),
    };
    let mut every: Vec<Feature> = Vec::new();
    for f in sets::role_groups(&roles, &levels)
        .into_iter()
        .flat_map(|g| g.features)
        .chain([Feature::SeedXPriority, Feature::PrioritySeed])
    {
        if !every.iter().any(|g| g.name() == f.name()) {
            every.push(f);
        }
    }
    let n = every.len();
    let wide = Artifact {
        name: "every input".into(),
        weights: Weights::Binary {
            coef: (0..n)
                .map(|i| if i % 2 == 0 { 0.05 } else { -0.03 })
                .collect(),
            intercept: -0.4,
        },
        scaler: None,
        features: every,
        feature_set: None,
        ..trained.clone()
    };
    let mut tickets: Vec<Ticket> = read.tickets.iter().step_by(97).take(12).cloned().collect();
    // A ticket with nothing set but its time and age reads in words too.
    tickets.push(Ticket {
        created_at: read.tickets.first().and_then(|t| t.created_at),
        customer_age: Some(30.0),
        ..Ticket::default()
    });
    (
        vec![Model::new(trained).unwrap(), Model::new(wide).unwrap()],
        tickets,
    )
}

#[test]
fn a_model_trained_on_a_helpdesk_export_is_judged_by_its_strength_and_folds_the_rest() {
    let (models, tickets) = helpdesk_models();
    // Selection found the planted signal, and the verdict does not call the model at chance.
    let strong = explain(&models[0], &tickets[0]).unwrap();
    assert!(!strong.verdict.contains("base rate"), "{}", strong.verdict);
    // The model reading every input names three and folds the rest.
    let e = explain(&models[1], &tickets[3])
        .unwrap()
        .explanation
        .unwrap();
    assert_eq!(e.reasons.len(), explain::SHOWN);
    assert!(e.rest.unwrap().text.ends_with("other inputs together"));
}

#[test]
fn errors_for_a_person_name_the_field_by_its_label() {
    let err = predict(
        &serde_json::from_value::<Fields>(json!({"priority": "Low"})).unwrap(),
        "seed",
    )
    .unwrap_err();
    let models = Models::bundled().unwrap().names();
    assert_eq!(err.to_string(), "field 'customer_age': missing");
    assert_eq!(present::error_text(&err, &models), "Customer age: missing");
    let err = predict(&Fields::new(), "nonsense").unwrap_err();
    assert_eq!(
        present::error_text(&err, &models),
        "There is no model called “nonsense”; the models here are seed and improved."
    );
}

#[test]
fn identifiers_are_found() {
    let seed = Models::bundled().unwrap().get("seed").unwrap();
    assert_eq!(
        identifiers("the s score of priority_seed; customer's", seed),
        ["s", "priority_seed"]
    );
    assert!(identifiers("Customer age: missing. It’s fine", seed).is_empty());
}

#[test]
fn the_committed_card_names_every_feature_by_its_label() {
    let root = env!("CARGO_MANIFEST_DIR");
    let card = std::fs::read_to_string(format!("{root}/models/MODEL_CARD.md")).unwrap();
    let words: Vec<&str> = card
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']))
        .collect();
    for file in ["seed.bin", "improved.bin", "status.bin"] {
        let bytes = std::fs::read(format!("{root}/models/{file}")).unwrap();
        let model = Artifact::from_bytes(&bytes).unwrap();
        let model = model.artifact();
        for f in &model.features {
            let name = f.name();
            assert!(!card.contains(&format!("`{name}`")), "`{name}` in the card");
            // Identifiers that are not words (snake_case, one letter) appear nowhere.
            if name.contains('_') || name.chars().count() == 1 {
                assert!(!words.contains(&name.as_str()), "{name} in the card");
            }
            let (label, _) = f.label(&|role, key| model.schema.spelling(role, key));
            assert!(
                card.contains(&format!("| {label} |")),
                "{label} not in the card"
            );
        }
    }
}

#[test]
fn the_card_of_a_model_trained_on_a_helpdesk_export_names_features_in_words() {
    let (models, _) = helpdesk_models();
    for model in &models {
        let card = ticket_insights::card::model_card(model.artifact(), None);
        let found = identifiers(&card, model);
        assert!(found.is_empty(), "{found:?} in:\n{card}");
    }
}
