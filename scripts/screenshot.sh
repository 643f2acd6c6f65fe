#!/usr/bin/env bash
# Makes the README's pictures in headless Chromium at device pixel ratio 2: docs/screenshot.png,
# the page, taken by the end-to-end test that draws every chart (tests/e2e/page.test.mjs), and
# docs/widget-sidebar.png, the widget in a 320 px helpdesk sidebar, taken by the layout test
# (tests/e2e/widget-layout.test.mjs). Test runs write them to target/e2e/ instead, so they never
# change a tracked file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-web.sh
TI_SCREENSHOT="$PWD/docs/screenshot.png" node --test \
  --test-name-pattern='every chart is drawn at device resolution' tests/e2e/page.test.mjs
TI_WIDGET_SCREENSHOT="$PWD/docs/widget-sidebar.png" node --test \
  --test-name-pattern='in a 320 px sidebar' tests/e2e/widget-layout.test.mjs
echo "wrote docs/screenshot.png and docs/widget-sidebar.png" >&2
