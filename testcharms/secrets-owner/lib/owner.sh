# Helpers for the secrets-owner hooks. Sourced, never run.
set -eu
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"
EVENTS="$(dirname "${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}")/events.log"

log() {
  printf '%s %s\n' "$HOOK" "$*" >>"$EVENTS"
}

# The id of the "creds" secret, or nothing when it does not exist yet.
creds_id() {
  local info
  info="$(secret-info-get --label creds --format json 2>/dev/null)" || return 0
  printf '%s' "$info" | sed -n 's/^{"\([0-9a-v]*\)".*/\1/p'
}

is_leader() {
  [ "$(is-leader)" = "True" ]
}
