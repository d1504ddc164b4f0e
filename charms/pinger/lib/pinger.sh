# Helpers shared by the pinger hooks and actions. This file is sourced, never run.
#
# Files kept in the unit's agent directory (the parent of the charm directory,
# e.g. /var/lib/juju/agents/unit-pinger-0):
#   hooks.log       one line per hook run: "<hook> <remote unit or -> <relation id or ->"
#   peers           units seen on the `cluster` peer relation, one per line
#   cluster-leader  leader unit as published in the peer application data
#   web-url         http://<hostname>:<port>/ of the related website, if any

PINGER_VERSION=1.0.0

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

# The address announced as ping-address.
ping_address() {
  local address
  address="$(config-get address)"
  if [ -z "$address" ]; then
    address="$(unit-get private-address)"
  fi
  printf '%s' "$address"
}

# Sends ping-address on every `ping` relation (used when the address changes).
announce_everywhere() {
  local rid address
  address="$(ping_address)"
  for rid in $(relation-ids ping); do
    relation-set -r "$rid" ping-address="$address"
  done
}

# Prints the units that answered with `pong`, comma separated, sorted.
answered_by() {
  local rid unit pong answers=()
  for rid in $(relation-ids ping); do
    for unit in $(relation-list -r "$rid"); do
      pong="$(relation-get -r "$rid" pong "$unit")"
      if [ -n "$pong" ]; then
        answers+=("$pong")
      fi
    done
  done
  if [ "${#answers[@]}" -gt 0 ]; then
    printf '%s\n' "${answers[@]}" | sort -u | paste -sd, - | sed 's/,/, /g'
  fi
}

# active once some ponger has answered, blocked otherwise.
update_status() {
  local answers
  answers="$(answered_by)"
  if [ -n "$answers" ]; then
    status-set active "pong from $answers"
  else
    status-set blocked "waiting for ponger"
  fi
}

# Records the peer units of the `cluster` relation and the published leader.
record_peers() {
  local rid leader="" units=""
  for rid in $(relation-ids cluster); do
    units+="$(relation-list -r "$rid")"$'\n'
    leader="$(relation-get -r "$rid" --app leader "${JUJU_UNIT_NAME%%/*}")"
  done
  printf '%s' "$units" | sed '/^$/d' | sort -u | write_unit_file peers
  if [ -n "$leader" ]; then
    printf '%s\n' "$leader" | write_unit_file cluster-leader
  fi
  log "cluster peers: $(paste -sd' ' "$UNIT_DIR/peers")"
}

# Remembers the URL of the related website, or forgets it when none is left.
record_website() {
  local rid unit hostname port url=""
  for rid in $(relation-ids web); do
    for unit in $(relation-list -r "$rid"); do
      hostname="$(relation-get -r "$rid" hostname "$unit")"
      port="$(relation-get -r "$rid" port "$unit")"
      if [ -n "$hostname" ] && [ -n "$port" ]; then
        url="http://$hostname:$port/"
      fi
    done
  done
  if [ -n "$url" ]; then
    printf '%s\n' "$url" | write_unit_file web-url
    log "website at $url"
  else
    rm -f "$UNIT_DIR/web-url"
  fi
}
