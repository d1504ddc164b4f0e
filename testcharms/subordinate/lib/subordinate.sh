# Helpers for the subordinate hooks. Sourced, never run.
#
# Files in the unit's agent directory (parent of the charm directory):
#   hooks.log  one line per hook run: "<hook> <remote unit or -> <relation id or ->"
#   principal  the principal unit (JUJU_PRINCIPAL_UNIT), written by every hook

CHARM_ROOT="${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
UNIT_DIR="$(dirname "$CHARM_ROOT")"
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"

hook_begin() {
  printf '%s %s %s\n' "$HOOK" "${JUJU_REMOTE_UNIT:--}" "${JUJU_RELATION_ID:--}" >>"$UNIT_DIR/hooks.log"
  printf '%s\n' "${JUJU_PRINCIPAL_UNIT:-}" >"$UNIT_DIR/principal"
}

update_status() {
  local message
  message="$(config-get message)"
  if [ -n "$(relation-ids host)" ]; then
    status-set active "attached to ${JUJU_PRINCIPAL_UNIT:-?}${message:+ ($message)}"
  else
    status-set waiting "waiting for a principal"
  fi
}
