// The page: starts the predictor module, predicts as the user types and fills the model card;
// once the first prediction is shown, loads the studio module and the bundled dataset and draws
// the dashboard, for that dataset or a file the user opens or drops.
import { start } from './predictor-wasm.js';
import { update } from './predictor.js';
import { showCard } from './card.js';

const $ = (id) => document.getElementById(id);
const DATASET = 'data/customer_support_tickets.csv';
/** What the dashboard loads besides the dataset: its modules, the studio glue and wasm. */
const STUDIO = ['dashboard.js', 'studio-wasm.js', 'canvas.js', 'studio.js', 'train-worker.js', 'scan-worker.js', 'score-worker.js', '../pkg/studio/studio.js', '../pkg/studio/studio_bg.wasm'];

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
async function dashboard(model, onModel) {
  preloadStudio();
  const dataset = fetch(DATASET).then((r) => r.blob()).then((blob) => {
    performance.mark('ti:dataset-fetched');
    return blob;
  });
  dataset.catch(() => {}); // reported where it is awaited, not as an unhandled rejection
  const charts = import('./dashboard.js').then(({ startCharts }) => startCharts(
    document.querySelector('.charts'), {
      summary: $('dataset-summary'),
      problems: $('file-problems'),
      progress: $('analysis'),
      bar: $('analysis-progress'),
      status: $('analysis-status'),
      cancel: $('analysis-cancel'),
    }));
  // The studio panel: the file's mapping, training in a worker, your model.
  const studio = Promise.all([charts, import('./studio.js')]).then(([c, { Studio }]) => new Studio(c, $('ticket'), onModel));
  studio.catch(() => {}); // reported where charts is awaited
  charts.then(() => performance.mark('ti:studio-ready'), () => {});

  /** Says why an analysis failed next to the charts (a cancelled one has said so already). */
  const failed = async (what, e) => {
    if (e?.name === 'Cancelled') return;
    const shown = (await charts.catch(() => null))?.label;
    $('file-problems').textContent = `Could not read ${what}: ${e.message}`
      + (shown ? ` (the charts still show ${shown})` : '');
  };
  const form = $('ticket');
  form.addEventListener('change', async (e) => {
    if (e.target.name !== 'model') return;
    const c = await charts;
    c.setModel(model()).catch((err) => failed(c.label, err));
  });
  // The newest user action wins: a file opened while the bundled dataset (or an earlier, larger
  // file) is still being analyzed replaces it (Charts.load cancels the older analysis).
  let opened = 0;
  const open = async (file) => {
    opened += 1;
    try {
      const c = await charts;
      // The studio panel shows a file the user opened (not the bundled dataset).
      (await studio).opened = true;
      await c.load(file, file.name, model());
    } catch (e) {
      await failed(file.name, e);
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

  const [blob, ready] = await Promise.all([dataset, charts, studio]);
  if (!opened) {
    try {
      await ready.load(blob, 'the bundled dataset', model());
    } catch (e) {
      await failed('the bundled dataset', e);
    }
  }
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

  // A model trained or loaded in the studio panel: the predictor and the card follow it.
  const onModel = () => {
    update(form, els);
    showCard(model(), card);
  };
  try {
    await dashboard(model, onModel);
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
