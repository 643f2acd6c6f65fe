//! "Resolution probability by sentiment": the model's probability of resolution as a curve
//! over the sentiment score, with the observed resolved rate of the tickets per sentiment bin
//! as points whose size grows with the bin's ticket count.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

use super::{
    BLUE, Corner, Frame, GREY, Marker, NO_DATA, ORANGE, chart_error, draw_legend, draw_note,
    input_error,
};
use crate::Result;

/// The chart's title.
pub const TITLE: &str = "Resolution probability by sentiment";

/// Sentiment bins of the observed rates: equal widths over [-1, 1].
pub const OBSERVED_BINS: usize = 10;

/// The observed resolved rate of the tickets whose sentiment falls in one bin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservedBin {
    /// Lower edge of the bin.
    pub lower: f64,
    /// Upper edge (included for the last bin only).
    pub upper: f64,
    /// Mean sentiment score of the bin's tickets (where its point is drawn).
    pub mean_score: f64,
    /// Tickets in the bin.
    pub tickets: u64,
    /// Resolved tickets in the bin.
    pub resolved: u64,
}

impl ObservedBin {
    /// Share of the bin's tickets that were resolved, in [0, 1].
    pub fn rate(&self) -> f64 {
        self.resolved as f64 / self.tickets.max(1) as f64
    }
}

/// The observed resolved rate per sentiment bin ([`OBSERVED_BINS`] equal bins over [-1, 1],
/// the last including 1, as numpy's `histogram`), empty bins left out. Tickets whose score is
/// not a number in [-1, 1] are not counted. Fails if `scores` and `resolved` differ in length.
pub fn observed_rates(scores: &[f64], resolved: &[bool]) -> Result<Vec<ObservedBin>> {
    if scores.len() != resolved.len() {
        return Err(input_error(
            TITLE,
            format!(
                "{} sentiment scores but {} resolved flags",
                scores.len(),
                resolved.len()
            ),
        ));
    }
    let width = 2.0 / OBSERVED_BINS as f64;
    let mut sums = [(0.0f64, 0u64, 0u64); OBSERVED_BINS];
    for (&s, &r) in scores.iter().zip(resolved) {
        if !(-1.0..=1.0).contains(&s) {
            continue;
        }
        let bin = (((s + 1.0) / width) as usize).min(OBSERVED_BINS - 1);
        if let Some((total, tickets, hits)) = sums.get_mut(bin) {
            *total += s;
            *tickets += 1;
            *hits += u64::from(r);
        }
    }
    Ok(sums
        .iter()
        .enumerate()
        .filter(|(_, (_, tickets, _))| *tickets > 0)
        .map(|(i, &(total, tickets, hits))| ObservedBin {
            lower: -1.0 + width * i as f64,
            upper: -1.0 + width * (i + 1) as f64,
            mean_score: total / tickets as f64,
            tickets,
            resolved: hits,
        })
        .collect())
}

/// The points of `curve` that can be drawn: finite, sentiment in [-1, 1], probability in [0, 1].
fn drawable(curve: &[(f64, f64)]) -> Vec<(f64, f64)> {
    curve
        .iter()
        .copied()
        .filter(|(x, y)| (-1.0..=1.0).contains(x) && (0.0..=1.0).contains(y))
        .collect()
}

/// Draws the model's `curve` (sentiment score → probability of resolution, from the caller's
/// model) as a line and the observed resolved rate of the tickets (`scores[i]`, `resolved[i]`)
/// per sentiment bin as points sized by their ticket count and labelled with it. A "No data"
/// note when there is neither a curve nor a ticket; fails if `scores` and `resolved` differ in
/// length.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    curve: &[(f64, f64)],
    scores: &[f64],
    resolved: &[bool],
) -> Result<()> {
    let bins = observed_rates(scores, resolved)?;
    draw_bins(area, frame, curve, &bins)
}

/// What the chart draws and says, prepared where the tickets are (the page's analysis worker),
/// so that drawing it costs no pass over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    curve: Vec<(f64, f64)>,
    bins: std::result::Result<Vec<ObservedBin>, String>,
    summary: String,
}

impl Prepared {
    /// The chart of `curve` and the observed rates of `scores` against `resolved` (as [`draw`]
    /// and [`summary`] take them).
    pub fn of(curve: &[(f64, f64)], scores: &[f64], resolved: &[bool]) -> Prepared {
        Prepared {
            curve: curve.to_vec(),
            bins: observed_rates(scores, resolved).map_err(|e| e.to_string()),
            summary: summary(curve, scores, resolved),
        }
    }

