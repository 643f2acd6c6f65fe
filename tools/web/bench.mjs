// The browser half of scripts/bench.sh: in headless Chromium (playwright-core, Debian's
// /usr/bin/chromium) it measures, and prints as one JSON object in the units of
// tools/bench/report.py:
// - texts/s over the 8469 ticket descriptions of the wasm exports (textblobPolarity, seedScore,
//   vaderCompound, and letterCount, the limit) next to npm `sentiment` and `vader-sentiment`,
//   and µs per wasm `predict` from a raw ticket, in the same page (www/bench/), alternating;
//   plus how often npm `vader-sentiment` disagrees with our VADER;
// - on the product page /www/, over LOADS fresh page loads (a new browser context each): ms from
//   navigation to the first prediction shown (`ti:first-prediction`), to the dataset fetched,
//   to the dashboard drawn (`ti:dashboard-drawn`), and the dashboard itself (analyze and draw
//   the 7 charts: `ti:dashboard-drawn` − the later of `ti:dataset-fetched` and
//   `ti:studio-ready`, the studio module started), and the wasm memory after it;
// - in the same rounds, interleaved with those loads, the plain-JS floor: a copy of the page
//   whose app.js is replaced by www/bench/floor.js, which shows a fake first prediction without
//   any wasm (see that file), so `first_prediction / first_prediction_floor` is what the wasm
//   costs the first prediction; and, with `--before DIR`, the same loads of the page of another
//   build of the repository (tools/web/build-rev.sh REV DIR), served on a second port, as
//   `*_before`;
// - sizes, raw and gzip -9: what the page downloads (tools/web/size.mjs --json) next to
//   onnxruntime-web's wasm runtime and TensorFlow.js's browser bundle from node_modules.
// Page loads are watched, not intercepted (see openWatched). Prints one JSON object on stdout,
// and the page-load medians and ratios on stderr.
// Usage: node tools/web/bench.mjs [--reps N] [--loads N] [--before DIR] [--pages-only]
//   (defaults 3 and 5; --pages-only skips the bench page and the sizes)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ROOT, launch, openPage, serve } from '../../tests/e2e/harness.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const reps = arg('--reps', 3);
const loads = arg('--loads', 5);
const beforeAt = process.argv.indexOf('--before');
const beforeDir = beforeAt > 0 ? resolve(process.argv[beforeAt + 1]) : null;
const pagesOnly = process.argv.includes('--pages-only');
const MIB = 1024 * 1024;

/**
 * The plain-JS floor's site: the page's own document, with www/bench/floor.js in place of
 * app.js and no preload hints, next to the files it loads (links to www/), served from a
 * directory of its own so that no request of it is intercepted either.
 */
async function floorSite(dir) {
  const html = (await readFile(join(ROOT, 'www', 'index.html'), 'utf8'))
    .replace('<script type="module" src="app.js"></script>', '<script type="module" src="bench/floor.js"></script>')
    .replace(/\s*<!--[^>]*-->(?=\s*<link rel="(?:module)?preload")/, '')
    .replace(/\s*<link rel="(?:module)?preload"[^>]*>/g, '');
  if (!html.includes('bench/floor.js')) throw new Error('www/index.html no longer loads app.js');
  await mkdir(join(dir, 'www', 'bench'), { recursive: true });
  await writeFile(join(dir, 'www', 'index.html'), html);
  for (const file of ['style.css', 'format.js', 'bench/floor.js']) {
    await symlink(join(ROOT, 'www', file), join(dir, 'www', file));
  }
  return serve(dir);
}

/** Fails on console errors or requests leaving 127.0.0.1. */
function check(problems, what) {
  if (problems.console.length || problems.external.length) {
    throw new Error(`${what}: ${JSON.stringify(problems)}`);
  }
}

async function benchPage(browser, url) {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(`${url}/www/bench/`);
    await page.waitForFunction(() => window.tiBench);
    const result = await page.evaluate((r) => window.tiBench.run({ reps: r }), reps);
    check(problems, 'bench page');
    return result;
  } finally {
    await context.close();
  }
}

/**
 * A fresh context and page for timing a load: like the harness's openPage, but watching instead
 * of intercepting, since routing every request through the driver adds a round trip to each one
 * (and so favours pages with fewer requests in a chain). Nothing here asks for another host;
 * `problems.external` would say so.
 */
async function openWatched(browser) {
  const context = await browser.newContext({ deviceScaleFactor: 2, serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = { console: [], external: [] };
  // Uninterrupted, Chromium also asks for /favicon.ico, which the repository does not have.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.console.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') problems.external.push(u.href);
  });
  return { context, page, problems };
}

/**
 * One fresh load of a page at `url`/www/ (`floor`: the plain-JS floor in its place): its marks
 * in ms after navigation and, for the real page, the wasm memory of its modules.
 */
async function pageLoad(browser, url, { floor = false } = {}) {
  const { context, page, problems } = await openWatched(browser);
  try {
    if (floor) {
      await page.goto(`${url}/www/`);
      await page.waitForFunction(() => performance.getEntriesByName('ti:first-prediction').length);
      const first = await page.evaluate(() => performance.getEntriesByName('ti:first-prediction')[0].startTime);
      check(problems, 'floor page');
      return { first };
    }
    await page.goto(`${url}/www/`);
    await page.waitForFunction(() => performance.getEntriesByName('ti:dashboard-drawn').length,
      null, { timeout: 60_000 });
    const result = await page.evaluate(async () => {
      const at = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime;
      // The page's module instances: init() is idempotent and returns the wasm exports. Before
      // the split (a --before build), one module held everything.
      const split = at('ti:studio-ready') !== undefined;
      const glues = split ? ['/pkg/predictor/predictor.js', '/pkg/studio/studio.js'] : ['/pkg/ticket_insights.js'];
      let memory = 0;
      for (const glue of glues) memory += (await (await import(glue)).default()).memory.buffer.byteLength;
      const fetched = at('ti:dataset-fetched');
      return {
        first: at('ti:first-prediction'), fetched, drawn: at('ti:dashboard-drawn'),
        // Analyze + draw: from when both the dataset and the studio module were there.
        dashboard: at('ti:dashboard-drawn') - Math.max(fetched, at('ti:studio-ready') ?? fetched),
        memory,
      };
    });
    check(problems, 'product page');
    return result;
  } finally {
    await context.close();
  }
}

