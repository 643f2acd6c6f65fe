// The model card section: the held-out metrics of the chosen model against the baselines.
import { modelInfo } from './predictor-wasm.js';
import { percent, row } from './format.js';

/** Fills the card for model `name`. */
export function showCard(name, els) {
  const info = modelInfo(name);
  els.summary.textContent = info.summary;
  const t = info.metrics.test;
  const cv = info.metrics.cv;
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
  els.metrics.tBodies[0].replaceChildren(...rows.map(row));
}
