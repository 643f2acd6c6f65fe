// The studio panel under the dashboard: how the open file was read (a select per role, a
// checkbox per status; changing them re-analyzes), training a model on it in a Web Worker
// (train-worker.js) with a progress bar and a Cancel button, the trained model's card and
// metrics, downloading it and its predictions, and loading a model file back. A model trained
// or loaded here becomes "your model" in the predictor's model switch. Text goes into the DOM
// only through textContent.
import { loadModel } from './predictor-wasm.js';
import { percent, row } from './format.js';
import { YOURS } from './dashboard.js';

const $ = (id) => document.getElementById(id);

/**
 * The largest file the page trains on, unless the studio element says otherwise
 * (`data-max-train-bytes`): training reads the whole file into the worker's memory with every
 * ticket (the dashboard's analysis streams, training does not), and 256 MB (about 500,000
 * tickets of a typical export) trains within a tab's memory; the CLI has no limit.
 */
const MAX_TRAIN_BYTES = 256e6;
const maxTrainBytes = () => Number($('studio').dataset.maxTrainBytes) || MAX_TRAIN_BYTES;

/** The form field of each role the predictor's form can show, by role name. */
const FIELDS = {
  customer_age: 'age', priority: 'priority', channel: 'channel', type: 'type',
  subject: 'subject', created_at: 'created_at',
};
/** Fields a bundled model's form has no input for: added for a model that reads them. */
const EXTRA = [
  { role: 'subject', label: 'Ticket subject', value: '' },
  { role: 'created_at', label: 'Created at (RFC 3339)', value: '2024-03-05T14:22:11+00:00' },
];

/** The training worker (a module worker next to this file; a blob: worker offline). */
function spawnWorker() {
  return new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
}

/** Runs one job in a fresh worker: resolves to its answer, reporting progress on the way. */
function runJob(job, { onProgress, onWorker } = {}) {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker();
    onWorker?.(worker);
    const done = (f, value) => { worker.terminate(); f(value); };
    worker.addEventListener('message', (e) => {
      const m = e.data;
      if (m.type === 'progress') onProgress?.(m.stage);
      else if (m.type === 'error') done(reject, new Error(m.message));
      else done(resolve, m);
    });
    worker.addEventListener('error', (e) => done(reject, new Error(e.message || 'the training worker failed to start')));
    const transfer = job.model ? [job.model.buffer] : [];
    worker.postMessage(job, transfer);
  });
}

