//! "ROC curve and calibration": how well the predicted probabilities rank resolved tickets
//! above unresolved ones (the ROC curve against the chance diagonal, with its AUC), and how
//! well they match the observed resolved rate (a reliability diagram), side by side or stacked.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

use super::{
    BLUE, Corner, Frame, GREY, Marker, NO_DATA, ORANGE, chart_error, draw_legend, draw_note,
    input_error,
};
use crate::Result;
use crate::model::ModelError;
use crate::model::metrics::{CalibrationBin, calibration_bins, roc_auc, roc_curve};

/// The chart's title.
pub const TITLE: &str = "ROC curve and calibration";

/// The note drawn when every ticket has the same outcome.
pub const ONE_CLASS: &str = "The ROC curve needs both resolved and unresolved tickets";

/// Equal-width probability bins of the reliability diagram.
pub const CALIBRATION_BINS: usize = 10;

pub use crate::model::metrics::RocPoint;

/// The ROC curve, [`roc_curve`] after checking the inputs: fails on different lengths,
/// non-finite scores, or a single class.
pub fn roc_points(resolved: &[bool], scores: &[f64]) -> Result<Vec<RocPoint>> {
    if resolved.len() != scores.len() {
        return Err(input_error(
            TITLE,
            format!(
                "{} resolved flags but {} probabilities",
                resolved.len(),
                scores.len()
            ),
        ));
    }
    if let Some(row) = scores.iter().position(|s| !s.is_finite()) {
        return Err(ModelError::NonFinite {
            what: "probabilities",
            row,
            column: None,
        }
        .into());
    }
    Ok(roc_curve(resolved, scores)?)
}

/// The rows with a probability in [0, 1] (others are left out), as a 0/1 target and scores.
fn usable(resolved: &[bool], probability: &[f64]) -> (Vec<f64>, Vec<f64>) {
    resolved
        .iter()
        .zip(probability)
        .filter(|(_, p)| (0.0..=1.0).contains(*p))
        .map(|(&r, &p)| (if r { 1.0 } else { 0.0 }, p))
        .unzip()
}

/// What the chart shows for some rows: the ROC curve, its AUC and the calibration bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Evaluation {
    points: Vec<RocPoint>,
    auc: f64,
    bins: Vec<CalibrationBin>,
    rows: usize,
    positives: usize,
}

/// Evaluates the usable rows; `Ok(None)` when there are none, `Err(OneClass)` with one class.
fn evaluate(resolved: &[bool], probability: &[f64]) -> Result<Option<Evaluation>> {
    if resolved.len() != probability.len() {
        return Err(input_error(
            TITLE,
            format!(
                "{} resolved flags but {} probabilities",
                resolved.len(),
                probability.len()
            ),
        ));
    }
    let (y, p) = usable(resolved, probability);
    if y.is_empty() {
        return Ok(None);
    }
    let truth: Vec<bool> = y.iter().map(|&v| v == 1.0).collect();
    let points = roc_points(&truth, &p)?;
    let auc = roc_auc(&y, &p)?;
    let bins = calibration_bins(&y, &p, CALIBRATION_BINS)?;
    Ok(Some(Evaluation {
        points,
        auc,
        bins,
        rows: y.len(),
        positives: truth.iter().filter(|&&t| t).count(),
    }))
}

/// "AUC 0.534".
fn auc_text(auc: f64) -> String {
    format!("AUC {auc:.3}")
}

/// Draws the ROC curve of `probability` (the model's probability of resolution per ticket)
/// against `resolved`, with the chance diagonal and the AUC, next to (or, on a tall area,
/// above) the reliability diagram of [`CALIBRATION_BINS`] bins. Rows whose probability is not
/// in [0, 1] are left out. A "No data" note when no row is left, and [`ONE_CLASS`] when all
/// tickets have the same outcome; fails if the inputs differ in length.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    resolved: &[bool],
    probability: &[f64],
) -> Result<()> {
    let evaluation = match evaluate(resolved, probability) {
        Ok(Some(e)) => e,
        Ok(None) => return draw_note(area, frame, TITLE, NO_DATA),
        Err(crate::Error::Model(ModelError::OneClass)) => {
            return draw_note(area, frame, TITLE, ONE_CLASS);
        }
        Err(e) => return Err(e),
    };
    draw_evaluation(area, frame, &evaluation)
}