async function fileSize(...paths) {
  let raw = 0;
  let gzip = 0;
  for (const p of paths) {
    const body = await readFile(join(ROOT, p));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip, files: paths };
}

async function version(pkg) {
  return JSON.parse(await readFile(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

async function sizes() {
  const dir = await mkdtemp(join(tmpdir(), 'ti-size-'));
  try {
    const json = join(dir, 'size.json');
    await promisify(execFile)(process.execPath, [join(ROOT, 'tools/web/size.mjs'), '--json', json]);
    const size = JSON.parse(await readFile(json, 'utf8'));
    const ort = 'node_modules/onnxruntime-web/dist';
    return {
      page_without_dataset: size.page_without_dataset,
      page_first_load: size.page_first_load,
      widget: size.widget,
      predictor_module: size.modules.predictor.total,
      studio_module: size.modules.studio.total,
      // Both modules' wasm (the page downloads both; the widget the first).
      wasm_module: await fileSize('pkg/predictor/predictor_bg.wasm', 'pkg/studio/studio_bg.wasm'),
      dataset: size.dataset,
      // What `import 'onnxruntime-web/wasm'` loads: the API, the Emscripten glue, the runtime.
      onnxruntime_web: {
        version: await version('onnxruntime-web'),
        ...await fileSize(`${ort}/ort.wasm.min.mjs`, `${ort}/ort-wasm-simd-threaded.mjs`,
          `${ort}/ort-wasm-simd-threaded.wasm`),
      },
      onnxruntime_web_wasm: {
        version: await version('onnxruntime-web'),
        ...await fileSize(`${ort}/ort-wasm-simd-threaded.wasm`),
      },
      // The package's browser bundle (its `unpkg` / `jsdelivr` entry).
      tfjs: { version: await version('@tensorflow/tfjs'), ...await fileSize('node_modules/@tensorflow/tfjs/dist/tf.min.js') },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (v) => {
  const s = [...v].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await serve();
const before = beforeDir ? await serve(beforeDir) : null;
const floorDir = await mkdtemp(join(tmpdir(), 'ti-floor-'));
const floor = await floorSite(floorDir);
const browser = await launch();
try {
  const bench = pagesOnly ? {} : await benchPage(browser, server.url);
  // Interleaved, in a rotating order, so that drift in the machine's load hits all alike.
  const kinds = [['after', () => pageLoad(browser, server.url)], ['floor', () => pageLoad(browser, floor.url, { floor: true })],
    ...(before ? [['before', () => pageLoad(browser, before.url)]] : [])];
  const runs = Object.fromEntries(kinds.map(([k]) => [k, []]));
  for (let i = 0; i < loads; i++) {
    for (let k = 0; k < kinds.length; k++) {
      const [kind, load] = kinds[(k + i) % kinds.length];
      runs[kind].push(await load());
    }
  }
  const { sink, passes, ...figures } = bench;
  const of = (kind, key) => runs[kind].map((r) => r[key]);
  const msPage = {
    first_prediction: of('after', 'first'),
    dataset_fetched: of('after', 'fetched'),
    dashboard: of('after', 'dashboard'),
    dashboard_drawn: of('after', 'drawn'),
    first_prediction_floor: of('floor', 'first'),
    ...(before ? {
      first_prediction_before: of('before', 'first'),
      dashboard_before: of('before', 'dashboard'),
      dashboard_drawn_before: of('before', 'drawn'),
    } : {}),
  };
  const m = (key) => median(msPage[key]);
  const comparison = {
    first_prediction_vs_floor: m('first_prediction') / m('first_prediction_floor'),
    ...(before ? {
      first_prediction_after_vs_before: m('first_prediction') / m('first_prediction_before'),
      dashboard_after_vs_before: m('dashboard') / m('dashboard_before'),
      dashboard_drawn_after_vs_before: m('dashboard_drawn') / m('dashboard_drawn_before'),
    } : {}),
  };
  const ms = (v) => `${median(v).toFixed(1)} ms (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`;
  console.error(Object.entries(msPage).map(([k, v]) => `bench: ${k}: ${ms(v)}`).join('\n'));
  console.error(Object.entries(comparison).map(([k, v]) => `bench: ${k}: ${v.toFixed(3)}× (medians)`).join('\n'));
  console.log(JSON.stringify({
    ...figures,
    browser: `Chromium ${browser.version()} (headless)`,
    ...(pagesOnly ? {} : {
      npm_versions: { sentiment: await version('sentiment'), 'vader-sentiment': await version('vader-sentiment') },
    }),
    ms_page: msPage,
    // Ratios of medians of this run (lower is better: after / before, page / floor).
    page_comparison: { ...comparison, before: beforeDir ? 'the page built by tools/web/build-rev.sh' : null },
    mib_wasm_memory: { wasm_memory_after_dashboard: of('after', 'memory').map((b) => b / MIB) },
    ...(pagesOnly ? {} : { sizes: await sizes() }),
  }));
} finally {
  await browser.close();
  await server.close();
  await before?.close();
  await floor.close();
  await rm(floorDir, { recursive: true, force: true });
}
