//! A prediction explained for a person: the inputs of the ticket that moved it most, each in
//! words and in percentage points of probability, the rest folded into "everything else".
//!
//! # From log-odds to points
//!
//! A binary model explains a prediction with a base value `z0` and one term `c_i` per feature,
//! in log-odds, that add up to its log-odds `z = z0 + Σ c_i` (for logistic regression `z0` is
//! the intercept and `c_i` the coefficient times the value; for a tree ensemble `z0` is its mean
//! log-odds and `c_i` the feature's TreeSHAP value). Log-odds add up; probabilities do not. The
//! probability goes from `p0 = σ(z0)` to `σ(z)`, and each term gets the share of that move its
//! share of the log-odds move:
//!
//! ```text
//! points_i = 100 · c_i · (σ(z) − σ(z0)) / (z − z0)        (100 · c_i · σ'(z0) when z = z0)
//! ```
//!
//! This is integrated gradients along the straight path in log-odds from `z0` to `z`, which for a
//! probability that is the sigmoid of additive terms is the Aumann–Shapley value of each term: a
//! term keeps its sign, a term twice as large in log-odds gets twice the points, and the points
//! add up to `100 · (σ(z) − p0)` exactly. The display works from the terms, the base value and
//! the log-odds only, never from how a model computed them. When the reported probability is
//! not `σ(z)` (a calibration that is not a map of the log-odds, such as isotonic), the
//! difference `p − σ(z)` is one more part, named as the calibration's, so that the parts still
//! add up to `p − p0`.
//!
//! # The base
//!
//! `p0` is the model's probability at the point its terms are measured from, which
//! [`reference`] describes in words: for a logistic regression on standardized inputs, a ticket
//! whose every input is at its mean over the training tickets (the probability at the mean
//! input); for one on raw inputs (the seed's), a ticket whose every input is zero. It is not the
//! share of tickets resolved, which the verdict gives next to it.
//!
//! # Inputs, not columns
//!
//! Features that read the same input are one part: the levels of a one-hot category (a
//! ticket's type is one thing, however many columns code it), the seed score with its magnitude
//! and sign, the hour's sine and cosine. A group's terms add up, so its points are the sum of its
//! features' points.
//!
//! # Rounding
//!
//! Points are shown in tenths. The shown parts are apportioned by largest remainder so that
//! they add up exactly to the shown probability minus the shown base (both in tenths of a
//! percent), which the sentence under them states.

use serde::Serialize;

use crate::export::Schema;
use crate::export::vocab;
use crate::features::{Feature, Text};
use crate::model::link::sigmoid;
use crate::ticket::{Role, Ticket};

/// How many inputs an explanation names before folding the rest into "everything else".
pub const SHOWN: usize = 3;

/// One part of an explanation: an input of the ticket (one or more features) and how far it
/// moved the prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// What the input is, for a person ("Type", "Tone of the description (TextBlob, −1 to +1)").
    pub label: String,
    /// The input's value for this ticket, in words ("the description's tone is very negative
    /// (−0.62)").
    pub text: String,
    /// Percentage points of probability it moved the prediction by.
    pub points: f64,
    /// `points` rounded to tenths and apportioned with the other parts so that the shown parts
    /// add up to the shown total.
    pub shown: f64,
    /// Its terms in the log-odds, added up.
    pub log_odds: f64,
    /// The identifiers of its features, for programs.
    pub features: Vec<String>,
}

/// A prediction explained: where the model starts, what moved it most, and what it all adds up
/// to (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The probability the points are measured from: the sigmoid of the base value.
    pub base: f64,
    /// What `base` is, for a person.
    pub base_text: String,
    /// The base as a sentence: "Starting point: 32.4%, the model's chance for …".
    pub start: String,
    /// The inputs that moved the prediction most, largest first (at most [`SHOWN`], or all of
    /// them when folding would hide only one).
    pub reasons: Vec<Reason>,
    /// Every other part, added up; `None` when every part is in `reasons`.
    pub rest: Option<Reason>,
    /// Percentage points from `base` to the probability: `100 · (probability − base)`.
    pub points: f64,
    /// The shown probability minus the shown base, in points (tenths); the shown parts add up to
    /// it exactly.
    pub shown: f64,
    /// What the parts add up to, in one sentence.
    pub sentence: String,
    /// How the points are computed, in one sentence, for those who want the log-odds.
    pub method: String,
}

