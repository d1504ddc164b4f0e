# Helpers shared by the ponger hooks and actions. This file is sourced, never run.
#
# Files kept in the unit's agent directory (the parent of the charm directory,
# e.g. /var/lib/juju/agents/unit-ponger-0):
#   hooks.log   one line per hook run: "<hook> <remote unit or -> <relation id or ->"
#   peers       units seen on the `cluster` peer relation, one per line
#   pings       "<pinger unit> <ping-address>" for every pinger that pinged, sorted

PONGER_VERSION=1.0.0

# The agent always sets CHARM_DIR; fall back to the script location so the
# helpers also work when a hook is started by hand.
CHARM_ROOT="${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
UNIT_DIR="$(dirname "$CHARM_ROOT")"
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"

log() {
  juju-log -l INFO "$*"
}

# Appends this run to hooks.log. A single printf keeps the line in one write.
record_hook() {
  printf '%s %s %s\n' "$HOOK" "${JUJU_REMOTE_UNIT:--}" "${JUJU_RELATION_ID:--}" >>"$UNIT_DIR/hooks.log"
}

# Exits 1 when config `fail-hook` names the running hook.
fail_if_asked() {
  local wanted name
  wanted="$(config-get fail-hook)"
  for name in ${wanted//,/ }; do
    if [ "$name" = "$HOOK" ]; then
      juju-log -l ERROR "failing $HOOK on purpose (config fail-hook=\"$wanted\")"
      exit 1
    fi
  done
}

# First call of every hook.
hook_begin() {
  record_hook
  fail_if_asked
}

# Writes stdin to a file in one step so readers never see half a file.
write_unit_file() {
  local target="$UNIT_DIR/$1"
  cat >"$target.tmp"
  mv -f "$target.tmp" "$target"
}

# Prints "<unit> <ping-address>" for every remote unit that sent a ping-address.
list_pings() {
  local rid unit address
  for rid in $(relation-ids pong); do
    for unit in $(relation-list -r "$rid"); do
      address="$(relation-get -r "$rid" ping-address "$unit")"
      if [ -n "$address" ]; then
        printf '%s %s\n' "$unit" "$address"
      fi
    done
  done | sort
}

# Answers the remote unit of the running relation hook if it has pinged.
answer_ping() {
  local address
  if [ -z "${JUJU_REMOTE_UNIT:-}" ]; then
    return 0
  fi
  address="$(relation-get ping-address)"
  if [ -n "$address" ]; then
    relation-set pong="$JUJU_UNIT_NAME"
    log "ping from $JUJU_REMOTE_UNIT at $address, answered"
  fi
}

# active (with config `message`) once some pinger has pinged, blocked otherwise.
update_status() {
  local pings message
  pings="$(list_pings)"
  if [ -n "$pings" ]; then printf '%s\n' "$pings"; fi | write_unit_file pings
  if [ -z "$pings" ]; then
    status-set blocked "waiting for pinger"
    return 0
  fi
  message="$(config-get message)"
  status-set active "${message:-ready}"
}

# Keeps exactly the configured port open.
sync_ports() {
  local port wanted opened
  port="$(config-get port)"
  if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    juju-log -l WARNING "ignoring invalid port \"$port\""
    return 0
  fi
  wanted="$port/tcp"
  for opened in $(opened-ports); do
    if [ "$opened" != "$wanted" ]; then
      close-port "$opened"
    fi
  done
  open-port "$wanted"
}

# Records the peer units of the `cluster` relation.
record_peers() {
  local rid units=""
  for rid in $(relation-ids cluster); do
    units+="$(relation-list -r "$rid")"$'\n'
  done
  printf '%s' "$units" | sed '/^$/d' | sort -u | write_unit_file peers
  log "cluster peers: $(paste -sd' ' "$UNIT_DIR/peers")"
}
