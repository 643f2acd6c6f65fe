#!/usr/bin/env bash
# Installs what is missing, builds pkg/ and serves the demo at http://127.0.0.1:8000/www/
# (python3's http.server sends .wasm as application/wasm). PORT=... to change the port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-web.sh
port=${PORT:-8000}
echo "ticket-insights demo: http://127.0.0.1:$port/www/  (Ctrl-C stops)"
exec python3 -m http.server "$port" --bind 127.0.0.1
