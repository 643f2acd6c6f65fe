// The browser half of scripts/bench.sh: in headless Chromium (playwright-core, Debian's
// /usr/bin/chromium) it measures, and prints as one JSON object in the units of
// tools/bench/report.py:
// - texts/s over the 8469 ticket descriptions of the wasm exports (textblobPolarity, seedScore,
//   vaderCompound, and letterCount, the limit) next to npm `sentiment` and `vader-sentiment`,
//   and µs per wasm `predict` from a raw ticket, in the same page (www/bench/), alternating;
//   plus how often npm `vader-sentiment` disagrees with our VADER;
// - on the product page /www/, over LOADS fresh page loads (a new browser context each): ms from
//   navigation to the first prediction shown (`ti:first-prediction`), to the dataset fetched,
//   and the dashboard (`ti:dashboard-drawn` − `ti:dataset-fetched`: analyze and draw the 7
//   charts), and the wasm memory after it;
// - sizes, raw and gzip -9: what the page downloads (tools/web/size.mjs --json) next to
//   onnxruntime-web's wasm runtime and TensorFlow.js's browser bundle from node_modules.
// Usage: node tools/web/bench.mjs [--reps N] [--loads N]   (defaults 3 and 5)
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ROOT, launch, openPage, serve } from '../../tests/e2e/harness.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const reps = arg('--reps', 3);
const loads = arg('--loads', 5);
const MIB = 1024 * 1024;

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

/** One fresh load of the product page: its marks (ms after navigation) and wasm memory. */
async function pageLoad(browser, url) {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(`${url}/www/`);
    await page.waitForFunction(() => performance.getEntriesByName('ti:dashboard-drawn').length,
      null, { timeout: 60_000 });
    const result = await page.evaluate(async () => {
      const at = (name) => performance.getEntriesByName(name, 'mark')[0].startTime;
      // The page's module instances: init() is idempotent and returns the wasm exports.
      const memory = async (glue) => (await (await import(glue)).default()).memory.buffer.byteLength;
      return {
        first: at('ti:first-prediction'), fetched: at('ti:dataset-fetched'),
        drawn: at('ti:dashboard-drawn'),
        memory: await memory('/pkg/predictor/predictor.js') + await memory('/pkg/studio/studio.js'),
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
    const page = JSON.parse(await readFile(json, 'utf8'));
    const ort = 'node_modules/onnxruntime-web/dist';
    const dataset = page.files.filter((f) => f.path.endsWith('.csv'));
    const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
    return {
      page_without_dataset: {
        raw: page.page_raw, gzip: page.page_gzip,
        files: page.files.filter((f) => !f.path.endsWith('.csv')).map((f) => f.path),
      },
      wasm_module: await fileSize('pkg/predictor/predictor_bg.wasm', 'pkg/studio/studio_bg.wasm'),
      dataset: { raw: sum(dataset, 'raw'), gzip: sum(dataset, 'gzip'), files: dataset.map((f) => f.path) },
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

const server = await serve();
const browser = await launch();
try {
  const bench = await benchPage(browser, server.url);
  const runs = [];
  for (let i = 0; i < loads; i++) runs.push(await pageLoad(browser, server.url));
  const { sink, passes, ...figures } = bench;
  console.log(JSON.stringify({
    ...figures,
    browser: `Chromium ${browser.version()} (headless)`,
    npm_versions: { sentiment: await version('sentiment'), 'vader-sentiment': await version('vader-sentiment') },
    ms_page: {
      first_prediction: runs.map((r) => r.first),
      dataset_fetched: runs.map((r) => r.fetched),
      dashboard: runs.map((r) => r.drawn - r.fetched),
    },
    mib_wasm_memory: { wasm_memory_after_dashboard: runs.map((r) => r.memory / MIB) },
    sizes: await sizes(),
  }));
} finally {
  await browser.close();
  await server.close();
}
