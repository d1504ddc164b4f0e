#!/bin/bash
# Shared by every storage-user hook: log one line per run.
set -e
LOG="$JUJU_CHARM_DIR/../storage.log"
log_hook() {
  echo "$(basename "$0") ${JUJU_STORAGE_ID:--} ${JUJU_STORAGE_KIND:--} ${JUJU_STORAGE_LOCATION:--}" >> "$LOG"
}
