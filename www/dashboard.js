// The dashboard: analyzes a ticket CSV export off the main thread, streamed from the File (or
// Blob) by a coordinating worker (scan-worker.js) that spreads the scoring over
// navigator.hardwareConcurrency scoring workers (score-worker.js), with a progress bar and a
// Cancel button; then draws every chart canvas (found by its accessible name) at device
// resolution, one chart per task, with its text summary as the caption. The charts change only
// when an analysis has finished: a failed or cancelled one leaves them as they were.
import { start, TicketFile, wasmBytes } from './studio-wasm.js';
import { fitCanvas } from './canvas.js';

const MAX_LISTED = 20;
/** The model name that stands for the user's model file. */
export const YOURS = 'yours';
/**
 * The largest file the page analyzes, unless the charts element says otherwise
 * (`data-max-file-bytes`): the analysis keeps about 20 bytes per ticket and at most a million
 * ticket ids, so 1 GB (about two million tickets of a typical export) stays well inside a
 * tab's memory; see the README's performance table for the figure measured at 1M tickets.
 */
export const MAX_FILE_BYTES = 1024 ** 3;

/** Seconds the progress text's rate and time left are measured over. */
const RATE_WINDOW = 3;

/** The reason a cancelled analysis gives. */
export class Cancelled extends Error {
  constructor() { super('the analysis was cancelled'); this.name = 'Cancelled'; }
}

/** Starts the studio module, then resolves to the Charts of `root`. */
export async function startCharts(root, els) {
  await start();
  return new Charts(root, els);
}

/** `n` bytes for a person: `12.3 MB`. */
const megabytes = (n) => `${(n / 1e6).toFixed(1)} MB`;
/** A whole number with thousands separators. */
const count = (n) => Math.round(n).toLocaleString('en-US');
/** The next task: lets the browser paint and handle input between two pieces of work. */
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/** A running analysis: a coordinating worker and its scoring workers. */
class Job {
  constructor(file, model, options, modelFile, workers, onProgress) {
    this.workers = [];
    this.promise = new Promise((resolve, reject) => {
      this.reject = reject;
      const coordinator = new Worker(new URL('./scan-worker.js', import.meta.url), { type: 'module' });
      this.workers.push(coordinator);
      const ports = [];
      for (let i = 0; i < workers; i++) {
        const scorer = new Worker(new URL('./score-worker.js', import.meta.url), { type: 'module' });
        this.workers.push(scorer);
        const channel = new MessageChannel();
        scorer.postMessage({ port: channel.port2, model, modelFile }, [channel.port2]);
        scorer.addEventListener('error', (e) => this.fail(new Error(e.message || 'a scoring worker failed to start')));
        ports.push(channel.port1);
      }
      coordinator.addEventListener('message', (e) => {
        const m = e.data;
        if (m.type === 'progress') onProgress(m);
        else if (m.type === 'error') this.fail(new Error(m.message));
        else { this.stop(); resolve(m); }
      });
      coordinator.addEventListener('error', (e) => this.fail(new Error(e.message || 'the analysis worker failed to start')));
      coordinator.postMessage({ file, model, options, modelFile, ports }, ports);
    });
  }

  stop() {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }

  fail(error) {
    this.stop();
    this.reject(error);
  }
}

export class Charts {
  constructor(root, els) {
    this.root = root;
    this.canvases = [...root.querySelectorAll('canvas[aria-label]')];
    this.els = els;
    this.dashboard = null;
    this.file = null;
    this.label = '';
    this.job = null;
    els.cancel?.addEventListener('click', () => this.cancel());
    // Redraw a chart only when its own canvas changes size (not when captions reflow the grid).
    const resized = new ResizeObserver((entries) => {
      for (const entry of entries) this.drawOne(entry.target);
    });
    for (const canvas of this.canvases) resized.observe(canvas);
  }

  /** Scoring workers: the charts element's `data-workers`, else one per logical core. */
  get workers() {
    const given = Number(this.root.dataset.workers);
    return given > 0 ? given : Math.max(1, navigator.hardwareConcurrency || 1);
  }

  /** The largest file analyzed, in bytes. */
  get maxBytes() {
    const given = Number(this.root.dataset.maxFileBytes);
    return given > 0 ? given : MAX_FILE_BYTES;
  }

