#!/usr/bin/env bash
# Builds the page and prints the size of everything it downloads, raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
scripts/build-web.sh >&2
node tools/web/size.mjs "$@"
