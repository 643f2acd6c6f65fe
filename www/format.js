// Formatting shared by the page, the card and the widget: the probability line, percentages,
// percentage points and signed log-odds, the list of what moved a prediction and the exact
// table of every input. Every word shown comes from the prediction (the Rust side labels
// everything); text goes into the DOM only through textContent.

/** `0.1234` → `12.3%` (rounded half up in tenths, as the explanation's sentences round). */
export const percent = (p) => `${(Math.round(1000 * p) / 10).toFixed(1)}%`;

/** A signed figure with a real minus sign: `+0.052`, `−0.130`; `digits` decimals. */
export function signed(x, digits = 3) {
  const text = Math.abs(x).toFixed(digits);
  if (/^[0.]+$/.test(text)) return `±${text}`;
  return (x < 0 ? '−' : '+') + text;
}

/** Percentage points: `+0.4 points`, `−6.2 points`. */
export const points = (x) => `${signed(x, 1)} points`;

/** A feature's value as the model saw it: integers as they are, the rest to 3 decimals. */
export const featureValue = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(3));

/** The one-line answer: `12.3% chance of being resolved (improved model)`. */
export const chance = (prediction) =>
  `${percent(prediction.probability)} chance of being resolved (${prediction.model} model)`;

/** What to show a person for an error a module call threw. */
export const errorText = (e) => e?.displayMessage ?? e?.message ?? String(e);

/** A new element with properties and children. */
export function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

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

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const direction = (x) => (x > 0 ? 'up' : x < 0 ? 'down' : 'flat');

/** One part of an explanation as a list item: its words, its points, its label and log-odds. */
function reasonItem(reason) {
  const li = el('li', { className: `reason ${direction(reason.shown)}` },
    el('span', { className: 'reason-text', textContent: `${capital(reason.text)}:` }), ' ',
    el('span', { className: 'points', textContent: points(reason.shown) }), ' ',
    el('span', {
      className: 'detail',
      textContent: reason.features.length
        ? `${reason.label}; log-odds ${signed(reason.log_odds)}`
        : reason.label,
    }));
  return li;
}

/**
 * The items explaining `prediction` (from `predict`): the inputs that moved it most, largest
 * first, then everything else; each in words with its percentage points.
 */
export function reasonItems(prediction) {
  const e = prediction.explanation;
  if (!e) return [];
  return [...e.reasons, ...(e.rest ? [e.rest] : [])].map(reasonItem);
}

/**
 * The rows of the exact table: every input with its value, its log-odds term and its points,
 * then the starting point and the total.
 */
export function exactRows(prediction) {
  const e = prediction.explanation;
  const rows = prediction.contributions.map((c) => row([
    c.label,
    [featureValue(c.value), 'num'],
    [signed(c.contribution), `num ${direction(c.contribution)}`],
    [signed(c.points, 2), `num ${direction(c.points)}`],
  ]));
  if (e) {
    rows.unshift(row(['Starting point', '', [signed(prediction.intercept), 'num'], [percent(e.base), 'num']]));
    rows.push(row(['This ticket', '', [signed(prediction.logit), 'num'], [percent(prediction.probability), 'num']]));
  }
  return rows;
}
