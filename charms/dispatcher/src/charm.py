#!/usr/bin/env python3
"""Dispatcher charm: routes Juju events to handlers without the ops library.

The `dispatch` script runs this file for every hook and action. The event comes
from JUJU_DISPATCH_PATH (`hooks/<hook>` or `actions/<action>`); hook tools are
called through subprocess with the argument shapes ops uses, for example
`status-set --application=False active <message>`, `config-get --format=json`,
`juju-log --log-level INFO -- <message>` and `relation-set -r <id> --file -`
with a JSON document on stdin.

Files kept in the unit's agent directory (parent of the charm directory):
  hooks.log  one line per hook run: "<hook> <remote unit or -> <relation id or ->"
  peers      units seen on the `replicas` peer relation, one per line
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

VERSION = "1.0.0"
WEBSITE = "website"
PEERS = "replicas"


class HookToolError(Exception):
    """A hook tool exited non-zero."""


def run_tool(*args: str, stdin: Optional[str] = None) -> str:
    """Runs one hook tool and returns its stdout; raises HookToolError on failure."""
    proc = subprocess.run(
        list(args),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        raise HookToolError(f"{args[0]} exited {proc.returncode}: {proc.stderr.strip()}")
    return proc.stdout


def run_json(*args: str) -> Any:
    """Runs a hook tool with --format=json appended and decodes its output."""
    out = run_tool(*args, "--format=json")
    return json.loads(out) if out.strip() else None


class Context:
    """What the current event is, plus typed wrappers around the hook tools."""

    def __init__(self, environ: Dict[str, str]) -> None:
        self.env = environ
        self.unit = environ.get("JUJU_UNIT_NAME", "")
        self.app = self.unit.split("/")[0]
        parts = Path(environ.get("JUJU_DISPATCH_PATH", "")).parts[-2:]
        self.kind = parts[0] if len(parts) == 2 else ""
        self.name = parts[-1] if parts else ""
        self.hook = environ.get("JUJU_HOOK_NAME") or (self.name if self.kind == "hooks" else "")
        self.relation_id = environ.get("JUJU_RELATION_ID", "")
        self.remote_unit = environ.get("JUJU_REMOTE_UNIT", "")
        self.remote_app = environ.get("JUJU_REMOTE_APP", "")
        charm_dir = environ.get("JUJU_CHARM_DIR") or environ.get("CHARM_DIR") or str(Path(__file__).parent.parent)
        self.unit_dir = Path(charm_dir).parent
        self._config: Optional[Dict[str, Any]] = None

    # -- logging and status ---------------------------------------------------
    def log(self, message: str, level: str = "INFO") -> None:
        run_tool("juju-log", "--log-level", level, "--", message)

    def set_status(self, status: str, message: str, application: bool = False) -> None:
        # ops <= 3.3 shape: no "--" before the message, bool spelled True/False.
        run_tool("status-set", f"--application={application}", status, message)

    def is_leader(self) -> bool:
        return bool(run_json("is-leader"))

    # -- config ---------------------------------------------------------------
    def config(self) -> Dict[str, Any]:
        if self._config is None:
            self._config = run_json("config-get") or {}
        return self._config

    def port(self) -> int:
        return int(self.config().get("port", 8000))

    # -- relations ------------------------------------------------------------
    def relation_ids(self, endpoint: str) -> List[str]:
        return list(run_json("relation-ids", endpoint) or [])

    def relation_units(self, relation_id: str) -> List[str]:
        # ops >= 3.7.1 shape: "<endpoint>:<id>" passed to -r.
        out = run_tool("relation-list", "--format=json", "-r", relation_id)
        return list(json.loads(out) or []) if out.strip() else []

    def relation_get(self, relation_id: str, target: str, app: bool = False) -> Dict[str, str]:
        args = ["relation-get", "--format=json", "-r", relation_id]
        if app:
            args.append("--app")
        out = run_tool(*args, "-", target)
        return json.loads(out) if out.strip() else {}

    def relation_set(self, relation_id: str, data: Dict[str, str], app: bool = False) -> None:
        # ops <= 3.3 shape: bare numeric id; data as a document on stdin.
        args = ["relation-set", "-r", relation_id.rsplit(":", 1)[-1]]
        if app:
            args.append("--app")
        run_tool(*args, "--file", "-", stdin=json.dumps(data))

    # -- addresses and ports --------------------------------------------------
    def ingress_address(self) -> str:
        try:
            info = run_tool("network-get", "--format=json", WEBSITE)
            addresses = json.loads(info).get("ingress-addresses") or []
            if addresses:
                return str(addresses[0])
        except (HookToolError, ValueError, AttributeError):
            pass
        return run_tool("unit-get", "private-address").strip()

    def opened_ports(self) -> List[str]:
        return list(run_json("opened-ports") or [])

    # -- files next to hooks.log ----------------------------------------------
    def write_unit_file(self, name: str, text: str) -> None:
        target = self.unit_dir / name
        tmp = target.with_name(name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)

    def record_hook(self) -> None:
        line = f"{self.hook} {self.remote_unit or '-'} {self.relation_id or '-'}\n"
        with open(self.unit_dir / "hooks.log", "a", encoding="utf-8") as log:
            log.write(line)


# -- behaviour -----------------------------------------------------------------

def refresh_status(ctx: Context) -> None:
    ctx.set_status("active", f"ready on port {ctx.port()}")
    if ctx.is_leader():
        units = 1
        for rid in ctx.relation_ids(PEERS):
            units += len(ctx.relation_units(rid))
        ctx.set_status("active", f"{units} unit(s) serving", application=True)


def sync_ports(ctx: Context) -> None:
    wanted = f"{ctx.port()}/tcp"
    opened = ctx.opened_ports()
    for entry in opened:
        if entry != wanted:
            run_tool("close-port", entry)
    if wanted not in opened:
        run_tool("open-port", wanted)


def publish_website(ctx: Context, relation_ids: List[str]) -> None:
    data = {"hostname": ctx.ingress_address(), "port": str(ctx.port())}
    for rid in relation_ids:
        current = ctx.relation_get(rid, ctx.unit)
        changed = {k: v for k, v in data.items() if current.get(k) != v}
        if changed:
            ctx.relation_set(rid, changed)
            ctx.log(f"website on {rid}: {data['hostname']}:{data['port']}")


def record_peers(ctx: Context) -> None:
    units = set()
    for rid in ctx.relation_ids(PEERS):
        units.update(ctx.relation_units(rid))
    ctx.write_unit_file("peers", "".join(f"{u}\n" for u in sorted(units)))


def on_install(ctx: Context) -> None:
    ctx.set_status("maintenance", "installing dispatcher")
    ctx.log(f"dispatcher installed on unit {ctx.unit}")


def on_start(ctx: Context) -> None:
    run_tool("application-version-set", "--", VERSION)
    refresh_status(ctx)


def on_config_changed(ctx: Context) -> None:
    sync_ports(ctx)
    publish_website(ctx, ctx.relation_ids(WEBSITE))
    refresh_status(ctx)


def on_upgrade_charm(ctx: Context) -> None:
    run_tool("application-version-set", "--", VERSION)
    ctx.log(f"dispatcher upgraded to {VERSION}")


def on_update_status(ctx: Context) -> None:
    refresh_status(ctx)


def on_leader_elected(ctx: Context) -> None:
    for rid in ctx.relation_ids(PEERS):
        ctx.relation_set(rid, {"leader": ctx.unit}, app=True)
    refresh_status(ctx)


def on_leader_settings_changed(ctx: Context) -> None:
    ctx.log("leader settings changed", level="DEBUG")


def on_stop(ctx: Context) -> None:
    ctx.set_status("maintenance", "stopping dispatcher")
    for entry in ctx.opened_ports():
        run_tool("close-port", entry)


def on_remove(ctx: Context) -> None:
    (ctx.unit_dir / "peers").unlink(missing_ok=True)
    ctx.log("dispatcher removed")


def on_website(ctx: Context, kind: str) -> None:
    if kind in ("created", "joined"):
        publish_website(ctx, [ctx.relation_id])
    elif kind == "changed" and ctx.remote_unit:
        remote = ctx.relation_get(ctx.relation_id, ctx.remote_unit)
        ctx.log(f"{ctx.remote_unit} sent {len(remote)} key(s) on {ctx.relation_id}", level="DEBUG")
    else:
        ctx.log(f"website relation {ctx.relation_id} {kind} ({ctx.remote_unit or ctx.remote_app})")


def on_replicas(ctx: Context, _kind: str) -> None:
    record_peers(ctx)


def on_greet(ctx: Context) -> None:
    params = run_json("action-get") or {}
    if params.get("fail"):
        run_tool("action-fail", "--", "greeting refused on request")
        return
    greeting = f"{ctx.config().get('greeting', 'Hello')}, {params.get('name', 'world')}!"
    run_tool("action-log", "--", greeting)
    run_tool("action-set", f"greeting={greeting}", f"unit={ctx.unit}")


HOOKS: Dict[str, Callable[[Context], None]] = {
    "install": on_install,
    "start": on_start,
    "config-changed": on_config_changed,
    "upgrade-charm": on_upgrade_charm,
    "update-status": on_update_status,
    "leader-elected": on_leader_elected,
    "leader-settings-changed": on_leader_settings_changed,
    "stop": on_stop,
    "remove": on_remove,
}

RELATION_HOOKS: Dict[str, Callable[[Context, str], None]] = {
    WEBSITE: on_website,
    PEERS: on_replicas,
}

ACTIONS: Dict[str, Callable[[Context], None]] = {
    "greet": on_greet,
}


def fail_if_asked(ctx: Context) -> None:
    wanted = str(ctx.config().get("fail-hook") or "")
    if ctx.hook in wanted.replace(",", " ").split():
        ctx.log(f'failing {ctx.hook} on purpose (config fail-hook="{wanted}")', level="ERROR")
        sys.exit(1)


def dispatch(ctx: Context) -> None:
    if ctx.kind == "actions":
        action = ACTIONS.get(ctx.name)
        if action is None:
            raise HookToolError(f"unknown action {ctx.name!r}")
        action(ctx)
        return
    if ctx.kind != "hooks":
        print(f"nothing to dispatch for JUJU_DISPATCH_PATH={ctx.env.get('JUJU_DISPATCH_PATH', '')!r}",
              file=sys.stderr)
        return
    ctx.record_hook()
    fail_if_asked(ctx)
    handler = HOOKS.get(ctx.name)
    if handler is not None:
        handler(ctx)
        return
    endpoint, sep, kind = ctx.name.rpartition("-relation-")
    relation_handler = RELATION_HOOKS.get(endpoint) if sep else None
    if relation_handler is not None:
        relation_handler(ctx, kind)
        return
    ctx.log(f"no handler for {ctx.name}", level="DEBUG")


def main() -> int:
    ctx = Context(dict(os.environ))
    try:
        dispatch(ctx)
    except HookToolError as err:
        print(f"dispatcher: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
