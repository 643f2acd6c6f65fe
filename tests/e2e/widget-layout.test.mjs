// End-to-end tests of the <ticket-predictor> widget where helpdesks put it: `layout="full"` in a
// sidebar 280, 320 and 400 px wide and on a full page has no element past its own right edge
// and gives the host no horizontal scroll; in the light and the dark scheme axe-core (WCAG 2 A
// and AA, colour contrast included) finds no violation; and no feature identifier shows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT, launch, openPage, serve } from './harness.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const WIDTHS = [280, 320, 400];
/** A long description and an unknown priority: the longest texts the widget shows. */
const TICKET = 'My order #12345678 never arrived and the tracking page https://example.org/track/ABCDEFGHIJKLMNOP says nothing at all. This is terrible, awful, the worst service.';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/**
 * Opens a host page with one full widget (model `model`) in a sidebar `width` px wide (the
 * whole page when `width` is null), in `colorScheme`, and waits for its first prediction.
 */
async function host({ width, colorScheme = 'light', model = 'improved' }) {
  const { context, page, problems } = await openPage(browser, {
    colorScheme, viewport: { width: 1024, height: 900 },
  });
  await page.route('**/host/sidebar.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">
      <title>Helpdesk</title><script type="module" src="/www/widget.js"></script></head>
      <body><main><h1>Ticket 4711</h1><aside aria-label="Apps">
      <ticket-predictor id="w" layout="full" model="${model}" priority="urgent">${TICKET}</ticket-predictor>
      </aside></main></body></html>`,
  }));
  await page.goto(`${server.url}/host/sidebar.html`);
  // The sidebar's width, set from here: the page's policy allows no inline style.
  if (width !== null) {
    await page.locator('aside').evaluate((a, w) => { a.style.width = `${w}px`; }, width);
  }
  await page.locator('#w').getByRole('status').filter({ hasText: '% chance' }).waitFor();
  await page.locator('#w').getByRole('list', { name: 'What moved this prediction' }).waitFor();
  return { context, page, problems };
}

/** How far any element of the widget (shadow root included) reaches past its right edge, px. */
function overflow(page) {
  return page.locator('#w').evaluate((w) => {
    const edge = w.getBoundingClientRect().right;
    let worst = { by: 0, what: '' };
    for (const e of [...w.shadowRoot.querySelectorAll('*'), ...w.querySelectorAll('*')]) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const by = r.right - edge;
      if (by > worst.by) worst = { by, what: `${e.localName}.${e.className}` };
    }
    return worst;
  });
}

/** The host's horizontal scroll, px. */
const hostScroll = (page) => page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);

for (const width of [...WIDTHS, null]) {
  const where = width === null ? 'on a full page' : `in a ${width} px sidebar`;
  test(`the full widget fits ${where}: nothing past its edge, no host scroll`, async () => {
    const { context, page, problems } = await host({ width });
    const box = await page.locator('#w').boundingBox();
    if (width !== null) assert.ok(Math.abs(box.width - width) < 1, `widget ${box.width} px in ${width} px`);
    const worst = await overflow(page);
    assert.ok(worst.by <= 0.5, `${worst.what} is ${worst.by} px past the widget's right edge at ${width} px`);
    assert.equal(await hostScroll(page), 0, 'the host scrolls sideways');
    // The priority attribute the model lacks is said, naming the attribute and its value.
    await page.locator('#w').getByText('priority="urgent" is not one of this model\'s priorities').waitFor();
    if (width === 320) {
      // The README's picture of the widget in a sidebar, written to an ignored path;
      // scripts/screenshot.sh points TI_WIDGET_SCREENSHOT at docs/widget-sidebar.png.
      const shot = process.env.TI_WIDGET_SCREENSHOT || join(ROOT, 'target', 'e2e', 'widget-sidebar.png');
      await mkdir(dirname(shot), { recursive: true });
      await page.locator('aside').screenshot({ path: shot });
    }
    assert.deepEqual(problems, { console: [], external: [] });
    await context.close();
  });
}

/** Runs axe-core on the host page (the widget's open shadow root included): its violations. */
async function axe(page) {
  // From the same origin: the host's policy allows scripts from 'self' only.
  await page.addScriptTag({ url: '/node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG A/AA violation in the ${colorScheme} scheme, at 280 px and full`, async () => {
    for (const width of [280, null]) {
      const { context, page, problems } = await host({ width, colorScheme });
      // The scheme is the reader's: the widget's background follows it.
      const background = await page.locator('#w').evaluate((w) => getComputedStyle(w).backgroundColor);
      assert.equal(background, colorScheme === 'dark' ? 'rgb(28, 33, 40)' : 'rgb(255, 255, 255)');
      assert.deepEqual(await axe(page), [], `${colorScheme} at ${width ?? 'full'}`);
      assert.deepEqual(problems, { console: [], external: [] });
      await context.close();
    }
  });
}

test('a host overrides either scheme with the custom properties', async () => {
  const { context, page } = await host({ width: 320, colorScheme: 'dark' });
  await page.locator('#w').evaluate((w) => {
    w.style.setProperty('--ticket-predictor-background', 'rgb(250, 250, 240)');
    w.style.setProperty('--ticket-predictor-color', 'rgb(10, 10, 10)');
  });
  assert.equal(await page.locator('#w').evaluate((w) => getComputedStyle(w).backgroundColor), 'rgb(250, 250, 240)');
  assert.equal(await page.locator('#w').evaluate((w) => getComputedStyle(w).color), 'rgb(10, 10, 10)');
  await context.close();
});

test('no feature identifier shows in the widget, for every bundled model', async () => {
  for (const model of ['improved', 'seed']) {
    const { context, page } = await host({ width: 320, model });
    const text = await page.locator('#w').evaluate((w) => w.shadowRoot.textContent);
    // snake_case words, and the one-letter name of the seed score.
    assert.deepEqual(text.match(/\b[a-z]+_[a-z_]+\b/g), null, text);
    assert.deepEqual(text.match(/(?<![\w'’])s(?![\w'’])/g), null, text);
    assert.doesNotMatch(text, /[-−]0(\.0)?%/);
    await context.close();
  }
});
