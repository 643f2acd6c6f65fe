// <ticket-predictor>: an embeddable predictor. One module script tag adds the element to any
// page; it loads the predictor module only (never the studio), resolved relative to this file
// wherever it is hosted, and starts it once for every instance on the page. Styles are a
// constructable stylesheet (no inline <style>), so the element works under `style-src 'self'`.
// The npm package ships this file (`ticket-insights/widget`; types in pkg/widget.d.ts).
//
//   <script type="module" src="https://example.org/ticket-insights/www/widget.js"></script>
//   <ticket-predictor model="improved" layout="full">My order never arrived.</ticket-predictor>
//
// A bundled app whose bundler moves the .wasm calls `start(url)` (exported here too) with the
// URL it gave the file, in the module that imports the widget.
//
// Attributes: model ("improved" by default, or "seed"); layout ("compact" by default: a
// description and the probability; "full" adds age and priority inputs and the contributions);
// age, priority, channel, type: the ticket's other fields (defaults 35, Medium, Email,
// Technical issue). The element's text is the initial description.
//
// Event: `ticket-prediction` (bubbles, composed) after every prediction, with the wasm
// `predict` answer as `detail`: {probability, resolved, threshold, model, contributions,
// intercept, logit, sentiment, verdict, features}.
//
// Theming, with CSS custom properties set on the element or any ancestor:
//   --ticket-predictor-font        font shorthand (default: inherit)
//   --ticket-predictor-color       text colour (default: inherit)
//   --ticket-predictor-background  background (default: #fff)
//   --ticket-predictor-border      border (default: 1px solid #d5dae1)
//   --ticket-predictor-radius      corner radius (default: 8px)
//   --ticket-predictor-accent      focus ring and probability colour (default: #3b6ea8)
//   --ticket-predictor-up          colour of contributions raising the odds (default: #1b7a3d)
//   --ticket-predictor-down        colour of contributions lowering the odds (default: #b3261e)
// The parts `field`, `result` and `contributions` can be styled with ::part().
import { predict, start } from './predictor-wasm.js';
import { chance, contributionRows, percent } from './format.js';

