#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine (as root), builds, and
# runs every test (unit + end-to-end) with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm ci --no-audit --no-fund
npm run build
npm run lint
node scripts/run-tests.mjs
