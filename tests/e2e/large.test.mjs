// End-to-end tests of large exports in headless Chromium: a 200,000-ticket planted export in
// the bundled layout (the CLI's `generate`, so the bundled improved model scores every ticket
// and every chart has data) analyzed in workers, streamed from the File, with the progress
// bar advancing and the longest main-thread task measured (Long Tasks API) from the file's
// opening to the last chart drawn; the same charts and captions with one scoring worker as
// with three; Cancel mid-file leaving the previous dashboard; a file over the page's limit
// refused with a message before any work, and one over the training limit refused by Train.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, inkedPixels, launch, openPage, recordLongTasks, serve } from './harness.mjs';

const CLI = process.env.TI_CLI ?? join(ROOT, 'target', 'release', 'ticket-insights');
const LARGE = 200_000;
const CHARTS = ['Sentiment score distribution', 'Ticket priority counts', 'Ticket status counts',
  'Customer satisfaction distribution', 'Word cloud', 'Resolution probability by sentiment', 'ROC curve'];

let server;
let browser;
let dir;
const exportOf = (rows) => join(dir, `kaggle-${rows}.csv`);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ti-large-'));
  for (const rows of [LARGE, 20_000]) {
    execFileSync(CLI, ['generate', '--layout', 'kaggle', '--rows', String(rows), '--signal', 'linear',
      '--seed', '7', '--out', exportOf(rows)], { stdio: 'pipe' });
  }
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page with the bundled dataset drawn, recording long main-thread tasks. */
async function bundledPage() {
  const opened = await openPage(browser, { serviceWorkers: 'block' });
  await recordLongTasks(opened.page);
  await opened.page.goto(`${server.url}/www/`);
  await opened.page.getByText('8469 tickets from the bundled dataset').waitFor({ timeout: 60_000 });
  return opened;
}

/** Every chart's caption and a hash of its pixels. */
async function charts(page) {
  const out = {};
  for (const name of CHARTS) {
    const caption = await page.getByRole('img', { name }).evaluate((c) => c.parentElement.querySelector('figcaption').textContent);
    out[name] = { caption, ...(await inkedPixels(page, name)) };
  }
  return out;
}

