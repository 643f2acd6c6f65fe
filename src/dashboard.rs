//! The dashboard's seven charts, by the accessible name the page gives each canvas: which chart
//! module draws it from a [`Digest`] of an [`Analysis`], and the text alternative that goes
//! with it.

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::charts::bars::{self, BarSpec};
use crate::charts::histogram::{self, HistogramSpec};
use crate::charts::{Frame, probability, roc, wordcloud};
use crate::ticket::Role;
use crate::{Error, Result};

/// A dashboard chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Histogram of seed sentiment scores with a density line.
    Sentiment,
    /// Tickets per priority.
    Priority,
    /// Tickets per status.
    Status,
    /// Tickets per satisfaction rating (a rating is a category: counts, not a density).
    Satisfaction,
    /// Word cloud of the cleaned text.
    WordCloud,
    /// Model curve and observed resolved rate by sentiment.
    Probability,
    /// ROC curve and reliability diagram.
    Roc,
}

impl Chart {
    /// Every chart, in page order.
    pub const ALL: [Chart; 7] = [
        Chart::Sentiment,
        Chart::Priority,
        Chart::Status,
        Chart::Satisfaction,
        Chart::WordCloud,
        Chart::Probability,
        Chart::Roc,
    ];

    /// The accessible name of the chart's canvas (the page contract).
    pub fn name(self) -> &'static str {
        match self {
            Chart::Sentiment => "Sentiment score distribution",
            Chart::Priority => "Ticket priority counts",
            Chart::Status => "Ticket status counts",
            Chart::Satisfaction => "Customer satisfaction distribution",
            Chart::WordCloud => "Word cloud",
            Chart::Probability => "Resolution probability by sentiment",
            Chart::Roc => "ROC curve",
        }
    }

    /// The chart with accessible name `name`.
    pub fn parse(name: &str) -> Result<Chart> {
        Self::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| Error::Input {
                field: "chart".into(),
                message: format!("no chart is named '{name}'"),
            })
    }
}

const SENTIMENT: HistogramSpec = HistogramSpec {
    title: "Sentiment score distribution",
    x_label: "Sentiment score (−1 negative, +1 positive)",
    range: (-1.0, 1.0),
    bins: 30,
};

const SATISFACTION: BarSpec = BarSpec {
    title: "Customer satisfaction distribution",
    x_label: "Satisfaction rating",
    y_label: "Tickets",
};

const PRIORITY: BarSpec = BarSpec {
    title: "Ticket priority counts",
    x_label: "Priority",
    y_label: "Tickets",
};

const STATUS: BarSpec = BarSpec {
    title: "Ticket status counts",
    x_label: "Status",
    y_label: "Tickets",
};

fn bars_of(counts: &[(String, u64)]) -> Vec<(&str, u64)> {
    counts.iter().map(|(l, c)| (l.as_str(), *c)).collect()
}

/// The tickets whose outcome is known: (sentiment score, probability, resolved).
fn known(a: &Analysis) -> (Vec<f64>, Vec<f64>, Vec<bool>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for ((s, p), r) in a.scores.iter().zip(&a.probabilities).zip(&a.resolved) {
        if let Some(r) = r {
            out.0.push(*s);
            out.1.push(*p);
            out.2.push(*r);
        }
    }
    out
}

/// What the charts draw, prepared from an [`Analysis`]: its counts, words and curve as they
/// are, the three charts over per-ticket values prepared from every ticket (bin counts and
/// density line, observed rates, ROC curve and calibration), and the per-ticket values
/// themselves dropped, so that a digest is a few kilobytes whatever the export's size. The
/// page's analysis worker makes it; the page's main thread only draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// The analysis, without its per-ticket scores, probabilities and outcomes.
    pub analysis: Analysis,
    sentiment: histogram::Prepared,
    probability: probability::Prepared,
    roc: roc::Prepared,
}

impl Digest {
    /// The digest of `analysis`.
    pub fn of(mut analysis: Analysis) -> Digest {
        let (scores, probabilities, resolved) = known(&analysis);
        let digest = Digest {
            sentiment: histogram::Prepared::of(&SENTIMENT, &analysis.scores, true),
            probability: probability::Prepared::of(&analysis.curve, &scores, &resolved),
            roc: roc::Prepared::of(&resolved, &probabilities),
            analysis: Analysis::default(),
        };
        analysis.scores = Vec::new();
        analysis.probabilities = Vec::new();
        analysis.resolved = Vec::new();
        Digest { analysis, ..digest }
    }
}

