//! The studio module's exports: how an export was understood, the dashboard analysis of a
//! ticket export read with the user's mapping and its charts, training a model on it (in the
//! page's worker) and a model's predictions of it.

use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::Canvas;
use super::to_js;
use crate::analysis::{self, Analysis};
use crate::charts::Frame;
use crate::dashboard::{self, Chart};
use crate::predict::Models;
use crate::studio::{self, PageOptions};

/// The page's options object (`undefined`: detection alone).
fn page_options(options: JsValue) -> Result<PageOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(PageOptions::default());
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("the options are not understood: {e}")))
}

/// How an export is understood with `options` (`{mapping, resolved}`): `{layout, header,
/// mapping: [{role, label, header}], statuses: [{value, count, resolved}], tickets, rejected,
/// warnings}`.
#[wasm_bindgen]
pub fn inspect(csv: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    let reading = page_options(options)?.reading()?;
    let (_, inspection) = studio::inspect(csv, &reading)?;
    to_js(&studio::Understood::of(&inspection))
}

/// A model trained in the module: its file and its report.
#[wasm_bindgen]
pub struct TrainedModel {
    outcome: studio::Outcome,
}

#[wasm_bindgen]
impl TrainedModel {
    /// The model file's bytes.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> Vec<u8> {
        self.outcome.bytes.clone()
    }

    /// `{name, target, summary, card, features, roles, metrics, rows, warnings}`.
    #[wasm_bindgen(getter)]
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(&self.outcome.report)
    }
}

/// Trains a model on a ticket export with `options` (`{mapping, resolved, target,
/// permutations}`; the CLI's defaults otherwise), calling `progress(stage)` at each stage.
#[wasm_bindgen]
pub fn train(
    csv: &[u8],
    options: JsValue,
    progress: &js_sys::Function,
) -> Result<TrainedModel, JsError> {
    let options = page_options(options)?;
    let reading = options.reading()?;
    let choices = options.choices()?;
    let mut report = |stage: &str| {
        // A progress callback that throws changes nothing of the training.
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_str(stage));
    };
    Ok(TrainedModel {
        outcome: studio::train_bytes(csv, &reading, &choices, &mut report)?,
    })
}

/// The model file `model`'s probability for every ticket of `csv`, as `id,probability` CSV.
#[wasm_bindgen]
pub fn predictions(csv: &[u8], model: &[u8]) -> Result<String, JsError> {
    Ok(studio::predictions(csv, &studio::load_model(model)?)?)
}

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
    understood: studio::Understood,
}

#[wasm_bindgen]
impl Dashboard {
    /// Analyzes a ticket CSV export with the bundled model `model`, or the model file
    /// `model_file` when one is given, read with `options` (`{mapping, resolved}`; `undefined`:
    /// as detected).
    #[wasm_bindgen(constructor)]
    pub fn new(
        csv: &[u8],
        model: &str,
        options: JsValue,
        model_file: Option<Vec<u8>>,
    ) -> Result<Dashboard, JsError> {
        let reading = page_options(options)?.reading()?;
        let file = model_file.map(|b| studio::load_model(&b)).transpose()?;
        let model = match &file {
            Some(m) => m,
            None => Models::bundled()?.get(model)?,
        };
        let (understood, analysis) = studio::analyze(csv, &reading, Some(model))?;
        Ok(Dashboard {
            analysis,
            understood,
        })
    }

    /// How the file was understood (see [`inspect`]).
    #[wasm_bindgen(getter)]
    pub fn understood(&self) -> Result<JsValue, JsError> {
        to_js(&self.understood)
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
