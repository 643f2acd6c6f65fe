#!/usr/bin/env bash
# Runs every test: formatting and clippy, the native tests (unit, golden, differential,
# property, CLI), a bounded fuzzing run of every fuzz target (FUZZ_SECONDS each, 10 by
# default), the wasm build, the wasm-bindgen tests in headless Chromium, and the end-to-end
# page tests (Playwright driving Debian's Chromium). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*" >&2; }

step setup
scripts/setup.sh
step "cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml -- --check
step "clippy (native and wasm32, warnings denied)"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
step "native tests"
cargo test --release
step "fuzzing, ${FUZZ_SECONDS:-10} s per target (scripts/fuzz.sh)"
scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
step "wasm build (pkg/)"
scripts/build-web.sh
step "wasm-bindgen tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown --test web
step "end-to-end page tests"
node --test tests/e2e/
