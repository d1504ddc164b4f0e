# Helpers for the rebooter hooks. Sourced, never run.
#
# Files in the unit's agent directory (parent of the charm directory):
#   hooks.log      one line per hook run, written when the hook starts: "<hook>"
#   starts         the number of times the start hook ran
#   reboots.done   one line per reboot request made: "<request>"
#   rebooter.trace lines written around juju-reboot: "<request> before" and
#                  "<request> after" (never written for a --now request, whose
#                  hook is killed) and "<request> resumed" when the killed hook
#                  runs again after the reboot

CHARM_ROOT="${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
UNIT_DIR="$(dirname "$CHARM_ROOT")"
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"

log_hook() {
  printf '%s\n' "$HOOK" >>"$UNIT_DIR/hooks.log"
}

count_start() {
  local n=0
  [ -f "$UNIT_DIR/starts" ] && n="$(cat "$UNIT_DIR/starts")"
  printf '%s\n' "$((n + 1))" >"$UNIT_DIR/starts"
  status-set active "started $((n + 1)) times"
}

# Acts on the `reboot` config option once per distinct value.
maybe_reboot() {
  local request
  request="$(config-get reboot)"
  [ -n "$request" ] || return 0
  if grep -qxF "$request" "$UNIT_DIR/reboots.done" 2>/dev/null; then
    # A --now request's hook runs again after the reboot: it must not reboot again.
    if ! grep -qxF "$request resumed" "$UNIT_DIR/rebooter.trace" 2>/dev/null &&
      grep -qxF "$request before" "$UNIT_DIR/rebooter.trace" 2>/dev/null &&
      ! grep -qxF "$request after" "$UNIT_DIR/rebooter.trace" 2>/dev/null; then
      printf '%s resumed\n' "$request" >>"$UNIT_DIR/rebooter.trace"
    fi
    return 0
  fi
  printf '%s\n' "$request" >>"$UNIT_DIR/reboots.done"
  printf '%s before\n' "$request" >>"$UNIT_DIR/rebooter.trace"
  case "$request" in
    now-*) juju-reboot --now ;;
    *) juju-reboot ;;
  esac
  printf '%s after\n' "$request" >>"$UNIT_DIR/rebooter.trace"
}
