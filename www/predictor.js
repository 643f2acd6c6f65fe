// The predictor: reads the form, asks the predictor module for a prediction on every change and
// shows it with its explanation. Text goes into the DOM only through textContent.
import { predict } from './predictor-wasm.js';
import { chance, contributionRows } from './format.js';

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

/** Shows `prediction` (from `predict`) in the page's elements. */
export function show(els, prediction) {
  els.status.textContent = chance(prediction);
  els.verdict.textContent = prediction.verdict;
  const s = prediction.sentiment;
  els.sentiment.textContent =
    `Sentiment: seed score ${s.seed.toFixed(3)}, TextBlob polarity ${s.polarity.toFixed(3)}, ` +
    `subjectivity ${s.subjectivity.toFixed(2)}, VADER compound ${s.vader.toFixed(3)}.`;
  els.contributions.tBodies[0].replaceChildren(...contributionRows(prediction, { sum: true }));
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
