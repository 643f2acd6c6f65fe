// The studio wasm module (pkg/studio/, from scripts/build-web.sh): started when the page first
// asks for it, after its first prediction, and the one place that names its exports, so that a
// renamed Rust export changes this file only. The dashboard and the bench use it.
import init, { Dashboard } from '../pkg/studio/studio.js';

let starting;

/** Starts the module (studio_bg.wasm next to the glue); every call returns the same promise. */
export const start = () => (starting ??= init().then(() => undefined));

/** A ticket CSV export analyzed in the module, kept there so that redrawing costs no copy. */
export class TicketFile {
  /** Analyzes `bytes` with the bundled model `model`; throws an Error naming what is wrong. */
  constructor(bytes, model) {
    this.dashboard = new Dashboard(bytes, model);
  }

  /** Tickets read. */
  get tickets() { return this.dashboard.tickets; }

  /** The rows that could not be read: `[{line, field, message}]`. */
  get rejected() { return this.dashboard.rejected; }

  /** The text alternative of the chart whose accessible name is `chart`. */
  summary(chart) { return this.dashboard.summary(chart); }

  /** Draws chart `chart` on `canvas` (backing store in device pixels, `scale` the ratio). */
  draw(canvas, chart, scale) { this.dashboard.draw(canvas, chart, scale); }

  /** Frees the module's copy. */
  free() { this.dashboard.free(); }
}
