//! Insight charts, drawn by code generic over plotters' [`DrawingBackend`]: the page passes a
//! canvas backend, native tests an SVG backend.

pub mod bars;
pub mod histogram;
pub mod probability;
pub mod roc;
pub mod wordcloud;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::Error;

/// Size and pixel density of a drawing, so one chart is crisp at any device pixel ratio.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Device pixels per CSS pixel: fonts, strokes and margins are multiplied by it.
    pub scale: f64,
}

impl Frame {
    /// A length of `css` CSS pixels in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        // Saturating float-to-int cast: NaN or negative scales give 0, never a panic.
        (css * self.scale).round() as u32
    }

    /// A font of `css` CSS pixels.
    pub fn font(&self, css: f64) -> (&'static str, f64) {
        ("sans-serif", css * self.scale)
    }

    /// A length of `css` CSS pixels in device pixels, as a signed coordinate offset.
    fn offset(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
}

impl Default for Frame {
    fn default() -> Self {
        Frame { scale: 1.0 }
    }
}

/// The bar and marker colour shared by the charts.
const BLUE: RGBColor = RGBColor(0x3b, 0x6e, 0xa8);
/// The colour of model curves and density lines.
const ORANGE: RGBColor = RGBColor(0xd9, 0x6c, 0x1e);
/// The colour of notes, reference lines and frames.
const GREY: RGBColor = RGBColor(0x70, 0x70, 0x70);

/// The note drawn instead of a chart when there is nothing to show.
pub const NO_DATA: &str = "No data";

/// Wraps a plotters drawing error as a crate error naming the chart.
fn chart_error<E: std::error::Error + Send + Sync>(
    chart: &'static str,
) -> impl Fn(DrawingAreaErrorKind<E>) -> Error {
    move |e| Error::Chart {
        chart,
        message: e.to_string(),
    }
}

/// A crate error naming the chart, for inputs that do not fit together.
fn input_error(chart: &'static str, message: String) -> Error {
    Error::Chart { chart, message }
}

/// Draws `title` and, centred in a grey frame below it, `message`: what a chart shows when it
/// has nothing to plot.
fn draw_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    title: &'static str,
    message: &str,
) -> crate::Result<()> {
    let err = chart_error(title);
    area.fill(&WHITE).map_err(&err)?;
    let body = area.titled(title, frame.font(16.0)).map_err(&err)?.margin(
        frame.px(8.0),
        frame.px(8.0),
        frame.px(8.0),
        frame.px(8.0),
    );
    let (w, h) = body.dim_in_pixel();
    body.draw(&Rectangle::new(
        [(0, 0), (w as i32 - 1, h as i32 - 1)],
        GREY.stroke_width(frame.px(1.0).max(1)),
    ))
    .map_err(&err)?;
    let style = TextStyle::from(frame.font(14.0))
        .color(&GREY)
        .pos(Pos::new(HPos::Center, VPos::Center));
    body.draw(&Text::new(
        message.to_string(),
        (w as i32 / 2, h as i32 / 2),
        style,
    ))
    .map_err(&err)?;
    area.present().map_err(&err)?;
    Ok(())
}

/// How many y-axis labels to ask plotters for on a count axis reaching `top`, so every label
/// is a whole number: plotters picks steps of 1, 2 or 5 times a power of ten, so asking for at
/// most `top` labels keeps the step at 1 or more.
fn count_labels(top: f64) -> usize {
    if top.is_finite() {
        (top.floor() as usize).clamp(1, 10)
    } else {
        1
    }
}

/// `v` with at most two decimals and no trailing zeros ("-1", "0.07", "3.8"), for summaries.
fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The text content of every `<text>` element of an SVG drawing, trimmed (for tests).
/// What a legend entry shows next to its label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Marker {
    /// A short line in this style.
    Line(ShapeStyle),
    /// A filled dot of this colour.
    Dot(RGBColor),
}

/// Where a legend sits in the plotting area.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Corner {
    UpperLeft,
    UpperRight,
    LowerRight,
}

