// The plain-JS floor of the page-load bench (tools/web/bench.mjs): what navigation → first
// prediction costs when no wasm is involved. The bench serves a copy of www/index.html (same
// document, stylesheet and policy) whose module script is this file instead of app.js and whose
// preload hints are gone (nothing here to preload). It writes a fixed, fake prediction into the
// same elements through the page's own formatting (www/format.js): the status line, the verdict,
// the four reasons, the tone line and the 12-row exact table the improved model shows; then marks
// `ti:first-prediction` as app.js does. The page's first prediction can only be slower by what
// the predictor module costs: its glue, the wasm download, compile and instantiate, the model
// decoding and one `predict`.
import { chance, exactRows, reasonItems } from '../format.js';

const FEATURES = ['Customer age', 'Priority', 'Tone of the description', 'Type: Technical issue',
  'Type: Billing inquiry', 'Type: Cancellation request', 'Type: Product inquiry',
  'Type: Refund request', "Strength of the description's tone", "Direction of the description's tone"];
const reason = (i) => ({ label: FEATURES[i], text: `input ${i} is something`, shown: i - 2, log_odds: i / 100, features: ['x'] });
const fake = {
  probability: 0.419, model: 'improved', intercept: -0.738, logit: -0.329,
  verdict: '42% chance this ticket gets resolved, by this model. It barely tells tickets apart.',
  contributions: FEATURES.map((label, i) => ({ label, value: i, contribution: (i - 4) / 100, points: i - 4 })),
  explanation: { base: 0.323, start: 'Starting point: 32.3%.', sentence: 'Together: +9.6 points.', reasons: [0, 1, 2, 3].map(reason) },
  tone: 'Tone of the description: −0.600 by the original project\'s score.',
};
const $ = (id) => document.getElementById(id);
$('prediction').textContent = chance(fake);
$('verdict').textContent = fake.verdict;
$('why').hidden = false;
$('why-start').textContent = fake.explanation.start;
$('reasons').replaceChildren(...reasonItems(fake));
$('why-sum').textContent = fake.explanation.sentence;
$('sentiment-values').textContent = fake.tone;
$('contributions').tBodies[0].replaceChildren(...exactRows(fake));
performance.mark('ti:first-prediction');
