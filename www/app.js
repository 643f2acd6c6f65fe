// The page: loads the wasm module once, predicts as the user types, fills the model card and
// draws the dashboard for the bundled dataset or a file the user opens or drops.
import init from '../pkg/ticket_insights.js';
import { update } from './predictor.js';
import { showCard } from './card.js';
import { Charts } from './dashboard.js';

const $ = (id) => document.getElementById(id);
const DATASET = 'data/customer_support_tickets.csv';

async function main() {
  // The dataset downloads while the module compiles.
  const dataset = fetch(DATASET).then((r) => r.arrayBuffer());
  dataset.catch(() => {}); // reported where it is awaited, not as an unhandled rejection
  await init();
  const form = $('ticket');
  const els = {
    status: $('prediction'),
    verdict: $('verdict'),
    sentiment: $('sentiment-values'),
    contributions: $('contributions'),
  };
  const model = () => new FormData(form).get('model');
  const card = { summary: $('card-summary'), metrics: $('card-metrics') };
  form.addEventListener('input', () => update(form, els));
  form.addEventListener('submit', (e) => e.preventDefault());
  update(form, els);
  performance.mark('ti:first-prediction');
  showCard(model(), card);

  const charts = new Charts(document.querySelector('.charts'),
    { summary: $('dataset-summary'), problems: $('file-problems') });
  form.addEventListener('change', (e) => {
    if (e.target.name !== 'model') return;
    showCard(model(), card);
    charts.setModel(model());
  });

  const open = async (file) => {
    try {
      charts.load(new Uint8Array(await file.arrayBuffer()), file.name, model());
    } catch (e) {
      $('file-problems').textContent = `Could not read ${file.name}: ${e.message}`;
    }
  };
  $('csv-file').addEventListener('change', (e) => { if (e.target.files[0]) open(e.target.files[0]); });
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    if (e.dataTransfer.files[0]) open(e.dataTransfer.files[0]);
  });

  const bytes = new Uint8Array(await dataset);
  performance.mark('ti:dataset-fetched');
  charts.load(bytes, 'the bundled dataset', model());
  performance.mark('ti:dashboard-drawn');
}

// Offline after the first visit (www/sw.js). Only over http(s); a failure never affects the page.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register(new URL('sw.js', import.meta.url)).catch(() => {});
}

main().catch((e) => {
  $('prediction').textContent = `The page could not start: ${e.message ?? e}`;
  console.error(e);
});
