#!/usr/bin/env bash
# System packages the project needs: iproute2 (network namespaces, bridge) and
# util-linux, and compilers for better-sqlite3 and the native hook-tool client. Installs only what is missing, so re-runs take no time.
set -euo pipefail
need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v g++ >/dev/null 2>&1 || need+=(g++ make python3)
command -v cc >/dev/null 2>&1 || need+=(gcc) # native hook-tool client (scripts/build-jujuc.mjs)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