const PRIORITIES = ['Low', 'Medium', 'High', 'Critical'];
const DEFAULTS = { age: '35', priority: 'Medium', channel: 'Email', type: 'Technical issue' };

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
:host { display: block; font: var(--ticket-predictor-font, inherit); color: var(--ticket-predictor-color, inherit);
  background: var(--ticket-predictor-background, #fff); border: var(--ticket-predictor-border, 1px solid #d5dae1);
  border-radius: var(--ticket-predictor-radius, 8px); padding: .75rem 1rem; }
:host([hidden]) { display: none; }
label { display: block; font-weight: 600; margin: .25rem 0; }
textarea, input, select { font: inherit; box-sizing: border-box; }
textarea { width: 100%; resize: vertical; }
textarea:focus-visible, input:focus-visible, select:focus-visible {
  outline: 2px solid var(--ticket-predictor-accent, #3b6ea8); outline-offset: 1px; }
.fields { display: flex; gap: 1rem; flex-wrap: wrap; }
.fields[hidden], table[hidden] { display: none; }
[role=status] { font-size: 1.2rem; font-weight: 600; margin: .5rem 0 0; color: var(--ticket-predictor-accent, #3b6ea8); }
table { border-collapse: collapse; margin-top: .5rem; font-size: .9rem; }
th, td { text-align: left; padding: .1rem .75rem .1rem 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.up { color: var(--ticket-predictor-up, #1b7a3d); }
td.down { color: var(--ticket-predictor-down, #b3261e); }
`);

let instances = 0;

/** A new element with properties and children. */
function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** The `<ticket-predictor>` element. */
export class TicketPredictor extends HTMLElement {
  static observedAttributes = ['model', 'layout', 'age', 'priority', 'channel', 'type'];

  constructor() {
    super();
    const id = `tp${++instances}`;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    this.description = el('textarea', { id: `${id}-d`, rows: 3 });
    this.description.setAttribute('part', 'field');
    this.age = el('input', { id: `${id}-a`, type: 'number', min: 0, max: 120, step: 1 });
    this.priority = el('select', { id: `${id}-p` }, ...PRIORITIES.map((p) => el('option', { textContent: p })));
    this.fields = el('div', { className: 'fields' },
      el('div', {}, el('label', { htmlFor: this.age.id, textContent: 'Customer age' }), this.age),
      el('div', {}, el('label', { htmlFor: this.priority.id, textContent: 'Ticket priority' }), this.priority));
    this.status = el('p', { textContent: 'Loading the model…' });
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.setAttribute('part', 'result');
    this.table = el('table', {},
      el('thead', {}, el('tr', {}, ...['Feature', 'Value', 'Contribution to the log-odds']
        .map((t) => el('th', { scope: 'col', textContent: t })))),
      el('tbody'));
    this.table.setAttribute('aria-label', 'Why: each feature\'s part in the prediction');
    this.table.setAttribute('part', 'contributions');
    root.append(
      el('label', { htmlFor: this.description.id, textContent: 'Ticket description' }), this.description,
      this.fields, this.status, this.table);
    root.addEventListener('input', () => this.update());
    this.ready = false;
  }

  connectedCallback() {
    if (!this.initialized) {
      this.initialized = true;
      this.description.value = this.textContent.trim();
      this.age.value = this.getAttribute('age') ?? DEFAULTS.age;
      this.priority.value = this.getAttribute('priority') ?? DEFAULTS.priority;
    }
    this.layout();
    start().then(() => { this.ready = true; this.update(); }, (e) => {
      this.status.textContent = `The model could not start: ${e.message ?? e}`;
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (!this.initialized) return;
    if (name === 'age' && value !== null) this.age.value = value;
    if (name === 'priority' && value !== null) this.priority.value = value;
    this.layout();
    this.update();
  }

  layout() {
    const full = this.getAttribute('layout') === 'full';
    this.fields.hidden = !full;
    this.table.hidden = !full;
  }

  /** The chosen model: "seed" or "improved" (the default). */
  get model() {
    return this.getAttribute('model') === 'seed' ? 'seed' : 'improved';
  }

  set model(name) {
    this.setAttribute('model', name);
  }

  /** Predicts the current fields, shows the probability and fires `ticket-prediction`. */
  update() {
    if (!this.ready) return;
    const ticket = {
      description: this.description.value,
      age: this.age.value,
      priority: this.priority.value,
      channel: this.getAttribute('channel') ?? DEFAULTS.channel,
      type: this.getAttribute('type') ?? DEFAULTS.type,
    };
    let prediction;
    try {
      prediction = predict(ticket, this.model);
    } catch (e) {
      this.status.textContent = `Cannot predict: ${e.message}`;
      return;
    }
    this.status.textContent = chance(prediction);
    this.table.tBodies[0].replaceChildren(...contributionRows(prediction));
    this.dispatchEvent(new CustomEvent('ticket-prediction', { detail: prediction, bubbles: true, composed: true }));
  }
}

if (!customElements.get('ticket-predictor')) customElements.define('ticket-predictor', TicketPredictor);

/**
 * `<ticket-prediction-log>`: lists the `ticket-prediction` events that reach the document, newest
 * first (at most `limit`, default 10), as a role=log list: a debugging aid for host pages, which
 * under a strict CSP cannot use an inline script for it.
 */
export class TicketPredictionLog extends HTMLElement {
  connectedCallback() {
    if (this.list) return;
    this.list = el('ol');
    this.setAttribute('role', 'log');
    this.append(this.list);
    this.onPrediction = (e) => {
      const source = e.composedPath()[0];
      const name = source.id || source.localName;
      const d = e.detail;
      this.list.prepend(el('li', {
        textContent: `${name}: ${percent(d.probability)} (${d.model} model, ${d.resolved ? 'resolved' : 'not resolved'})`,
      }));
      const limit = Number(this.getAttribute('limit') ?? 10);
      while (this.list.children.length > limit) this.list.lastElementChild.remove();
    };
    document.addEventListener('ticket-prediction', this.onPrediction);
  }

  disconnectedCallback() {
    document.removeEventListener('ticket-prediction', this.onPrediction);
    this.list?.remove();
    this.list = null;
  }
}

if (!customElements.get('ticket-prediction-log')) customElements.define('ticket-prediction-log', TicketPredictionLog);

export { start };
