# Helpers for the secrets-consumer hooks. Sourced, never run.
set -eu
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"
EVENTS="$(dirname "${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}")/events.log"

log() {
  printf '%s %s\n' "$HOOK" "$*" >>"$EVENTS"
}