    /// Its [`summary`].
    pub fn summary(&self) -> &str {
        &self.summary
    }
}

/// Draws a [`Prepared`] chart on `area`.
pub fn draw_prepared<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    prepared: &Prepared,
) -> Result<()> {
    match &prepared.bins {
        Ok(bins) => draw_bins(area, frame, &prepared.curve, bins),
        Err(message) => Err(input_error(TITLE, message.clone())),
    }
}

/// Draws the curve and the observed rates.
fn draw_bins<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    curve: &[(f64, f64)],
    bins: &[ObservedBin],
) -> Result<()> {
    let err = chart_error(TITLE);
    let line = drawable(curve);
    if bins.is_empty() && line.is_empty() {
        return draw_note(area, frame, TITLE, NO_DATA);
    }
    area.fill(&WHITE).map_err(&err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(TITLE, frame.font(16.0))
        .margin(frame.px(8.0))
        .x_label_area_size(frame.px(36.0))
        .y_label_area_size(frame.px(52.0))
        .build_cartesian_2d(-1.0..1.0, 0.0..1.0)
        .map_err(&err)?;
    chart
        .configure_mesh()
        .x_desc("Sentiment score (polarity, -1 to 1)")
        .y_desc("Resolved (%)")
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .label_style(frame.font(11.0))
        .axis_desc_style(frame.font(12.0))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()
        .map_err(&err)?;
    let mut legend = Vec::new();
    if !line.is_empty() {
        let stroke = ORANGE.stroke_width(frame.px(2.0).max(1));
        chart
            .draw_series(LineSeries::new(line, stroke))
            .map_err(&err)?;
        legend.push(("Model: probability of resolution", Marker::Line(stroke)));
    }
    if !bins.is_empty() {
        let most = bins.iter().map(|b| b.tickets).max().unwrap_or(1).max(1) as f64;
        let radius = |tickets: u64| frame.px(2.5 + 5.5 * (tickets as f64 / most).sqrt()).max(1);
        chart
            .draw_series(bins.iter().map(|b| {
                Circle::new(
                    (b.mean_score, b.rate()),
                    radius(b.tickets),
                    BLUE.mix(0.8).filled(),
                )
            }))
            .map_err(&err)?;
        legend.push(("Observed resolved rate (size: tickets)", Marker::Dot(BLUE)));
        let style = TextStyle::from(frame.font(9.0))
            .color(&GREY)
            .pos(Pos::new(HPos::Center, VPos::Bottom));
        chart
            .draw_series(bins.iter().map(|b| {
                let lift = radius(b.tickets) as i32 + frame.offset(2.0);
                EmptyElement::at((b.mean_score, b.rate()))
                    + Text::new(format!("n={}", b.tickets), (0, -lift), style.clone())
            }))
            .map_err(&err)?;
    }
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        frame,
        TITLE,
        Corner::UpperRight,
        &legend,
    )?;
    area.present().map_err(&err)?;
    Ok(())
}

