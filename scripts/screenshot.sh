#!/usr/bin/env bash
# Makes docs/screenshot.png, the README's picture of the page: the end-to-end test that draws
# every chart (tests/e2e/page.test.mjs) takes it in headless Chromium at device pixel ratio 2.
# Test runs write it to target/e2e/screenshot.png instead, so they never change a tracked file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-web.sh
TI_SCREENSHOT="$PWD/docs/screenshot.png" node --test \
  --test-name-pattern='every chart is drawn at device resolution' tests/e2e/page.test.mjs
echo "wrote docs/screenshot.png" >&2
