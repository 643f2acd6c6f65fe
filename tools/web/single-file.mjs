#!/usr/bin/env node
// Writes an offline demo: one self-contained HTML file that works opened from disk (file://)
// with no network. It reuses a page of www/ as it is (index.html, the page; or embed.html, the
// widget's host page): its body, www/style.css inlined, and its module script with every module
// it imports, statically or with `import()` (the wasm-bindgen glue of both modules included),
// rewritten into one module script, because modules cannot be imported from file://. Each wasm
// module is inlined as base64 and fed to its glue's `init({module_or_path: bytes})` when the
// page starts it, so the studio is still decoded only after the first prediction; the first
// SAMPLE tickets of the bundled dataset stand in for the dataset the page fetches. The inline
// script and style are allowed by their sha256 hashes in a Content-Security-Policy computed here.
//
//   node tools/web/single-file.mjs [--page index.html] [--out dist/ticket-insights.html] [--sample 1000]
//
// Needs pkg/ (scripts/build-web.sh). scripts/build-offline.sh runs both.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const WWW = join(ROOT, 'www');
/** The wasm modules: glue and wasm file, by name. */
const MODULES = Object.fromEntries(['predictor', 'studio'].map((name) => [name, {
  glue: join(ROOT, 'pkg', name, `${name}.js`), wasm: join(ROOT, 'pkg', name, `${name}_bg.wasm`),
}]));
/** The wasm module whose glue is `file`, if it is one. */
const moduleOfGlue = (file) => Object.keys(MODULES).find((name) => MODULES[name].glue === file);
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
const DYNAMIC_IMPORT = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g;

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
  // `import('./x.js')` resolves to the module object, inlined like the others.
  const dynamic = [];
  code = code.replace(DYNAMIC_IMPORT, (_, _q, spec) => {
    if (!spec.startsWith('.')) fail(`${relative(ROOT, file)} imports '${spec}': only relative imports can be inlined`);
    const target = resolve(dirname(file), spec);
    dynamic.push(target);
    return `Promise.resolve(__import(${JSON.stringify(relative(ROOT, target))}))`;
  });
  const exports = [];
  code = code.replace(EXPORT_DECL, (_, kind, name) => { exports.push([name, name]); return `${kind} ${name}`; });
  code = code.replace(EXPORT_LIST, (_, list) => { exports.push(...names(list)); return ''; });
  const left = /^\s*(import|export)\b(?!\.meta)[^\n]*/m.exec(code) ?? /\bimport\s*\(/.exec(code);
  if (left) fail(`${relative(ROOT, file)}: cannot inline '${left[0].trim()}'`);
  return { file, imports, dynamic, exports, code };
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
    // Loaded later, but defined first, so that the module object exists when it is asked for.
    for (const d of module.dynamic) visit(d, []);
    order.push(module);
  };
  visit(entry, []);
  return order;
}

