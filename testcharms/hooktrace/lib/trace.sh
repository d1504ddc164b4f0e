# Tracing helpers for the hooktrace hooks. Sourced, never run.
#
# Every hook run appends one line to <unit agent dir>/hooks.log:
#   <hook> <remote unit or -> <relation id or -> [key=value ...]
# The first three fields follow the common hooks.log contract; the extra
# fields depend on the hook kind (spaces in values are written as %20):
#   relation hooks  app=<JUJU_REMOTE_APP> members=<relation-list, comma separated, or ->
#                   departing=<JUJU_DEPARTING_UNIT> (departed only)
#   storage hooks   storage=<JUJU_STORAGE_ID> kind=<JUJU_STORAGE_KIND> location=<JUJU_STORAGE_LOCATION>
#   secret hooks    secret=<JUJU_SECRET_ID> label=<JUJU_SECRET_LABEL> revision=<JUJU_SECRET_REVISION>
#   leader-*        leader=<is-leader output>
#   pre-series-upgrade  target=<JUJU_TARGET_BASE>
# Empty values are left out. The environment of the run (`env | sort`) goes to
# hook-env/<NNNN>-<hook>.env (NNNN = line number in hooks.log) and
# hook-env/<hook>.env (latest run). config-changed also saves
# `config-get --format=json` to hook-env/config.json.
#
# The hooks never fail: tool errors are recorded as "?" and ignored.

CHARM_ROOT="${CHARM_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
UNIT_DIR="$(dirname "$CHARM_ROOT")"
ENV_DIR="$UNIT_DIR/hook-env"
HOOK="${JUJU_HOOK_NAME:-$(basename "$0")}"

# Prints " key=value" when value is not empty.
field() {
  if [ -n "$2" ]; then
    printf ' %s=%s' "$1" "${2// /%20}"
  fi
}

# Remote units of the running relation, comma separated; "-" if none, "?" on error.
relation_members() {
  local out
  if ! out="$(relation-list -r "${JUJU_RELATION_ID:-}" 2>/dev/null)"; then
    printf '?'
    return
  fi
  out="$(printf '%s' "$out" | sed '/^$/d' | paste -sd, -)"
  printf '%s' "${out:--}"
}

hook_extras() {
  case "$HOOK" in
    *-relation-*)
      field app "${JUJU_REMOTE_APP:-}"
      field members "$(relation_members)"
      field departing "${JUJU_DEPARTING_UNIT:-}"
      ;;
    *-storage-*)
      field storage "${JUJU_STORAGE_ID:-}"
      field kind "${JUJU_STORAGE_KIND:-}"
      field location "${JUJU_STORAGE_LOCATION:-}"
      ;;
    secret-*)
      field secret "${JUJU_SECRET_ID:-}"
      field label "${JUJU_SECRET_LABEL:-}"
      field revision "${JUJU_SECRET_REVISION:-}"
      ;;
    leader-*)
      field leader "$(is-leader 2>/dev/null || printf '?')"
      ;;
    pre-series-upgrade)
      field target "${JUJU_TARGET_BASE:-}"
      ;;
  esac
}

# Copies config `label` into every relation so remote units see a change.
publish_label() {
  local label endpoint rid
  label="$(config-get label 2>/dev/null)" || return 0
  for endpoint in source sink peer; do
    for rid in $(relation-ids "$endpoint" 2>/dev/null); do
      relation-set -r "$rid" label="$label" 2>/dev/null || true
    done
  done
}

# The whole body of every hook.
trace_hook() {
  local seq
  printf '%s %s %s%s\n' "$HOOK" "${JUJU_REMOTE_UNIT:--}" "${JUJU_RELATION_ID:--}" "$(hook_extras)" \
    >>"$UNIT_DIR/hooks.log"
  seq="$(wc -l <"$UNIT_DIR/hooks.log" | tr -d ' ')"
  mkdir -p "$ENV_DIR"
  env | sort >"$ENV_DIR/$(printf '%04d' "$seq")-$HOOK.env"
  cp -f "$ENV_DIR/$(printf '%04d' "$seq")-$HOOK.env" "$ENV_DIR/$HOOK.env"
  if [ "$HOOK" = config-changed ]; then
    config-get --format=json >"$ENV_DIR/config.json" 2>/dev/null || true
    publish_label
  fi
  juju-log -l DEBUG "hooktrace: $HOOK" 2>/dev/null || true
  return 0
}
