//! The browser boundary: every `#[wasm_bindgen]` export, converting JS values and delegating to
//! the plain-Rust core. Nothing here computes; errors become JS `Error`s, never panics.
//!
//! One crate builds two browser modules: the cargo feature `predictor` adds the exports of
//! [`predictor`] (text features, the bundled models, a prediction and its explanation: what the
//! `<ticket-predictor>` widget and the page's predictor need), and `studio` adds those of
//! [`studio`] (reading an export, the dashboard analysis, its charts). `scripts/build-web.sh`
//! builds each with its own feature, so each module carries only the code its exports reach.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "studio")]
mod canvas;
#[cfg(feature = "predictor")]
pub mod predictor;
#[cfg(feature = "studio")]
pub mod studio;

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Serializes to plain JS objects and arrays (not `Map`s).
#[allow(dead_code)] // unused when neither module's feature is on (a bare `cargo check`)
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}
