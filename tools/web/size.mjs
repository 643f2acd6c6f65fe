// Prints what the page downloads: loads /www/ in headless Chromium from a local server, records
// every response, and reports raw and gzip (level 9) bytes per file, the total, and the total
// without the bundled dataset (the goal is <= 250 kB gzip). The models are compiled into the
// wasm module. `--json FILE` also writes the figures as JSON.
import { gzipSync } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import { launch, openPage, serve } from '../../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
try {
  const { context, page } = await openPage(browser);
  const files = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.hostname !== '127.0.0.1' || response.status() !== 200) return;
    const body = await response.body();
    files.push({ path: url.pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(`${server.url}/www/`);
  await page.getByText('tickets from the bundled dataset').waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  files.sort((a, b) => b.gzip - a.gzip);
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const isData = (f) => f.path.endsWith('.csv');
  const page_ = files.filter((f) => !isData(f));
  const kb = (n) => (n / 1000).toFixed(1);
  const lines = ['| file | raw kB | gzip kB |', '|---|---:|---:|',
    ...files.map((f) => `| \`${f.path}\`${isData(f) ? ' (dataset)' : ''} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **page without the dataset** | **${kb(sum(page_, 'raw'))}** | **${kb(sum(page_, 'gzip'))}** |`,
    `| everything | ${kb(sum(files, 'raw'))} | ${kb(sum(files, 'gzip'))} |`];
  console.log(lines.join('\n'));
  const at = process.argv.indexOf('--json');
  if (at > 0) {
    await writeFile(process.argv[at + 1], JSON.stringify({
      files, page_raw: sum(page_, 'raw'), page_gzip: sum(page_, 'gzip'),
    }, null, 1) + '\n');
  }
} finally {
  await browser.close();
  await server.close();
}
