// End-to-end tests of the page's predictor (www/predictor.js) on its own, in a page holding the
// elements www/index.html gives it: of overlapping predictions the latest wins (a slow earlier
// answer never overwrites a later one), and the page's figures never read "-0%".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serve } from './harness.mjs';
import { percent, points, signed } from '../../www/format.js';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The predictor's form and elements, as www/index.html has them. */
const BODY = `<form id="ticket">
  <input type="radio" name="model" value="improved" checked aria-label="improved">
  <label>Customer age <input name="age" value="35"></label>
  <label>Ticket priority <select name="priority"><option>Medium</option></select></label>
  <input name="channel" value="Email"><input name="type" value="Technical issue">
  <label>Ticket description <textarea name="description">It is down.</textarea></label>
</form>
<p id="prediction" role="status"></p><p id="verdict"></p>
<div id="why" hidden><p id="why-start"></p><ul id="reasons"></ul><p id="why-sum"></p><p id="why-method"></p></div>
<p id="sentiment-values"></p>
<table id="contributions"><tbody></tbody></table>`;

async function open() {
  const { context, page, problems } = await openPage(browser);
  await page.route('**/host/predictor.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Predictor</title></head><body>${BODY}</body></html>`,
  }));
  await page.goto(`${server.url}/host/predictor.html`);
  await page.evaluate(async () => {
    const wasm = await import('/www/predictor-wasm.js');
    await wasm.start();
    window.wasm = wasm;
    window.predictor = await import('/www/predictor.js');
  });
  return { context, page, problems };
}

test('of overlapping predictions the latest wins: a slow earlier answer is dropped', async () => {
  const { context, page, problems } = await open();
  const result = await page.evaluate(async () => {
    const form = document.getElementById('ticket');
    const { predict } = window.wasm;
    // The real prediction, answered after `ms` with the probability replaced by `p`.
    const slow = (ms, p) => (ticket, model) => new Promise((ok) => {
      const answer = predict(ticket, model);
      setTimeout(() => ok({ ...answer, probability: p }), ms);
    });
    const first = window.predictor.update(form, {}, { predictWith: slow(300, 0.111) });
    const second = window.predictor.update(form, {}, { predictWith: slow(20, 0.777) });
    const shown = await Promise.all([first, second]);
    return { shown, status: document.getElementById('prediction').textContent };
  });
  assert.deepEqual(result.shown, [false, true]);
  assert.match(result.status, /^77\.7% chance/);
  // A failure that arrives late does not overwrite a later prediction either.
  const late = await page.evaluate(async () => {
    const form = document.getElementById('ticket');
    const failing = () => new Promise((_, no) => setTimeout(() => no(new Error('too late')), 200));
    const first = window.predictor.update(form, {}, { predictWith: failing });
    const second = window.predictor.update(form);
    return { shown: await Promise.all([first, second]), status: document.getElementById('prediction').textContent };
  });
  assert.deepEqual(late.shown, [false, true]);
  assert.match(late.status, /% chance of being resolved \(improved model\)$/);
  // An immediate answer is shown at once, as the page's first prediction needs.
  const now = await page.evaluate(() => {
    window.predictor.update(document.getElementById('ticket'));
    return document.getElementById('reasons').children.length;
  });
  assert.ok(now > 0);
  assert.deepEqual(problems, { console: [], external: [] });
  await context.close();
});

test('figures never read -0: percentages, points and signed log-odds', () => {
  for (const tiny of [-0, -1e-12, -0.00049]) {
    assert.equal(percent(tiny), '0.0%');
    assert.equal(signed(tiny, 1), '±0.0');
    assert.equal(points(tiny * 10), '±0.0 points');
  }
  assert.equal(percent(0.1234), '12.3%');
  assert.equal(signed(-0.13), '−0.130');
  assert.equal(signed(0.052), '+0.052');
});
