// The model card section: the held-out metrics of the chosen model against the baselines, its
// results in plain words and what it reads, each input by its label and meaning.
import { modelInfo } from './predictor-wasm.js';
import { el, percent, row } from './format.js';

/** The rows of held-out metrics of `info` (from `modelInfo`), next to their baselines. */
export function metricRows(info) {
  const t = info.metrics.test;
  const cv = info.metrics.cv;
  if (!t) return [];
  const rows = [
    ['Accuracy on held-out tickets', percent(t.accuracy), `${percent(t.majority_baseline)} (always "not resolved")`],
    ['Balanced accuracy', t.balanced_accuracy.toFixed(3), '0.500 (any constant guess)'],
    ['ROC AUC', t.roc_auc.toFixed(3), '0.500 (coin flip)'],
    ['Brier score (lower is better)', t.brier.toFixed(4), `${(t.majority_baseline * (1 - t.majority_baseline)).toFixed(4)} (the base rate for everyone)`],
  ];
  if (cv) {
    rows.push(['Cross-validated AUC', cv.mean_auc.toFixed(3),
      `${cv.null_p95_auc.toFixed(3)} (shuffled labels, 95th percentile; p = ${cv.p_value.toFixed(2)})`]);
  }
  return rows.map(row);
}

/** What `info`'s model reads: a term and its meaning per input. */
export function inputItems(info) {
  return info.inputs.flatMap((i) => [el('dt', { textContent: i.label }), el('dd', { textContent: i.meaning })]);
}

/** Fills the card for model `name` (`els.inputs`, if left out, is found by its id). */
export function showCard(name, els) {
  const info = modelInfo(name);
  els.summary.textContent = info.summary;
  els.metrics.tBodies[0].replaceChildren(...metricRows(info));
  const inputs = els.inputs ?? els.summary.ownerDocument.getElementById('card-inputs');
  inputs?.replaceChildren(...inputItems(info));
}
