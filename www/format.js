// Formatting shared by the page and the widget: the probability line, percentages, signed
// log-odds terms, feature values, and the rows of the table that explains a prediction. Text
// goes into cells only through textContent.

/** `0.1234` → `12.3%`. */
export const percent = (p) => `${(100 * p).toFixed(1)}%`;

/** A log-odds term with its sign: `+0.052`, `−0.130` (a minus sign, not a hyphen). */
export const signed = (x) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3);

/** A feature's value as the model saw it: integers as they are, the rest to 3 decimals. */
export const featureValue = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(3));

/** The one-line answer: `12.3% chance of being resolved (improved model)`. */
export const chance = (prediction) =>
  `${percent(prediction.probability)} chance of being resolved (${prediction.model} model)`;

/** A table row; each cell is its text, or `[text, className]`. */
export function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const [text, className] = Array.isArray(cell) ? cell : [cell];
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.append(td);
  }
  return tr;
}

/**
 * The rows explaining `prediction` (from `predict`): feature, value and contribution to the
 * log-odds, then the intercept, then (with `sum`) the log-odds they add up to.
 */
export function contributionRows(prediction, { sum = false } = {}) {
  const rows = prediction.contributions.map((c) => row([
    c.feature,
    [featureValue(c.value), 'num'],
    [signed(c.contribution), `num ${c.contribution >= 0 ? 'up' : 'down'}`],
  ]));
  rows.push(row(['intercept', '', [signed(prediction.intercept), 'num']]));
  if (sum) rows.push(row(['log-odds (sum)', '', [signed(prediction.logit), 'num']]));
  return rows;
}