/// A model's explanation of one prediction, as the model computed it.
#[derive(Debug, Clone, Copy)]
pub struct Terms<'a> {
    /// The base value, in log-odds.
    pub base: f64,
    /// Each feature with its value and its term in the log-odds.
    pub terms: &'a [(Feature, f64, f64)],
    /// The log-odds: `base` plus the terms.
    pub logit: f64,
    /// The probability the model reports (`σ(logit)` unless a calibration maps it otherwise).
    pub probability: f64,
}

/// Percentage points per unit of log-odds along the path from `z0` to `z` (see the module
/// documentation): the mean slope of `100 · σ` between them, `100 · (σ(z) − σ(z0)) / (z − z0)`,
/// computed without cancellation when the two are close (from `σ(a) − σ(b) = sinh((a − b) / 2)
/// / (2 cosh(a / 2) cosh(b / 2))`), and `100 · σ'(z0)` when they are equal.
pub fn points_per_log_odds(z0: f64, z: f64) -> f64 {
    let dz = z - z0;
    if dz.abs() > 1.0 {
        return 100.0 * (sigmoid(z) - sigmoid(z0)) / dz;
    }
    let h = dz / 2.0;
    let ratio = if h == 0.0 { 1.0 } else { h.sinh() / h };
    // Far out (|z| in the hundreds) the cosines overflow and the slope is 0 to the last bit.
    let slope = 100.0 * ratio / (4.0 * (z / 2.0).cosh() * (z0 / 2.0).cosh());
    if slope.is_finite() { slope } else { 0.0 }
}

/// A probability in tenths of a percent, rounded half up (as the page's `toFixed(1)` shows it).
fn tenths(p: f64) -> i64 {
    (1000.0 * p).round() as i64
}

/// `values` (in tenths) rounded to whole tenths that add up to `total`: each rounded down, then
/// the shortfall handed out one tenth at a time to the largest remainders (or taken from the
/// smallest, when the floors overshoot).
fn apportion(values: &[f64], total: i64) -> Vec<i64> {
    let mut out: Vec<i64> = values.iter().map(|v| v.floor() as i64).collect();
    if out.is_empty() {
        return out;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    let remainder = |i: usize| values.get(i).map_or(0.0, |v| v - v.floor());
    order.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b)));
    let mut short = total - out.iter().sum::<i64>();
    let n = order.len();
    let mut k = 0;
    while short != 0 {
        let step = short.signum();
        // Largest remainders gain first; smallest remainders lose first.
        let i = if step > 0 {
            order.get(k % n)
        } else {
            order.get(n - 1 - k % n)
        };
        if let Some(slot) = i.and_then(|&i| out.get_mut(i)) {
            *slot += step;
        }
        short -= step;
        k += 1;
    }
    out
}

/// What a group of features reads: one input of the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Age,
    Priority,
    Channel,
    Type,
    SeedTone(Text),
    ToneTimesPriority,
    Polarity(Text),
    Subjectivity(Text),
    Vader(Text),
    Length(Text),
    Hour,
    Weekday,
}

fn input_of(feature: &Feature) -> Input {
    match feature {
        Feature::CustomerAge => Input::Age,
        Feature::PrioritySeed
        | Feature::PriorityRank
        | Feature::PriorityCritical
        | Feature::PriorityLevel(_) => Input::Priority,
        Feature::Channel(_) | Feature::ChannelOther => Input::Channel,
        Feature::Type(_) | Feature::TypeOther => Input::Type,
        Feature::SeedScore(t) | Feature::SeedMagnitude(t) | Feature::SeedSign(t) => {
            Input::SeedTone(*t)
        }
        Feature::SeedXPriority => Input::ToneTimesPriority,
        Feature::Polarity(t) => Input::Polarity(*t),
        Feature::Subjectivity(t) => Input::Subjectivity(*t),
        Feature::Vader(t) => Input::Vader(*t),
        Feature::LogWords(t) => Input::Length(*t),
        Feature::CreatedHourSin | Feature::CreatedHourCos => Input::Hour,
        Feature::CreatedWeekday(_) => Input::Weekday,
    }
}

