#!/usr/bin/env bash
# Runs every test: formatting and clippy, the native tests (unit, golden, differential,
# property, CLI), the wasm build, the wasm-bindgen tests in headless Chromium, and the
# end-to-end page tests (Playwright driving Debian's Chromium). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*" >&2; }

step setup
scripts/setup.sh
step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (native and wasm32, warnings denied)"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
step "generated tables equal their generators' output (tools/gen_*.py --check, stdlib Python)"
for gen in tools/gen_*.py; do python3 "$gen" --check; done
step "native tests"
cargo test --release
step "wasm build (pkg/)"
scripts/build-web.sh
step "wasm-bindgen tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown --test web
step "end-to-end page tests"
node --test tests/e2e/