/// Points of the ROC curve a [`Prepared`] chart keeps, at most: the curve is thinned to every
/// k-th point (the first and last kept), which no screen tells apart from the whole curve and
/// keeps drawing it cheap at a million tickets; its AUC is computed from every point.
pub const PREPARED_POINTS: usize = 2000;

/// What the chart draws and says, prepared where the rows are (the page's analysis worker), so
/// that drawing it costs no pass over them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    shown: Shown,
    summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Shown {
    NoData,
    OneClass,
    Curve(Evaluation),
    Failed(String),
}

impl Prepared {
    /// The chart of `probability` against `resolved` (as [`draw`] and [`summary`] take them).
    pub fn of(resolved: &[bool], probability: &[f64]) -> Prepared {
        let shown = match evaluate(resolved, probability) {
            Ok(Some(mut e)) => {
                let step = e.points.len().div_ceil(PREPARED_POINTS).max(1);
                if step > 1 {
                    let last = e.points.last().copied();
                    e.points = e.points.iter().copied().step_by(step).collect();
                    if let Some(last) = last
                        && e.points.last() != Some(&last)
                    {
                        e.points.push(last);
                    }
                }
                Shown::Curve(e)
            }
            Ok(None) => Shown::NoData,
            Err(crate::Error::Model(ModelError::OneClass)) => Shown::OneClass,
            Err(e) => Shown::Failed(e.to_string()),
        };
        Prepared {
            shown,
            summary: summary(resolved, probability),
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
    match &prepared.shown {
        Shown::NoData => draw_note(area, frame, TITLE, NO_DATA),
        Shown::OneClass => draw_note(area, frame, TITLE, ONE_CLASS),
        Shown::Failed(message) => Err(input_error(TITLE, message.clone())),
        Shown::Curve(e) => draw_evaluation(area, frame, e),
    }
}

/// Draws an evaluation: the ROC panel and the reliability diagram.
fn draw_evaluation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    evaluation: &Evaluation,
) -> Result<()> {
    let err = chart_error(TITLE);
    // The title by hand, so the panels' size is known even on an area smaller than the title.
    let title_font = TextStyle::from(frame.font(16.0));
    let (_, title_h) = area.estimate_text_size(TITLE, &title_font).map_err(&err)?;
    let top = title_h.saturating_add(frame.px(10.0));
    let (width, height) = area.dim_in_pixel();
    let (w, h) = (width, height.saturating_sub(top));
    area.fill(&WHITE).map_err(&err)?;
    area.draw(&Text::new(
        TITLE,
        (width as i32 / 2, frame.offset(5.0)),
        title_font.pos(Pos::new(HPos::Center, VPos::Top)),
    ))
    .map_err(&err)?;
    if h == 0 {
        area.present().map_err(&err)?;
        return Ok(());
    }
    let body = area.margin(top, 0, 0, 0);
    let (roc_area, calibration_area) = if w as f64 >= 1.4 * h as f64 {
        body.split_horizontally(w / 2)
    } else {
        body.split_vertically(h / 2)
    };
    draw_roc(&roc_area, frame, evaluation)?;
    draw_calibration(&calibration_area, frame, &evaluation.bins)?;
    area.present().map_err(&err)?;
    Ok(())
}

/// A panel: a chart over [0, 1] × [0, 1].
type Panel<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The chart builder shared by both panels: caption, margins, label areas, unit square.
fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    frame: Frame,
    caption: &str,
) -> Result<Panel<'a, DB>> {
    let err = chart_error(TITLE);
    ChartBuilder::on(area)
        .caption(caption, frame.font(13.0))
        .margin(frame.px(8.0))
        .x_label_area_size(frame.px(36.0))
        .y_label_area_size(frame.px(48.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)
        .map_err(&err)
}

/// The ROC panel: the curve, the chance diagonal, and the AUC in the caption and legend.
fn draw_roc<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    evaluation: &Evaluation,
) -> Result<()> {
    let err = chart_error(TITLE);
    let auc = auc_text(evaluation.auc);
    let mut chart = panel(area, frame, &format!("ROC curve ({auc})"))?;
    chart
        .configure_mesh()
        .x_desc("False positive rate")
        .y_desc("True positive rate")
        .label_style(frame.font(10.0))
        .axis_desc_style(frame.font(11.0))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()
        .map_err(&err)?;
    let thin = GREY.stroke_width(frame.px(1.0).max(1));
    chart
        .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], thin))
        .map_err(&err)?;
    let stroke = BLUE.stroke_width(frame.px(2.0).max(1));
    chart
        .draw_series(LineSeries::new(
            evaluation.points.iter().map(|p| (p.fpr, p.tpr)),
            stroke,
        ))
        .map_err(&err)?;
    let model = format!("Model ({auc})");
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        frame,
        TITLE,
        Corner::LowerRight,
        &[
            ("Chance (AUC 0.5)", Marker::Line(thin)),
            (&model, Marker::Line(stroke)),
        ],
    )?;
    Ok(())
}