/// Draws `chart` of `digest` on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    chart: Chart,
    digest: &Digest,
) -> Result<()> {
    let analysis = &digest.analysis;
    match chart {
        Chart::Sentiment => histogram::draw_prepared(area, frame, &SENTIMENT, &digest.sentiment),
        Chart::Priority => bars::draw(area, frame, &PRIORITY, &bars_of(&analysis.priority_counts)),
        Chart::Status => bars::draw(area, frame, &STATUS, &bars_of(&analysis.status_counts)),
        Chart::Satisfaction => bars::draw(
            area,
            frame,
            &SATISFACTION,
            &bars_of(&analysis.satisfaction_counts),
        ),
        Chart::WordCloud => wordcloud::draw(area, frame, &analysis.words).map(|_| ()),
        Chart::Probability => probability::draw_prepared(area, frame, &digest.probability),
        Chart::Roc => roc::draw_prepared(area, frame, &digest.roc),
    }
}

/// Why `chart` has nothing to draw for `analysis`, when a role it needs is not in the export
/// or the model cannot score the export's tickets.
pub fn missing(chart: Chart, analysis: &Analysis) -> Option<String> {
    let has = |r: Role| analysis.roles.contains(&r);
    let no_column = |what: &str| {
        Some(format!(
            "This file has no {what} column, so there is nothing to draw."
        ))
    };
    match chart {
        Chart::Priority if !has(Role::Priority) => no_column("priority"),
        Chart::Status if !has(Role::Status) => no_column("status"),
        Chart::Satisfaction if !has(Role::Satisfaction) => no_column("satisfaction"),
        Chart::Sentiment | Chart::WordCloud if !has(Role::Description) => no_column("description"),
        Chart::Probability | Chart::Roc => {
            if let Some(why) = &analysis.model_unfit {
                Some(format!(
                    "No probabilities for this file: {why}. Train a model on it to see this chart."
                ))
            } else if chart == Chart::Roc && !has(Role::Status) {
                no_column("status")
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The text alternative of `chart` for `digest`.
pub fn summary(chart: Chart, digest: &Digest) -> String {
    let analysis = &digest.analysis;
    if let Some(why) = missing(chart, analysis) {
        return why;
    }
    match chart {
        Chart::Sentiment => digest.sentiment.summary().to_string(),
        Chart::Priority => bars::summary(&PRIORITY, &bars_of(&analysis.priority_counts)),
        Chart::Status => bars::summary(&STATUS, &bars_of(&analysis.status_counts)),
        Chart::Satisfaction => {
            bars::summary(&SATISFACTION, &bars_of(&analysis.satisfaction_counts))
        }
        Chart::WordCloud => wordcloud::summary(&analysis.words),
        Chart::Probability => digest.probability.summary().to_string(),
        Chart::Roc => digest.roc.summary().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::predict::Models;

    fn svg(chart: Chart, a: &Analysis) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
            draw(&area, Frame::default(), chart, &Digest::of(a.clone())).unwrap();
        }
        svg
    }

    fn summary(chart: Chart, a: &Analysis) -> String {
        super::summary(chart, &Digest::of(a.clone()))
    }

    #[test]
    fn every_chart_of_the_bundled_dataset_draws_with_its_title_and_summary() {
        let a = analyze(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            Some(Models::bundled().unwrap().get("seed").unwrap()),
        )
        .unwrap();
        for chart in Chart::ALL {
            assert_eq!(Chart::parse(chart.name()).unwrap(), chart);
            let svg = svg(chart, &a);
            let texts = crate::charts::svg_texts(&svg);
            let title = match chart {
                Chart::Roc => roc::TITLE,
                _ => chart.name(),
            };
            assert!(texts.iter().any(|t| t == title), "{chart:?}: {texts:?}");
            assert!(!summary(chart, &a).is_empty());
        }
        let priority = crate::charts::svg_texts(&svg(Chart::Priority, &a));
        for count in ["2063", "2192", "2085", "2129"] {
            assert!(priority.iter().any(|t| t == count), "{priority:?}");
        }
        assert!(
            summary(Chart::Roc, &a).contains("AUC"),
            "{}",
            summary(Chart::Roc, &a)
        );
    }

    /// The sentiment histogram of the bundled dataset draws exactly one bar per non-empty bin
    /// (the last bin matters most: it holds every sentiment of 1.0), and the satisfaction chart
    /// one bar per rating, 5.0 included.
    #[test]
    fn every_histogram_draws_one_bar_per_non_empty_bin() {
        let a = analyze(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            Some(Models::bundled().unwrap().get("seed").unwrap()),
        )
        .unwrap();
        let counts = histogram::bin_counts(&SENTIMENT, &a.scores);
        assert!(counts.last().is_some_and(|&c| c > 0), "{counts:?}");
        let non_empty = counts.iter().filter(|&&c| c > 0).count();
        let bars = svg(Chart::Sentiment, &a)
            .matches("fill=\"#3B6EA8\"")
            .count();
        assert_eq!(bars, non_empty, "{counts:?}");
        let ratings = &a.satisfaction_counts;
        assert_eq!(ratings.last().map(|r| r.0.as_str()), Some("5.0"));
        let bars = svg(Chart::Satisfaction, &a)
            .matches("fill=\"#3B6EA8\"")
            .count();
        assert_eq!(bars, ratings.len(), "{ratings:?}");
    }

    /// A digest draws what the per-ticket values draw, and says the same, in a few kilobytes.
    #[test]
    fn a_digest_draws_and_says_what_the_tickets_do_in_a_few_kilobytes() {
        let a = analyze(
            include_bytes!("../www/data/customer_support_tickets.csv"),
            Some(Models::bundled().unwrap().get("seed").unwrap()),
        )
        .unwrap();
        let (scores, probabilities, resolved) = known(&a);
        let raw = |f: &dyn Fn(&DrawingArea<SVGBackend, Shift>) -> Result<()>| {
            let mut svg = String::new();
            {
                let area = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
                f(&area).unwrap();
            }
            svg
        };
        let frame = Frame::default();
        assert_eq!(
            svg(Chart::Sentiment, &a),
            raw(&|area| histogram::draw_with_density(area, frame, &SENTIMENT, &a.scores))
        );
        assert_eq!(
            svg(Chart::Probability, &a),
            raw(&|area| probability::draw(area, frame, &a.curve, &scores, &resolved))
        );
        assert_eq!(
            summary(Chart::Sentiment, &a),
            histogram::summary(&SENTIMENT, &a.scores)
        );
        assert_eq!(
            summary(Chart::Probability, &a),
            probability::summary(&a.curve, &scores, &resolved)
        );
        assert_eq!(
            summary(Chart::Roc, &a),
            roc::summary(&resolved, &probabilities)
        );
        // The ROC curve is thinned to at most PREPARED_POINTS points: the same picture.
        let whole = raw(&|area| roc::draw(area, frame, &resolved, &probabilities));
        let thinned = svg(Chart::Roc, &a);
        assert!(whole.len() > thinned.len());
        assert_eq!(
            crate::charts::svg_texts(&whole),
            crate::charts::svg_texts(&thinned)
        );
        let digest = Digest::of(a);
        assert!(digest.analysis.scores.is_empty() && digest.analysis.probabilities.is_empty());
        let bytes = bincode::serde::encode_to_vec(&digest, bincode::config::standard()).unwrap();
        assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    }

    #[test]
    fn a_file_without_statuses_still_draws_every_chart() {
        let a = analyze(
            b"Customer Age,Ticket Priority,Ticket Description\n30,Low,great stuff\n",
            Some(Models::bundled().unwrap().get("improved").unwrap()),
        )
        .unwrap();
        for chart in Chart::ALL {
            let _ = svg(chart, &a);
            assert!(!summary(chart, &a).is_empty());
        }
        assert_eq!(
            summary(Chart::Status, &a),
            "This file has no status column, so there is nothing to draw."
        );
        assert!(
            summary(Chart::Roc, &a)
                .starts_with("No probabilities for this file: the improved model reads Type")
        );
        assert!(Chart::parse("Pie chart").is_err());
    }
}
