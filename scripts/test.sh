#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine (as root), builds, and
# runs every test (unit + end-to-end) with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
# better-sqlite3 compiles against the installed Node headers (no download).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir=/usr; fi
bash scripts/install-deps.sh
npm ci --no-audit --no-fund
npm run build
npm run lint
node scripts/run-tests.mjs
