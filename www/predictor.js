// The predictor: reads the form, asks the predictor module for a prediction on every change and
// shows it explained: the verdict, what moved it most in percentage points, and every input's
// exact log-odds. The priority choices are the chosen model's own levels. Text goes into the
// DOM only through textContent.
import { modelInfo, predict } from './predictor-wasm.js';
import { chance, el, errorText, exactRows, reasonItems } from './format.js';

/** The form's ticket fields and chosen model. */
export function readForm(form) {
  const data = new FormData(form);
  return {
    model: data.get('model') ?? 'improved',
    ticket: {
      age: data.get('age'),
      priority: data.get('priority'),
      channel: data.get('channel'),
      type: data.get('type'),
      description: data.get('description'),
      // Only a model file that reads them gets these inputs (studio.js adds them).
      subject: data.get('subject') ?? '',
      created_at: data.get('created_at') ?? '',
    },
  };
}

/**
 * Offers `model`'s priority levels in `select`, lowest first, keeping the current choice (as
 * written, if the model does not have it).
 */
export function offerPriorities(select, model) {
  const current = select.value;
  const levels = modelInfo(model).priorities.map((l) => l.value);
  const options = levels.map((value) => el('option', { value, textContent: value }));
  const same = levels.find((v) => v.toLowerCase() === current.toLowerCase());
  if (current && !same) options.push(el('option', { value: current, textContent: current }));
  select.replaceChildren(...options);
  select.value = same ?? current;
}

/** The page's elements that show a prediction, by their ids in www/index.html. */
export function elements(doc) {
  const $ = (id) => doc.getElementById(id);
  return {
    status: $('prediction'), verdict: $('verdict'), why: $('why'), start: $('why-start'),
    reasons: $('reasons'), sum: $('why-sum'), method: $('why-method'),
    sentiment: $('sentiment-values'), contributions: $('contributions'),
  };
}

/** Shows `prediction` (from `predict`) in the page's elements. */
export function show(els, prediction) {
  els.status.textContent = chance(prediction);
  els.verdict.textContent = prediction.verdict;
  const e = prediction.explanation;
  els.why.hidden = !e;
  els.start.textContent = e?.start ?? '';
  els.reasons.replaceChildren(...reasonItems(prediction));
  els.sum.textContent = e?.sentence ?? '';
  els.method.textContent = e?.method ?? '';
  els.sentiment.textContent = prediction.tone;
  els.contributions.tBodies[0].replaceChildren(...exactRows(prediction));
}

/** The model whose priority levels each form offers. */
const offered = new WeakMap();
/** Each form's latest request: only its answer is shown. */
const latest = new WeakMap();

/**
 * Predicts the form's ticket and shows it in `els` (any left out are found by id); a bad field
 * or model is said in place of a prediction. `predictWith(ticket, model)` (the module's
 * `predict` by default) may answer at once or with a promise; of overlapping requests, the
 * latest wins: an earlier answer that arrives after it is dropped. Resolves to whether this
 * request's answer was shown (synchronously shown when the answer is immediate).
 */
export function update(form, els = {}, { predictWith = predict } = {}) {
  const page = { ...elements(form.ownerDocument), ...els };
  const request = (latest.get(form) ?? 0) + 1;
  latest.set(form, request);
  const current = () => latest.get(form) === request;
  const fail = (e) => {
    if (!current()) return false;
    page.status.textContent = `Cannot predict. ${errorText(e)}`;
    page.verdict.textContent = '';
    page.why.hidden = true;
    return true;
  };
  const done = (prediction) => {
    if (!current()) return false;
    show(page, prediction);
    return true;
  };
  const { model } = readForm(form);
  let answer;
  try {
    if (offered.get(form) !== model) {
      offerPriorities(form.elements.priority, model);
      offered.set(form, model);
    }
    answer = predictWith(readForm(form).ticket, model);
  } catch (e) {
    return Promise.resolve(fail(e));
  }
  if (typeof answer?.then === 'function') return answer.then(done, fail);
  return Promise.resolve(done(answer));
}
