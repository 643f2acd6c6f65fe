// End-to-end tests of working without a network, in headless Chromium: the single-file demo
// (tools/web/single-file.mjs) opened from file:// with every request blocked, and the served
// page reloaded offline once its service worker (www/sw.js) took control. Also: the page's
// Content-Security-Policy reports no violation, and sw.js precaches exactly what the page loads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { ROOT, inkedPixels, launch, openPage, serve } from './harness.mjs';
import { buildSingleFile } from '../../tools/web/single-file.mjs';

const CHARTS = [
  'Sentiment score distribution', 'Ticket priority counts', 'Ticket status counts',
  'Customer satisfaction distribution', 'Word cloud', 'Resolution probability by sentiment',
  'ROC curve',
];
/** The policy the issue asks for. */
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
let dir;
const servers = [];
/** A static server of the repository, closed after the tests even when one fails. */
async function server() {
  const s = await serve();
  servers.push(s);
  return s;
}
before(async () => { browser = await launch(); dir = mkdtempSync(join(tmpdir(), 'ti-offline-')); });
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Records CSP violations in the page as `window.violations`. */
function recordViolations(page) {
  return page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    }, true);
  });
}

async function assertDrawn(page) {
  for (const name of CHARTS) {
    const chart = await inkedPixels(page, name);
    assert.ok(chart.inked > 5_000, `${name}: only ${chart.inked} non-background pixels`);
  }
}

test('the single-file demo works from file:// with the network off', async () => {
  // Built here from the current www/ and pkg/, so the test never checks a stale dist/.
  const { html, policy, tickets, modules } = buildSingleFile({ sample: 1000 });
  const file = join(dir, 'ticket-insights.html');
  writeFileSync(file, html);
  // Both modules inlined as base64 (the studio with the tree learners, 1.3 MB raw): 3.23 MB
  // measured; the ceiling catches a regression, not the current size.
  assert.ok(html.length < 3.5e6, `${html.length} bytes`);
  assert.deepEqual(modules, ['predictor', 'studio'], 'both wasm modules inlined');
  assert.match(policy, /^default-src 'none'; script-src 'sha256-[\w+/=]+' 'wasm-unsafe-eval'; style-src 'sha256-[\w+/=]+'/);

  const context = await browser.newContext({ deviceScaleFactor: 2 });
  const blocked = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await context.setOffline(true);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await recordViolations(page);
  await page.goto(pathToFileURL(file).href);

  await page.getByText(`${tickets} tickets from the bundled dataset`).waitFor();
  const status = page.getByRole('status');
  await status.filter({ hasText: '% chance of being resolved (improved model)' }).waitFor();
  await page.getByLabel('Ticket description', { exact: true }).fill('Terrible, nothing works.');
  await page.getByRole('radio', { name: /seed/ }).check();
  await status.filter({ hasText: '(seed model)' }).waitFor();
  await assertDrawn(page);
  // The page's CSS applied (from the inline, hash-allowed <style>).
  assert.equal(await page.getByRole('img', { name: 'ROC curve' }).evaluate((c) => getComputedStyle(c).display), 'block');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual({ errors, blocked }, { errors: [], blocked: [] });
  await context.close();
});

test('the single-file demo trains a model in a blob: worker from file://', async () => {
  const { html, policy } = buildSingleFile({ sample: 100 });
  assert.match(policy, /; worker-src blob:$/);
  const file = join(dir, 'ticket-insights-train.html');
  writeFileSync(file, html);
  const csv = join(dir, 'zendesk.csv');
  execFileSync(join(ROOT, 'target', 'release', 'ticket-insights'),
    ['generate', '--layout', 'zendesk', '--rows', '800', '--seed', '7', '--out', csv], { stdio: 'pipe' });
  const context = await browser.newContext();
  const blocked = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await context.setOffline(true);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await recordViolations(page);
  await page.goto(pathToFileURL(file).href);
  await page.getByText('100 tickets from the bundled dataset').waitFor();
  await page.getByLabel('Ticket CSV').setInputFiles(csv);
  await page.getByText('800 tickets from zendesk.csv').waitFor();
  await page.getByRole('button', { name: 'Train on this file' }).click();
  const yours = page.getByRole('region', { name: 'Your model' });
  await yours.waitFor({ timeout: 300_000 });
  assert.match(await yours.getByRole('row', { name: /ROC AUC/ }).textContent(), /ROC AUC0\.\d{3}/);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual({ errors, blocked }, { errors: [], blocked: [] });
  await context.close();
});

