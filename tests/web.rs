//! Browser tests of the wasm boundary, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use ticket_insights::wasm::{predictor, studio};
use wasm_bindgen::{JsCast, JsValue};
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

/// A JS object with the given fields.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &key.into()).unwrap()
}

const CSV: &[u8] = b"Ticket ID,Customer Age,Ticket Priority,Ticket Description,Ticket Status,Customer Satisfaction Rating
1,30,Low,\"I love it, thanks\",Closed,5
2,45,Critical,\"Broken again. Awful.\",Open,
3,52,High,\"Still waiting, very bad\",Pending Customer Response,
4,61,Medium,\"Works fine now, great\",Closed,4
5,abc,Low,bad age,Open,
";

#[wasm_bindgen_test]
fn every_chart_draws_on_a_device_pixel_canvas() {
    // The seed model reads what this file has (age, priority, description).
    let dashboard = studio::Dashboard::new(CSV, "seed", JsValue::UNDEFINED, None).unwrap();
    assert_eq!(dashboard.tickets(), 4.0);
    for chart in [
        "Sentiment score distribution",
        "Ticket priority counts",
        "Ticket status counts",
        "Customer satisfaction distribution",
        "Word cloud",
        "Resolution probability by sentiment",
        "ROC curve",
    ] {
        let canvas = canvas(800, 600);
        dashboard.draw(canvas.clone(), chart, 2.0).unwrap();
        let inked = inked_pixels(&canvas);
        assert!(inked > 2_000, "{chart}: only {inked} inked pixels");
        assert!(!dashboard.summary(chart).unwrap().is_empty());
    }
    assert!(dashboard.draw(canvas(10, 10), "Pie chart", 1.0).is_err());
}

#[wasm_bindgen_test]
fn predict_explains_and_bad_input_is_an_error_not_a_panic() {
    let ticket = object(&[
        ("age", 40.into()),
        ("priority", "Critical".into()),
        ("description", "Terrible, it broke again.".into()),
    ]);
    let p = predictor::predict(ticket, "improved").unwrap();
    let probability = get(&p, "probability").as_f64().unwrap();
    assert!(probability > 0.0 && probability < 1.0);
    let contributions = js_sys::Array::from(&get(&p, "contributions"));
    let sum: f64 = contributions
        .iter()
        .map(|c| get(&c, "contribution").as_f64().unwrap())
        .sum::<f64>()
        + get(&p, "intercept").as_f64().unwrap();
    assert!((sum - get(&p, "logit").as_f64().unwrap()).abs() < 1e-12);
    // Bad input: JS errors, and the module still works afterwards.
    assert!(predictor::predict(object(&[("age", "old".into())]), "seed").is_err());
    assert!(predictor::predict(JsValue::from(5), "seed").is_err());
    assert!(
        predictor::predict(
            object(&[("age", 3.into()), ("priority", "Low".into())]),
            "nope"
        )
        .is_err()
    );
    assert!(studio::Dashboard::new(b"", "seed", JsValue::UNDEFINED, None).is_err());
    let answer = predictor::seed_predict(object(&[
        ("Customer Age", 40.into()),
        ("Ticket Priority Numeric", 3.into()),
        ("Sentiment Score", (-0.5).into()),
    ]))
    .unwrap();
    assert_eq!(get(&answer, "prediction").as_bool(), Some(false));
    assert!(predictor::textblob_polarity("great") > 0.0);
}

#[wasm_bindgen_test]
fn a_model_file_loads_under_a_name_and_a_bad_one_is_refused() {
    let bytes = include_bytes!("../models/seed.bin");
    assert!(
        predictor::load_model("seed", bytes).is_err(),
        "a bundled name"
    );
    assert!(predictor::load_model("mine", b"not a model").is_err());
    assert!(predictor::predict(JsValue::UNDEFINED, "mine").is_err());
    predictor::load_model("mine", bytes).unwrap();
    let ticket = object(&[
        ("age", 40.into()),
        ("priority", "High".into()),
        ("description", "It broke.".into()),
    ]);
    let mine = predictor::predict(ticket.clone(), "mine").unwrap();
    let seed = predictor::predict(ticket, "seed").unwrap();
    let p = |v: &JsValue| {
        js_sys::Reflect::get(v, &"probability".into())
            .unwrap()
            .as_f64()
    };
    assert_eq!(p(&mine), p(&seed));
}