/// Draws a legend box in `corner` of `plot` (a chart's plotting area in pixels). Labels are
/// measured by the backend (`DrawingArea::estimate_text_size`); plotters' own series labels
/// measure through its font module, which in the browser builds styled DOM elements that a
/// strict Content-Security-Policy forbids.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    frame: Frame,
    title: &'static str,
    corner: Corner,
    entries: &[(&str, Marker)],
) -> crate::Result<()> {
    let err = chart_error(title);
    if entries.is_empty() {
        return Ok(());
    }
    let font = frame.font(10.5);
    let style = TextStyle::from(font).pos(Pos::new(HPos::Left, VPos::Center));
    let mut text_w = 0;
    let mut line_h = 0;
    for (label, _) in entries {
        let (w, h) = plot.estimate_text_size(label, &style).map_err(&err)?;
        text_w = text_w.max(w as i32);
        line_h = line_h.max(h as i32);
    }
    let pad = frame.offset(6.0);
    let swatch = frame.offset(16.0);
    let row = line_h.max(1) + frame.offset(3.0);
    let box_w = pad + swatch + pad + text_w + pad;
    let box_h = pad + row * entries.len() as i32 + pad - frame.offset(3.0);
    let (w, h) = plot.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let margin = frame.offset(6.0);
    let (x0, y0) = match corner {
        Corner::UpperLeft => (margin, margin),
        Corner::UpperRight => (w - margin - box_w, margin),
        Corner::LowerRight => (w - margin - box_w, h - margin - box_h),
    };
    plot.draw(&Rectangle::new(
        [(x0, y0), (x0 + box_w, y0 + box_h)],
        WHITE.mix(0.85).filled(),
    ))
    .map_err(&err)?;
    plot.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], GREY))
        .map_err(&err)?;
    for (k, (label, marker)) in entries.iter().enumerate() {
        let y = y0 + pad + row * k as i32 + line_h / 2;
        let x = x0 + pad;
        match *marker {
            Marker::Line(line) => plot
                .draw(&PathElement::new([(x, y), (x + swatch, y)], line))
                .map_err(&err)?,
            Marker::Dot(color) => plot
                .draw(&Circle::new(
                    (x + swatch / 2, y),
                    frame.px(4.0).max(1),
                    color.filled(),
                ))
                .map_err(&err)?,
        }
        plot.draw(&Text::new(
            label.to_string(),
            (x + swatch + pad, y),
            style.clone(),
        ))
        .map_err(&err)?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| {
            rest.split("</text>")
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect()
}

/// Renders `draw` on an SVG backend of `size` pixels and returns the SVG text (for tests).
#[cfg(test)]
pub(crate) fn render_svg(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> crate::Result<()>,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        if let Err(e) = draw(&area) {
            panic!("drawing failed: {e}");
        }
    }
    svg
}

/// Renders `draw` on an SVG backend of `size` pixels, returning its result (for tests).
#[cfg(test)]
fn render_svg_result(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> crate::Result<()>,
) -> crate::Result<()> {
    let mut svg = String::new();
    let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
    draw(&area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_labels_keep_integer_steps() {
        assert_eq!(count_labels(0.5), 1);
        assert_eq!(count_labels(3.3), 3);
        assert_eq!(count_labels(2200.0), 10);
        assert_eq!(count_labels(f64::NAN), 1);
    }

    #[test]
    fn note_shows_title_and_message() {
        let svg = render_svg((300, 200), |area| {
            draw_note(area, Frame::default(), "A chart", NO_DATA)
        });
        assert_eq!(svg_texts(&svg), ["A chart", "No data"]);
    }

    /// Every chart, on degenerate frames and areas, returns (Ok or an error) without panicking.
    #[test]
    fn degenerate_frames_and_areas_do_not_panic() {
        let spec = histogram::HistogramSpec {
            title: "Sentiment score distribution",
            x_label: "Sentiment score",
            range: (-1.0, 1.0),
            bins: 30,
        };
        let bar_spec = bars::BarSpec {
            title: "Ticket status counts",
            x_label: "Ticket status",
            y_label: "Tickets",
        };
        let values = [-0.5, 0.0, 0.0, 0.3, 0.9];
        let resolved = [true, false, true, false, false];
        let probability = [0.2, 0.3, 0.35, 0.3, 0.1];
        let curve = [(-1.0, 0.4), (1.0, 0.3)];
        let words = wordcloud::word_counts(["issue product issue data"]);
        for scale in [0.0, f64::NAN, -1.0, 40.0] {
            for size in [(1, 1), (30, 20), (400, 300)] {
                let frame = Frame { scale };
                let _ = render_svg_result(size, |a| histogram::draw(a, frame, &spec, &values));
                let _ = render_svg_result(size, |a| {
                    histogram::draw_with_density(a, frame, &spec, &values)
                });
                let _ = render_svg_result(size, |a| {
                    bars::draw(a, frame, &bar_spec, &[("Pending Customer Response", 3)])
                });
                let _ = render_svg_result(size, |a| {
                    probability::draw(a, frame, &curve, &values, &resolved)
                });
                let _ = render_svg_result(size, |a| roc::draw(a, frame, &resolved, &probability));
                let _ = render_svg_result(size, |a| wordcloud::draw(a, frame, &words).map(|_| ()));
            }
        }
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(number(-1.0), "-1");
        assert_eq!(number(0.0667), "0.07");
        assert_eq!(number(3.8), "3.8");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn frame_scales_lengths_and_fonts() {
        let frame = Frame { scale: 2.0 };
        assert_eq!(frame.px(8.0), 16);
        assert_eq!(frame.offset(-3.0), -6);
        assert_eq!(frame.font(12.0).1, 24.0);
        assert_eq!(Frame { scale: f64::NAN }.px(8.0), 0);
    }
}
