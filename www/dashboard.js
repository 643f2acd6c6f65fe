// The dashboard: analyzes a ticket CSV in the studio module and draws every chart canvas (found
// by its accessible name) at device resolution, with its text summary as the caption.
import { start, TicketFile } from './studio-wasm.js';
import { fitCanvas } from './canvas.js';

const MAX_LISTED = 20;

/** Starts the studio module, then resolves to the Charts of `root`. */
export async function startCharts(root, els) {
  await start();
  return new Charts(root, els);
}

export class Charts {
  constructor(root, els) {
    this.canvases = [...root.querySelectorAll('canvas[aria-label]')];
    this.els = els;
    this.dashboard = null;
    this.bytes = null;
    this.label = '';
    // Redraw a chart only when its own canvas changes size (not when captions reflow the grid).
    const resized = new ResizeObserver((entries) => {
      for (const entry of entries) this.drawOne(entry.target);
    });
    for (const canvas of this.canvases) resized.observe(canvas);
  }

  /** Analyzes `bytes` (a CSV export) with `model`; throws a clear Error on an unreadable file. */
  load(bytes, label, model) {
    const dashboard = new TicketFile(bytes, model);
    this.dashboard?.free();
    this.dashboard = dashboard;
    this.bytes = bytes;
    this.label = label;
    this.showSummary();
    for (const canvas of this.canvases) {
      const name = canvas.getAttribute('aria-label');
      canvas.parentElement.querySelector('figcaption').textContent = dashboard.summary(name);
      this.drawOne(canvas);
    }
  }

  /** Re-analyzes the current file with another model. */
  setModel(model) {
    if (this.bytes) this.load(this.bytes, this.label, model);
  }

  showSummary() {
    const d = this.dashboard;
    const rejected = d.rejected;
    this.els.summary.textContent = `${d.tickets} tickets from ${this.label}` +
      (rejected.length ? `; ${rejected.length} rows could not be read.` : '.');
    this.els.problems.replaceChildren();
    if (rejected.length) {
      const intro = document.createElement('p');
      intro.textContent = `${rejected.length} rows were skipped:`;
      const list = document.createElement('ul');
      for (const r of rejected.slice(0, MAX_LISTED)) {
        const li = document.createElement('li');
        li.textContent = `line ${r.line}${r.field ? `, column '${r.field}'` : ''}: ${r.message}`;
        list.append(li);
      }
      this.els.problems.append(intro, list);
      if (rejected.length > MAX_LISTED) {
        const more = document.createElement('p');
        more.textContent = `… and ${rejected.length - MAX_LISTED} more.`;
        this.els.problems.append(more);
      }
    }
  }

  /** Draws one chart canvas at device resolution. */
  drawOne(canvas) {
    if (!this.dashboard) return;
    this.dashboard.draw(canvas, canvas.getAttribute('aria-label'), fitCanvas(canvas));
  }
}
