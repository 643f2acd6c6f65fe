#!/usr/bin/env bash
# Installs what building and testing need and is missing; safe to run again (each step checks
# first). Works on a fresh Debian 12 machine with rustup, Node 20 and root (or sudo) for apt.
#   - the wasm32-unknown-unknown Rust target
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   - Debian's chromium + chromium-driver (browser tests; nothing downloads a browser build)
#   - npm packages from package-lock.json: playwright-core, binaryen (wasm-opt)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "setup: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}; takes a few minutes)"
  # Not --locked: its lockfile pins a webpki-roots release the registry no longer has.
  cargo install wasm-bindgen-cli --version "=$want"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
