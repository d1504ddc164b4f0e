# Helpers of the benchapp hooks. Sourced, never run.
# Files live in the unit's agent directory (the parent of the charm directory).

CHARM_ROOT="${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
UNIT_DIR="$(dirname "$CHARM_ROOT")"
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"

# One line per hook run in hooks.log, as the example charms do, and one line
# "<hook> <start> <end>" (epoch seconds, microsecond resolution, no extra
# process) in timing.log when the hook exits, for the benchmark's breakdown.
hook_begin() {
  printf '%s - -\n' "$HOOK" >>"$UNIT_DIR/hooks.log"
  HOOK_STARTED="$EPOCHREALTIME"
  trap 'printf "%s %s %s\n" "$HOOK" "$HOOK_STARTED" "$EPOCHREALTIME" >>"$UNIT_DIR/timing.log"' EXIT
}

# The "small amount of work" every hook does: read config, hash the charm's
# hooks, write the result atomically.
do_work() {
  local message
  message="$(config-get message)"
  {
    printf 'hook=%s message=%s\n' "$HOOK" "${message:-ready}"
    sha256sum "$CHARM_ROOT"/hooks/* "$CHARM_ROOT"/lib/*
  } >"$UNIT_DIR/state.tmp"
  mv -f "$UNIT_DIR/state.tmp" "$UNIT_DIR/state"
}

set_active() {
  local message
  message="$(config-get message)"
  status-set active "${message:-ready}"
}
