#!/usr/bin/env bash
# Runs every test: formatting and clippy, the native tests (unit, golden, differential,
# property, CLI), a bounded fuzzing run of every fuzz target (FUZZ_SECONDS each, 10 by
# default), the wasm build, the wasm-bindgen tests in headless Chromium, and the end-to-end
# tests (Playwright driving Debian's Chromium): the page, the widget, offline use, and the npm
# package (npm pack's contents and size, a TypeScript host app type-checked and bundled with
# esbuild, a static host, the widget's offline file). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*" >&2; }

step setup
scripts/setup.sh
step "generated fixtures up to date"
python3 tools/fixtures/make_exports.py --check
step "cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
step "clippy (native and wasm32, warnings denied)"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features predictor,studio -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features predictor -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features studio -- -D warnings
step "rustdoc (native and wasm32, warnings denied: no broken or private links)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --target wasm32-unknown-unknown --features predictor,studio
step "generated tables equal their generators' output (tools/gen_*.py --check, stdlib Python)"
for gen in tools/gen_*.py; do python3 "$gen" --check; done
step "native tests"
cargo test --release
step "fuzzing, ${FUZZ_SECONDS:-10} s per target (scripts/fuzz.sh)"
scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
step "wasm build (pkg/: both modules and the npm package)"
scripts/build-web.sh
step "wasm-bindgen tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown --features predictor,studio --test web
step "end-to-end tests (page, widget, offline, npm package)"
node --test tests/e2e/
