# Helpers for the secrets-rotator hooks. Sourced, never run.
set -eu
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"
EVENTS="$(dirname "${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}")/events.log"

log() {
  printf '%s %s\n' "$HOOK" "$*" >>"$EVENTS"
}

# The id of the "rot" secret, or nothing when it does not exist yet.
rot_id() {
  local info
  info="$(secret-info-get --label rot --format json 2>/dev/null)" || return 0
  printf '%s' "$info" | sed -n 's/^{"\([0-9a-v]*\)".*/\1/p'
}

# The latest revision of the "rot" secret.
rot_revision() {
  secret-info-get --label rot --format json | sed -n 's/.*"revision": *\([0-9]*\).*/\1/p'
}