/// A tone from −1 to +1 in words.
pub fn tone_words(v: f64) -> &'static str {
    let a = v.abs();
    match (a, v < 0.0) {
        (a, _) if a < 0.05 => "neutral",
        (a, true) if a < 0.3 => "slightly negative",
        (a, false) if a < 0.3 => "slightly positive",
        (a, true) if a < 0.6 => "negative",
        (a, false) if a < 0.6 => "positive",
        (_, true) => "very negative",
        (_, false) => "very positive",
    }
}

/// A signed figure with a real minus sign: `+0.35`, `−0.62`.
pub fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let zero = s.chars().all(|c| c == '0' || c == '.');
    format!(
        "{}{s}",
        if zero {
            "±"
        } else if v < 0.0 {
            "−"
        } else {
            "+"
        }
    )
}

fn possessive(t: Text) -> &'static str {
    match t {
        Text::Description => "the description's",
        Text::Subject => "the subject's",
    }
}

fn the(t: Text) -> &'static str {
    match t {
        Text::Description => "the description",
        Text::Subject => "the subject",
    }
}

/// How one input of a ticket reads to a model: everything [`Reason`]'s words need.
pub struct Context<'a> {
    /// The ticket.
    pub ticket: &'a Ticket,
    /// The model's schema (its spelling of levels, its priority ranks).
    pub schema: &'a Schema,
    /// The model's features.
    pub features: &'a [Feature],
    /// The model's label of a feature.
    pub label: &'a dyn Fn(&Feature) -> String,
}

