// The page: loads the wasm module once, scores the description as the user types, and draws
// the dashboard for the bundled dataset. Ticket text only ever enters the DOM as text.
import init, { sentiment, analyzeCsv, drawSentimentHistogram } from '../pkg/ticket_insights.js';

const $ = (id) => document.getElementById(id);
const DATASET = 'data/customer_support_tickets.csv';

/** Sizes a canvas's backing store in device pixels and returns the device pixel ratio. */
function fitCanvas(canvas) {
  const scale = window.devicePixelRatio || 1;
  const { width, height } = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  return scale;
}

function showSentiment() {
  const s = sentiment($('description').value);
  $('verdict').textContent =
    `Polarity ${s.polarity.toFixed(3)} (from −1 negative to +1 positive), ` +
    `subjectivity ${(s.subjectivity * 100).toFixed(0)}%.`;
}

let scores = new Float64Array();

function drawDashboard() {
  const canvas = $('sentiment-chart');
  drawSentimentHistogram(canvas, scores, fitCanvas(canvas));
}

async function main() {
  await init();
  $('description').addEventListener('input', showSentiment);
  showSentiment();
  const bytes = new Uint8Array(await (await fetch(DATASET)).arrayBuffer());
  const analysis = analyzeCsv(bytes);
  scores = analysis.scores;
  const mean = scores.reduce((a, b) => a + b, 0) / (scores.length || 1);
  $('dataset-summary').textContent =
    `${scores.length} tickets from the bundled dataset` +
    (analysis.rejected.length ? `; ${analysis.rejected.length} rows rejected.` : '.');
  $('sentiment-chart-summary').textContent =
    `Seed sentiment scores of ${scores.length} ticket descriptions, 30 bins from −1 to 1; ` +
    `mean ${mean.toFixed(3)}.`;
  drawDashboard();
  new ResizeObserver(drawDashboard).observe($('sentiment-chart'));
}

main().catch((e) => {
  $('verdict').textContent = `The page could not start: ${e.message ?? e}`;
  console.error(e);
});
