#!/usr/bin/env node
// Writes the offline demo: one self-contained HTML file that works opened from disk (file://)
// with no network. It reuses the page as it is: www/index.html's body, www/style.css inlined,
// and www/app.js with every module it imports (the pkg/ glue included) rewritten into one
// module script, because modules cannot be imported from file://. The wasm is inlined as
// base64 and fed to `init({module_or_path: bytes})`; the first SAMPLE tickets of the bundled
// dataset stand in for the dataset the page fetches. The inline script and style are allowed by
// their sha256 hashes in a Content-Security-Policy computed here.
//
//   node tools/web/single-file.mjs [--out dist/ticket-insights.html] [--sample 1000]
//
// Needs pkg/ (scripts/build-web.sh). scripts/build-offline.sh runs both.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const WWW = join(ROOT, 'www');
const GLUE = join(ROOT, 'pkg', 'ticket_insights.js');
const WASM = join(ROOT, 'pkg', 'ticket_insights_bg.wasm');
/** The dataset path exactly as www/app.js fetches it. */
const DATASET = 'data/customer_support_tickets.csv';

/** Fails the build with a message naming what no longer matches. */
function fail(message) {
  throw new Error(`single-file: ${message}`);
}

/** The records of a CSV text (quoted fields may hold newlines), each without its line end. */
export function csvRecords(text) {
  const records = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      records.push(text.slice(start, text[i - 1] === '\r' ? i - 1 : i));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

const IMPORT = /^import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}\s*|\*\s+as\s+([\w$]+)\s*)?(?:from\s*)?(['"])([^'"]+)\4\s*;?[ \t]*$/gm;
const EXPORT_DECL = /^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\}\s*;?[ \t]*$/gm;

/** `a, b as c` → [['a', 'b'], ...] pairs of [local, exported] (or [imported, local]). */
const names = (list) => list.split(',').map((s) => s.trim()).filter(Boolean)
  .map((s) => { const [a, b] = s.split(/\s+as\s+/); return [a, b ?? a]; });

/** One ES module rewritten as a function body: its imports, its exports and its code. */
function parseModule(file) {
  let code = readFileSync(file, 'utf8');
  const imports = [];
  code = code.replace(IMPORT, (_, def, list, ns, _q, spec) => {
    if (!spec.startsWith('.')) fail(`${relative(ROOT, file)} imports '${spec}': only relative imports can be inlined`);
    imports.push({ file: resolve(dirname(file), spec), def, list: list ? names(list) : [], ns });
    return '';
  });
  const exports = [];
  code = code.replace(EXPORT_DECL, (_, kind, name) => { exports.push([name, name]); return `${kind} ${name}`; });
  code = code.replace(EXPORT_LIST, (_, list) => { exports.push(...names(list)); return ''; });
  const left = /^\s*(import|export)\b(?!\.meta)[^\n]*/m.exec(code) ?? /\bimport\s*\(/.exec(code);
  if (left) fail(`${relative(ROOT, file)}: cannot inline '${left[0].trim()}'`);
  return { file, imports, exports, code };
}

/** Every module reachable from `entry`, dependencies first. */
function moduleGraph(entry) {
  const order = [];
  const seen = new Map();
  const visit = (file, path) => {
    if (path.includes(file)) fail(`import cycle through ${relative(ROOT, file)}`);
    if (seen.has(file)) return;
    const module = parseModule(file);
    seen.set(file, module);
    for (const i of module.imports) visit(i.file, [...path, file]);
    order.push(module);
  };
  visit(entry, []);
  return order;
}

/** The single module script: each module in its own function scope, in dependency order. */
function bundle(modules) {
  const ids = new Map(modules.map((m, n) => [m.file, `__module${n}`]));
  const parts = [];
  for (const m of modules) {
    const rel = relative(ROOT, m.file);
    const bindings = m.imports.flatMap((i) => {
      const from = ids.get(i.file) === ids.get(GLUE) ? '__glue' : ids.get(i.file);
      return [
        ...(i.def ? [`const ${i.def} = ${from}.default;`] : []),
        ...(i.ns ? [`const ${i.ns} = ${from};`] : []),
        ...(i.list.length ? [`const { ${i.list.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${from};`] : []),
      ];
    });
    const out = `{ ${m.exports.map(([local, exported]) => (local === exported ? local : `${exported}: ${local}`)).join(', ')} }`;
    // Page modules see `fetch` as the offline one; the wasm glue is left as it is.
    const param = m.file === GLUE ? '' : 'fetch';
    parts.push(`// ---- ${rel}\nconst ${ids.get(m.file)} = ((${param}) => {\n${bindings.join('\n')}\n${m.code.trim()}\nreturn Object.freeze(${out});\n})(${param && '__offlineFetch'});`);
    if (m.file === GLUE) {
      // The page's `init()` starts the module from the inlined bytes instead of fetching them.
      parts.push(`const __glue = Object.freeze({ ...${ids.get(m.file)}, default: () => ${ids.get(m.file)}.default({ module_or_path: __inlined('ti-wasm') }) });`);
    }
  }
  if (!ids.has(GLUE)) fail(`the page no longer imports ${relative(ROOT, GLUE)}`);
  const prelude = `// The offline demo of ticket-insights, generated by tools/web/single-file.mjs from www/ and pkg/.
/** The bytes of the base64 data block with id \`id\`. */
const __inlined = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
/** fetch for the page modules: the bundled dataset comes from this file; nothing else exists. */
const __offlineFetch = async (url) => {
  if (String(url) === ${JSON.stringify(DATASET)}) return new Response(__inlined('ti-dataset'));
  throw new TypeError(\`\${url} is not part of the offline demo\`);
};`;
  return `${prelude}\n${parts.join('\n')}\n`;
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Replaces exactly one occurrence of `pattern` in `html`, or fails naming it. */
function replaceOnce(html, pattern, replacement, what) {
  const matches = html.match(new RegExp(pattern, 'g')) ?? [];
  if (matches.length !== 1) fail(`www/index.html: expected one ${what}, found ${matches.length}`);
  return html.replace(pattern, replacement);
}

/** The offline HTML file and its policy. */
export function buildSingleFile({ sample = 1000 } = {}) {
  const app = readFileSync(join(WWW, 'app.js'), 'utf8');
  if (!app.includes(`'${DATASET}'`)) fail(`www/app.js no longer fetches '${DATASET}'`);
  const script = bundle(moduleGraph(join(WWW, 'app.js')));
  const css = readFileSync(join(WWW, 'style.css'), 'utf8');

  const records = csvRecords(readFileSync(join(WWW, DATASET), 'utf8'));
  const total = records.length - 1;
  const kept = Math.min(sample, total);
  const csv = `${records.slice(0, kept + 1).join('\n')}\n`;

  // The smallest policy that works: nothing may load; only this script (and wasm compiled from
  // it) may run; only this stylesheet applies.
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(css)}`,
  ].join('; ');

  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  html = replaceOnce(html, '<link rel="stylesheet" href="style.css">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">\n  <style>${css}</style>`, 'stylesheet link');
  // Everything is inlined: the served page's preload hints would point at files that are not
  // there.
  html = html.replace(/\s*<!--[^>]*-->(?=\s*<link rel="(?:module)?preload")/, '')
    .replace(/\s*<link rel="(?:module)?preload"[^>]*>/g, '');
  const block = (id, type, text) => `<script id="${id}" type="${type}">\n${text}\n</script>`;
  html = replaceOnce(html, '<script type="module" src="app.js"></script>',
    `${block('ti-wasm', 'application/octet-stream;base64', readFileSync(WASM).toString('base64'))}\n` +
    `${block('ti-dataset', 'text/csv;base64', Buffer.from(csv).toString('base64'))}\n` +
    `<script type="module">${script}</script>`, 'app.js script tag');
  html = replaceOnce(html, '</header>',
    `  <p class="note">Offline demo: this single file holds the model and the first ${kept} of the ${total} tickets of the bundled dataset.</p>\n  </header>`,
    'header');
  if (script.includes('</script')) fail('the inlined script contains </script');
  return { html, policy, tickets: kept };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, sample: { type: 'string' } } });
  const out = resolve(values.out ?? join(ROOT, 'dist', 'ticket-insights.html'));
  const { html, policy, tickets } = buildSingleFile({ sample: Number(values.sample ?? 1000) });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  console.log(`single-file: wrote ${relative(process.cwd(), out)} (${(html.length / 1e6).toFixed(2)} MB, ${tickets} tickets)`);
  console.log(`single-file: Content-Security-Policy: ${policy}`);
}
