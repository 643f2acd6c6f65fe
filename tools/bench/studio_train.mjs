#!/usr/bin/env node
// Training time of the page's worker next to the CLI's and scikit-learn's, on the same planted
// Zendesk export (the CLI's `generate`), in the same run (issue 14): for each size, alternating
// REPS times, the CLI's `train --permutations 0` (wall clock, the process included), the page's
// "Train on this file" in headless Chromium with "Permutation test: none" (from the click to the
// "Your model" region, the file already open and analyzed), and pandas + TextBlob + VADER +
// scikit-learn on the same features (tools/bench/python_train_export.py: one 5-fold CV and the
// fit on every candidate feature, where ours runs forward selection of the feature groups by CV
// AUC, more work; needs REFPY and NLTK_DATA from tools/refenv.sh). Prints one JSON line per
// measurement and a summary table. Needs pkg/ (scripts/build-web.sh) and the release CLI.
//
//   node tools/bench/studio_train.mjs [--rows 20000,200000] [--reps 1]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, launch, openPage, serve } from '../../tests/e2e/harness.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' }, reps: { type: 'string' } } });
const sizes = (values.rows ?? '20000,200000').split(',').map(Number);
const reps = Number(values.reps ?? 1);
const CLI = process.env.TI_CLI ?? join(ROOT, 'target', 'release', 'ticket-insights');
const PY = process.env.REFPY;

const dir = mkdtempSync(join(tmpdir(), 'ti-bench-train-'));
const server = await serve();
const browser = await launch();
const results = [];
const note = (r) => { results.push(r); console.log(JSON.stringify(r)); };
try {
  for (const rows of sizes) {
    const csv = join(dir, `zendesk-${rows}.csv`);
    execFileSync(CLI, ['generate', '--layout', 'zendesk', '--rows', String(rows), '--signal', 'linear', '--seed', '7', '--out', csv], { stdio: 'pipe' });
    for (let rep = 0; rep < reps; rep++) {
      let t = process.hrtime.bigint();
      execFileSync(CLI, ['train', '--data', csv, '--permutations', '0', '--out', join(dir, 'cli.bin'), '--report', join(dir, 'cli.json')], { stdio: 'pipe' });
      const cliAuc = JSON.parse(readFileSync(join(dir, 'cli.json'), 'utf8')).metrics.test.roc_auc;
      note({ rows, rep, where: 'cli', seconds: Number(process.hrtime.bigint() - t) / 1e9, auc: cliAuc });

      const { context, page } = await openPage(browser, { serviceWorkers: 'block', acceptDownloads: true });
      await page.goto(`${server.url}/www/`);
      await page.getByText('8469 tickets from the bundled dataset').waitFor({ timeout: 120_000 });
      await page.getByLabel('Ticket CSV').setInputFiles(csv);
      await page.getByText(`${rows} tickets from zendesk-${rows}.csv`).waitFor({ timeout: 600_000 });
      await page.getByLabel('Permutation test').selectOption('0');
      t = process.hrtime.bigint();
      await page.getByRole('button', { name: 'Train on this file' }).click();
      const yours = page.getByRole('region', { name: 'Your model' });
      await yours.waitFor({ timeout: 3_600_000 });
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const [, auc] = await yours.getByRole('row', { name: /ROC AUC/ }).getByRole('cell').allTextContents();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download model' }).click();
      const saved = join(dir, 'page.bin');
      await (await download).saveAs(saved);
      const same = Buffer.compare(readFileSync(saved), readFileSync(join(dir, 'cli.bin'))) === 0;
      note({ rows, rep, where: 'worker', seconds, auc: Number(auc), same_model_as_cli: same });
      await context.close();

      if (PY) {
        t = process.hrtime.bigint();
        const py = JSON.parse(execFileSync(PY, [join(ROOT, 'tools/bench/python_train_export.py'), csv], { encoding: 'utf8' }));
        note({ rows, rep, where: 'sklearn', seconds: Number(process.hrtime.bigint() - t) / 1e9, auc: py.test_auc });
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
const best = (rows, where) => Math.min(...results.filter((r) => r.rows === rows && r.where === where).map((r) => r.seconds));
console.log('\n| tickets | CLI train (s) | page worker (s) | pandas + TextBlob + VADER + scikit-learn (s) | worker / CLI | sklearn / worker |\n|---:|---:|---:|---:|---:|---:|');
for (const rows of sizes) {
  const [c, w, p] = ['cli', 'worker', 'sklearn'].map((where) => best(rows, where));
  console.log(`| ${rows} | ${c.toFixed(1)} | ${w.toFixed(1)} | ${Number.isFinite(p) ? p.toFixed(1) : '—'} | ${(w / c).toFixed(2)} | ${Number.isFinite(p) ? (p / w).toFixed(2) : '—'} |`);
}