  /**
   * Analyzes `file` (a File or Blob of a CSV export) with `model` (a bundled model's name, or
   * 'yours': the model file given to `setModelFile`), read with `options` ({mapping, resolved};
   * undefined: as detected), in workers, then draws the charts. Rejects with a clear Error on an
   * unreadable or oversized file, or with Cancelled when cancelled or overtaken by a newer
   * load, leaving the charts as they were.
   */
  async load(file, label, model, options) {
    this.cancel(true);
    if (file.size > this.maxBytes) {
      throw new Error(`${label} is ${megabytes(file.size)}; the page analyzes files up to ${megabytes(this.maxBytes)}, `
        + 'to stay within a browser tab\'s memory. The command line reads any size: ticket-insights inspect --data FILE '
        + '(and predict, evaluate, train).');
    }
    const modelFile = model === YOURS ? this.modelFile : undefined;
    const job = new Job(file, modelFile ? 'improved' : model, options, modelFile, this.workers,
      (p) => { if (this.job === job) this.showProgress(label, p); });
    this.job = job;
    this.showProgress(label, { bytes: 0, total: file.size, tickets: 0, seconds: 0 });
    performance.mark('ti:analysis-start');
    let answer;
    try {
      answer = await job.promise;
    } finally {
      if (this.job === job) {
        this.job = null;
        this.els.progress.hidden = true;
      }
    }
    const decoding = performance.now();
    const dashboard = new TicketFile(answer.analysis, answer.understood);
    performance.measure('ti:decode', { start: decoding });
    this.dashboard?.free();
    this.dashboard = dashboard;
    this.file = file;
    this.label = label;
    this.model = model;
    this.options = options;
    this.seconds = answer.seconds;
    this.showSummary();
    // What the analysis held: every module instance's wasm memory (main thread, coordinator,
    // scorers), for the bench's memory figure (tools/bench/stream.mjs).
    performance.mark('ti:analysis-end', { detail: { wasm: { ...answer.wasm, page: wasmBytes() } } });
    this.root.dataset.drawing = 'true';
    for (const canvas of this.canvases) {
      await nextTask();
      if (this.dashboard !== dashboard) return; // a newer analysis draws
      const name = canvas.getAttribute('aria-label');
      const drawing = performance.now();
      canvas.parentElement.querySelector('figcaption').textContent = dashboard.summary(name);
      this.drawOne(canvas);
      performance.measure(`ti:draw ${name}`, { start: drawing });
    }
    delete this.root.dataset.drawing;
    this.onLoad?.(dashboard.understood);
  }

  /** Resolves once no analysis is under way (whatever its outcome). */
  async idle() {
    while (this.job) await this.job.promise.catch(() => {});
  }

  /** Stops the analysis under way, if any; the charts keep what they show. */
  cancel(quiet = false) {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.els.progress.hidden = true;
    job.fail(new Cancelled());
    if (!quiet) {
      this.els.problems.textContent = `Analysis cancelled.${this.label ? ` The charts still show ${this.label}.` : ''}`;
    }
  }

  /**
   * The progress bar and its text: rows read, bytes, tickets per second and time left. The rate
   * and the time left are over the last few seconds (since the start, until there are), so the
   * workers' start-up stops weighing on them once the analysis is under way.
   */
  showProgress(label, { bytes, total, tickets, seconds }) {
    const { progress, bar, status } = this.els;
    progress.hidden = false;
    bar.max = Math.max(1, total);
    bar.value = Math.min(bytes, total);
    const recent = (this.recent = seconds === 0 ? [] : this.recent ?? []);
    recent.push({ bytes, tickets, seconds });
    while (recent.length > 2 && seconds - recent[1].seconds >= RATE_WINDOW) recent.shift();
    const from = recent.length > 1 && seconds - recent[0].seconds >= RATE_WINDOW / 2
      ? recent[0] : { bytes: 0, tickets: 0, seconds: 0 };
    const span = seconds - from.seconds;
    const rate = span > 0 ? (tickets - from.tickets) / span : 0;
    const byteRate = span > 0 ? (bytes - from.bytes) / span : 0;
    const left = byteRate > 0 && seconds > 0.5 ? (total - bytes) / byteRate : NaN;
    const text = `Analyzing ${label}: ${count(tickets)} tickets, ${megabytes(bytes)} of ${megabytes(total)}`
      + (rate > 0 ? `, ${count(rate)} tickets/s` : '')
      + (Number.isFinite(left) ? `, about ${Math.ceil(left)} s left` : '');
    status.textContent = text;
    bar.setAttribute('aria-valuetext', text);
  }

  /** Re-analyzes the current file with another model. */
  setModel(model) {
    return this.file ? this.load(this.file, this.label, model, this.options) : Promise.resolve();
  }

  /** Re-analyzes the current file read with `options`; rejects, leaving all as it was. */
  setOptions(options) {
    return this.file ? this.load(this.file, this.label, this.model, options) : Promise.resolve();
  }

  /** The user's model file (bytes), which the model name 'yours' stands for. */
  setModelFile(bytes) {
    this.modelFile = bytes;
  }

  showSummary() {
    const d = this.dashboard;
    const rejected = d.rejected;
    const all = d.understood?.rejected ?? rejected.length;
    this.els.summary.textContent = `${d.tickets} tickets from ${this.label}` +
      (all ? `; ${all} rows could not be read.` : '.');
    this.els.problems.replaceChildren();
    if (all) {
      const intro = document.createElement('p');
      intro.textContent = `${all} rows were skipped:`;
      const list = document.createElement('ul');
      for (const r of rejected.slice(0, MAX_LISTED)) {
        const li = document.createElement('li');
        li.textContent = `line ${r.line}${r.field ? `, column '${r.field}'` : ''}: ${r.message}`;
        list.append(li);
      }
      this.els.problems.append(intro, list);
      if (all > MAX_LISTED) {
        const more = document.createElement('p');
        more.textContent = `… and ${all - MAX_LISTED} more.`;
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
