//! Browser tests of the wasm boundary, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use ticket_insights::wasm;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Pixels of the canvas that are neither white nor transparent.
fn inked_pixels(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx
        .get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data();
    data.chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 250 || p[1] < 250 || p[2] < 250))
        .count()
}

#[wasm_bindgen_test]
fn sentiment_histogram_draws_on_a_device_pixel_canvas() {
    let canvas = canvas(800, 600);
    wasm::draw_sentiment_histogram(canvas.clone(), &[-0.5, 0.0, 0.0, 0.25, 0.9], 2.0).unwrap();
    let inked = inked_pixels(&canvas);
    assert!(inked > 5_000, "only {inked} inked pixels");
}
