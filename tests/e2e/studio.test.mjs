// End-to-end tests of the studio panel in headless Chromium: a planted Zendesk-style export
// (written by the CLI's `generate`) opened in the page, its mapping and statuses detected,
// a model trained in a Web Worker (the longest main-thread task measured meanwhile), its
// held-out AUC shown, the model downloaded and found byte-identical to the CLI's on the same
// file and mapping, its predictions equal to the CLI's, and the widget running it from a blob:
// URL with the page's probability. Then bad input: each with a clear message next to its
// control, the dashboard and the model left as they were.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launch, openPage, recordLongTasks, serve } from './harness.mjs';

const CLI = process.env.TI_CLI ?? join(ROOT, 'target', 'release', 'ticket-insights');
const ROWS = 3000;

let server;
let browser;
let dir;
let csvPath;
/** The page the tests share (training once), and its problems. */
let shared;

/** The records of a CSV text, each an array of fields (RFC 4180 quoting). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  return records;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ti-studio-'));
  csvPath = join(dir, 'zendesk.csv');
  execFileSync(CLI, ['generate', '--layout', 'zendesk', '--rows', String(ROWS), '--signal', 'linear',
    '--seed', '7', '--out', csvPath], { stdio: 'pipe' });
  server = await serve();
  browser = await launch();
});
after(async () => {
  await shared?.context.close();
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bytes of a download the click on `button` starts. */
async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('a planted export: mapping detected, trained in a worker, the CLI\'s model byte for byte, run by the widget', async () => {
  shared = await openPage(browser, { serviceWorkers: 'block', acceptDownloads: true });
  const { page, problems } = shared;
  // Every long task the main thread runs, to measure the page's responsiveness while training.
  await recordLongTasks(page);
  await page.goto(`${server.url}/www/`);
  await page.getByText('8469 tickets from the bundled dataset').waitFor();
  await page.getByLabel('Ticket CSV').setInputFiles(csvPath);
  await page.getByText(`${ROWS} tickets from zendesk.csv`).waitFor();

  // The mapping as detected, one labelled select per role, and the statuses.
  const mapping = page.getByRole('region', { name: 'Column mapping' });
  await mapping.getByText('Read as a Zendesk export').waitFor();
  const expected = {
    Description: 'Description', Subject: 'Subject', Status: 'Status', Priority: 'Priority',
    Channel: 'Via', Type: 'Ticket type', 'Created at': 'Created at', 'Resolved at': 'Solved at',
    'Customer age': '', Satisfaction: 'Satisfaction Score',
  };
  const shown = {};
  for (const label of Object.keys(expected)) shown[label] = await mapping.getByLabel(label, { exact: true }).inputValue();
  assert.deepEqual(shown, expected);
  const statuses = page.getByRole('group', { name: 'Resolved statuses' });
  const boxes = await statuses.getByRole('checkbox').evaluateAll((bs) => bs.map((b) => [b.labels[0].textContent, b.checked]));
  const resolved = boxes.filter(([, c]) => c).map(([v]) => v);
  assert.ok(boxes.length >= 3, `statuses ${JSON.stringify(boxes)}`);
  assert.ok(resolved.includes('solved') && !resolved.includes('open'), `resolved ${resolved}`);

  // Changing the mapping re-analyzes: without a priority column the priority chart says so;
  // mapped back, it is as it was. Unchecking a status keeps it unchecked in the redrawn panel.
  const caption = (name) => page.getByRole('img', { name }).evaluate((c) => c.parentElement.querySelector('figcaption').textContent);
  const priorityBefore = await caption('Ticket priority counts');
  await mapping.getByLabel('Priority', { exact: true }).selectOption('');
  await page.waitForFunction((b) => document.querySelector('canvas[aria-label="Ticket priority counts"]').parentElement.querySelector('figcaption').textContent !== b, priorityBefore);
  assert.match(await caption('Ticket priority counts'), /priority/i);
  await mapping.getByLabel('Priority', { exact: true }).selectOption('Priority');
  await page.waitForFunction((b) => document.querySelector('canvas[aria-label="Ticket priority counts"]').parentElement.querySelector('figcaption').textContent === b, priorityBefore);
  await statuses.getByRole('checkbox', { name: 'hold', exact: true }).check();
  assert.equal(await statuses.getByRole('checkbox', { name: 'hold', exact: true }).isChecked(), true);
  await statuses.getByRole('checkbox', { name: 'hold', exact: true }).uncheck();

  // Train in the worker, with a progress bar.
  const started = Date.now();
  await page.getByRole('button', { name: 'Train on this file' }).click();
  await page.getByRole('progressbar', { name: 'Training' }).waitFor();
  assert.ok(await page.locator('.train').getByRole('button', { name: 'Cancel' }).isVisible());
  const yours = page.getByRole('region', { name: 'Your model' });
  await yours.waitFor({ timeout: 600_000 });
  const workerSeconds = (Date.now() - started) / 1000;
  const aucRow = yours.getByRole('row', { name: /ROC AUC/ });
  const [, auc, baseline] = await aucRow.getByRole('cell').allTextContents();
  assert.equal(baseline, '0.500 (coin flip)');
  assert.ok(Number(auc) > 0.7, `held-out AUC ${auc} on a planted linear signal`);
  assert.ok(!/NaN/.test(await yours.textContent()), 'no NaN shown');
  // The Long Tasks API reports every task over 50 ms: none while training reads as "under 50 ms".
  const { longest, during, all } = await page.evaluate(() => {
    const [start] = performance.getEntriesByName('ti:training-start');
    const [end] = performance.getEntriesByName('ti:training-end');
    const tasks = window.longTasks.filter((t) => t.start + t.duration >= start.startTime && t.start <= end.startTime);
    return { longest: Math.max(0, ...tasks.map((t) => t.duration)), during: tasks.length, all: window.longTasks.length };
  });
  console.log(`studio e2e: ${ROWS} tickets trained in the worker in ${workerSeconds.toFixed(1)} s; ` +
    `main-thread tasks over 50 ms while training: ${during} (longest ${longest.toFixed(0)} ms; ${all} in the whole page's life); held-out AUC ${auc}`);
  assert.ok(longest < 100, `a ${longest} ms task on the main thread while training`);

  // The downloaded model equals the CLI's on the same file and mapping, byte for byte.
  const model = await downloaded(page, 'Download model');
  assert.equal(model.name, 'model.bin');
  const args = ['train', '--data', csvPath, '--out', join(dir, 'cli.bin')];
  const roles = { Description: 'description', Subject: 'subject', Status: 'status', Priority: 'priority',
    Channel: 'channel', Type: 'type', 'Created at': 'created_at', 'Resolved at': 'resolved_at',
    'Customer age': 'customer_age', Satisfaction: 'satisfaction' };
  for (const [label, role] of Object.entries(roles)) args.push('--map', `${role}=${shown[label]}`);
  args.push('--resolved-status', resolved.join(','));
  const cliStarted = Date.now();
  execFileSync(CLI, args, { stdio: 'pipe' });
  console.log(`studio e2e: the CLI trained the same in ${((Date.now() - cliStarted) / 1000).toFixed(1)} s`);
  const cli = readFileSync(join(dir, 'cli.bin'));
  assert.ok(model.bytes.equals(cli), `page model ${model.bytes.length} bytes, CLI model ${cli.length} bytes: not identical`);

  // The predictions equal the CLI's `predict`.
  const predictions = await downloaded(page, 'Download predictions');
  const rows = parseCsv(predictions.bytes.toString('utf8'));
  assert.deepEqual(rows[0], ['id', 'probability']);
  assert.equal(rows.length - 1, ROWS);
  const cliRows = parseCsv(execFileSync(CLI, ['predict', '--data', csvPath, '--model', join(dir, 'cli.bin')]).toString('utf8'));
  assert.deepEqual(rows.slice(1), cliRows.slice(1).map(([id, p]) => [id, p]));

  // The page's predictor with "your model", on the first ticket of the file.
  const records = parseCsv(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''));
  const header = records[0];
  const first = Object.fromEntries(header.map((h, i) => [h, records[1][i]]));
  await page.getByRole('radio', { name: /your model/ }).check();
  const fieldOf = { priority: 'Priority', channel: 'Via', type: 'Ticket type', subject: 'Subject', created_at: 'Created at' };
  const ticket = { description: first.Description };
  const visible = await page.evaluate(() => [...document.querySelectorAll('#ticket .fields > div:not([hidden]) [name]')].map((e) => e.name));
  assert.ok(visible.length > 0 && !visible.includes('age'), `fields shown for your model: ${visible}`);
  for (const name of visible) {
    const value = first[fieldOf[name]];
    ticket[name] = value;
    const input = page.locator(`#ticket [name="${name}"]`);
    if (await input.evaluate((e) => e.localName === 'select')) await input.selectOption(value);
    else await input.fill(value);
  }
  await page.getByLabel('Ticket description', { exact: true }).fill(first.Description);
  await page.getByRole('status').filter({ hasText: '(model model)' }).waitFor();
  const pageText = await page.getByRole('status').textContent();

  // The widget runs the downloaded file from a blob: URL and gives the same probability.
  const widget = await browser.newPage();
  await widget.route('**/www/studio-widget.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><meta charset="utf-8"><script type="module" src="widget.js"></script><body></body>',
  }));
  await widget.goto(`${server.url}/www/studio-widget.html`);
  const detail = await widget.evaluate(async ({ bytes, ticket }) => {
    await customElements.whenDefined('ticket-predictor');
    const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)]));
    const el = document.createElement('ticket-predictor');
    el.textContent = ticket.description;
    for (const [role, value] of Object.entries(ticket)) if (role !== 'description') el.setAttribute(role, value);
    el.setAttribute('model-src', url);
    const got = new Promise((ok) => el.addEventListener('ticket-prediction', (e) => ok(e.detail)));
    document.body.append(el);
    const d = await got;
    return { probability: d.probability, text: el.shadowRoot.querySelector('[role=status]').textContent,
      labels: [...el.shadowRoot.querySelectorAll('label')].map((l) => l.textContent) };
  }, { bytes: [...model.bytes], ticket });
  assert.equal(detail.text, pageText);
  assert.equal(String(detail.probability), rows[1][1], 'the widget gives the first ticket the probability the page\'s predictions do');
  assert.ok(detail.labels.includes('Subject') || detail.labels.includes('Priority'), `widget inputs ${detail.labels}`);

  // A model file that cannot be loaded: said in the element, no prediction.
  const bad = await widget.evaluate(async () => {
    const el = document.createElement('ticket-predictor');
    let fired = false;
    el.addEventListener('ticket-prediction', () => { fired = true; });
    el.setAttribute('model-src', URL.createObjectURL(new Blob(['not a model'])));
    el.textContent = 'It broke.';
    document.body.append(el);
    await new Promise((ok) => setTimeout(ok, 1000));
    return { fired, text: el.shadowRoot.querySelector('[role=status]').textContent };
  });
  assert.equal(bad.fired, false);
  assert.match(bad.text, /could not be loaded: this is not a usable model file/);
  await widget.close();
  assert.deepEqual(problems, { console: [], external: [] });
});

