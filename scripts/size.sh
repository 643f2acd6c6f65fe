#!/usr/bin/env bash
# Builds pkg/ and prints what each wasm module weighs and what each page downloads (the page's
# first load, before its first prediction; the page without the dataset; the widget's total;
# the offline files; the npm tarball), raw, gzip and brotli, against the goals
# (tools/web/size.mjs; `--json FILE` also writes the figures).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
scripts/build-web.sh >&2
node tools/web/size.mjs "$@"
