//! Synthetic tickets in the bundled dataset's layout whose resolution follows a planted rule, as
//! a CSV export: a linear one, an interaction (negative text matters only for high priority), or
//! none. The tickets come from `synthetic::Synthetic`; their statuses are drawn here.

use ticket_insights::export::Schema;
use ticket_insights::features::{self, Feature, Text};
use ticket_insights::model::link::sigmoid;
use ticket_insights::model::split::RandomState;
use ticket_insights::synthetic::{Planted, Synthetic};
use ticket_insights::ticket::Ticket;

/// What the planted log-odds depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// `-0.7 + 1.5 s + 0.35 (rank - 2)`: the seed sentiment and the priority, additively.
    Linear,
    /// `-0.4 - 1.4 n h`, with `n = +1` for negative text (`s < 0`), else -1, and `h = +1` for
    /// high or critical priority, else -1: negative text lowers the odds of resolution for high
    /// priority and raises them for low priority. Neither has an effect on its own, so no
    /// additive model of the two sees it.
    Interaction,
    /// A third of the tickets resolved, whatever they say.
    None,
}

impl Signal {
    /// The planted log-odds for the seed sentiment `s` and the priority rank.
    pub fn logit(self, s: f64, rank: f64) -> f64 {
        match self {
            Signal::Linear => -0.7 + 1.5 * s + 0.35 * (rank - 2.0),
            Signal::Interaction => {
                let n = if s < 0.0 { 1.0 } else { -1.0 };
                let h = if rank >= 3.0 { 1.0 } else { -1.0 };
                -0.4 - 1.4 * n * h
            }
            Signal::None => -(2.0f64.ln()),
        }
    }
}

/// The bundled dataset's header.
pub const HEADER: [&str; 17] = [
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
];

/// `n` labelled tickets drawn with `seed`, and each one's planted probability of resolution.
pub fn tickets(signal: Signal, n: usize, seed: u32) -> (Vec<Ticket>, Vec<f64>) {
    let blank = Planted::new(&[Feature::CustomerAge], &[0.0], 0.0);
    let mut tickets = Synthetic::new(seed, blank).unwrap().generate(n);
    let columns = [Feature::SeedScore(Text::Description), Feature::PriorityRank];
    let schema = Schema::kaggle();
    let mut rng = RandomState::new(seed.wrapping_mul(7919).wrapping_add(1));
    let mut p = Vec::with_capacity(n);
    for t in &mut tickets {
        let x = features::row(&columns, t, &schema).unwrap().values;
        let q = sigmoid(signal.logit(x[0], x[1]));
        let resolved = rng.random_sample() < q;
        t.status = Some(if resolved { "Closed" } else { "Open" }.to_string());
        t.satisfaction = None;
        p.push(q);
    }
    (tickets, p)
}

/// The tickets as a CSV export in the bundled layout.
pub fn csv(tickets: &[Ticket]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).unwrap();
    for t in tickets {
        let age = t.customer_age.map_or(String::new(), |a| a.to_string());
        w.write_record([
            t.id.as_str(),
            "Alex Doe",
            "alex@example.com",
            &age,
            "Other",
            "GoPro Hero",
            "2021-03-22",
            &t.ticket_type,
            "Product setup",
            &t.description,
            t.status.as_deref().unwrap_or(""),
            "",
            t.priority.as_deref().unwrap_or(""),
            &t.channel,
            "",
            "",
            "",
        ])
        .unwrap();
    }
    w.into_inner().unwrap()
}

/// A planted export of `n` tickets: its bytes and each ticket's planted probability.
pub fn export(signal: Signal, n: usize, seed: u32) -> (Vec<u8>, Vec<f64>) {
    let (t, p) = tickets(signal, n, seed);
    (csv(&t), p)
}