/** sw.js's ASSETS, as absolute paths on the server. */
function swAssets() {
  const source = readFileSync(join(ROOT, 'www', 'sw.js'), 'utf8');
  const list = /const ASSETS = (\[[^\]]*\]);/.exec(source);
  assert.ok(list, 'sw.js declares const ASSETS = [...]');
  return Array.from(runInNewContext(list[1]), (a) => new URL(a, 'http://x/www/sw.js').pathname);
}

test('the served page works offline after its service worker took control', async () => {
  const site = await server();
  const { context, page, problems } = await openPage(browser);
  await recordViolations(page);
  const requested = new Set();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.hostname === '127.0.0.1') requested.add(url.pathname);
  });
  await page.goto(`${site.url}/www/`);
  await page.getByText('8469 tickets from the bundled dataset').waitFor();
  await page.getByRole('status').filter({ hasText: '%' }).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });

  // The cache list does not drift: it is what the page loads (index.html is the same file as
  // ./), and what sits in the cache.
  requested.delete('/www/sw.js');
  const assets = swAssets();
  assert.deepEqual([...requested].sort(), assets.filter((a) => a !== '/www/index.html').sort());
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('ticket-insights-')));
    return { names, keys: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  assert.equal(cached.names.length, 1, `one cache: ${cached.names}`);
  assert.deepEqual(cached.keys.sort(), [...assets].sort());

  // The server is gone and the browser is offline: the reload comes from the cache.
  await site.close();
  await context.setOffline(true);
  const answered = [];
  page.on('response', (r) => answered.push([new URL(r.url()).pathname, r.fromServiceWorker()]));
  await page.reload();
  await page.getByText('8469 tickets from the bundled dataset').waitFor();
  const status = page.getByRole('status');
  await status.filter({ hasText: '% chance of being resolved (improved model)' }).waitFor();
  await page.getByRole('radio', { name: /seed/ }).check();
  await status.filter({ hasText: '(seed model)' }).waitFor();
  await assertDrawn(page);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  assert.deepEqual(answered.filter(([, sw]) => !sw), [], 'every file came from the service worker');
  // Each analysis worker loads the studio module too: each file once or more, nothing else.
  assert.deepEqual([...new Set(answered.map(([path]) => path))].sort(), assets.filter((a) => a !== '/www/index.html').sort());
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('the page declares a CSP and the dashboard draws under it with no violation', async () => {
  const site = await server();
  const { context, page, problems } = await openPage(browser, { serviceWorkers: 'block' });
  await recordViolations(page);
  await page.goto(`${site.url}/www/`);
  const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.ok(csp.startsWith(STRICT_CSP), csp);
  await page.getByText('8469 tickets from the bundled dataset').waitFor();
  await assertDrawn(page);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

// plotters 0.3.7 measures text in wasm with `span.setAttribute("style", …)`, which this policy
// forbids; src/wasm.rs measures with the canvas's measureText instead.
test('the dashboard draws under exactly the strict policy', async () => {
  const site = await server();
  const { context, page } = await openPage(browser, { serviceWorkers: 'block' });
  await recordViolations(page);
  await page.route('**/www/', async (route) => {
    const html = readFileSync(join(ROOT, 'www', 'index.html'), 'utf8')
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">`);
    await route.fulfill({ contentType: 'text/html', body: html });
  });
  await page.goto(`${site.url}/www/`);
  await page.getByText('8469 tickets from the bundled dataset').waitFor();
  const violations = await page.evaluate(() => window.violations);
  assert.deepEqual(violations.slice(0, 3), [], `${violations.length} violations`);
  await context.close();
});
