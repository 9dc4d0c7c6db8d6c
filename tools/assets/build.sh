#!/usr/bin/env bash
# Builds the web view's vendored assets from registry packages (npm), to be
# committed: nothing is fetched when dyad runs.
#   crates/serve/assets/world.txt  the map's world outline (world-atlas)
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node convert.js
