//! The studio module's exports: how an export was understood, the dashboard analysis of a
//! ticket export streamed by the page's workers (`Scan`, `Scorer`) and its charts drawn from
//! the digest (`Dashboard`), training a model on it (in the page's worker) and a model's
//! predictions of it.

use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::Canvas;
use super::to_js;
use crate::charts::Frame;
use crate::dashboard::{self, Chart, Digest};
use crate::predict::Models;
use crate::studio::scan;
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

/// The bundled model `model`, or the model file `model_file` when one is given.
fn model_of(
    model: &str,
    model_file: Option<Vec<u8>>,
) -> Result<crate::model::artifact::Model, JsError> {
    Ok(match model_file {
        Some(bytes) => studio::load_model(&bytes)?,
        None => Models::bundled()?.get(model)?.clone(),
    })
}

/// Encoded batches as an array of `Uint8Array`s.
fn batches(list: Vec<Vec<u8>>) -> js_sys::Array {
    list.into_iter()
        .map(|b| JsValue::from(js_sys::Uint8Array::from(&b[..])))
        .collect()
}

/// An export analyzed as the page's coordinating worker streams it (see `studio::scan`).
#[wasm_bindgen]
pub struct Scan {
    scan: scan::Scan,
}

#[wasm_bindgen]
impl Scan {
    /// A scan read with `options` (`{mapping, resolved}`), scored with the bundled model `model`
    /// or the model file `model_file`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        model: &str,
        options: JsValue,
        model_file: Option<Vec<u8>>,
    ) -> Result<Scan, JsError> {
        let reading = page_options(options)?.reading()?;
        Ok(Scan {
            scan: scan::Scan::new(&reading, Some(model_of(model, model_file)?)),
        })
    }

    /// Reads the next chunk of the file: the batches now ready for scorers (`Uint8Array`s), to
    /// be answered through `accept` in this order.
    pub fn push(&mut self, chunk: &[u8]) -> Result<js_sys::Array, JsError> {
        Ok(batches(self.scan.push(chunk)?))
    }

    /// Ends the file: the last batches.
    pub fn finish(&mut self) -> Result<js_sys::Array, JsError> {
        Ok(batches(self.scan.finish()?))
    }

    /// A scorer's answer to the oldest batch not yet answered.
    pub fn accept(&mut self, scores: &[u8]) -> Result<(), JsError> {
        Ok(self.scan.accept(scores)?)
    }

    /// Bytes read.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> f64 {
        self.scan.bytes() as f64
    }

    /// Tickets read.
    #[wasm_bindgen(getter)]
    pub fn tickets(&self) -> f64 {
        self.scan.tickets_read() as f64
    }

    /// Batches handed out and not yet answered.
    #[wasm_bindgen(getter, js_name = inFlight)]
    pub fn in_flight(&self) -> usize {
        self.scan.in_flight()
    }

    /// Once finished and answered: `{understood, analysis}`, the analysis's digest (what the
    /// charts draw, a few kilobytes) encoded for `Dashboard.decode` (this scan is used up).
    pub fn result(self) -> Result<JsValue, JsError> {
        let (understood, analysis) = self.scan.result()?;
        let bytes =
            bincode::serde::encode_to_vec(Digest::of(analysis), bincode::config::standard())
                .map_err(|e| JsError::new(&e.to_string()))?;
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &"understood".into(), &to_js(&understood)?)
            .map_err(|_| JsError::new("cannot build the result"))?;
        js_sys::Reflect::set(
            &out,
            &"analysis".into(),
            &js_sys::Uint8Array::from(&bytes[..]).into(),
        )
        .map_err(|_| JsError::new("cannot build the result"))?;
        Ok(out.into())
    }
}

/// A scoring worker's half of the analysis (see `studio::scan::Scorer`).
#[wasm_bindgen]
pub struct Scorer {
    scorer: scan::Scorer,
}

#[wasm_bindgen]
impl Scorer {
    /// A scorer with the bundled model `model` or the model file `model_file`.
    #[wasm_bindgen(constructor)]
    pub fn new(model: &str, model_file: Option<Vec<u8>>) -> Result<Scorer, JsError> {
        Ok(Scorer {
            scorer: scan::Scorer::new(Some(model_of(model, model_file)?)),
        })
    }

    /// The scores of a batch from `Scan.push`.
    pub fn score(&self, batch: &[u8]) -> Result<Vec<u8>, JsError> {
        Ok(self.scorer.score(batch)?)
    }
}

/// An analyzed ticket file kept in the module, so redrawing a chart does not cross the
/// JS boundary with the data again.
#[wasm_bindgen]
pub struct Dashboard {
    digest: Digest,
    understood: Option<studio::Understood>,
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
            digest: Digest::of(analysis),
            understood: Some(understood),
        })
    }

    /// The dashboard of a scan's encoded digest (`Scan.result().analysis`); its `understood`
    /// is the scan's, kept by the page.
    pub fn decode(analysis: &[u8]) -> Result<Dashboard, JsError> {
        let (digest, _) = bincode::serde::decode_from_slice(analysis, bincode::config::standard())
            .map_err(|e| JsError::new(&format!("the analysis could not be read: {e}")))?;
        Ok(Dashboard {
            digest,
            understood: None,
        })
    }

    /// How the file was understood (see [`inspect`]); `null` for a decoded analysis.
    #[wasm_bindgen(getter)]
    pub fn understood(&self) -> Result<JsValue, JsError> {
        to_js(&self.understood)
    }

    /// Tickets analyzed.
    #[wasm_bindgen(getter)]
    pub fn tickets(&self) -> f64 {
        self.digest.analysis.tickets as f64
    }

    /// The rows that could not be read: `[{line, field, message}]`.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> Result<JsValue, JsError> {
        to_js(&self.digest.analysis.rejected)
    }

    /// Metrics of the model on the tickets whose outcome the file gives, or `null`.
    #[wasm_bindgen(getter)]
    pub fn metrics(&self) -> Result<JsValue, JsError> {
        to_js(&self.digest.analysis.metrics)
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
            &self.digest,
        )?;
        Ok(())
    }

    /// The text alternative of the chart whose accessible name is `chart`.
    pub fn summary(&self, chart: &str) -> Result<String, JsError> {
        Ok(dashboard::summary(Chart::parse(chart)?, &self.digest))
    }
}