/** The single module script: each module in its own function scope, in dependency order. */
function bundle(modules) {
  const ids = new Map(modules.map((m, n) => [m.file, `__module${n}`]));
  /** What an importer sees of a module: a glue's `init()` starts it from its inlined bytes. */
  const seen = (file) => (moduleOfGlue(file) ? `__glue_${moduleOfGlue(file)}` : ids.get(file));
  const parts = [];
  for (const m of modules) {
    const rel = relative(ROOT, m.file);
    if (m.file.startsWith(join(ROOT, 'pkg')) && !moduleOfGlue(m.file)) fail(`${rel} is not a wasm module's glue`);
    const bindings = m.imports.flatMap((i) => {
      const from = seen(i.file);
      return [
        ...(i.def ? [`const ${i.def} = ${from}.default;`] : []),
        ...(i.ns ? [`const ${i.ns} = ${from};`] : []),
        ...(i.list.length ? [`const { ${i.list.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${from};`] : []),
      ];
    });
    const out = `{ ${m.exports.map(([local, exported]) => (local === exported ? local : `${exported}: ${local}`)).join(', ')} }`;
    // Page modules see `fetch` as the offline one; the wasm glue is left as it is.
    const glue = moduleOfGlue(m.file);
    const param = glue ? '' : 'fetch';
    parts.push(`// ---- ${rel}\nconst ${ids.get(m.file)} = ((${param}) => {\n${bindings.join('\n')}\n${m.code.trim()}\nreturn Object.freeze(${out});\n})(${param && '__offlineFetch'});`);
    if (glue) {
      // `init()` starts the module from the inlined bytes instead of fetching them.
      parts.push(`const __glue_${glue} = Object.freeze({ ...${ids.get(m.file)}, default: () => ${ids.get(m.file)}.default({ module_or_path: __inlined('ti-wasm-${glue}') }) });`);
    }
  }
  const dynamic = modules.flatMap((m) => m.dynamic);
  const prelude = `// An offline demo of ticket-insights, generated by tools/web/single-file.mjs from www/ and pkg/.
/** The bytes of the base64 data block with id \`id\`. */
const __inlined = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
/** fetch for the page modules: the bundled dataset comes from this file; nothing else exists. */
const __offlineFetch = async (url) => {
  if (String(url) === ${JSON.stringify(DATASET)}) return new Response(__inlined('ti-dataset'));
  throw new TypeError(\`\${url} is not part of the offline demo\`);
};
/** The module object an \`import()\` asks for. */
const __import = (file) => __dynamic[file];`;
  const table = `const __dynamic = { ${[...new Set(dynamic)].map((f) => `${JSON.stringify(relative(ROOT, f))}: ${seen(f)}`).join(', ')} };`;
  return {
    // `</script` inside the modules (the widget's usage comment) would end the script element:
    // `<\/` means the same in a comment, a string or a template.
    script: `${prelude}\n${parts.join('\n')}\n${table}\n`.replaceAll('</script', '<\\/script'),
    glues: modules.map((m) => moduleOfGlue(m.file)).filter(Boolean),
  };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The offline file of one page and its policy. */
export function buildSingleFile({ page = 'index.html', sample = 1000 } = {}) {
  /** Replaces exactly one occurrence of `pattern` in `html`, or fails naming it. */
  const replaceOnce = (html, pattern, replacement, what) => {
    const matches = html.match(new RegExp(pattern, 'g')) ?? [];
    if (matches.length !== 1) fail(`www/${page}: expected one ${what}, found ${matches.length}`);
    return html.replace(pattern, replacement);
  };
  let html = readFileSync(join(WWW, page), 'utf8');
  const entries = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)];
  if (entries.length !== 1) fail(`www/${page}: expected one module script, found ${entries.length}`);
  const [tag, entry] = entries[0];
  const { script, glues } = bundle(moduleGraph(join(WWW, entry)));
  const css = readFileSync(join(WWW, 'style.css'), 'utf8');

  // The dataset, for a page that fetches it.
  const modules = moduleGraph(join(WWW, entry)).map((m) => readFileSync(m.file, 'utf8'));
  const fetchesDataset = modules.some((code) => code.includes(`'${DATASET}'`));
  if (page === 'index.html' && !fetchesDataset) fail(`www/app.js no longer fetches '${DATASET}'`);
  let kept = 0;
  let dataset = '';
  if (fetchesDataset) {
    const records = csvRecords(readFileSync(join(WWW, DATASET), 'utf8'));
    kept = Math.min(sample, records.length - 1);
    dataset = `${records.slice(0, kept + 1).join('\n')}\n`;
  }

  // The smallest policy that works: nothing may load; only this script (and wasm compiled from
  // it) may run; only this stylesheet applies.
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(css)}`,
  ].join('; ');

  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  html = replaceOnce(html, '<link rel="stylesheet" href="style.css">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">\n  <style>${css}</style>`, 'stylesheet link');
  // Everything is inlined: the served page's preload hints would point at files that are not
  // there.
  html = html.replace(/\s*<!--[^>]*-->(?=\s*<link rel="(?:module)?preload")/, '')
    .replace(/\s*<link rel="(?:module)?preload"[^>]*>/g, '');
  const block = (id, type, bytes) => `<script id="${id}" type="${type}">\n${bytes.toString('base64')}\n</script>`;
  html = replaceOnce(html, tag, [
    ...glues.map((name) => block(`ti-wasm-${name}`, 'application/octet-stream;base64', readFileSync(MODULES[name].wasm))),
    ...(fetchesDataset ? [block('ti-dataset', 'text/csv;base64', Buffer.from(dataset))] : []),
    `<script type="module">${script}</script>`,
  ].join('\n'), `${entry} script tag`);
  const holds = fetchesDataset
    ? `the models and the first ${kept} of the ${csvRecords(readFileSync(join(WWW, DATASET), 'utf8')).length - 1} tickets of the bundled dataset`
    : 'the widget and its models';
  html = replaceOnce(html, '</header>',
    `  <p class="note">Offline demo: this single file holds ${holds}.</p>\n  </header>`, 'header');
  if (script.includes('</script')) fail('the inlined script contains </script');
  return { html, policy, tickets: kept, modules: glues };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { page: { type: 'string' }, out: { type: 'string' }, sample: { type: 'string' } },
  });
  const out = resolve(values.out ?? join(ROOT, 'dist', 'ticket-insights.html'));
  const { html, policy, tickets, modules } = buildSingleFile({
    page: values.page ?? 'index.html', sample: Number(values.sample ?? 1000),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  const data = tickets ? `; ${tickets} tickets` : '';
  console.log(`single-file: wrote ${relative(process.cwd(), out)} (${(html.length / 1e6).toFixed(2)} MB; wasm modules: ${modules.join(', ')}${data})`);
  console.log(`single-file: Content-Security-Policy: ${policy}`);
}
