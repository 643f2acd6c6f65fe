//! ticket-insights: predicts whether a customer-support ticket will be resolved, from the raw
//! ticket, with every feature (text sentiment included) computed by this crate, natively and in
//! the browser.
//!
//! The crate is plain Rust except `wasm`, the one browser-only module, which converts and
//! delegates.
#![warn(missing_docs)]

pub mod analysis;
pub mod card;
pub mod charts;
pub mod dashboard;
pub mod error;
pub mod export;
pub mod features;
pub mod inspect;
pub mod model;
pub mod predict;
pub mod score;
pub mod sentiment;
pub mod synthetic;
pub mod target;
pub mod text;
pub mod ticket;
pub mod time;
pub mod train;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Result};
