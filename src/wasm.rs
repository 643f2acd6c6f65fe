//! The browser boundary: every `#[wasm_bindgen]` export, converting JS values and delegating to
//! the plain-Rust core ([`crate::api`], [`crate::dashboard`]). Nothing here computes; errors
//! become JS `Error`s, never panics.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

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

/// plotters-canvas with text measured by the canvas itself (`measureText`). plotters' own
/// measurement in the browser builds a `<span>` with an inline `style` attribute per string,
/// which a strict Content-Security-Policy (`style-src 'self'`) forbids and which forces a
/// page layout each time.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl Canvas {
    fn new(canvas: HtmlCanvasElement) -> Result<Canvas, JsError> {
        let no_context = || JsError::new("the canvas has no 2D context");
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(no_context)?;
        let inner = CanvasBackend::with_canvas_object(canvas).ok_or_else(no_context)?;
        Ok(Canvas { inner, context })
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        // The same font string plotters-canvas draws with.
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str(),
        ));
        let metrics = self.context.measure_text(text).map_err(|e| {
            let message = e.as_string().unwrap_or_else(|| "measureText failed".into());
            DrawingErrorKind::FontError(message.into())
        })?;
        // The font's own ascent and descent cover every glyph, so boxes laid out with them
        // never overlap once drawn.
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        let height = if height > 0.0 {
            height
        } else {
            style.size() * 1.2
        };
        Ok((metrics.width().ceil() as u32, height.ceil() as u32))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
