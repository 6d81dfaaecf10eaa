#!/usr/bin/env bash
# The whole test suite, as the README promises: type check, unit + golden + property tests in Node,
# then a production build driven end to end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

# Debian packages the tests need: chromium (end-to-end), gdal-bin (exports read back by GDAL's ogrinfo;
# GeoTIFF DEM fixtures), python3 (its http.server is the end-to-end tests' static server without Range
# support), poppler-utils (the report's PDF read back by pdftotext and pdftoppm), splat (SPLAT! and
# srtm2sdf, the terrain peer).
PKGS=""
[ -x /usr/bin/chromium ] || PKGS="$PKGS chromium fonts-noto-core"
command -v ogrinfo >/dev/null || PKGS="$PKGS gdal-bin"
command -v python3 >/dev/null || PKGS="$PKGS python3"
command -v pdftotext >/dev/null || PKGS="$PKGS poppler-utils"
command -v splat >/dev/null || PKGS="$PKGS splat"
if [ -n "$PKGS" ]; then
  echo "Installing Debian's$PKGS for the tests…" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $PKGS >/dev/null
fi

echo "== type check" >&2
npx tsc --noEmit -p .
# The layers on their own: src/core and workers/ without DOM or Node types, the app without Node.
npx tsc --noEmit -p src/core
npx tsc --noEmit -p workers
npx tsc --noEmit -p src/app
echo "== layering (maplibre-gl only in src/map, no upward imports, no cycles)" >&2
npx tsx tests/layering/check-layers.ts
echo "== unit, golden and property tests" >&2
npx vitest run
echo "== production build" >&2
npx vite build --logLevel warn
echo "== end-to-end tests in Chromium" >&2
npx vitest run --config vitest.e2e.config.ts
