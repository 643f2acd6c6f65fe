//! The committed models (`models/*.bin`, `models/MODEL_CARD.md`) are exactly what training on
//! the committed data produces now: retraining is deterministic and nothing is stale.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use ticket_insights::card;
use ticket_insights::model::artifact::Artifact;
use ticket_insights::ticket::Ticket;
use ticket_insights::train::committed;

fn committed_file(name: &str) -> Vec<u8> {
    common::file(&format!("models/{name}"))
}

#[test]
fn committed_models_and_card_equal_a_fresh_training_byte_for_byte() {
    let bytes = common::bundled_csv();
    let read = common::read(&bytes);
    let data = common::dataset(&read, &bytes);
    // The committed files came from another process (`ticket-insights models`): equal bytes
    // also show that training is deterministic.
    let fresh = committed::committed(&data, &mut |_| {}).unwrap();
    for (name, model) in fresh.files() {
        let encoded = model.to_bytes().unwrap();
        assert!(
            encoded == committed_file(name),
            "models/{name} differs from a fresh training: run \
             `cargo run --release -- models --data tests/data/customer_support_tickets.csv`"
        );
    }
    let card = String::from_utf8(committed_file("MODEL_CARD.md")).unwrap();
    assert!(
        card == card::committed_card(&data, &fresh),
        "models/MODEL_CARD.md differs from a fresh training"
    );
}

#[test]
fn committed_seed_model_reproduces_a_known_probability() {
    let seed = Artifact::from_bytes(&committed_file("seed.bin")).unwrap();
    let ticket = Ticket {
        id: "x".into(),
        customer_age: Some(40.0),
        priority: Some("High".into()),
        description: "I'm having an issue with the product. It is terrible and broken.".into(),
        channel: "Email".into(),
        ticket_type: "Technical issue".into(),
        ..Ticket::default()
    };
    let p = seed.predict(&ticket).unwrap();
    // Logit by hand from config a's scikit-learn weights (sklearn_models.json) and the seed
    // score of this text (tools/reference/seedpipe.py: -0.7).
    let s = p.signals.description.seed_score.unwrap();
    assert_eq!(s, -0.7);
    let logit = 0.0016159372419567027 * 40.0
        - 0.005036380147566792 * 3.0
        - 0.16550178653736036 * s
        - 0.786528100817361;
    assert!((p.logit - logit).abs() < 1e-5, "{} vs {logit}", p.logit);
    assert!(!p.positive);
    for name in ["improved.bin", "status.bin"] {
        let model = Artifact::from_bytes(&committed_file(name)).unwrap();
        let p = model.predict(&ticket).unwrap();
        assert!(
            (p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12,
            "{name}"
        );
    }
}
