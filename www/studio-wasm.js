// The studio wasm module (pkg/studio/, from scripts/build-web.sh): started when the page first
// asks for it, after its first prediction, and the one place that names its exports, so that a
// renamed Rust export changes this file only. The dashboard, the training worker
// (train-worker.js) and the bench use it.
import init, {
  Dashboard, Scan, Scorer, inspect as inspectFile, predictions as predictionsOf, train as trainOn,
} from '../pkg/studio/studio.js';

export { Scan, Scorer };

let starting;
let memory;

/** Starts the module (studio_bg.wasm next to the glue); every call returns the same promise. */
export const start = () => (starting ??= init().then((exports) => { memory = exports.memory; }));

/** Bytes of this instance's wasm memory (it only grows: the current size is the peak). */
export const wasmBytes = () => memory?.buffer.byteLength ?? 0;

/**
 * A ticket CSV export as a scan analyzed it (scan-worker.js), kept in the module so that
 * redrawing costs no copy.
 */
export class TicketFile {
  /** The dashboard of a scan's encoded digest `analysis` and how the file was `understood`. */
  constructor(analysis, understood) {
    this.dashboard = Dashboard.decode(analysis);
    this.read = understood;
  }

  /** Tickets read. */
  get tickets() { return this.dashboard.tickets; }

  /** The rows that could not be read: `[{line, field, message}]`. */
  get rejected() { return this.dashboard.rejected; }

  /** How the file was understood: {layout, header, mapping: [{role, label, header}], statuses}. */
  get understood() { return this.read; }

  /** The text alternative of the chart whose accessible name is `chart`. */
  summary(chart) { return this.dashboard.summary(chart); }

  /** Draws chart `chart` on `canvas` (backing store in device pixels, `scale` the ratio). */
  draw(canvas, chart, scale) { this.dashboard.draw(canvas, chart, scale); }

  /** Frees the module's copy. */
  free() { this.dashboard.free(); }
}

/** How `bytes` is understood with `options` (see TicketFile.understood). */
export const inspect = (bytes, options) => inspectFile(bytes, options);

/**
 * Trains a model on `bytes` with `options` ({mapping, resolved, target, permutations}),
 * calling `progress(stage)`: resolves nothing, returns {bytes, report}.
 */
export function train(bytes, options, progress) {
  const trained = trainOn(bytes, options, progress);
  try {
    return { bytes: trained.bytes, report: trained.report };
  } finally {
    trained.free();
  }
}

/** The model file `model`'s `id,probability` CSV for every ticket of `bytes`. */
export const predictions = (bytes, model) => predictionsOf(bytes, model);
