//! The studio module's exports: the dashboard analysis of a ticket export and its charts.

use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::Canvas;
use super::to_js;
use crate::analysis::{self, Analysis};
use crate::charts::Frame;
use crate::dashboard::{self, Chart};
use crate::predict::Models;

/// Everything the dashboard draws for a ticket CSV export, as a plain object; unreadable rows
/// are listed in `rejected` with line, field and message.
#[wasm_bindgen]
pub fn analyze(csv: &[u8], model: &str) -> Result<JsValue, JsError> {
    to_js(&analysis::analyze(
        csv,
        Some(Models::bundled()?.get(model)?),
    )?)
}

/// An analyzed ticket file kept in the module, so redrawing a chart does not cross the
/// JS boundary with the data again.
#[wasm_bindgen]
pub struct Dashboard {
    analysis: Analysis,
}

#[wasm_bindgen]
impl Dashboard {
    /// Analyzes a ticket CSV export with the bundled model `model`.
    #[wasm_bindgen(constructor)]
    pub fn new(csv: &[u8], model: &str) -> Result<Dashboard, JsError> {
        Ok(Dashboard {
            analysis: analysis::analyze(csv, Some(Models::bundled()?.get(model)?))?,
        })
    }

    /// Tickets analyzed.
    #[wasm_bindgen(getter)]
    pub fn tickets(&self) -> f64 {
        self.analysis.tickets as f64
    }

    /// The rows that could not be read: `[{line, field, message}]`.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> Result<JsValue, JsError> {
        to_js(&self.analysis.rejected)
    }

    /// Metrics of the model on the tickets whose outcome the file gives, or `null`.
    #[wasm_bindgen(getter)]
    pub fn metrics(&self) -> Result<JsValue, JsError> {
        to_js(&self.analysis.metrics)
    }

    /// The whole analysis as a plain object.
    pub fn data(&self) -> Result<JsValue, JsError> {
        to_js(&self.analysis)
    }

    /// Draws the chart whose accessible name is `chart` on `canvas`, whose backing store the
    /// page has sized in device pixels; `scale` is the device pixel ratio.
    pub fn draw(&self, canvas: HtmlCanvasElement, chart: &str, scale: f64) -> Result<(), JsError> {
        let chart = Chart::parse(chart)?;
        let backend = Canvas::new(canvas)?;
        dashboard::draw(
            &backend.into_drawing_area(),
            Frame { scale },
            chart,
            &self.analysis,
        )?;
        Ok(())
    }

    /// The text alternative of the chart whose accessible name is `chart`.
    pub fn summary(&self, chart: &str) -> Result<String, JsError> {
        Ok(dashboard::summary(Chart::parse(chart)?, &self.analysis))
    }
}
