// Prints what each wasm module weighs and what each page downloads, raw, gzip (level 9) and
// brotli (quality 11), against the goals. The pages are loaded in headless Chromium from a
// local server (service workers blocked, so only the page's own requests count):
// - the page /www/: its first load is what it requested before its first prediction was shown
//   (resource timing entries that start before the `ti:first-prediction` mark, and the
//   document); then everything without the dataset, and the dataset;
// - the widget, on its example page /www/embed.html: every file but the host page's own HTML
//   and CSS;
// and, without a browser, the offline single files (tools/web/single-file.mjs) and the npm
// tarball (`npm pack --dry-run`). `--json FILE` also writes the figures as JSON
// (tools/web/bench.mjs reads it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT, launch, openPage, serve } from '../../tests/e2e/harness.mjs';
import { buildSingleFile } from './single-file.mjs';

/** The goals, in gzip kB, this report is read against (targets, not tests). */
export const GOALS = {
  predictor_module: { at_most: 150, stretch: 120, what: 'the predictor module (wasm + glue)' },
  page_first_load: { at_most: 200, what: "the page's bytes before its first prediction" },
  widget: { at_most: 170, what: "the widget's total" },
};

/** raw, gzip -9 and brotli -q 11 byte counts of `body`. */
export function measure(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}

const sum = (files) => ({
  raw: files.reduce((n, f) => n + f.raw, 0),
  gzip: files.reduce((n, f) => n + f.gzip, 0),
  brotli: files.reduce((n, f) => n + f.brotli, 0),
  files: files.map((f) => f.path),
});

function modules() {
  const out = {};
  for (const name of ['predictor', 'studio']) {
    const files = [`${name}_bg.wasm`, `${name}.js`].map((f) => {
      const path = `pkg/${name}/${f}`;
      return { path, ...measure(readFileSync(join(ROOT, path))) };
    });
    out[name] = { wasm: files[0], glue: files[1], total: sum(files) };
  }
  return out;
}

/** Loads `path` and records every response: [{path, raw, gzip, brotli, start}]. */
async function load(browser, url, path, ready) {
  const { context, page, problems } = await openPage(browser, { serviceWorkers: 'block' });
  try {
    const bodies = [];
    page.on('response', (response) => {
      const u = new URL(response.url());
      if (u.hostname === '127.0.0.1' && response.status() === 200) {
        bodies.push(response.body().then((b) => ({ path: u.pathname, ...measure(b) })));
      }
    });
    await page.goto(`${url}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const timing = await page.evaluate(() => ({
      first: performance.getEntriesByName('ti:first-prediction')[0]?.startTime,
      starts: Object.fromEntries(performance.getEntriesByType('resource')
        .map((e) => [new URL(e.name).pathname, e.startTime])),
    }));
    if (problems.console.length || problems.external.length) throw new Error(`${path}: ${JSON.stringify(problems)}`);
    // The document has no resource entry: it starts at 0.
    const files = (await Promise.all(bodies)).map((f) => ({ ...f, start: timing.starts[f.path] ?? 0 }));
    return { files: files.sort((a, b) => b.gzip - a.gzip), first: timing.first };
  } finally {
    await context.close();
  }
}

async function pages() {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await load(browser, server.url, '/www/', async (p) => {
      await p.waitForFunction(() => performance.getEntriesByName('ti:dashboard-drawn').length, null, { timeout: 60_000 });
    });
    const isData = (f) => f.path.endsWith('.csv');
    const widget = await load(browser, server.url, '/www/embed.html', async (p) => {
      for (const id of ['#compact', '#full']) {
        await p.locator(id).getByRole('status').filter({ hasText: '% chance' }).waitFor();
      }
    });
    const host = (f) => ['/www/embed.html', '/www/style.css'].includes(f.path);
    return {
      files: { page: page.files, widget: widget.files },
      page_first_load: sum(page.files.filter((f) => f.start < page.first)),
      page_without_dataset: sum(page.files.filter((f) => !isData(f))),
      dataset: sum(page.files.filter(isData)),
      widget: sum(widget.files.filter((f) => !host(f))),
      widget_page: sum(widget.files),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

function offline() {
  const out = {};
  for (const [name, page] of [['offline_page', 'index.html'], ['offline_widget', 'embed.html']]) {
    out[name] = { ...measure(Buffer.from(buildSingleFile({ page }).html)), files: [`www/${page} as one file`] };
  }
  return out;
}

function npmPack() {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', join(ROOT, 'pkg')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return { packed: pack.size, unpacked: pack.unpackedSize, files: pack.files.map((f) => f.path) };
}

const kb = (n) => (n / 1000).toFixed(1);
const line = (label, s, files = '') => `| ${label} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |${files}`;

export async function report() {
  const m = modules();
  const p = await pages();
  return { modules: m, ...p, ...offline(), npm_pack: npmPack() };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const r = await report();
  const out = ['| module | raw kB | gzip kB | brotli kB |', '|---|---:|---:|---:|'];
  for (const [name, mod] of Object.entries(r.modules)) {
    out.push(line(`${name}: \`${mod.wasm.path}\``, mod.wasm), line(`${name}: \`${mod.glue.path}\` (glue)`, mod.glue),
      line(`**${name} module**`, mod.total));
  }
  out.push('', '| download | raw kB | gzip kB | brotli kB | files |', '|---|---:|---:|---:|---|');
  const files = (s) => ` ${s.files.map((f) => `\`${f}\``).join(', ')} |`;
  out.push(line("**the page's first load** (before its first prediction)", r.page_first_load, files(r.page_first_load)),
    line('the page without the dataset (first load, then the studio module and the dashboard)', r.page_without_dataset, files(r.page_without_dataset)),
    line('the bundled dataset', r.dataset, files(r.dataset)),
    line("**the widget's total** (what it adds to a host page)", r.widget, files(r.widget)),
    line('the widget example page, host HTML and CSS included', r.widget_page, ' |'),
    line('offline single file, the page (`dist/ticket-insights.html`)', r.offline_page, ' |'),
    line('offline single file, the widget (`dist/ticket-predictor.html`)', r.offline_widget, ' |'));
  out.push('', `npm package (\`npm pack\`): ${kb(r.npm_pack.packed)} kB packed, ${kb(r.npm_pack.unpacked)} kB unpacked, ${r.npm_pack.files.length} files.`);
  out.push('', '| goal (gzip) | measured kB | target kB | met |', '|---|---:|---:|:---:|');
  const goal = (key, measured) => {
    const g = GOALS[key];
    const met = measured / 1000 <= g.at_most;
    const stretch = g.stretch ? ` (stretch ≤ ${g.stretch}: ${measured / 1000 <= g.stretch ? 'yes' : 'no'})` : '';
    out.push(`| ${g.what} | ${kb(measured)} | ≤ ${g.at_most} | ${met ? 'yes' : '**no**'}${stretch} |`);
  };
  goal('predictor_module', r.modules.predictor.total.gzip);
  goal('page_first_load', r.page_first_load.gzip);
  goal('widget', r.widget.gzip);
  console.log(out.join('\n'));
  const at = process.argv.indexOf('--json');
  if (at > 0) await writeFile(process.argv[at + 1], `${JSON.stringify(r, null, 1)}\n`);
}
