#!/usr/bin/env bash
# The README's first command: on a fresh Debian 12 machine as root, install what
# juju-ts needs, build it, put `juju` and `jujud` on PATH, bootstrap a controller
# on the embedded `local` cloud, add a model, deploy the example charms
# (charms/bundle.yaml), wait until they are active and show `juju status`.
set -euo pipefail
cd "$(dirname "$0")/.."
# better-sqlite3 compiles against the installed Node headers (no download).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir=/usr; fi
bash scripts/install-deps.sh
npm ci --no-audit --no-fund
npm run build
ln -sf "$PWD/bin/juju" /usr/local/bin/juju
ln -sf "$PWD/bin/jujud" /usr/local/bin/jujud
controller=${JUJU_QUICKSTART_CONTROLLER:-local}
if ! juju show-controller "$controller" >/dev/null 2>&1; then
  juju bootstrap local "$controller"
fi
juju switch "$controller" >/dev/null
juju show-model "$controller:admin/welcome" >/dev/null 2>&1 || juju add-model welcome
juju switch "$controller:welcome" >/dev/null
if ! juju status --format json | grep -q '"pinger"'; then
  juju deploy ./charms/bundle.yaml
fi
node scripts/wait-active.mjs 300
juju status --relations