test('bad input: a clear message next to the control, the dashboard and the model intact', async () => {
  assert.ok(shared, 'the first test opened the page');
  const { page, problems } = shared;
  const summary = page.locator('#dataset-summary');
  const yours = page.getByRole('region', { name: 'Your model' });
  const before = { summary: await summary.textContent(), model: await yours.textContent() };
  const intact = async () => {
    assert.equal(await summary.textContent(), before.summary);
    assert.equal(await yours.textContent(), before.model);
  };
  const open = (name, text) => page.getByLabel('Ticket CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  // A mapping without any text column.
  const mapping = page.getByRole('region', { name: 'Column mapping' });
  await mapping.getByLabel('Subject', { exact: true }).selectOption('');
  await mapping.getByLabel('Description', { exact: true }).selectOption('');
  await mapping.getByRole('alert').filter({ hasText: 'Cannot read the file this way: ' }).waitFor();
  assert.match(await mapping.getByRole('alert').textContent(), /text column/);
  assert.equal(await mapping.getByLabel('Description', { exact: true }).inputValue(), 'Description');
  await intact();

  // A file with no text column.
  await open('bad.csv', 'Name,Age\nx,1\n');
  await page.getByRole('alert').filter({ hasText: 'Could not read bad.csv: no text column' }).waitFor();
  await intact();

  // A model file that is not one, and one that does not fit the open file.
  const modelFile = page.getByLabel('Model file');
  const modelProblems = page.locator('#model-file-problems');
  await modelFile.setInputFiles({ name: 'junk.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model at all') });
  await modelProblems.filter({ hasText: 'Cannot use junk.bin:' }).waitFor();
  await intact();

  // A status column with one value.
  await open('one-status.csv', 'Id,Subject,Description,Status\n1,Login,Cannot log in,open\n2,Refund,Where is my money,open\n3,Bug,It crashes,open\n');
  await page.getByText('3 tickets from one-status.csv').waitFor();
  before.summary = await summary.textContent();
  await modelFile.setInputFiles(join(ROOT, 'models', 'improved.bin'));
  await modelProblems.filter({ hasText: 'Cannot use improved.bin:' }).waitFor();
  assert.match(await modelProblems.textContent(), /customer_age|Customer Age|Ticket Priority|column/i);
  await page.getByRole('button', { name: 'Train on this file' }).click();
  const trainProblems = page.locator('#train-problems');
  await trainProblems.filter({ hasText: 'Cannot train on this file:' }).waitFor();
  assert.match(await trainProblems.textContent(), /one value/);
  await intact();

  // Every ticket censored (created less than 24 hours before the export's latest time).
  await open('recent.csv', 'Id,Subject,Description,Status,Created at,Solved at\n' +
    '1,Login,Cannot log in,open,2024-03-01T09:00:00Z,\n2,Refund,Where is my money,pending,2024-03-01T10:00:00Z,\n' +
    '3,Bug,It crashes,open,2024-03-01T11:00:00Z,\n');
  await page.getByText('3 tickets from recent.csv').waitFor();
  before.summary = await summary.textContent();
  await page.getByLabel('Predict', { exact: true }).selectOption('within:24h');
  await page.getByRole('button', { name: 'Train on this file' }).click();
  await trainProblems.filter({ hasText: 'censored' }).waitFor();
  await intact();

  // Cancelling a training leaves the model as it was.
  await page.getByLabel('Ticket CSV').setInputFiles(csvPath);
  await page.getByText(`${ROWS} tickets from zendesk.csv`).waitFor();
  await page.getByLabel('Predict', { exact: true }).selectOption('resolved');
  await page.getByRole('button', { name: 'Train on this file' }).click();
  await page.getByRole('progressbar', { name: 'Training' }).waitFor();
  await page.locator('.train').getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Training cancelled.').waitFor();
  assert.equal(await page.getByRole('progressbar', { name: 'Training' }).count(), 0);
  assert.equal(await yours.textContent(), before.model);
  assert.deepEqual(problems, { console: [], external: [] });
});
