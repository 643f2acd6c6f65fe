#!/usr/bin/env bash
# Builds the offline demos, each one self-contained HTML file that works opened from disk (no
# server, no network), from pkg/ (scripts/build-web.sh) and the pages of www/
# (tools/web/single-file.mjs inlines their modules, the wasm modules they load, the CSS and, for
# the dashboard, the first SAMPLE tickets):
#   dist/ticket-insights.html   the page: predictor, model card and dashboard (both modules)
#   dist/ticket-predictor.html  the widget's example page (the predictor module only)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
node tools/web/single-file.mjs --out dist/ticket-insights.html --sample "${SAMPLE:-1000}"
node tools/web/single-file.mjs --page embed.html --out dist/ticket-predictor.html
