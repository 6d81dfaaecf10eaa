#!/usr/bin/env bash
# The whole test suite, as the README promises: type check, unit + golden + property tests in Node,
# then a production build driven end to end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

# splat (SPLAT!, the terrain peer) and gdal-bin (GeoTIFF fixtures) for the terrain tests.
if [ ! -x /usr/bin/chromium ] || ! command -v splat >/dev/null || ! command -v gdal_translate >/dev/null; then
  echo "Installing Debian's chromium, splat and gdal-bin for the tests…" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core splat gdal-bin >/dev/null
fi

echo "== type check" >&2
npx tsc --noEmit -p .
echo "== unit, golden and property tests" >&2
npx vitest run
echo "== production build" >&2
npx vite build --logLevel warn
echo "== end-to-end tests in Chromium" >&2
npx vitest run --config vitest.e2e.config.ts
