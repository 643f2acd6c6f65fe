// End-to-end tests of the <ticket-predictor> widget (www/widget.js) in headless Chromium: the
// example host page under its strict CSP, two instances sharing one wasm module, the
// ticket-prediction event, keyboard use, and embedding from a page elsewhere on the site.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serve } from './harness.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Records CSP violations and ticket-prediction events (with their source) in the page. */
function record(page) {
  return page.addInitScript(() => {
    window.violations = [];
    window.predictions = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    }, true);
    document.addEventListener('ticket-prediction', (e) => {
      window.predictions.push({ source: e.composedPath()[0].id, bubbles: e.bubbles, composed: e.composed, detail: e.detail });
    });
  });
}

/** How long a widget has to fire its ticket-prediction event once it shows a prediction. */
const EVENT_TIMEOUT_MS = 5_000;

/**
 * Waits until the page has seen `count` ticket-prediction events (from the widget with id
 * `source`, if given); fails within EVENT_TIMEOUT_MS, saying what arrived, if they do not come.
 */
async function predictions(page, count, source) {
  try {
    await page.waitForFunction(([n, s]) => window.predictions
      .filter((p) => p.detail?.probability !== undefined && (!s || p.source === s)).length >= n,
    [count, source], { timeout: EVENT_TIMEOUT_MS });
  } catch {
    const got = await page.evaluate(() => window.predictions.map((p) => p.source));
    assert.fail(`expected ${count} ticket-prediction events${source ? ` from #${source}` : ''} ` +
      `within ${EVENT_TIMEOUT_MS} ms, got ${got.length}: [${got.join(', ')}]`);
  }
}

const percentOf = async (status) => Number(/(\d+(?:\.\d+)?)%/.exec(await status.textContent())?.[1]);

test('two widgets on the example page predict under the strict CSP and fire events', async () => {
  const { context, page, problems } = await openPage(browser);
  await record(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(`${server.url}/www/embed.html`);
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.equal(csp, STRICT_CSP);

  const compact = page.locator('#compact');
  const full = page.locator('#full');
  await compact.getByRole('status').filter({ hasText: '% chance of being resolved (improved model)' }).waitFor();
  await full.getByRole('status').filter({ hasText: '% chance of being resolved (seed model)' }).waitFor();
  assert.equal(wasm.length, 1, `one wasm instance for two widgets: ${wasm}`);

  // Compact: a labelled description only; full: age, priority and the contributions too.
  assert.equal(await compact.getByLabel('Ticket description').inputValue(),
    'The app crashes every time I log in. Please help!');
  assert.equal(await compact.getByLabel('Customer age').isVisible(), false);
  assert.equal(await compact.getByRole('list').isVisible(), false);
  assert.equal(await full.getByLabel('Customer age').inputValue(), '52');
  assert.equal(await full.getByLabel('Ticket priority').inputValue(), 'High');
  assert.ok(await full.getByRole('list', { name: 'What moved this prediction' })
    .getByText(/^The priority is High/).isVisible());

  // The event: one per widget on start, bubbling out of the shadow root with the prediction.
  await predictions(page, 2);
  const first = await page.evaluate(() => window.predictions);
  assert.deepEqual(first.map((p) => p.source).sort(), ['compact', 'full']);
  for (const p of first) {
    assert.ok(p.bubbles && p.composed);
    assert.ok(p.detail.probability > 0 && p.detail.probability < 1);
    assert.equal(typeof p.detail.resolved, 'boolean');
    assert.ok(Array.isArray(p.detail.contributions) && p.detail.contributions.length > 0);
  }
  assert.equal(first.find((p) => p.source === 'full').detail.model, 'seed');
  assert.equal(first.find((p) => p.source === 'compact').detail.model, 'improved');

  // Keyboard: Tab reaches the first description; typing updates that widget and only that one.
  const fullBefore = await full.getByRole('status').textContent();
  const compactBefore = await percentOf(compact.getByRole('status'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'compact');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Terrible. Awful. Worst service ever, nothing works and nobody answers.');
  await predictions(page, 3, 'compact');
  await page.waitForFunction(async (b) => {
    const s = document.querySelector('#compact').shadowRoot.querySelector('[role=status]').textContent;
    return Number(/(\d+(?:\.\d+)?)%/.exec(s)?.[1]) !== b;
  }, compactBefore);
  assert.equal(await full.getByRole('status').textContent(), fullBefore);
  const last = await page.evaluate(() => window.predictions.at(-1));
  assert.equal(last.source, 'compact');
  assert.equal(`${(100 * last.detail.probability).toFixed(1)}%`,
    /\d+\.\d%/.exec(await compact.getByRole('status').textContent())[0]);

  // Switching the model attribute re-predicts; the log lists the events.
  await page.evaluate(() => { document.querySelector('#compact').model = 'seed'; });
  await compact.getByRole('status').filter({ hasText: '(seed model)' }).waitFor();
  assert.ok(await page.getByRole('log').getByRole('listitem').count() >= 3);

  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('the widget embeds in a page elsewhere on the site with one script tag', async () => {
  const { context, page, problems } = await openPage(browser);
  await record(page);
  // A host page in another directory: widget.js finds ../pkg/ from its own URL.
  await page.route('**/elsewhere/blog/post.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">
      <title>A blog post</title><script type="module" src="/www/widget.js"></script></head>
      <body><p>Ask the model:</p><ticket-predictor layout="full" id="w"></ticket-predictor></body></html>`,
  }));
  await page.goto(`${server.url}/elsewhere/blog/post.html`);
  const status = page.getByRole('status');
  await status.filter({ hasText: '% chance of being resolved (improved model)' }).waitFor();
  await page.getByLabel('Ticket description').fill('I want a refund, the product broke after a day.');
  await page.getByLabel('Ticket priority').selectOption('Critical');
  await predictions(page, 3);
  const detail = await page.evaluate(() => window.predictions.at(-1).detail);
  assert.ok(detail.contributions.some((c) => c.feature === 'priority_ordinal'));
  // Themable with custom properties from the host page.
  await page.locator('#w').evaluate((w) => w.style.setProperty('--ticket-predictor-accent', 'rgb(200, 0, 100)'));
  assert.equal(await status.evaluate((s) => getComputedStyle(s).color), 'rgb(200, 0, 100)');
  // A bad age is reported in the status, not thrown.
  await page.getByLabel('Customer age').fill('200');
  await status.filter({ hasText: 'Cannot predict. Customer age:' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('the widget loads the predictor module only, never the studio module', async () => {
  const { context, page, problems } = await openPage(browser);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/www/embed.html`);
  for (const id of ['#compact', '#full']) {
    await page.locator(id).getByRole('status').filter({ hasText: '% chance of being resolved' }).waitFor();
  }
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requested.sort(), ['/pkg/predictor/predictor.js', '/pkg/predictor/predictor_bg.wasm',
    '/www/embed.html', '/www/format.js', '/www/predictor-wasm.js', '/www/style.css', '/www/widget.js']);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});
