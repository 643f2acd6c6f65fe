//! Sentiment scoring throughput over the 8469 ticket descriptions, single-threaded.
//! Prints one JSON object: for each analyzer, texts/s of each repetition.
//! Run through `scripts/bench.sh`, which sets it next to the Python originals in the same run.

use std::hint::black_box;
use std::time::Instant;

use ticket_insights::export::{self, Options};
use ticket_insights::sentiment::{seed, textblob, vader};

fn texts_per_second(texts: &[String], reps: usize, mut f: impl FnMut(&str)) -> Vec<f64> {
    for t in texts.iter().take(500) {
        f(t); // warm-up
    }
    (0..reps)
        .map(|_| {
            let start = Instant::now();
            for t in texts {
                f(black_box(t));
            }
            texts.len() as f64 / start.elapsed().as_secs_f64()
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps: usize = std::env::var("BENCH_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let csv = std::fs::read("www/data/customer_support_tickets.csv")?;
    let texts: Vec<String> = export::read(&csv, Options::default())?
        .tickets
        .into_iter()
        .map(|t| t.description)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let textblob = texts_per_second(&texts, reps, |t| {
        black_box(textblob::sentiment(t));
    });
    let seed = texts_per_second(&texts, reps, |t| {
        black_box(seed::seed_score(t));
    });
    let vader = texts_per_second(&texts, reps, |t| {
        black_box(vader::polarity_scores(t));
    });
    let limit = texts_per_second(&texts, reps, |t| {
        black_box(t.bytes().filter(u8::is_ascii_alphabetic).count());
    });
    println!(
        "{}",
        serde_json::json!({
            "texts": texts.len(),
            "bytes": bytes,
            "texts_per_s": {
                "rust_textblob": textblob,
                "rust_seed": seed,
                "rust_vader": vader,
                "rust_letter_count_limit": limit,
            }
        })
    );
    Ok(())
}
