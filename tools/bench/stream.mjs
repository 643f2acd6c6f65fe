#!/usr/bin/env node
// The dashboard's analysis of large exports in the browser (issue 16), in the same run as its
// floors and alternatives: for each size, planted Kaggle-layout exports from the CLI's
// `generate` (the bundled layout, so the bundled improved model scores every ticket), opened in
// the page in headless Chromium with 1 scoring worker and with navigator.hardwareConcurrency
// ones: tickets/s end to end (from setting the file to the last chart drawn: streaming, CSV
// parsing, the three analyzers, the model, the aggregates and the charts), the peak memory of
// the page's renderer process (its resident set, sampled every 50 ms: the JS heap, every wasm
// instance of every worker, the DOM and the canvases; and what it added to the page as loaded;
// and the main thread's JS heap plus every wasm instance's memory, which the page reports) and the longest main-thread task
// (Long Tasks API); then in the same page PapaParse 5.5.3 parsing the same File alone (header
// rows as objects, on the main thread: the floor for parsing a CSV in JS); and natively pandas
// read_csv + TextBlob + the seed pipeline + VADER (tools/bench/python_stream.py, up to
// --python-rows rows). Prints one JSON object in tools/bench/report.py's format.
//
//   node tools/bench/stream.mjs [--rows 50000,200000,1000000] [--reps 1] [--python-rows 50000]
// Needs pkg/ (scripts/build-web.sh), the release CLI and, for the Python figures, REFPY and
// NLTK_DATA (tools/refenv.sh).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, launch, openPage, recordLongTasks, serve } from '../../tests/e2e/harness.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' }, reps: { type: 'string' }, 'python-rows': { type: 'string' } } });
const sizes = (values.rows ?? '50000,200000,1000000').split(',').map(Number);
const reps = Number(values.reps ?? 1);
const pythonRows = Number(values['python-rows'] ?? 50_000);
const CLI = process.env.TI_CLI ?? join(ROOT, 'target', 'release', 'ticket-insights');
const say = (m) => process.stderr.write(`bench-stream: ${m}\n`);
const short = (n) => (n >= 1e6 ? `${n / 1e6}m` : `${n / 1e3}k`);

/**
 * Resident set (kB) of the largest renderer process below `pid`: the page's, which runs its
 * main thread and every dedicated worker (the bench opens one page at a time).
 */
