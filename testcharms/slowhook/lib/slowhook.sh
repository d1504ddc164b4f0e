# Helpers for the slowhook hooks. Sourced, never run.
#
# Files in the unit's agent directory (parent of the charm directory):
#   hooks.log        one line per hook run, written when the hook starts:
#                    "<hook> <remote unit or -> <relation id or ->"
#   slowhook.running "<hook> <pid>" while a hook sleeps; removed when it wakes
#   slowhook.done    "<hook> done" for every hook run that finished

CHARM_ROOT="${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
UNIT_DIR="$(dirname "$CHARM_ROOT")"
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"

# Seconds this hook must sleep according to config (0 when it must not).
sleep_seconds() {
  local seconds hooks name
  seconds="$(config-get sleep)"
  hooks="$(config-get sleep-hooks)"
  for name in ${hooks//,/ }; do
    if [ "$name" = "$HOOK" ] || [ "$name" = "*" ]; then
      printf '%s' "${seconds:-0}"
      return 0
    fi
  done
  printf '0'
}

# Sleeps while advertising the running hook, then notes completion.
slow_hook() {
  local seconds
  printf '%s %s %s\n' "$HOOK" "${JUJU_REMOTE_UNIT:--}" "${JUJU_RELATION_ID:--}" >>"$UNIT_DIR/hooks.log"
  seconds="$(sleep_seconds)"
  if [ "$seconds" -gt 0 ]; then
    status-set maintenance "sleeping ${seconds}s in $HOOK"
    printf '%s %s\n' "$HOOK" "$$" >"$UNIT_DIR/slowhook.running"
    sleep "$seconds"
    rm -f "$UNIT_DIR/slowhook.running"
  fi
  case "$HOOK" in
    start | config-changed | update-status | upgrade-charm) status-set active "awake" ;;
  esac
  printf '%s done\n' "$HOOK" >>"$UNIT_DIR/slowhook.done"
}
