//! A histogram of values over a fixed range, with equal-width bins.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Frame, chart_error};
use crate::Result;

/// What a histogram shows: its title, axis labels, range and bin count.
#[derive(Debug, Clone)]
pub struct HistogramSpec {
    /// Chart title.
    pub title: &'static str,
    /// Label of the value axis.
    pub x_label: &'static str,
    /// Inclusive lower and upper end of the binned range.
    pub range: (f64, f64),
    /// Number of equal-width bins.
    pub bins: usize,
}

/// Counts `values` into `spec.bins` equal-width bins over `spec.range`; the last bin includes
/// the upper end (as numpy's `histogram` does). Values outside the range or not finite are
/// not counted.
pub fn bin_counts(spec: &HistogramSpec, values: &[f64]) -> Vec<u64> {
    let (lo, hi) = spec.range;
    let mut counts = vec![0; spec.bins];
    let width = (hi - lo) / spec.bins as f64;
    for &v in values {
        if !(lo..=hi).contains(&v) || width <= 0.0 {
            continue;
        }
        let bin = (((v - lo) / width) as usize).min(spec.bins.saturating_sub(1));
        if let Some(count) = counts.get_mut(bin) {
            *count += 1;
        }
    }
    counts
}

/// Draws the histogram of `values` on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &HistogramSpec,
    values: &[f64],
) -> Result<()> {
    let err = chart_error(spec.title);
    let counts = bin_counts(spec, values);
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64 * 1.1;
    let (lo, hi) = spec.range;
    let width = (hi - lo) / spec.bins.max(1) as f64;
    area.fill(&WHITE).map_err(&err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(spec.title, frame.font(16.0))
        .margin(frame.px(8.0))
        .x_label_area_size(frame.px(36.0))
        .y_label_area_size(frame.px(60.0))
        .build_cartesian_2d(lo..hi, 0.0..top)
        .map_err(&err)?;
    chart
        .configure_mesh()
        .x_desc(spec.x_label)
        .y_desc("Tickets")
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(frame.font(11.0))
        .axis_desc_style(frame.font(12.0))
        .light_line_style(WHITE)
        .draw()
        .map_err(&err)?;
    let bar = RGBColor(0x3b, 0x6e, 0xa8).filled();
    chart
        .draw_series(
            counts
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c > 0)
                .map(|(i, &c)| {
                    let x0 = lo + width * i as f64;
                    Rectangle::new([(x0, 0.0), (x0 + width, c as f64)], bar)
                }),
        )
        .map_err(&err)?;
    area.present().map_err(&err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: HistogramSpec = HistogramSpec {
        title: "Sentiment score distribution",
        x_label: "Sentiment score",
        range: (-1.0, 1.0),
        bins: 4,
    };

    #[test]
    fn bins_follow_numpy_edges() {
        let counts = bin_counts(
            &SPEC,
            &[-1.0, -0.5, -0.2, 0.0, 0.49, 0.5, 1.0, 1.5, f64::NAN],
        );
        assert_eq!(counts, [1, 2, 2, 2]);
    }

    #[test]
    fn svg_has_title_axis_labels_and_one_bar_per_non_empty_bin() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
            draw(&area, Frame::default(), &SPEC, &[-0.9, -0.8, 0.1, 0.2, 0.3]).unwrap();
        }
        let texts = crate::charts::svg_texts(&svg);
        for label in ["Sentiment score distribution", "Sentiment score", "Tickets"] {
            assert!(
                texts.iter().any(|t| t == label),
                "no {label:?} in {texts:?}"
            );
        }
        let bars = svg.matches("fill=\"#3B6EA8\"").count();
        assert_eq!(bars, 2, "{svg}");
    }
}
