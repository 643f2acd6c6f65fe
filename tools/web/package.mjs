#!/usr/bin/env node
// Completes the npm package in pkg/ after scripts/build-web.sh has built pkg/predictor/: copies
// the widget's modules from www/ (where they are written and tested as the page's own) and the
// licenses of the data the wasm embeds. The widget's modules are the same files; only the one
// import of the wasm-bindgen glue moves, from www/'s `../pkg/predictor/` to the package's
// `./predictor/`. Fails when a copied module imports anything the package does not hold.
// pkg/package.json, pkg/README.md and pkg/*.d.ts are committed; what this writes is ignored.
//
//   node tools/web/package.mjs
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PKG = join(ROOT, 'pkg');
/** The package's modules, written in www/. */
export const MODULES = ['widget.js', 'format.js', 'predictor-wasm.js'];
/** The glue as www/ imports it, and as the package does. */
const GLUE_IN_WWW = '../pkg/predictor/predictor.js';
const GLUE_IN_PKG = './predictor/predictor.js';

const fail = (message) => { throw new Error(`package: ${message}`); };
const SPECIFIER = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

if (!existsSync(join(PKG, 'predictor', 'predictor.js'))) fail('pkg/predictor/ is missing: run scripts/build-web.sh');
for (const name of MODULES) {
  let code = readFileSync(join(ROOT, 'www', name), 'utf8');
  const glue = code.split(`'${GLUE_IN_WWW}'`).length - 1;
  if (name === 'predictor-wasm.js' && glue !== 1) fail(`www/${name} should import '${GLUE_IN_WWW}' once, found ${glue}`);
  code = code.replace(`'${GLUE_IN_WWW}'`, `'${GLUE_IN_PKG}'`);
  for (const [, from, bare] of code.matchAll(SPECIFIER)) {
    const spec = from ?? bare;
    const target = resolve(PKG, spec);
    const inside = spec.startsWith('./') && (MODULES.includes(relative(PKG, target)) || target === join(PKG, GLUE_IN_PKG));
    if (!inside) fail(`www/${name} imports '${spec}', which the package does not hold`);
  }
  writeFileSync(join(PKG, name), code);
}
const licenses = join(PKG, 'licenses');
rmSync(licenses, { recursive: true, force: true });
mkdirSync(licenses);
for (const file of readdirSync(join(ROOT, 'licenses'))) copyFileSync(join(ROOT, 'licenses', file), join(licenses, file));
console.error(`package: pkg/ holds ${MODULES.join(', ')} (from www/) and ${relative(ROOT, licenses)}/`);