/** Saves `data` as a file called `name`. */
function download(data, name, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The rows of a model's metrics table: measure, model, baseline. */
function metricRows(metrics) {
  const t = metrics.test;
  const rows = [];
  if (t) {
    rows.push(
      ['ROC AUC', t.roc_auc.toFixed(3), '0.500 (coin flip)'],
      ['Accuracy on held-out tickets', percent(t.accuracy), `${percent(t.majority_baseline)} (always the majority outcome)`],
      ['Balanced accuracy', t.balanced_accuracy.toFixed(3), '0.500 (any constant guess)'],
      ['Brier score (lower is better)', t.brier.toFixed(4), `${(t.majority_baseline * (1 - t.majority_baseline)).toFixed(4)} (the base rate for everyone)`],
    );
  }
  const cv = metrics.cv;
  if (cv) {
    rows.push(['Cross-validated AUC', cv.mean_auc.toFixed(3), Number.isFinite(cv.null_p95_auc)
      ? `${cv.null_p95_auc.toFixed(3)} (shuffled labels, 95th percentile; p = ${cv.p_value.toFixed(2)})`
      : 'no permutation test was run']);
  }
  return rows.map(row);
}

const FAMILIES = { logistic: 'Logistic regression', boosting: 'Gradient-boosted trees', forest: 'Random forest' };
const TREATMENTS = { none: 'none', weights: 'balanced class weights', under: 'undersampling', over: 'oversampling' };

/** `v` with `digits` decimals, or a dash when it is not a finite number. */
const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** The rows of the learner comparison (`train --learner auto`'s `comparison`), the recommended one marked. */
function comparisonRows(c) {
  return c.candidates.map((k, i) => {
    const t = k.test;
    const tr = row([
      `${FAMILIES[k.family] ?? k.family}${i === c.recommended ? ' (recommended)' : ''}`,
      TREATMENTS[k.treatment] ?? k.treatment,
      `${fixed(k.mean_auc, 3)} ± ${fixed(k.se_auc, 3)}`,
      fixed(k.p_value, 3),
      fixed(t?.roc_auc, 3),
      fixed(t?.balanced_accuracy, 3),
      fixed(t?.log_loss, 3),
      fixed(t?.calibration_error, 3),
      `${(k.file_bytes / 1000).toFixed(1)} kB`,
    ]);
    if (i === c.recommended) tr.className = 'recommended';
    return tr;
  });
}

export class Studio {
  /** `charts`: the dashboard's Charts; `form`: the predictor's form; `onModel()` after a model is registered. */
  constructor(charts, form, onModel) {
    this.charts = charts;
    this.form = form;
    this.onModel = onModel;
    this.model = null; // {bytes, name, roles, info, card, predictions}
    this.worker = null;
    /** Whether the user opened a file (app.js): the panel shows only such files. */
    this.opened = false;
    charts.onLoad = (understood) => { if (this.opened) this.show(understood); };
    $('train').addEventListener('click', () => this.train());
    $('train-cancel').addEventListener('click', () => this.cancel());
    $('download-model').addEventListener('click', () => {
      if (this.model) download(this.model.bytes, `${this.model.name}.bin`, 'application/octet-stream');
    });
    $('download-predictions').addEventListener('click', () => {
      if (this.model?.predictions) download(this.model.predictions, 'predictions.csv', 'text/csv');
    });
    $('model-file').addEventListener('change', (e) => { if (e.target.files[0]) this.openModel(e.target.files[0]); });
    form.addEventListener('change', (e) => { if (e.target.name === 'model') this.showFields(); });
  }

  /** Shows how the open file was read: a select per role, a checkbox per status. */
  show(understood) {
    $('studio').hidden = false;
    this.understood = understood;
    $('mapping-layout').textContent = `Read as a ${understood.layout} export: ${understood.tickets} tickets` +
      (understood.rejected ? `, ${understood.rejected} rows could not be read.` : '.');
    const roles = $('mapping-roles');
    roles.replaceChildren(...understood.mapping.map((m) => {
      const select = document.createElement('select');
      select.id = `map-${m.role}`;
      select.name = m.role;
      select.append(new Option('(none)', ''), ...understood.header.map((h) => new Option(h, h)));
      select.value = m.header ?? '';
      select.addEventListener('change', () => this.remap(m.role === 'status'));
      const label = Object.assign(document.createElement('label'), { htmlFor: select.id, textContent: m.label });
      const div = document.createElement('div');
      div.append(label, select);
      return div;
    }));
    const statuses = $('resolved-statuses');
    statuses.replaceChildren(statuses.querySelector('legend'), ...understood.statuses.map((s, i) => {
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: `status-${i}`, value: s.value, checked: s.resolved });
      box.addEventListener('change', () => this.remap(false));
      const label = Object.assign(document.createElement('label'), { htmlFor: box.id, textContent: s.value });
      const span = document.createElement('span');
      span.append(box, label);
      return span;
    }));
  }

  /** The reading options the panel says: {mapping, resolved}. */
  options(keepStatuses = true) {
    const mapping = {};
    for (const select of $('mapping-roles').querySelectorAll('select')) mapping[select.name] = select.value;
    const resolved = [...$('resolved-statuses').querySelectorAll('input:checked')].map((b) => b.value);
    return keepStatuses ? { mapping, resolved } : { mapping };
  }

  /** Re-analyzes the file as the panel says; a mapping that cannot be read is named, all else kept. */
  async remap(statusChanged) {
    $('mapping-problems').textContent = '';
    const options = this.options(!statusChanged);
    try {
      await this.charts.setOptions(options);
    } catch (e) {
      if (e.name === 'Cancelled') return;
      $('mapping-problems').textContent = `Cannot read the file this way: ${e.message}`;
      this.show(this.understood); // back to the mapping the dashboard shows
    }
  }

  /** Trains on the open file in a worker. */
  async train() {
    if (this.worker || this.waiting) return;
    $('train-problems').textContent = '';
    // A re-analysis under way (a changed mapping) settles what the file is and how it is read.
    this.waiting = true;
    try {
      await this.charts.idle();
    } finally {
      this.waiting = false;
    }
    if (!this.charts.file || this.worker) return;
    const file = this.charts.file;
    if (file.size > maxTrainBytes()) {
      $('train-problems').textContent = `Cannot train on this file in the page: it is ${(file.size / 1e6).toFixed(1)} MB, `
        + `and training here holds the whole file in memory, up to ${(maxTrainBytes() / 1e6).toFixed(1)} MB. `
        + 'The command line trains on any size: ticket-insights train --data FILE --out model.bin, then load the model file here.';
      return;
    }
    const progress = $('train-progress');
    const stage = $('train-stage');
    progress.hidden = false;
    progress.removeAttribute('value');
    $('train-cancel').hidden = false;
    $('train').disabled = true;
    const options = {
      ...this.charts.options ?? this.options(),
      target: $('train-target').value,
      learning: { learner: $('train-learner').value },
      permutations: Number($('train-permutations').value),
    };
    performance.mark('ti:training-start');
    try {
      const answer = await runJob({ type: 'train', file, options }, {
        onWorker: (w) => { this.worker = w; },
        onProgress: (s) => {
          stage.textContent = `${s[0].toUpperCase()}${s.slice(1)}…`;
          progress.setAttribute('aria-valuetext', s);
          const m = /(\d+)\/(\d+)/.exec(s);
          if (m) { progress.max = Number(m[2]); progress.value = Number(m[1]); }
        },
      });
      this.register(answer.bytes, { card: answer.report.card, predictions: answer.predictions });
      stage.textContent = 'Trained.';
    } catch (e) {
      if (this.worker) {
        $('train-problems').textContent = `Cannot train on this file: ${e.message}`;
        stage.textContent = '';
      }
    } finally {
      performance.mark('ti:training-end');
      this.worker = null;
      progress.hidden = true;
      $('train-cancel').hidden = true;
      $('train').disabled = false;
    }
  }

  /** Stops the training under way. */
  cancel() {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    w.terminate();
    $('train-stage').textContent = 'Training cancelled.';
    $('train-progress').hidden = true;
    $('train-cancel').hidden = true;
    $('train').disabled = false;
  }

  /** Loads a model file: it must be a model file that fits the open file. */
  async openModel(file) {
    const problems = $('model-file-problems');
    problems.textContent = '';
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      let predictions;
      if (this.charts.file) {
        ({ predictions } = await runJob({ type: 'predictions', file: this.charts.file, model: bytes.slice() }));
      }
      this.register(bytes, { predictions });
    } catch (e) {
      problems.textContent = `Cannot use ${file.name}: ${e.message}`;
    }
  }

  /** Registers model file `bytes` as "your model" (throws, changing nothing, if it is not one). */
  register(bytes, { card, predictions }) {
    const loaded = loadModel(YOURS, bytes);
    this.model = { bytes, name: loaded.info.name, roles: loaded.roles.map((r) => r.role), info: loaded.info, card, predictions };
    this.charts.setModelFile(bytes);
    const info = loaded.info;
    $('your-model').hidden = false;
    $('your-model-summary').textContent = info.summary;
    $('your-model-metrics').tBodies[0].replaceChildren(...metricRows(info.metrics));
    const comparison = info.metrics.comparison;
    $('your-model-comparison').hidden = !comparison;
    $('your-model-comparison').tBodies[0].replaceChildren(...(comparison ? comparisonRows(comparison) : []));
    $('your-model-recommended').textContent = comparison
      ? `Kept: the simplest model whose outer-CV AUC is at least ${fixed(comparison.cutoff, 3)} (the best's minus one standard error), or the simplest of all when none beats chance; not the top number.`
      : '';
    $('your-model-features').textContent = `It reads ${loaded.roles.map((r) => r.label.toLowerCase()).join(', ')}` +
      ` (${info.features.length} features).`;
    $('your-model-card').textContent = card ?? 'The card of a loaded model file is the one written when it was trained.';
    $('download-predictions').disabled = !predictions;
    this.addSwitch();
    this.showFields();
    this.onModel?.();
  }

  /** Adds "your model" to the predictor's model switch, once. */
  addSwitch() {
    if (this.form.querySelector(`input[name=model][value=${YOURS}]`)) return;
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'model', value: YOURS });
    const label = document.createElement('label');
    label.append(input, ' your model (trained on your file)');
    this.form.querySelector('.model-switch').append(label);
  }

  /** Shows the predictor's fields the chosen model reads (all of them for a bundled model). */
  showFields() {
    const fields = this.form.querySelector('.fields');
    for (const extra of EXTRA) {
      if ($(extra.role)) continue;
      const input = Object.assign(document.createElement('input'), { id: extra.role, name: extra.role, value: extra.value, disabled: true });
      const label = Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: extra.label });
      const div = document.createElement('div');
      div.hidden = true;
      div.append(label, input);
      fields.append(div);
    }
    const yours = new FormData(this.form).get('model') === YOURS && this.model;
    // The choices of priority, channel and type: as the model's export writes them.
    for (const role of ['priority', 'channel', 'type']) {
      const select = $(FIELDS[role]);
      select.bundled ??= [...select.options].map((o) => o.cloneNode(true));
      const spellings = yours ? this.model.info.schema.spellings.filter(([r]) => r === role).map(([, , w]) => w) : [];
      const options = yours ? spellings.map((w) => new Option(w, w)) : select.bundled.map((o) => o.cloneNode(true));
      const keep = select.value;
      select.replaceChildren(...options);
      if ([...select.options].some((o) => o.value === keep)) select.value = keep;
    }
    for (const [role, id] of Object.entries(FIELDS)) {
      const input = $(id);
      const isExtra = EXTRA.some((e) => e.role === role);
      const shown = yours ? this.model.roles.includes(role) : !isExtra;
      input.parentElement.hidden = !shown;
      if (isExtra) input.disabled = !shown;
    }
  }
}
