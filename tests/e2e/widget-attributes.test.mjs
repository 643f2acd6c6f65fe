// End-to-end tests of what the <ticket-predictor> widget does with the attributes a host page
// sets: a model it does not have is said in the element (no prediction, no event), and a
// priority is kept as written, ranked by the model's own priority words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serve } from './harness.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Opens a host page holding `body`, recording the ticket-prediction events. */
async function host(body) {
  const { context, page, problems } = await openPage(browser);
  await page.addInitScript(() => {
    window.predictions = [];
    document.addEventListener('ticket-prediction', (e) => window.predictions.push(e.detail));
  });
  await page.route('**/host/page.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">
      <title>Host</title><script type="module" src="/www/widget.js"></script></head>
      <body>${body}</body></html>`,
  }));
  await page.goto(`${server.url}/host/page.html`);
  return { context, page, problems };
}

test('a model the widget does not have is said in the element, with no prediction event', async () => {
  const { context, page, problems } = await host(
    '<ticket-predictor id="w" model="nonsense">My order never arrived.</ticket-predictor>');
  const status = page.getByRole('status');
  await status.filter({ hasText: 'nonsense' }).waitFor({ timeout: 5_000 });
  const text = await status.textContent();
  assert.match(text, /no model called “nonsense”/);
  assert.match(text, /improved/);
  assert.doesNotMatch(text, /% chance/);
  // Give a prediction every chance to arrive: none may.
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.predictions.length), 0);
  // A known model set afterwards predicts.
  await page.evaluate(() => { document.querySelector('#w').model = 'seed'; });
  await status.filter({ hasText: '% chance of being resolved (seed model)' }).waitFor();
  assert.equal(await page.evaluate(() => window.predictions.at(-1).model), 'seed');
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('a priority attribute is kept as written and ranked by the model', async () => {
  const { context, page, problems } = await host(`
    <ticket-predictor id="urgent" layout="full" priority="urgent">It is down.</ticket-predictor>
    <ticket-predictor id="soon" layout="full" priority="Soon">It is down.</ticket-predictor>
    <ticket-predictor id="critical" layout="full" priority="Critical">It is down.</ticket-predictor>`);
  const widget = (id) => page.locator(`#${id}`);
  for (const id of ['urgent', 'soon', 'critical']) {
    await widget(id).getByRole('status').filter({ hasText: '% chance' }).waitFor();
  }
  // The model's own levels are offered, in rank order.
  const options = await widget('critical').getByLabel('Ticket priority').locator('option').allTextContents();
  assert.deepEqual(options, ['Low', 'Medium', 'High', 'Critical']);
  // "urgent" is kept, shown, and predicted as critical.
  const select = widget('urgent').getByLabel('Ticket priority');
  assert.equal(await select.inputValue(), 'urgent');
  assert.match(await select.locator('option:checked').textContent(), /urgent/);
  const details = await page.evaluate(() => Object.fromEntries(
    ['urgent', 'soon', 'critical'].map((id) => [id, window.predictions.findLast(
      (p, i) => window.predictions.indexOf(p) >= 0 && p && p.priority?.value !== undefined
        ? p.priority.value.toLowerCase() === id : false)])));
  assert.equal(details.urgent.features.priority_ordinal, 4);
  assert.equal(details.urgent.probability, details.critical.probability);
  // An unknown priority is kept and shown, and the prediction says how it was counted.
  const soon = widget('soon').getByLabel('Ticket priority');
  assert.equal(await soon.inputValue(), 'Soon');
  assert.match(await soon.locator('option:checked').textContent(), /Soon/);
  assert.equal(details.soon.features.priority_ordinal, 2);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});