impl Context<'_> {
    /// The label of a group of features reading `input` (the first of them is `first`).
    fn label(&self, input: Input, first: &Feature) -> String {
        match input {
            Input::Priority => Role::Priority.label().into(),
            Input::Channel => Role::Channel.label().into(),
            Input::Type => Role::Type.label().into(),
            Input::SeedTone(t) => (self.label)(&Feature::SeedScore(t)),
            Input::Weekday => "Day the ticket was opened".into(),
            _ => (self.label)(first),
        }
    }

    /// A category value as the model's export writes it, or "not set".
    fn level(&self, role: Role, value: &str) -> String {
        let key = vocab::key(value);
        if key.is_empty() {
            "not set".into()
        } else {
            self.schema.spelling(role, &key)
        }
    }

    /// Whether the model has a column of its own for `key` of a one-hot `role`.
    fn knows(&self, role: Role, key: &str) -> bool {
        self.features.iter().any(|f| match (role, f) {
            (Role::Channel, Feature::Channel(k)) | (Role::Type, Feature::Type(k)) => k == key,
            _ => false,
        })
    }

    /// A one-hot category's value in words.
    fn category(&self, role: Role, value: &str, known: &str) -> String {
        let key = vocab::key(value);
        let shown = self.level(role, value);
        if key.is_empty() {
            format!("no {} is set", role.label().to_lowercase())
        } else if self.knows(role, &key) {
            known.replace("{}", &shown)
        } else {
            format!(
                "{}, which the model has no column for",
                known.replace("{}", &shown)
            )
        }
    }

    /// The input's value for the ticket, in words; `values` are the group's features' values.
    fn text(&self, input: Input, values: &[(&Feature, f64)]) -> String {
        let t = self.ticket;
        let value_of = |want: fn(&Feature) -> bool| -> f64 {
            values
                .iter()
                .find(|(f, _)| want(f))
                .map(|(_, v)| *v)
                .unwrap_or(0.0)
        };
        match input {
            Input::Age => match t.customer_age {
                Some(age) => format!("the customer is {age}"),
                None => "the customer's age is not given".into(),
            },
            Input::Priority => priority_text(self, t.priority.as_deref()),
            Input::Channel => self.category(Role::Channel, &t.channel, "the ticket came by {}"),
            Input::Type => self.category(Role::Type, &t.ticket_type, "the type is {}"),
            Input::SeedTone(x) | Input::Polarity(x) | Input::Vader(x) => {
                let by = match input {
                    Input::Polarity(_) => " by TextBlob",
                    Input::Vader(_) => " by VADER",
                    _ => "",
                };
                let score = |f: &Feature| {
                    matches!(
                        f,
                        Feature::SeedScore(_) | Feature::Polarity(_) | Feature::Vader(_)
                    )
                };
                let v = if values.iter().any(|(f, _)| score(f)) {
                    value_of(score)
                } else {
                    // Magnitude and sign without the score: their product is the score.
                    value_of(|f| matches!(f, Feature::SeedMagnitude(_)))
                        * value_of(|f| matches!(f, Feature::SeedSign(_)))
                };
                format!(
                    "{} tone{by} is {} ({})",
                    possessive(x),
                    tone_words(v),
                    signed(v, 2)
                )
            }
            Input::ToneTimesPriority => format!(
                "the description's tone times the original priority code is {}",
                signed(value_of(|_| true), 2)
            ),
            Input::Subjectivity(x) => {
                let v = value_of(|_| true);
                let how = if v < 0.3 {
                    "factual"
                } else if v < 0.6 {
                    "somewhat opinionated"
                } else {
                    "opinionated"
                };
                format!("{} is {how} ({v:.2})", the(x))
            }
            Input::Length(x) => {
                let words = value_of(|_| true).exp_m1().round().max(0.0);
                let word = if words == 1.0 { "word" } else { "words" };
                format!("{} is {words} {word} long", the(x))
            }
            Input::Hour => match t.created_at {
                Some(at) => format!("the ticket was opened at {:02}:00", at.hour()),
                None => "the hour the ticket was opened is not given".into(),
            },
            Input::Weekday => match t.created_at {
                Some(at) => {
                    let day = Feature::CreatedWeekday(at.weekday() as u8);
                    let day = (self.label)(&day);
                    format!("the ticket was {}", day.to_lowercase())
                }
                None => "the day the ticket was opened is not given".into(),
            },
        }
    }
}

/// The priority's values under the model's priority features, for comparing two priorities.
fn priority_values(c: &Context<'_>, priority: Option<&str>) -> Vec<f64> {
    let features: Vec<Feature> = c
        .features
        .iter()
        .filter(|f| input_of(f) == Input::Priority)
        .cloned()
        .collect();
    let ticket = Ticket {
        priority: priority.map(str::to_string),
        ..Ticket::default()
    };
    crate::features::values_with(
        &features,
        &ticket,
        c.schema,
        &mut crate::features::Signals::default(),
    )
    .unwrap_or_default()
}

/// How the model counts a priority, for a person: "High", "urgent, counted as Critical",
/// "“Soon”, which the model does not know, counted as Medium".
pub struct PriorityReading {
    /// The priority as given ("" when none).
    pub value: String,
    /// Its rank (0 lowest to 4 urgent/critical), when the priority words or the model know it.
    pub rank: Option<u8>,
    /// Whether the model's export holds this priority (by key).
    pub known: bool,
    /// The model's own level it is counted as, when it is not one of them.
    pub counted_as: Option<String>,
}

/// How the model behind `c` reads `priority`.
pub fn read_priority(c: &Context<'_>, priority: Option<&str>) -> PriorityReading {
    let value = priority.map(str::trim).unwrap_or_default().to_string();
    let key = vocab::key(&value);
    let known = c.schema.priorities.iter().any(|(k, _)| *k == key);
    let rank = (!key.is_empty())
        .then(|| c.schema.priority_rank(&value))
        .flatten();
    let counted_as = if known {
        None
    } else {
        let mine = priority_values(c, (!value.is_empty()).then_some(value.as_str()));
        c.schema
            .priorities
            .iter()
            .find(|(k, _)| priority_values(c, Some(k)) == mine)
            .map(|(k, _)| c.schema.spelling(Role::Priority, k))
    };
    PriorityReading {
        value,
        rank,
        known,
        counted_as,
    }
}

