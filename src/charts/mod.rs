//! Insight charts, drawn by code generic over plotters' [`DrawingBackend`]: the page passes a
//! canvas backend, native tests an SVG backend.

pub mod histogram;

use plotters::prelude::*;

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
}

impl Default for Frame {
    fn default() -> Self {
        Frame { scale: 1.0 }
    }
}

/// Wraps a plotters drawing error as a crate error naming the chart.
fn chart_error<E: std::error::Error + Send + Sync>(
    chart: &'static str,
) -> impl Fn(DrawingAreaErrorKind<E>) -> Error {
    move |e| Error::Chart {
        chart,
        message: e.to_string(),
    }
}

/// The text content of every `<text>` element of an SVG drawing, trimmed (for tests).
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
