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
// Attributes: model ("improved" by default, or "seed"; any other name is said in the element,
// and nothing is predicted); model-src (the URL of a model file, same origin or blob:, used
// instead of a bundled model: the element then shows an input for each role that model reads,
// its value from the attribute of the role's name, e.g. subject or created_at; a file that
// cannot be loaded is said in the element and nothing is predicted); layout ("compact" by default: a description and the probability;
// "full" adds age and priority inputs, the verdict and what moved the prediction); age,
// priority, channel, type: the ticket's other fields (defaults 35, Medium, Email, Technical
// issue). The priority choices are the model's own levels; a priority attribute the model does
// not have (priority="urgent") is kept as written, and the element says so, naming the attribute,
// its value and how the model counts it (never a silent default). The element's text is the
// initial description.
//
// Layout: the element is a container (container queries), so it reflows to whatever width it
// is given, from a 280 px helpdesk sidebar to a full page, with nothing wider than itself.
//
// Event: `ticket-prediction` (bubbles, composed) after every prediction, with the wasm
// `predict` answer as `detail`: {probability, resolved, threshold, model, contributions,
// intercept, logit, sentiment, tone, priority, explanation, verdict, features}.
//
// Theming: light or dark after the reader's `prefers-color-scheme`; CSS custom properties set
// on the element or any ancestor override either scheme's defaults (light / dark):
//   --ticket-predictor-font        font shorthand (default: inherit)
//   --ticket-predictor-color       text colour (#1d2733 / #e6edf3)
//   --ticket-predictor-muted       secondary text colour (#4a5566 / #aab4c0)
//   --ticket-predictor-background  background (#fff / #1c2128)
//   --ticket-predictor-field       background of the inputs (#fff / #22272e)
//   --ticket-predictor-border      border (1px solid #d5dae1 / 1px solid #444c56)
//   --ticket-predictor-radius      corner radius (8px)
//   --ticket-predictor-accent      focus ring and probability colour (#3b6ea8 / #79b8ff)
//   --ticket-predictor-up          colour of what raises the chance (#1b7a3d / #56d364)
//   --ticket-predictor-down        colour of what lowers the chance (#b3261e / #ff7b72)
// The parts `field`, `result`, `notice`, `verdict` and `contributions` can be styled with ::part().
import { loadModel, modelInfo, predict, start } from './predictor-wasm.js';
import { chance, el, errorText, percent, reasonItems } from './format.js';