/// A percentage with no decimals.
fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// One or two sentences on what the chart shows: how the model's probability moves from the
/// most negative to the most positive sentiment, and the range of the observed resolved rates.
pub fn summary(curve: &[(f64, f64)], scores: &[f64], resolved: &[bool]) -> String {
    let line = drawable(curve);
    let mut text = match (line.first(), line.last()) {
        (Some(&(x0, y0)), Some(&(x1, y1))) if line.len() > 1 => {
            let verb = if (y1 - y0).abs() < 0.005 {
                "stays near"
            } else if y1 < y0 {
                "falls to"
            } else {
                "rises to"
            };
            format!(
                "The model's probability of resolution is {} at sentiment {} and {verb} {} at \
                 sentiment {}.",
                percent(y0),
                super::number(x0),
                percent(y1),
                super::number(x1)
            )
        }
        _ => String::new(),
    };
    let observed = match observed_rates(scores, resolved) {
        Ok(bins) if !bins.is_empty() => {
            let tickets: u64 = bins.iter().map(|b| b.tickets).sum();
            let lo = bins
                .iter()
                .map(ObservedBin::rate)
                .fold(f64::INFINITY, f64::min);
            let hi = bins
                .iter()
                .map(ObservedBin::rate)
                .fold(f64::NEG_INFINITY, f64::max);
            format!(
                "Observed resolved rate of {tickets} tickets in {} sentiment bins: {} to {}.",
                bins.len(),
                percent(lo),
                percent(hi)
            )
        }
        Ok(_) => "No tickets with a sentiment score.".to_string(),
        Err(e) => e.to_string(),
    };
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(&observed);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{render_svg, svg_texts};

    /// A falling model curve at 21 points.
    fn curve() -> Vec<(f64, f64)> {
        (0..=20)
            .map(|i| {
                let s = -1.0 + i as f64 * 0.1;
                (s, 1.0 / (1.0 + (0.7 + 0.17 * s).exp()))
            })
            .collect()
    }

    const SCORES: [f64; 8] = [-0.95, -0.9, 0.0, 0.05, 0.1, 0.15, 0.5, f64::NAN];
    const RESOLVED: [bool; 8] = [true, false, true, false, false, false, true, true];

    #[test]
    fn observed_rates_bin_and_skip_empty_bins() {
        let bins = observed_rates(&SCORES, &RESOLVED).unwrap();
        let summary: Vec<(f64, u64, u64)> = bins
            .iter()
            .map(|b| (b.lower, b.tickets, b.resolved))
            .collect();
        assert_eq!(summary.len(), 3);
        assert_eq!(summary[0], (-1.0, 2, 1));
        assert!((summary[1].0 - 0.0).abs() < 1e-12 && summary[1].1 == 4 && summary[1].2 == 1);
        assert_eq!((summary[2].1, summary[2].2), (1, 1));
        assert!((bins[1].mean_score - 0.075).abs() < 1e-12);
        assert_eq!(bins[1].rate(), 0.25);
        // 1.0 falls in the last bin.
        let last = observed_rates(&[1.0], &[true]).unwrap();
        assert_eq!(last.len(), 1);
        assert!((last[0].lower - 0.8).abs() < 1e-12);
        assert!(observed_rates(&[0.1], &[]).is_err());
    }

    #[test]
    fn svg_has_title_axes_line_points_and_counts() {
        let svg = render_svg((640, 400), |area| {
            draw(area, Frame::default(), &curve(), &SCORES, &RESOLVED)
        });
        let texts = svg_texts(&svg);
        for label in [
            TITLE,
            "Sentiment score (polarity, -1 to 1)",
            "Resolved (%)",
            "100%",
            "0%",
            "n=2",
            "n=4",
            "n=1",
            "Model: probability of resolution",
            "Observed resolved rate (size: tickets)",
        ] {
            assert!(
                texts.iter().any(|t| t == label),
                "no {label:?} in {texts:?}"
            );
        }
        // Three bin points plus the legend's marker.
        assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
        let polyline = svg
            .split("<polyline")
            .skip(1)
            .find(|p| p.contains("#D96C1E"))
            .expect("the model curve");
        let points = polyline
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), 21);
    }

    #[test]
    fn points_grow_with_ticket_count_and_frame_scale() {
        let radii = |scale: f64| -> Vec<f64> {
            let svg = render_svg((640, 400), |area| {
                draw(area, Frame { scale }, &[], &SCORES, &RESOLVED)
            });
            svg.split("<circle")
                .skip(1)
                .map(|c| {
                    c.split("r=\"")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                })
                .collect()
        };
        let one = radii(1.0);
        // Bins with 2, 4 and 1 tickets (then the legend marker).
        assert!(one[1] > one[0] && one[0] > one[2], "{one:?}");
        let two = radii(2.0);
        for (a, b) in one.iter().zip(&two) {
            assert!((b - 2.0 * a).abs() <= 1.0, "{a} vs {b}");
        }
    }

    #[test]
    fn nothing_to_show_draws_the_no_data_note() {
        let bad_curve = [(f64::NAN, 0.5), (0.0, f64::NAN), (0.0, 1.5)];
        let svg = render_svg((400, 300), |area| {
            draw(area, Frame::default(), &bad_curve, &[f64::NAN], &[true])
        });
        assert_eq!(svg_texts(&svg), [TITLE, NO_DATA]);
    }

    #[test]
    fn mismatched_inputs_are_an_error_not_a_panic() {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        let e = draw(&area, Frame::default(), &curve(), &[0.1, 0.2], &[true]).unwrap_err();
        assert!(
            e.to_string()
                .contains("2 sentiment scores but 1 resolved flags"),
            "{e}"
        );
    }

    #[test]
    fn summary_describes_curve_and_observed_rates() {
        assert_eq!(
            summary(&curve(), &SCORES, &RESOLVED),
            "The model's probability of resolution is 37% at sentiment -1 and falls to 30% at \
             sentiment 1. Observed resolved rate of 7 tickets in 3 sentiment bins: 25% to 100%."
        );
        assert_eq!(summary(&[], &[], &[]), "No tickets with a sentiment score.");
    }
}