function rendererKb(pid) {
  const children = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(p));
    } catch { /* gone */ }
  }
  let kb = 0;
  const visit = (p) => {
    for (const c of children.get(p) ?? []) {
      try {
        if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('--type=renderer')) {
          kb = Math.max(kb, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${c}/status`, 'utf8'))?.[1] ?? 0));
        }
      } catch { /* gone */ }
      visit(c);
    }
  };
  visit(pid);
  return kb;
}

const dir = mkdtempSync(join(tmpdir(), 'ti-bench-stream-'));
const server = await serve();
const browser = await launch();
/** The browser's process: the child of this one that playwright drives over a pipe. */
const pid = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).find((p) => {
  try {
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid
      && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--remote-debugging-pipe');
  } catch { return false; }
});
if (!pid) throw new Error('the browser process was not found');
const out = { stream_cores: availableParallelism(), tickets_per_s: {}, mb_peak: {}, ms_longest_task: {}, s_elapsed: {} };
const record = (unit, name, value) => { (out[unit][name] ??= []).push(value); say(`${unit} ${name} ${value.toFixed(1)}`); };
try {
  for (const rows of sizes) {
    const csv = join(dir, `kaggle-${rows}.csv`);
    execFileSync(CLI, ['generate', '--layout', 'kaggle', '--rows', String(rows), '--signal', 'linear', '--seed', '3', '--out', csv], { stdio: 'pipe' });
    say(`${rows} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB`);
    for (let rep = 0; rep < reps; rep++) {
      const hardware = await (async () => {
        const { context, page } = await openPage(browser, { serviceWorkers: 'block' });
        await page.goto(`${server.url}/www/`);
        const n = await page.evaluate(() => navigator.hardwareConcurrency);
        await context.close();
        return n;
      })();
      for (const workers of [1, hardware]) {
        const label = `browser_${short(rows)}_${workers === 1 ? '1_worker' : `${workers}_workers`}`;
        const { context, page, problems } = await openPage(browser, { serviceWorkers: 'block' });
        await recordLongTasks(page);
        await page.goto(`${server.url}/www/`);
        await page.getByText('8469 tickets from the bundled dataset').waitFor({ timeout: 120_000 });
        await page.evaluate((n) => {
          document.querySelector('.charts').dataset.workers = String(n);
          // The main thread's JS heap at its peak (Chromium's performance.memory).
          window.heapPeak = 0;
          setInterval(() => { window.heapPeak = Math.max(window.heapPeak, performance.memory.usedJSHeapSize); }, 50);
        }, workers);
        const baseline = rendererKb(pid);
        let peak = baseline;
        const sampler = setInterval(() => { peak = Math.max(peak, rendererKb(pid)); }, 50);
        const t0 = process.hrtime.bigint();
        await page.getByLabel('Ticket CSV').setInputFiles(csv);
        await page.getByText(`${rows} tickets from kaggle-${rows}.csv`).waitFor({ timeout: 3_600_000 });
        await page.waitForFunction(() => !document.querySelector('.charts').dataset.drawing, null, { timeout: 600_000 });
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        clearInterval(sampler);
        peak = Math.max(peak, rendererKb(pid));
        const { longest, heap, wasm } = await page.evaluate(() => {
          const start = performance.getEntriesByName('ti:analysis-start').at(-1).startTime;
          return {
            longest: Math.max(0, ...window.longTasks.filter((t) => t.start >= start).map((t) => t.duration)),
            heap: Math.max(window.heapPeak, performance.memory.usedJSHeapSize),
            wasm: performance.getEntriesByName('ti:analysis-end').at(-1).detail.wasm,
          };
        });
        // The main thread's JS heap and every wasm instance (the page's studio module, the
        // coordinator, each scorer): what the issue's memory goal counts.
        const instances = wasm.page + wasm.coordinator + wasm.scorers.reduce((a, b) => a + b, 0);
        record('mb_peak', `${label}_heap_wasm`, (heap + instances) / 2 ** 20);
        record('tickets_per_s', label, rows / seconds);
        record('s_elapsed', label, seconds);
        record('mb_peak', label, peak / 1024);
        record('mb_peak', `${label}_added`, (peak - baseline) / 1024);
        record('ms_longest_task', label, longest);
        if (problems.console.length) say(`console: ${problems.console.join(' | ')}`);
        if (workers === hardware) {
          // PapaParse alone on the same File, in the same page.
          await page.addScriptTag({ url: '/node_modules/papaparse/papaparse.min.js' });
          const papa = await page.evaluate(() => new Promise((resolve, reject) => {
            const file = document.getElementById('csv-file').files[0];
            let n = 0;
            const t = performance.now();
            // eslint-disable-next-line no-undef
            Papa.parse(file, {
              header: true,
              chunk: (results) => { n += results.data.length; },
              complete: () => resolve({ rows: n, seconds: (performance.now() - t) / 1000 }),
              error: reject,
            });
          }));
          record('tickets_per_s', `papaparse_${short(rows)}`, papa.rows / papa.seconds);
        }
        await context.close();
      }
      if (rows <= pythonRows && process.env.REFPY) {
        const py = JSON.parse(execFileSync(process.env.REFPY, [join(ROOT, 'tools/bench/python_stream.py'), csv], { encoding: 'utf8' }));
        record('tickets_per_s', `python_${short(rows)}`, py.rows / (py.read_s + py.analyzers_s));
        record('tickets_per_s', `pandas_read_csv_${short(rows)}`, py.rows / py.read_s);
        record('mb_peak', `python_${short(rows)}`, py.mb_peak);
      }
    }
    rmSync(csv, { force: true });
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 1));
