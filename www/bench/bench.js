// The bench page's measurements (driven by tools/web/bench.mjs, or by hand with the Run button):
// texts/s of the wasm sentiment exports next to npm `sentiment` (AFINN) and `vader-sentiment`
// over the 8469 bundled ticket descriptions, µs per wasm `predict` from a raw ticket, and how
// often npm `vader-sentiment`'s compound differs from ours. Contenders alternate within each
// repetition, after a warm-up; every timed span lasts at least `minMs`, because the page's
// clock is coarse (100 µs when not cross-origin isolated).
import {
  letterCount, predict, predictProbability, seedScore, start, textblobPolarity, vaderCompound,
} from '../predictor-wasm.js';
import { start as startStudio, TicketFile } from '../studio-wasm.js';
import { requirePackage } from './cjs.js';
import { parseRecords } from './csv.js';

const DATASET = '../data/customer_support_tickets.csv';
/** Tickets whose fields the prediction bench cycles through. */
const PREDICT_TICKETS = 100;
/** Predictions per timed batch, and batches per repetition (the figure is their median). */
const BATCH = 2000;
const BATCHES = 11;
/** Compound scores further apart than this disagree (both round to 4 decimals). */
const TOLERANCE = 1e-3;

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function setup() {
  await Promise.all([start(), startStudio()]);
  const [Sentiment, vader, bytes] = await Promise.all([
    requirePackage('sentiment'),
    requirePackage('vader-sentiment'),
    fetch(DATASET).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
  ]);
  const records = parseRecords(new TextDecoder().decode(bytes));
  const texts = records.map((r) => r['Ticket Description']);
  // The wasm reader must see the same tickets as this parser.
  const dashboard = new TicketFile(bytes, 'improved');
  const wasmTickets = dashboard.tickets;
  dashboard.free();
  if (wasmTickets !== texts.length) {
    throw new Error(`the bench CSV parser read ${texts.length} tickets, the wasm reader ${wasmTickets}`);
  }
  const afinn = new Sentiment();
  const analyzer = vader.SentimentIntensityAnalyzer;
  const tickets = records.slice(0, PREDICT_TICKETS).map((r) => ({
    age: r['Customer Age'], priority: r['Ticket Priority'], description: r['Ticket Description'],
    channel: r['Ticket Channel'], type: r['Ticket Type'],
  }));
  return { texts, tickets, afinn, analyzer };
}

let state;
let sink = 0;

/** texts/s contenders: one call per text, its result kept so that nothing is optimised away. */
function contenders({ afinn, analyzer }) {
  return {
    wasm_textblob: (t) => textblobPolarity(t),
    wasm_seed: (t) => seedScore(t),
    wasm_vader: (t) => vaderCompound(t),
    wasm_letter_count_limit: (t) => letterCount(t),
    npm_sentiment: (t) => afinn.analyze(t).score,
    npm_vader_sentiment: (t) => analyzer.polarity_scores(t).compound,
  };
}

/** Corpus passes of `f` taking about `ms` milliseconds (from one timed pass). */
function passesFor(f, texts, ms) {
  const start = performance.now();
  for (const t of texts) sink += f(t);
  const one = Math.max(performance.now() - start, 0.1);
  return Math.max(1, Math.ceil(ms / one));
}

function textsPerSecond(f, texts, passes) {
  const start = performance.now();
  for (let p = 0; p < passes; p++) for (const t of texts) sink += f(t);
  return (passes * texts.length) / ((performance.now() - start) / 1000);
}

/** µs per `predict` call: the median over BATCHES batches of BATCH calls. */
function microsPerPrediction(tickets, model) {
  const perCall = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) sink += predict(tickets[i % tickets.length], model).probability;
    perCall.push(((performance.now() - start) * 1000) / BATCH);
  }
  return median(perCall);
}

/** µs per `predictProbability` call (scalar arguments, the probability alone). */
function microsPerProbability(tickets, model) {
  const perCall = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) {
      const t = tickets[i % tickets.length];
      sink += predictProbability(Number(t.age), t.priority, t.description, t.channel, t.type, model);
    }
    perCall.push(((performance.now() - start) * 1000) / BATCH);
  }
  return median(perCall);
}

function vaderAgreement({ texts, analyzer }) {
  let disagree = 0;
  let maxDelta = 0;
  let worst = -1;
  for (let i = 0; i < texts.length; i++) {
    const delta = Math.abs(analyzer.polarity_scores(texts[i]).compound - vaderCompound(texts[i]));
    if (delta > TOLERANCE) disagree++;
    if (delta > maxDelta) { maxDelta = delta; worst = i; }
  }
  return {
    texts: texts.length, tolerance: TOLERANCE, disagree, share: disagree / texts.length,
    max_abs_delta: maxDelta, worst_index: worst,
    worst: worst < 0 ? null : {
      npm: analyzer.polarity_scores(texts[worst]).compound, ours: vaderCompound(texts[worst]),
    },
  };
}

/**
 * Runs every measurement `reps` times; resolves to `{texts, bytes, texts_per_s: {name: [..]},
 * us_per_prediction: {name: [..]}, npm_vader_agreement}`.
 */
export async function run({ reps = 3, minMs = 200 } = {}) {
  state ??= await setup();
  const { texts, tickets } = state;
  const fns = contenders(state);
  const names = Object.keys(fns);
  const passes = {};
  for (const name of names) {
    textsPerSecond(fns[name], texts, 2); // warm-up
    passes[name] = passesFor(fns[name], texts, minMs);
  }
  for (const model of ['improved', 'seed']) {
    microsPerPrediction(tickets, model); // warm-up
    microsPerProbability(tickets, model);
  }
  const out = { texts_per_s: {}, us_per_prediction: {} };
  const jobs = [
    ...names.map((name) => [
      'texts_per_s', name, () => textsPerSecond(fns[name], texts, passes[name])]),
    ...['improved', 'seed'].map((model) => [
      'us_per_prediction', `wasm_predict_from_text_${model}`, () => microsPerPrediction(tickets, model)]),
    ...['improved', 'seed'].map((model) => [
      'us_per_prediction', `wasm_probability_from_text_${model}`,
      () => microsPerProbability(tickets, model)]),
  ];
  for (let r = 0; r < reps; r++) {
    // Alternate: each repetition runs every contender once, starting one further along.
    for (let k = 0; k < jobs.length; k++) {
      const [unit, name, measure] = jobs[(k + r) % jobs.length];
      (out[unit][name] ??= []).push(measure());
    }
  }
  return {
    texts: texts.length,
    bytes: texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0),
    passes,
    ...out,
    npm_vader_agreement: vaderAgreement(state),
    sink,
  };
}

window.tiBench = { run };
const button = document.getElementById('run');
const output = document.getElementById('output');
button?.addEventListener('click', async () => {
  button.disabled = true;
  output.textContent = 'running…';
  try {
    output.textContent = JSON.stringify(await run(), null, 1);
  } catch (e) {
    output.textContent = `failed: ${e.message ?? e}`;
  } finally {
    button.disabled = false;
  }
});