const DEFAULTS = { age: '35', priority: 'Medium', channel: 'Email', type: 'Technical issue' };

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
:host { --fg: #1d2733; --muted: #4a5566; --bg: #fff; --field: #fff; --line: #d5dae1;
  --accent: #3b6ea8; --up: #1b7a3d; --down: #b3261e; color-scheme: light; }
@media (prefers-color-scheme: dark) {
  :host { --fg: #e6edf3; --muted: #aab4c0; --bg: #1c2128; --field: #22272e; --line: #444c56;
    --accent: #79b8ff; --up: #56d364; --down: #ff7b72; color-scheme: dark; }
}
:host { display: block; container-type: inline-size; box-sizing: border-box; min-width: 0;
  max-width: 100%; font: var(--ticket-predictor-font, inherit);
  color: var(--ticket-predictor-color, var(--fg));
  background: var(--ticket-predictor-background, var(--bg));
  border: var(--ticket-predictor-border, 1px solid var(--line));
  border-radius: var(--ticket-predictor-radius, 8px); padding: .75rem; overflow-wrap: anywhere; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
label { display: block; font-weight: 600; margin: .25rem 0; }
textarea, input, select { font: inherit; width: 100%; max-width: 100%; min-width: 0;
  color: inherit; background: var(--ticket-predictor-field, var(--field));
  border: 1px solid var(--line); border-radius: 4px; padding: .25rem .35rem; }
textarea { resize: vertical; display: block; }
textarea:focus-visible, input:focus-visible, select:focus-visible {
  outline: 2px solid var(--ticket-predictor-accent, var(--accent)); outline-offset: 1px; }
.fields { display: grid; grid-template-columns: 1fr; gap: .25rem .75rem; margin-top: .25rem; }
.fields > div { min-width: 0; }
[hidden] { display: none !important; }
[role=status] { font-size: 1.15rem; font-weight: 600; margin: .5rem 0 0;
  color: var(--ticket-predictor-accent, var(--accent)); }
.notice { margin: .35rem 0 0; font-size: .9rem; }
.verdict, .note, .detail { color: var(--ticket-predictor-muted, var(--muted)); }
.verdict { margin: .35rem 0 0; font-size: .9rem; }
.why { margin-top: .5rem; font-size: .9rem; }
.why p { margin: .25rem 0; }
ul { list-style: none; padding: 0; margin: .25rem 0; }
.reason { padding: .3rem 0; border-top: 1px solid var(--line); }
.reason-text { font-weight: 600; }
.points { font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up .points { color: var(--ticket-predictor-up, var(--up)); }
.down .points { color: var(--ticket-predictor-down, var(--down)); }
.detail { display: block; font-size: .8rem; }
@container (min-width: 22rem) {
  :host { padding: .75rem 1rem; }
  .fields { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@container (min-width: 36rem) {
  .reason { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 1rem; }
  .reason .points { grid-column: 2; grid-row: 1; text-align: right; }
  .reason .detail { grid-column: 1 / -1; }
  .fields { grid-template-columns: repeat(4, minmax(0, 1fr)); }
}
`);

let instances = 0;

/** The `<ticket-predictor>` element. */
export class TicketPredictor extends HTMLElement {
  static observedAttributes = ['model', 'model-src', 'layout', 'age', 'priority', 'channel', 'type'];

  constructor() {
    super();
    const id = `tp${++instances}`;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    this.description = el('textarea', { id: `${id}-d`, rows: 3 });
    this.description.setAttribute('part', 'field');
    this.age = el('input', { id: `${id}-a`, type: 'number', min: 0, max: 120, step: 1 });
    this.priority = el('select', { id: `${id}-p` });
    this.fields = el('div', { className: 'fields' },
      el('div', {}, el('label', { htmlFor: this.age.id, textContent: 'Customer age' }), this.age),
      el('div', {}, el('label', { htmlFor: this.priority.id, textContent: 'Ticket priority' }), this.priority));
    this.status = el('p', { textContent: 'Loading the model…' });
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.setAttribute('part', 'result');
    this.notice = el('p', { className: 'notice' });
    this.notice.setAttribute('part', 'notice');
    this.verdict = el('p', { className: 'verdict' });
    this.verdict.setAttribute('part', 'verdict');
    this.start = el('p', { className: 'note' });
    this.reasons = el('ul');
    this.reasons.setAttribute('aria-label', 'What moved this prediction');
    this.reasons.setAttribute('part', 'contributions');
    this.sum = el('p');
    this.why = el('div', { className: 'why' }, this.start, this.reasons, this.sum);
    root.append(
      el('label', { htmlFor: this.description.id, textContent: 'Ticket description' }), this.description,
      this.fields, this.status, this.notice, this.verdict, this.why);
    root.addEventListener('input', () => this.update());
    this.ready = false;
    this.offered = null;
  }

  connectedCallback() {
    if (!this.initialized) {
      this.initialized = true;
      this.description.value = this.textContent.trim();
      this.age.value = this.getAttribute('age') ?? DEFAULTS.age;
      this.wanted = this.getAttribute('priority') ?? DEFAULTS.priority;
    }
    this.layout();
    start().then(() => this.loadModelSrc()).then(() => { this.ready = true; this.update(); }, (e) => {
      this.status.textContent = `The model could not start: ${errorText(e)}`;
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (!this.initialized) return;
    if (name === 'model-src') {
      this.ready = false;
      this.loadModelSrc().then(() => { this.ready = true; this.update(); });
      return;
    }
    if (name === 'age' && value !== null) this.age.value = value;
    if (name === 'priority' && value !== null) {
      this.wanted = value;
      this.offered = null;
    }
    this.layout();
    this.update();
  }

  layout() {
    const full = this.getAttribute('layout') === 'full';
    // A model-src model's own inputs replace the bundled models' age and priority.
    this.fields.hidden = !full || Boolean(this.srcInputs);
    this.verdict.hidden = !full;
    this.why.hidden = !full;
  }

  /** The chosen model: the model-src file's, else the `model` attribute, `improved` when absent. */
  get model() {
    if (this.srcModel) return this.srcModel;
    return this.getAttribute('model') ?? 'improved';
  }

  set model(name) {
    this.setAttribute('model', name);
  }

  /**
   * Loads the model file of `model-src`, if any, and shows an input for each role it reads;
   * resolves once it is loaded, or never (with the reason in the element) when it cannot be,
   * so that no prediction fires.
   */
  async loadModelSrc() {
    this.srcInputs?.forEach(([, input]) => input.parentElement.remove());
    this.srcModel = null;
    this.srcInputs = null;
    const src = this.getAttribute('model-src');
    if (!src) return;
    this.status.textContent = 'Loading the model…';
    let loaded;
    try {
      const url = new URL(src, document.baseURI);
      if (url.origin !== location.origin && url.protocol !== 'blob:') throw new Error('only a same-origin or blob: URL can be loaded');
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      loaded = loadModel(`model-src:${url.href}`, new Uint8Array(await response.arrayBuffer()));
    } catch (e) {
      this.status.textContent = `The model file ${src} could not be loaded: ${errorText(e)}`;
      this.verdict.textContent = '';
      this.why.hidden = true;
      await new Promise(() => {});
    }
    this.srcModel = loaded.name;
    this.srcInputs = loaded.roles.filter((r) => r.role !== 'description').map((r) => {
      const input = el('input', { id: `${this.description.id}-${r.role}`, value: this.getAttribute(r.role) ?? '' });
      input.setAttribute('part', 'field');
      this.fields.before(el('div', {}, el('label', { htmlFor: input.id, textContent: r.label }), input));
      return [r.role, input];
    });
    this.fields.hidden = true;
  }

  /**
   * Offers the model's priority levels, lowest first, keeping the wanted priority: chosen if the
   * model has it (in any case), else added as written.
   */
  offerPriorities() {
    const levels = modelInfo(this.model).priorities.map((l) => l.value);
    const wanted = this.wanted;
    const same = levels.find((v) => v.toLowerCase() === wanted.toLowerCase());
    const options = levels.map((value) => el('option', { value, textContent: value }));
    if (wanted && !same) options.push(el('option', { value: wanted, textContent: wanted }));
    this.priority.replaceChildren(...options);
    this.priority.value = same ?? wanted;
    this.offered = this.model;
  }

  /** Predicts the current fields, shows the prediction and fires `ticket-prediction`. */
  update() {
    if (!this.ready) return;
    // While the choices are the model's, the reader's choice is the one wanted.
    if (this.offered === this.model) this.wanted = this.priority.value;
    let prediction;
    try {
      if (this.offered !== this.model) this.offerPriorities();
      const ticket = {
        description: this.description.value,
        age: this.age.value,
        priority: this.priority.value,
        channel: this.getAttribute('channel') ?? DEFAULTS.channel,
        type: this.getAttribute('type') ?? DEFAULTS.type,
      };
      for (const [role, input] of this.srcInputs ?? []) ticket[role] = input.value;
      prediction = predict(ticket, this.model);
    } catch (e) {
      this.status.textContent = `Cannot predict. ${errorText(e)}`;
      this.notice.textContent = '';
      this.verdict.textContent = '';
      this.why.hidden = true;
      return;
    }
    this.show(prediction);
    this.dispatchEvent(new CustomEvent('ticket-prediction', { detail: prediction, bubbles: true, composed: true }));
  }

  /**
   * What the element says about its `priority` attribute when the model has no such level
   * (`p` is the prediction's priority): the attribute, its value and how it was counted.
   */
  priorityNotice(p) {
    const given = this.getAttribute('priority');
    if (given === null || p.known || given.trim().toLowerCase() !== p.value.toLowerCase()) return '';
    const levels = [...this.priority.options].map((o) => o.value).filter((v) => v !== given);
    const counted = p.counted_as ? `counted as ${p.counted_as}` : 'counted as none of them';
    return `priority="${given}" is not one of this model's priorities (${levels.join(', ')}): ${counted}.`;
  }

  /** Shows `prediction` in the element. */
  show(prediction) {
    this.layout();
    const p = prediction.priority;
    const custom = [...this.priority.options].find((o) => o.value === this.priority.value);
    if (custom && !p.known && p.value) custom.textContent = p.text;
    this.status.textContent = chance(prediction);
    this.notice.textContent = this.priorityNotice(p);
    this.verdict.textContent = prediction.verdict;
    const e = prediction.explanation;
    this.start.textContent = e?.start ?? '';
    this.reasons.replaceChildren(...reasonItems(prediction));
    this.sum.textContent = e?.sentence ?? '';
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
