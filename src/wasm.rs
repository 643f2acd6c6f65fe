//! The browser boundary: every `#[wasm_bindgen]` export, converting JS values and delegating to
//! the plain-Rust core ([`crate::api`], [`crate::dashboard`]). Nothing here computes; errors
//! become JS `Error`s, never panics.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::api::{self, Analysis, Fields};
use crate::charts::Frame;
use crate::dashboard::{self, Chart};
use crate::sentiment::{seed, textblob, vader};

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Serializes to plain JS objects and arrays (not `Map`s).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// A JS object as a field map.
fn fields(value: JsValue, what: &str) -> Result<Fields, JsError> {
    serde_wasm_bindgen::from_value::<Fields>(value)
        .map_err(|_| JsError::new(&format!("{what} must be an object of fields")))
}

/// The seed API's answer.
#[derive(Serialize)]
struct SeedAnswer {
    prediction: bool,
}

/// Predicts a ticket given as `{age, priority, description, channel, type}` (or the CSV's
/// column names) with the bundled model `model` (`"seed"` or `"improved"`): `{probability,
/// resolved, threshold, model, features, contributions, intercept, logit, sentiment, verdict}`.
#[wasm_bindgen]
pub fn predict(ticket: JsValue, model: &str) -> Result<JsValue, JsError> {
    to_js(&api::predict(&fields(ticket, "the ticket")?, model)?)
}

/// The probability of resolution alone (no explanation): the cheapest prediction call.
#[wasm_bindgen(js_name = predictProbability)]
pub fn predict_probability(
    age: f64,
    priority: &str,
    description: &str,
    channel: &str,
    ticket_type: &str,
    model: &str,
) -> Result<f64, JsError> {
    Ok(api::probability(
        age,
        priority,
        description,
        channel,
        ticket_type,
        model,
    )?)
}

/// The seed's `/predict` contract: `{"Customer Age", "Ticket Priority Numeric", "Sentiment
/// Score"}` → `{"prediction": bool}`, answered by the seed model.
#[wasm_bindgen(js_name = seedPredict)]
pub fn seed_predict(request: JsValue) -> Result<JsValue, JsError> {
    let prediction = api::seed_predict(&fields(request, "the request")?)?;
    to_js(&SeedAnswer { prediction })
}

/// The bundled model `name`: features, weights, training, metrics and a plain-language summary.
#[wasm_bindgen(js_name = modelInfo)]
pub fn model_info(name: &str) -> Result<JsValue, JsError> {
    to_js(&api::model_info(name)?)
}

/// TextBlob's `{polarity, subjectivity}` of `text`.
#[wasm_bindgen]
pub fn sentiment(text: &str) -> Result<JsValue, JsError> {
    to_js(&textblob::sentiment(text))
}

/// TextBlob polarity of `text` (one number: the cheapest call, for benchmarks and widgets).
#[wasm_bindgen(js_name = textblobPolarity)]
pub fn textblob_polarity(text: &str) -> f64 {
    textblob::sentiment(text).polarity
}

/// The seed's sentiment score of `text` (TextBlob polarity of the seed-cleaned text).
#[wasm_bindgen(js_name = seedScore)]
pub fn seed_score(text: &str) -> f64 {
    seed::seed_score(text).score
}

/// VADER's compound score of `text`.
#[wasm_bindgen(js_name = vaderCompound)]
pub fn vader_compound(text: &str) -> f64 {
    vader::polarity_scores(text).compound
}

/// ASCII letters in `text`: a pass that merely reads the text, the limit scoring is measured
/// against.
#[wasm_bindgen(js_name = letterCount)]
pub fn letter_count(text: &str) -> u32 {
    text.bytes().filter(u8::is_ascii_alphabetic).count() as u32
}

/// Everything the dashboard draws for a ticket CSV export, as a plain object; unreadable rows
/// are listed in `rejected` with line, field and message.
#[wasm_bindgen]
pub fn analyze(csv: &[u8], model: &str) -> Result<JsValue, JsError> {
    to_js(&api::analyze(csv, model)?)
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
            analysis: api::analyze(csv, model)?,
        })
    }

    /// Tickets analyzed.
    #[wasm_bindgen(getter)]
    pub fn tickets(&self) -> usize {
        self.analysis.scores.len()
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
        let backend = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
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
