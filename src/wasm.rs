//! The browser boundary: every `#[wasm_bindgen]` export, converting JS values and delegating to
//! the plain-Rust core. Nothing here computes; errors become JS `Error`s, never panics.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{self, Frame, histogram::HistogramSpec};
use crate::sentiment::{seed, textblob};
use crate::tickets::{self, OnBadRow};

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The sentiment-score histogram: 30 bins over [-1, 1], as the seed drew it.
const SENTIMENT_HISTOGRAM: HistogramSpec = HistogramSpec {
    title: "Sentiment score distribution",
    x_label: "Sentiment score",
    range: (-1.0, 1.0),
    bins: 30,
};

/// Draws the sentiment-score distribution of `scores` on `canvas`, whose backing store the
/// page has sized in device pixels; `scale` is the device pixel ratio.
#[wasm_bindgen(js_name = drawSentimentHistogram)]
pub fn draw_sentiment_histogram(
    canvas: HtmlCanvasElement,
    scores: &[f64],
    scale: f64,
) -> Result<(), JsError> {
    let backend = CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
    charts::histogram::draw(
        &backend.into_drawing_area(),
        Frame { scale },
        &SENTIMENT_HISTOGRAM,
        scores,
    )?;
    Ok(())
}

/// TextBlob's `{polarity, subjectivity}` of `text`.
#[wasm_bindgen]
pub fn sentiment(text: &str) -> Result<JsValue, JsError> {
    Ok(serde_wasm_bindgen::to_value(&textblob::sentiment(text))?)
}

/// The dashboard data of a ticket CSV export: `{scores: Float64Array, rejected: [{line, field,
/// message}]}`, where `scores` are the seed sentiment scores of the readable rows.
#[wasm_bindgen(js_name = analyzeCsv)]
pub fn analyze_csv(csv: &[u8]) -> Result<JsValue, JsError> {
    let read = tickets::read(csv, OnBadRow::Skip)?;
    let scores: Vec<f64> = read
        .tickets
        .iter()
        .map(|t| seed::seed_score(&t.description).score)
        .collect();
    let out = js_sys::Object::new();
    js_sys::Reflect::set(
        &out,
        &"scores".into(),
        &js_sys::Float64Array::from(scores.as_slice()),
    )
    .map_err(|_| JsError::new("cannot build the analysis object"))?;
    js_sys::Reflect::set(
        &out,
        &"rejected".into(),
        &serde_wasm_bindgen::to_value(&read.rejected)?,
    )
    .map_err(|_| JsError::new("cannot build the analysis object"))?;
    Ok(out.into())
}
