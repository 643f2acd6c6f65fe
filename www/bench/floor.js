// The plain-JS floor of the page-load bench (tools/web/bench.mjs): what navigation → first
// prediction costs when no wasm is involved. The bench serves a copy of www/index.html (same
// document, stylesheet and policy) whose module script is this file instead of app.js and whose
// preload hints are gone (nothing here to preload). It writes a fixed, fake prediction into the
// same elements through the page's own formatting (www/format.js): the status line, the verdict,
// the sentiment line and the 12-row contributions table the improved model shows; then marks
// `ti:first-prediction` as app.js does. The page's first prediction can only be slower by what
// the predictor module costs: its glue, the wasm download, compile and instantiate, the model
// decoding and one `predict`.
import { chance, contributionRows } from '../format.js';

const FEATURES = ['age', 'priority_ordinal', 's', 'type_technical_issue', 'type_billing_inquiry',
  'type_cancellation_request', 'type_product_inquiry', 'type_refund_request', 'magnitude', 'polarity'];
const fake = {
  probability: 0.419, model: 'improved', intercept: -0.738, logit: -0.329,
  verdict: '42% chance this ticket gets resolved, so the model says it will not be resolved.',
  contributions: FEATURES.map((feature, i) => ({ feature, value: i, contribution: (i - 4) / 100 })),
};
const $ = (id) => document.getElementById(id);
$('prediction').textContent = chance(fake);
$('verdict').textContent = fake.verdict;
$('sentiment-values').textContent = 'Sentiment: seed score -0.600, TextBlob polarity -0.975, subjectivity 1.00, VADER compound -0.524.';
$('contributions').tBodies[0].replaceChildren(...contributionRows(fake, { sum: true }));
performance.mark('ti:first-prediction');
