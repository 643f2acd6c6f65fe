//! The predictor module's exports: text sentiment, the bundled models, a prediction from raw
//! ticket fields with its explanation, and model information.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::to_js;
use crate::model::artifact::Model;
use crate::predict::{self as api, Models, fields::Fields, present};
use crate::sentiment::{seed, textblob, vader};

/// A crate error as a JS `Error`: `message` in the form programs match on (`field
/// 'customer_age': missing`), `displayMessage` as a person reads it (`Customer age: missing`),
/// and `field`, the role's name, when a field is wrong.
fn js_error(error: &crate::Error) -> JsValue {
    let e = js_sys::Error::new(&error.to_string());
    let names = Models::bundled().map(Models::names).unwrap_or_default();
    let set = |key: &str, value: &str| {
        // Setting a property on a fresh Error cannot fail.
        let _ = js_sys::Reflect::set(&e, &key.into(), &value.into());
    };
    set("displayMessage", &present::error_text(error, &names));
    if let crate::Error::Input { field, .. } = error {
        set("field", field);
    }
    e.into()
}

/// `value` as a JS value, or the error as a JS `Error` ([`js_error`]).
fn answer<T: Serialize>(value: crate::Result<T>) -> Result<JsValue, JsValue> {
    match value {
        Ok(v) => to_js(&v).map_err(JsValue::from),
        Err(e) => Err(js_error(&e)),
    }
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

thread_local! {
    /// Model files loaded by [`load_model`], by the name they were loaded under.
    static LOADED: RefCell<Vec<(String, Rc<Model>)>> = const { RefCell::new(Vec::new()) };
}

/// The model loaded under `name`, if one was.
fn loaded(name: &str) -> Option<Rc<Model>> {
    LOADED.with(|l| {
        l.borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| Rc::clone(m))
    })
}

/// A role a model reads, as an input.
#[derive(Serialize)]
struct RoleField {
    role: &'static str,
    label: &'static str,
}

/// What [`load_model`] answers.
#[derive(Serialize)]
struct LoadedInfo<'a> {
    /// The name it was loaded under.
    name: &'a str,
    /// The roles the model reads, as inputs.
    roles: Vec<RoleField>,
    /// Its information (see [`model_info`]).
    info: api::ModelInfo<'a>,
}

/// Validates the model file `bytes` and registers it under `name`, for [`predict`] and
/// [`model_info`] (replacing a model loaded under that name; the bundled ones cannot be
/// replaced): `{name, roles: [{role, label}], info}`. A file that is not a valid model file is
/// a clear error, and the model loaded before stays.
#[wasm_bindgen(js_name = loadModel)]
pub fn load_model(name: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
    if Models::bundled()?.names().contains(&name) {
        return Err(JsError::new(&format!(
            "'{name}' is a bundled model's name: load a model file under another name"
        )));
    }
    let model = Rc::new(
        Model::from_bytes(bytes)
            .map_err(|e| JsError::new(&format!("this is not a usable model file: {e}")))?,
    );
    let answer = to_js(&LoadedInfo {
        name,
        roles: model
            .roles()
            .into_iter()
            .map(|r| RoleField {
                role: r.name(),
                label: r.label(),
            })
            .collect(),
        info: api::info(&model),
    })?;
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|(n, _)| n != name);
        l.push((name.to_string(), model));
    });
    Ok(answer)
}

/// Predicts a ticket given as `{age, priority, description, channel, type}` (or the CSV's
/// column names) with the bundled model `model` (`"seed"` or `"improved"`): `{probability,
/// resolved, threshold, model, features, contributions, intercept, logit, sentiment, tone,
/// priority, explanation, verdict}`; `model` may also name a model loaded with [`load_model`].
/// Throws an `Error` with a `displayMessage` for a person.
#[wasm_bindgen]
pub fn predict(ticket: JsValue, model: &str) -> Result<JsValue, JsValue> {
    let fields = fields(ticket, "the ticket")?;
    match loaded(model) {
        Some(m) => answer(api::predict_fields(&m, &fields)),
        None => answer(api::predict(&fields, model)),
    }
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
) -> Result<f64, JsValue> {
    api::probability(age, priority, description, channel, ticket_type, model)
        .map_err(|e| js_error(&e))
}

/// The seed's `/predict` contract: `{"Customer Age", "Ticket Priority Numeric", "Sentiment
/// Score"}` → `{"prediction": bool}`, answered by the seed model.
#[wasm_bindgen(js_name = seedPredict)]
pub fn seed_predict(request: JsValue) -> Result<JsValue, JsValue> {
    let request = fields(request, "the request")?;
    answer(api::seed_predict(&request).map(|prediction| SeedAnswer { prediction }))
}

/// The bundled or loaded model `name`: features, weights, training, metrics, a plain-language
/// summary, its inputs in words and its priority levels. Throws for an unknown name, with a
/// `displayMessage`.
#[wasm_bindgen(js_name = modelInfo)]
pub fn model_info(name: &str) -> Result<JsValue, JsValue> {
    match loaded(name) {
        Some(m) => answer(Ok(api::info(&m))),
        None => answer(api::model_info(name)),
    }
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
