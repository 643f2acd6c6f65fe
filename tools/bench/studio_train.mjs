#!/usr/bin/env node
// Training time of the page's worker next to the CLI's, on the same planted Zendesk export
// (the CLI's `generate`), in the same run: for each size, the CLI's `train` (wall clock, the
// process included) and the page's "Train on this file" in headless Chromium (from the click to
// the "Your model" region, the file already open), alternating REPS times. Prints one JSON line
// per measurement and a summary table. Needs pkg/ (scripts/build-web.sh) and the release CLI.
//
//   node tools/bench/studio_train.mjs [--rows 20000,200000] [--reps 1]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, launch, openPage, serve } from '../../tests/e2e/harness.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' }, reps: { type: 'string' } } });
const sizes = (values.rows ?? '20000,200000').split(',').map(Number);
const reps = Number(values.reps ?? 1);
const CLI = process.env.TI_CLI ?? join(ROOT, 'target', 'release', 'ticket-insights');

const dir = mkdtempSync(join(tmpdir(), 'ti-bench-train-'));
const server = await serve();
const browser = await launch();
const results = [];
try {
  for (const rows of sizes) {
    const csv = join(dir, `zendesk-${rows}.csv`);
    execFileSync(CLI, ['generate', '--layout', 'zendesk', '--rows', String(rows), '--signal', 'linear', '--seed', '7', '--out', csv], { stdio: 'pipe' });
    for (let rep = 0; rep < reps; rep++) {
      let t = process.hrtime.bigint();
      execFileSync(CLI, ['train', '--data', csv, '--out', join(dir, 'cli.bin')], { stdio: 'pipe' });
      const cli = Number(process.hrtime.bigint() - t) / 1e9;
      results.push({ rows, rep, where: 'cli', seconds: cli });
      console.log(JSON.stringify(results.at(-1)));

      const { context, page } = await openPage(browser, { serviceWorkers: 'block' });
      await page.goto(`${server.url}/www/`);
      await page.getByText('8469 tickets from the bundled dataset').waitFor({ timeout: 120_000 });
      await page.getByLabel('Ticket CSV').setInputFiles(csv);
      await page.getByText(`${rows} tickets from zendesk-${rows}.csv`).waitFor({ timeout: 600_000 });
      t = process.hrtime.bigint();
      await page.getByRole('button', { name: 'Train on this file' }).click();
      await page.getByRole('region', { name: 'Your model' }).waitFor({ timeout: 3_600_000 });
      const worker = Number(process.hrtime.bigint() - t) / 1e9;
      results.push({ rows, rep, where: 'worker', seconds: worker });
      console.log(JSON.stringify(results.at(-1)));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log('\n| tickets | CLI train (s) | page worker (s) | worker / CLI |\n|---:|---:|---:|---:|');
for (const rows of sizes) {
  const best = (where) => Math.min(...results.filter((r) => r.rows === rows && r.where === where).map((r) => r.seconds));
  console.log(`| ${rows} | ${best('cli').toFixed(1)} | ${best('worker').toFixed(1)} | ${(best('worker') / best('cli')).toFixed(2)} |`);
}