/// A priority in words, as the model counts it.
pub fn priority_words(c: &Context<'_>, priority: Option<&str>) -> String {
    let r = read_priority(c, priority);
    let key = vocab::key(&r.value);
    if r.known {
        return c.schema.spelling(Role::Priority, &key);
    }
    let counted = r
        .counted_as
        .map_or("counted as none of the model's levels".into(), |l| {
            format!("counted as {l}")
        });
    if key.is_empty() {
        format!("not set, {counted}")
    } else if r.rank.is_some() {
        format!("“{}”, {counted}", r.value)
    } else {
        format!("“{}”, which the model does not know, {counted}", r.value)
    }
}

fn priority_text(c: &Context<'_>, priority: Option<&str>) -> String {
    let words = priority_words(c, priority);
    let seed = c
        .features
        .iter()
        .any(|f| matches!(f, Feature::PrioritySeed));
    let critical = priority.is_some_and(|p| c.schema.priority_rank(p) == Some(4));
    if seed && critical {
        format!("the priority is {words} (which the original project coded below Low)")
    } else {
        format!("the priority is {words}")
    }
}

/// A feature of a group, its value and its term.
type Member<'a> = (&'a Feature, f64, f64);

/// Explains `terms` for the ticket in `c`: the base `p0 = σ(base)` described by `base_text`.
pub fn explain(c: &Context<'_>, terms: Terms<'_>, base_text: &str) -> Explanation {
    let scale = points_per_log_odds(terms.base, terms.logit);
    // Group the terms by input, in model order of each input's first feature.
    let mut groups: Vec<(Input, Vec<Member<'_>>)> = Vec::new();
    for (f, value, c_i) in terms.terms {
        let input = input_of(f);
        match groups.iter_mut().find(|(i, _)| *i == input) {
            Some((_, members)) => members.push((f, *value, *c_i)),
            None => groups.push((input, vec![(f, *value, *c_i)])),
        }
    }
    let mut parts: Vec<Reason> = groups
        .iter()
        .filter_map(|(input, members)| {
            let first = members.first()?.0;
            let values: Vec<(&Feature, f64)> = members.iter().map(|(f, v, _)| (*f, *v)).collect();
            let log_odds: f64 = members.iter().map(|(_, _, c)| c).sum();
            Some(Reason {
                label: c.label(*input, first),
                text: c.text(*input, &values),
                points: scale * log_odds,
                shown: 0.0,
                log_odds,
                features: members.iter().map(|(f, _, _)| f.name()).collect(),
            })
        })
        .collect();
    let end = sigmoid(terms.logit);
    let calibration = 100.0 * (terms.probability - end);
    if calibration.abs() > 1e-9 {
        parts.push(Reason {
            label: "Calibration".into(),
            text: "the model's correction of its raw probability, fitted on its training tickets"
                .into(),
            points: calibration,
            shown: 0.0,
            log_odds: 0.0,
            features: Vec::new(),
        });
    }
    parts.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    let base = sigmoid(terms.base);
    let shown_total = tenths(terms.probability) - tenths(base);
    let split = if parts.len() <= SHOWN + 1 {
        parts.len()
    } else {
        SHOWN
    };
    let folded: Vec<Reason> = parts.split_off(split);
    let mut rest = (!folded.is_empty()).then(|| {
        let n = folded.len();
        Reason {
            label: "Everything else".into(),
            text: format!("the {n} other inputs together"),
            points: folded.iter().map(|r| r.points).sum(),
            shown: 0.0,
            log_odds: folded.iter().map(|r| r.log_odds).sum(),
            features: folded.into_iter().flat_map(|r| r.features).collect(),
        }
    });
    let exact: Vec<f64> = parts
        .iter()
        .chain(rest.iter())
        .map(|r| 10.0 * r.points)
        .collect();
    let shown = apportion(&exact, shown_total);
    for (r, s) in parts.iter_mut().chain(rest.iter_mut()).zip(shown) {
        r.shown = s as f64 / 10.0;
    }
    let total = shown_total as f64 / 10.0;
    let sentence = format!(
        "Together: {} points, from {} to {}.",
        signed(total, 1),
        tenths_percent(tenths(base)),
        tenths_percent(tenths(terms.probability)),
    );
    let method = format!(
        "The model adds up its inputs in log-odds (shown for each input), starting from {} \
         ({}). Each input's points are its share of the log-odds times the change in \
         probability per unit of log-odds between the start and this ticket ({:.1} points per \
         unit here), so that they add up to the change in probability; rounded to tenths so \
         that the rounded figures add up too.",
        signed(terms.base, 3),
        tenths_percent(tenths(base)),
        scale
    );
    Explanation {
        base,
        start: format!(
            "Starting point: {}, {base_text}.",
            tenths_percent(tenths(base))
        ),
        base_text: base_text.to_string(),
        reasons: parts,
        rest,
        points: 100.0 * (terms.probability - base),
        shown: total,
        sentence,
        method,
    }
}

/// Tenths of a percent as text: `324` → `32.4%`.
fn tenths_percent(t: i64) -> String {
    format!("{}.{}%", t / 10, (t % 10).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slope_is_the_sigmoid_between_the_ends_and_its_derivative_at_one_point() {
        let (z0, z) = (-0.7, 0.4);
        let s = points_per_log_odds(z0, z);
        assert!((s * (z - z0) - 100.0 * (sigmoid(z) - sigmoid(z0))).abs() < 1e-12);
        let flat = points_per_log_odds(0.3, 0.3);
        let p = sigmoid(0.3);
        assert!((flat - 100.0 * p * (1.0 - p)).abs() < 1e-12);
        // Continuous as the ends meet, and equal to the plain difference where it is exact.
        assert!((points_per_log_odds(0.3, 0.3 + 1e-9) - flat).abs() < 1e-7);
        for (a, b) in [(-0.7, -0.2), (0.1, 0.9), (2.0, 1.5)] {
            let plain = 100.0 * (sigmoid(b) - sigmoid(a)) / (b - a);
            assert!((points_per_log_odds(a, b) - plain).abs() < 1e-12, "{a} {b}");
        }
        assert_eq!(points_per_log_odds(3000.0, 3000.5), 0.0);
    }

    #[test]
    fn apportioned_tenths_add_up_to_the_total_and_stay_within_one_tenth() {
        let cases: [(&[f64], i64); 5] = [
            (&[12.4, -3.3, 0.45, 0.45], 10),
            (&[0.5, 0.5, 0.5], 1),
            (&[-0.5, -0.5, -0.5], -2),
            (&[0.04, 0.04, 0.04], 0),
            (&[-7.96, 2.01], -5),
        ];
        for (values, total) in cases {
            let got = apportion(values, total);
            assert_eq!(got.iter().sum::<i64>(), total, "{values:?}");
            for (g, v) in got.iter().zip(values) {
                assert!((*g as f64 - v).abs() < 1.0 + 1e-12, "{values:?} → {got:?}");
            }
        }
        assert!(apportion(&[], 0).is_empty());
    }

    #[test]
    fn tones_and_signs_read_as_words() {
        assert_eq!(tone_words(-0.7), "very negative");
        assert_eq!(tone_words(-0.4), "negative");
        assert_eq!(tone_words(-0.1), "slightly negative");
        assert_eq!(tone_words(0.0), "neutral");
        assert_eq!(tone_words(0.2), "slightly positive");
        assert_eq!(tone_words(0.65), "very positive");
        assert_eq!(signed(-0.624, 2), "−0.62");
        assert_eq!(signed(0.35, 2), "+0.35");
        assert_eq!(signed(-0.001, 2), "±0.00");
        assert_eq!(tenths_percent(324), "32.4%");
    }
}