/// The reliability panel: observed resolved rate against mean predicted probability per
/// non-empty bin, points labelled with their ticket counts, and the perfect-calibration line.
fn draw_calibration<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    bins: &[CalibrationBin],
) -> Result<()> {
    let err = chart_error(TITLE);
    let mut chart = panel(area, frame, "Calibration (10 bins)")?;
    chart
        .configure_mesh()
        .x_desc("Mean predicted probability")
        .y_desc("Observed resolved rate")
        .label_style(frame.font(10.0))
        .axis_desc_style(frame.font(11.0))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()
        .map_err(&err)?;
    let thin = GREY.stroke_width(frame.px(1.0).max(1));
    chart
        .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], thin))
        .map_err(&err)?;
    let points: Vec<(f64, f64, usize)> = bins
        .iter()
        .filter_map(|b| Some((b.mean_predicted?, b.fraction_positive?, b.count)))
        .collect();
    let stroke = ORANGE.stroke_width(frame.px(2.0).max(1));
    let radius = frame.px(3.5).max(1);
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|&(x, y, _)| (x, y)),
            stroke,
        ))
        .map_err(&err)?;
    chart
        .draw_series(
            points
                .iter()
                .map(|&(x, y, _)| Circle::new((x, y), radius, ORANGE.filled())),
        )
        .map_err(&err)?;
    let style = TextStyle::from(frame.font(9.0))
        .color(&GREY)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let offset = radius as i32 + frame.offset(2.0);
    chart
        .draw_series(points.iter().map(|&(x, y, count)| {
            EmptyElement::at((x, y))
                + Text::new(format!("n={count}"), (offset, offset), style.clone())
        }))
        .map_err(&err)?;
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        frame,
        TITLE,
        Corner::UpperLeft,
        &[
            ("Perfectly calibrated", Marker::Line(thin)),
            ("Model", Marker::Line(stroke)),
        ],
    )?;
    Ok(())
}

