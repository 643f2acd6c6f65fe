// A minimal CommonJS loader for the bench page (not the product page): fetches an npm package's
// modules from /node_modules/ and evaluates them in the page, so packages written for node run
// here without a bundler. It follows static `require('./relative')` calls (`.js` implied) and
// `.json` files, which is all `sentiment` and `vader-sentiment` use.
const REQUIRE = /require\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(spec, base) {
  if (!spec.startsWith('.')) throw new Error(`cjs: only relative requires are supported ('${spec}')`);
  const url = new URL(spec, base).href;
  return /\.(js|json)$/.test(url) ? url : `${url}.js`;
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cjs: ${url}: HTTP ${response.status}`);
  return response.text();
}

/** Fetches `url` and everything it statically requires into `sources`. */
async function fetchTree(url, sources) {
  if (sources.has(url)) return;
  const text = await fetchText(url);
  sources.set(url, text);
  if (url.endsWith('.json')) return;
  const deps = [...text.matchAll(REQUIRE)].map((m) => resolve(m[1], url));
  await Promise.all(deps.map((d) => fetchTree(d, sources)));
}

function evaluate(url, sources, cache) {
  if (cache.has(url)) return cache.get(url).exports;
  const text = sources.get(url);
  if (text === undefined) throw new Error(`cjs: ${url} was not prefetched (dynamic require?)`);
  const module = { exports: {} };
  cache.set(url, module);
  if (url.endsWith('.json')) {
    module.exports = JSON.parse(text);
  } else {
    // eslint-disable-next-line no-new-func
    const body = new Function('module', 'exports', 'require', `${text}\n//# sourceURL=${url}`);
    body(module, module.exports, (spec) => evaluate(resolve(spec, url), sources, cache));
  }
  return module.exports;
}

/** The `module.exports` of the npm package `name` (its package.json `main`). */
export async function requirePackage(name) {
  const root = new URL(`/node_modules/${name}/`, location.href).href;
  const manifest = JSON.parse(await fetchText(`${root}package.json`));
  const main = resolve(`./${(manifest.main ?? 'index.js').replace(/^\.\//, '')}`, root);
  const sources = new Map();
  await fetchTree(main, sources);
  return evaluate(main, sources, new Map());
}
