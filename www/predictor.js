// The predictor: reads the form, asks the wasm module for a prediction on every change and
// shows it with its explanation. Text goes into the DOM only through textContent.
import { predict } from '../pkg/ticket_insights.js';

const percent = (p) => `${(100 * p).toFixed(1)}%`;
const signed = (x) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3);

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
    },
  };
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const [text, className] of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.append(td);
  }
  return tr;
}

/** Shows `prediction` (from the wasm `predict`) in the page's elements. */
export function show(els, prediction) {
  els.status.textContent =
    `${percent(prediction.probability)} chance of being resolved (${prediction.model} model)`;
  els.verdict.textContent = prediction.verdict;
  const s = prediction.sentiment;
  els.sentiment.textContent =
    `Sentiment: seed score ${s.seed.toFixed(3)}, TextBlob polarity ${s.polarity.toFixed(3)}, ` +
    `subjectivity ${s.subjectivity.toFixed(2)}, VADER compound ${s.vader.toFixed(3)}.`;
  const body = els.contributions.tBodies[0];
  body.replaceChildren(
    ...prediction.contributions.map((c) => row([
      [c.feature],
      [Number.isInteger(c.value) ? String(c.value) : c.value.toFixed(3), 'num'],
      [signed(c.contribution), 'num ' + (c.contribution >= 0 ? 'up' : 'down')],
    ])),
    row([['intercept'], [''], [signed(prediction.intercept), 'num']]),
    row([['log-odds (sum)'], [''], [signed(prediction.logit), 'num']]),
  );
}

/** Predicts the form's ticket and shows it; a bad field is shown in place of a prediction. */
export function update(form, els) {
  const { model, ticket } = readForm(form);
  try {
    show(els, predict(ticket, model));
  } catch (e) {
    els.status.textContent = `Cannot predict: ${e.message}`;
    els.verdict.textContent = '';
  }
}
