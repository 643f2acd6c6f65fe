// The predictor wasm module (pkg/predictor/, from scripts/build-web.sh): started once per page
// however many callers ask, and the one place that names its exports, so that a renamed Rust
// export changes this file only. The page's predictor and model card, the <ticket-predictor>
// widget and the bench use it; in the npm package it is the main entry (`ticket-insights`).
import init, {
  letterCount, modelInfo, predict, predictProbability, seedPredict, seedScore, sentiment,
  textblobPolarity, vaderCompound,
} from '../pkg/predictor/predictor.js';

/** Where the .wasm comes from (undefined: predictor_bg.wasm next to the glue). */
let source;
let begun = false;
let starting;

/**
 * Starts the module; every call returns the same promise. `wasm` says where the module is (a
 * URL or its string, a Response or a promise of one, the bytes, or a WebAssembly.Module): by
 * default `predictor_bg.wasm` next to the glue, which is right wherever the package is served
 * as files. A bundled app passes the URL its bundler gave the file. The module starts one
 * microtask after the first call, so a `start(wasm)` in the module that imports the widget
 * comes before any element's own `start()`; after that, another `wasm` is an error.
 */
export function start(wasm) {
  if (wasm !== undefined && wasm !== source) {
    if (begun) throw new Error('ticket-insights: the predictor module has already started; call start(wasm) before it does');
    source = wasm;
  }
  starting ??= Promise.resolve().then(() => {
    begun = true;
    return init(source === undefined ? undefined : { module_or_path: source });
  }).then(() => undefined);
  return starting;
}

export {
  letterCount, modelInfo, predict, predictProbability, seedPredict, seedScore, sentiment,
  textblobPolarity, vaderCompound,
};
