// End-to-end tests of the static page in headless Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, inkedPixels, launch, openPage, serve } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('page loads, scores typed text and draws the chart at device resolution', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${server.url}/www/`);
  const status = page.getByRole('status');
  await assert.doesNotReject(status.filter({ hasText: 'Polarity' }).waitFor());
  await page.getByRole('textbox', { name: 'Ticket description' }).fill('This is a great, wonderful product!');
  await status.filter({ hasText: 'Polarity 0.9' }).waitFor();
  await page.getByText('8469 tickets from the bundled dataset').waitFor();
  const chart = await inkedPixels(page, 'Sentiment score distribution');
  assert.equal(chart.width, chart.cssWidth * 2, 'backing store is at device pixel ratio 2');
  assert.ok(chart.inked > 10_000, `only ${chart.inked} non-background pixels`);
  assert.deepEqual(problems, { console: [], external: [] });
  // The README shows this screenshot.
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png'), fullPage: true });
  await context.close();
});
