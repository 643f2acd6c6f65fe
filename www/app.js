// The page: starts the predictor module, predicts as the user types and fills the model card;
// once the first prediction is shown, loads the studio module and the bundled dataset and draws
// the dashboard, for that dataset or a file the user opens or drops.
import { start } from './predictor-wasm.js';
import { update } from './predictor.js';
import { showCard } from './card.js';

const $ = (id) => document.getElementById(id);
const DATASET = 'data/customer_support_tickets.csv';
/** What the dashboard loads besides the dataset: its modules, the studio glue and wasm. */
const STUDIO = ['dashboard.js', 'studio-wasm.js', 'canvas.js', '../pkg/studio/studio.js', '../pkg/studio/studio_bg.wasm'];

/**
 * Asks for everything the dashboard loads at once, not one import after another, as <head>
 * does for the predictor. Not from file:, where the offline file holds it all inline.
 */
function preloadStudio() {
  if (!location.protocol.startsWith('http')) return;
  for (const file of STUDIO) {
    const link = document.createElement('link');
    link.href = new URL(file, import.meta.url).href;
    if (file.endsWith('.wasm')) Object.assign(link, { rel: 'preload', as: 'fetch', type: 'application/wasm', crossOrigin: 'anonymous' });
    else link.rel = 'modulepreload';
    document.head.append(link);
  }
}

/** The studio module and the dataset, fetched in parallel; resolves when the charts are drawn. */
async function dashboard(model) {
  preloadStudio();
  const dataset = fetch(DATASET).then((r) => r.arrayBuffer()).then((bytes) => {
    performance.mark('ti:dataset-fetched');
    return new Uint8Array(bytes);
  });
  dataset.catch(() => {}); // reported where it is awaited, not as an unhandled rejection
  const charts = import('./dashboard.js').then(({ startCharts }) => startCharts(
    document.querySelector('.charts'), { summary: $('dataset-summary'), problems: $('file-problems') }));
  charts.then(() => performance.mark('ti:studio-ready'), () => {});

  const form = $('ticket');
  form.addEventListener('change', async (e) => {
    if (e.target.name === 'model') (await charts).setModel(model());
  });
  const open = async (file) => {
    try {
      (await charts).load(new Uint8Array(await file.arrayBuffer()), file.name, model());
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

  const [bytes, ready] = await Promise.all([dataset, charts]);
  ready.load(bytes, 'the bundled dataset', model());
  performance.mark('ti:dashboard-drawn');
}

async function main() {
  await start();
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
  form.addEventListener('change', (e) => { if (e.target.name === 'model') showCard(model(), card); });

  try {
    await dashboard(model);
  } catch (e) {
    $('file-problems').textContent = `The dashboard could not start: ${e.message ?? e}`;
    console.error(e);
  }
  // Offline after the first visit (www/sw.js), registered once the page is drawn so that its
  // precaching never competes with the page's own downloads. Only over http(s); a failure never
  // affects the page.
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register(new URL('sw.js', import.meta.url)).catch(() => {});
  }
}

main().catch((e) => {
  $('prediction').textContent = `The page could not start: ${e.message ?? e}`;
  console.error(e);
});