/// One or two sentences on what the chart shows: the AUC on how many tickets, and the mean
/// predicted probability against the observed resolved rate.
pub fn summary(resolved: &[bool], probability: &[f64]) -> String {
    match evaluate(resolved, probability) {
        Ok(Some(e)) => {
            let mean_p = usable(resolved, probability).1.iter().sum::<f64>() / e.rows as f64;
            format!(
                "ROC {} on {} tickets ({} resolved); 0.5 is chance, 1 is perfect. The mean \
                 predicted probability is {:.1}% against an observed resolved rate of {:.1}%.",
                auc_text(e.auc),
                e.rows,
                e.positives,
                mean_p * 100.0,
                e.positives as f64 / e.rows as f64 * 100.0
            )
        }
        Ok(None) => "No tickets with a predicted probability.".to_string(),
        Err(crate::Error::Model(ModelError::OneClass)) => {
            format!("{ONE_CLASS}; all of these tickets have the same outcome.")
        }
        Err(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{render_svg, svg_texts};

    /// `tools/reference/charts_reference.py`: scikit-learn 1.9.1 `roc_curve(Y, S)`, AUC
    /// 0.7428571428571429 (the 0.2 threshold is dropped as collinear).
    const Y: [bool; 12] = [
        true, false, true, true, false, false, true, false, false, true, false, false,
    ];
    const S: [f64; 12] = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1];
    const SKLEARN: [(f64, f64, f64); 9] = [
        (0.0, 0.0, f64::INFINITY),
        (0.0, 0.2, 0.9),
        (0.14285714285714285, 0.4, 0.8),
        (0.14285714285714285, 0.6, 0.7),
        (0.42857142857142855, 0.6, 0.6),
        (0.42857142857142855, 0.8, 0.5),
        (0.5714285714285714, 0.8, 0.4),
        (0.7142857142857143, 1.0, 0.3),
        (1.0, 1.0, 0.1),
    ];

    #[test]
    fn roc_points_match_scikit_learn() {
        let points = roc_points(&Y, &S).unwrap();
        let got: Vec<(f64, f64, f64)> =
            points.iter().map(|p| (p.fpr, p.tpr, p.threshold)).collect();
        assert_eq!(got, SKLEARN);
    }

    #[test]
    fn roc_points_reject_bad_input() {
        assert!(matches!(
            roc_points(&[true, true], &[0.1, 0.2]),
            Err(crate::Error::Model(ModelError::OneClass))
        ));
        assert!(roc_points(&[true, false], &[0.1]).is_err());
        assert!(roc_points(&[true, false], &[0.1, f64::NAN]).is_err());
    }

    /// The texts of an SVG drawing of the chart.
    fn texts(size: (u32, u32), resolved: &[bool], probability: &[f64]) -> Vec<String> {
        svg_texts(&render_svg(size, |area| {
            draw(area, Frame::default(), resolved, probability)
        }))
    }

    #[test]
    fn svg_has_title_panels_auc_and_calibration_counts() {
        let svg = render_svg((900, 400), |area| draw(area, Frame::default(), &Y, &S));
        let texts = svg_texts(&svg);
        for label in [
            TITLE,
            "ROC curve (AUC 0.743)",
            "Model (AUC 0.743)",
            "Chance (AUC 0.5)",
            "False positive rate",
            "True positive rate",
            "Calibration (10 bins)",
            "Mean predicted probability",
            "Observed resolved rate",
            "Perfectly calibrated",
        ] {
            assert!(
                texts.iter().any(|t| t == label),
                "no {label:?} in {texts:?}"
            );
        }
        // Non-empty calibration bins of S: 0.1, 0.2, 0.3 (2), 0.4, 0.5, 0.6 (2), 0.7, 0.8 (2),
        // 0.9, each labelled with its count.
        let bins =
            calibration_bins(&Y.map(|y| if y { 1.0 } else { 0.0 }), &S, CALIBRATION_BINS).unwrap();
        let non_empty: Vec<usize> = bins.iter().map(|b| b.count).filter(|&c| c > 0).collect();
        let labels: Vec<&String> = texts.iter().filter(|t| t.starts_with("n=")).collect();
        assert_eq!(labels.len(), non_empty.len());
        assert_eq!(svg.matches("<circle").count(), non_empty.len());
        // The ROC polyline has one vertex per point.
        let roc = svg
            .split("<polyline")
            .skip(1)
            .find(|p| p.contains("stroke=\"#3B6EA8\""))
            .unwrap();
        let points = roc
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), SKLEARN.len());
    }

    #[test]
    fn tall_areas_stack_the_panels() {
        let svg = render_svg((400, 700), |area| draw(area, Frame::default(), &Y, &S));
        let y_of = |label: &str| -> f64 {
            let tag = svg
                .split("<text")
                .find(|t| {
                    t.split_once('>')
                        .is_some_and(|(_, r)| r.trim_start().starts_with(label))
                })
                .unwrap();
            tag.split(" y=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!(y_of("Calibration (10 bins)") > y_of("ROC curve (AUC 0.743)") + 250.0);
    }

    #[test]
    fn one_class_empty_and_unusable_inputs_draw_notes() {
        assert_eq!(
            texts((600, 300), &[true, true], &[0.2, 0.7]),
            [TITLE, ONE_CLASS]
        );
        assert_eq!(texts((600, 300), &[], &[]), [TITLE, NO_DATA]);
        assert_eq!(
            texts((600, 300), &[true, false], &[f64::NAN, 1.5]),
            [TITLE, NO_DATA]
        );
        // The NaN row is left out, leaving one class.
        assert_eq!(
            texts((600, 300), &[true, false], &[0.4, f64::NAN]),
            [TITLE, ONE_CLASS]
        );
    }

    #[test]
    fn mismatched_inputs_are_an_error() {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        assert!(draw(&area, Frame::default(), &[true], &[0.1, 0.2]).is_err());
    }

    #[test]
    fn summary_states_auc_and_calibration() {
        assert_eq!(
            summary(&Y, &S),
            "ROC AUC 0.743 on 12 tickets (5 resolved); 0.5 is chance, 1 is perfect. The mean \
             predicted probability is 51.7% against an observed resolved rate of 41.7%."
        );
        assert_eq!(
            summary(&[false], &[0.3]),
            format!("{ONE_CLASS}; all of these tickets have the same outcome.")
        );
        assert_eq!(
            summary(&[], &[]),
            "No tickets with a predicted probability."
        );
    }
}