test('a 200,000-ticket export is analyzed in workers with progress, the main thread never blocked over 50 ms', async () => {
  const { context, page, problems } = await bundledPage();
  await page.evaluate(() => { window.progress = []; });
  // The progress bar's value, sampled as the analysis runs.
  const bar = page.getByRole('progressbar', { name: 'Analysis' });
  const t0 = Date.now();
  await page.getByLabel('Ticket CSV').setInputFiles(exportOf(LARGE));
  await bar.waitFor();
  const samples = [];
  while (await bar.isVisible()) {
    const s = await bar.evaluate((b) => ({ value: b.value, max: b.max, text: b.getAttribute('aria-valuetext') })).catch(() => null);
    if (s) samples.push(s);
    await page.waitForTimeout(250);
  }
  await page.getByText(`${LARGE} tickets from kaggle-${LARGE}.csv`).waitFor({ timeout: 300_000 });
  // The last chart drawn (the mapping panel is shown after it).
  await page.getByRole('region', { name: 'Column mapping' }).waitFor();
  const seconds = (Date.now() - t0) / 1000;
  const values = [...new Set(samples.map((s) => s.value))];
  assert.ok(values.length >= 3, `the progress bar advanced: ${JSON.stringify(samples.slice(0, 5))}`);
  assert.ok(values.every((v, i) => i === 0 || v >= values[i - 1]), 'it never went back');
  const texts = samples.map((s) => s.text).filter(Boolean);
  assert.match(texts.at(-1), /^Analyzing kaggle-200000\.csv: [\d,]+ tickets, [\d.]+ MB of [\d.]+ MB, [\d,]+ tickets\/s, about \d+ s left$/);
  const [start] = await page.evaluate(() => performance.getEntriesByName('ti:analysis-start').map((e) => e.startTime).slice(-1));
  const longTasks = await page.evaluate((from) => window.longTasks.filter((t) => t.start >= from), start);
  const longest = Math.max(0, ...longTasks.map((t) => t.duration));
  console.log(`# 200,000 tickets: ${seconds.toFixed(1)} s from opening to the mapping panel (${(LARGE / seconds).toFixed(0)} tickets/s), `
    + `${samples.length} progress samples, long main-thread tasks during it: ${longTasks.length}, longest ${longest.toFixed(0)} ms`);
  const steps = await page.evaluate(() => performance.getEntriesByType('measure')
    .filter((m) => m.name.startsWith('ti:')).map((m) => `${m.name.slice(3)} ${m.duration.toFixed(0)} ms`));
  console.log(`# main-thread steps of the last analysis and earlier ones: ${steps.join(', ')}`);
  assert.deepEqual(longTasks, [], 'no main-thread task over 50 ms from the opening to the last chart');
  const drawn = await charts(page);
  for (const name of CHARTS) assert.ok(drawn[name].inked > 1000, `${name} is drawn`);
  assert.match(drawn['Sentiment score distribution'].caption, /^200000 tickets with a sentiment score/);
  assert.match(drawn['ROC curve'].caption, /^ROC AUC 0\.\d{3} on 200000 tickets/);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('one scoring worker and three give the same charts and captions (the model\'s too)', async () => {
  const { context, page, problems } = await bundledPage();
  const seen = [];
  for (const workers of ['1', '3']) {
    await page.evaluate((n) => { document.querySelector('.charts').dataset.workers = n; }, workers);
    await page.getByLabel('Ticket CSV').setInputFiles([]);
    await page.getByLabel('Ticket CSV').setInputFiles(exportOf(20_000));
    await page.getByText('20000 tickets from kaggle-20000.csv').waitFor({ timeout: 120_000 });
    await page.getByRole('region', { name: 'Column mapping' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.charts').dataset.drawing);
    seen.push(await charts(page));
  }
  assert.deepEqual(seen[1], seen[0]);
  assert.match(seen[0]['ROC curve'].caption, /ROC AUC/);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('Cancel mid-file stops the analysis and leaves the previous dashboard', async () => {
  const { context, page, problems } = await bundledPage();
  const before = await charts(page);
  await page.getByLabel('Ticket CSV').setInputFiles(exportOf(LARGE));
  const bar = page.getByRole('progressbar', { name: 'Analysis' });
  await page.waitForFunction(() => document.getElementById('analysis-progress').value > 0);
  await page.locator('#analysis').getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Analysis cancelled. The charts still show the bundled dataset.').waitFor();
  assert.equal(await bar.count(), 0);
  assert.equal(await page.locator('#dataset-summary').textContent(), '8469 tickets from the bundled dataset.');
  await page.waitForTimeout(500);
  assert.deepEqual(await charts(page), before);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('a file over the page\'s limit gets a message before any work, the dashboard intact', async () => {
  const { context, page, problems } = await bundledPage();
  const before = await charts(page);
  await page.evaluate(() => { document.querySelector('.charts').dataset.maxFileBytes = String(5e6); });
  await page.getByLabel('Ticket CSV').setInputFiles(exportOf(LARGE));
  const message = page.locator('#file-problems');
  await message.getByText(/the page analyzes files up to 5\.0 MB/).waitFor();
  assert.match(await message.textContent(), /^Could not read kaggle-200000\.csv: kaggle-200000\.csv is [\d.]+ MB; the page analyzes files up to 5\.0 MB, to stay within a browser tab's memory\. The command line reads any size: ticket-insights inspect --data FILE/);
  assert.equal(await page.getByRole('progressbar', { name: 'Analysis' }).count(), 0);
  assert.equal(await page.locator('#dataset-summary').textContent(), '8469 tickets from the bundled dataset.');
  assert.deepEqual(await charts(page), before);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('training refuses a file over the page\'s training limit, saying what to do instead', async () => {
  const { context, page, problems } = await bundledPage();
  await page.evaluate(() => { document.getElementById('studio').dataset.maxTrainBytes = String(1e6); });
  await page.getByLabel('Ticket CSV').setInputFiles(exportOf(20_000));
  await page.getByText('20000 tickets from kaggle-20000.csv').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train on this file' }).click();
  const message = page.locator('#train-problems');
  await message.getByText(/Cannot train on this file in the page/).waitFor();
  assert.match(await message.textContent(), /^Cannot train on this file in the page: it is [\d.]+ MB, and training here holds the whole file in memory, up to 1\.0 MB\. The command line trains on any size: ticket-insights train --data FILE --out model\.bin, then load the model file here\.$/);
  assert.equal(await page.getByRole('progressbar', { name: 'Training' }).count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Your model' }).isVisible(), false);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});
