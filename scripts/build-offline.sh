#!/usr/bin/env bash
# Builds the offline demo dist/ticket-insights.html: pkg/ (scripts/build-web.sh), then one
# self-contained HTML file with the wasm, the page's modules, its CSS and the first 1000 tickets
# inlined (tools/web/single-file.mjs). Open it from disk; it needs no server and no network.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
node tools/web/single-file.mjs --out dist/ticket-insights.html --sample "${SAMPLE:-1000}"
