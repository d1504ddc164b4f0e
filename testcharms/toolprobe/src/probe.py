#!/usr/bin/env python3
"""toolprobe: runs hook tools and records exactly what they returned.

For each probed event the charm writes <unit agent dir>/toolprobe/<event>.json:

    {"event": "install", "unit": "toolprobe/0", "dispatch-path": "hooks/install",
     "env": {<JUJU_* and CHARM_DIR variables>},
     "results": [{"id": "config-get-json", "argv": ["config-get", "--format=json"],
                  "stdin": null, "exit": 0, "stdout": "...", "stderr": "..."}, ...]}

`exit` is null (with an `error` text) when a tool could not be started or timed
out; `ms` is the wall time of the call. Some argv items are the output of an
earlier probe (e.g. the id printed by secret-add); when that probe failed the
item is the empty string and the dependent probe still runs and is recorded. Events probed: install (every tool, outside any relation), every relation
hook of probe-out/probe-in/peers, data-storage-attached/-detaching, the secret
hooks, and the `probe` action (file name `action-probe.json`). Every hook also
appends "<hook> <remote unit or -> <relation id or ->" to hooks.log. Probes that
are expected to fail are there on purpose; this charm never fails a hook.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

TIMEOUT_SECONDS = 20


class Saved:
    """An argv item filled in with the stripped stdout of an earlier probe."""

    def __init__(self, name: str) -> None:
        self.name = name


Arg = Union[str, Saved]


class Probe:
    def __init__(self, probe_id: str, argv: List[Arg], stdin: Optional[str] = None,
                 save: Optional[str] = None) -> None:
        self.id = probe_id
        self.argv = argv
        self.stdin = stdin
        self.save = save


def p(probe_id: str, *argv: Arg, stdin: Optional[str] = None, save: Optional[str] = None) -> Probe:
    return Probe(probe_id, list(argv), stdin, save)


class Event:
    def __init__(self, environ: Dict[str, str]) -> None:
        self.env = environ
        self.unit = environ.get("JUJU_UNIT_NAME", "")
        self.app = self.unit.split("/")[0]
        parts = Path(environ.get("JUJU_DISPATCH_PATH", "")).parts[-2:]
        self.kind = parts[0] if len(parts) == 2 else ""
        self.name = parts[-1] if parts else ""
        self.hook = environ.get("JUJU_HOOK_NAME") or (self.name if self.kind == "hooks" else "")
        self.relation = environ.get("JUJU_RELATION", "")
        self.relation_id = environ.get("JUJU_RELATION_ID", "")
        self.remote_unit = environ.get("JUJU_REMOTE_UNIT", "")
        self.remote_app = environ.get("JUJU_REMOTE_APP", "")
        charm_dir = environ.get("JUJU_CHARM_DIR") or environ.get("CHARM_DIR") or str(Path(__file__).parent.parent)
        self.unit_dir = Path(charm_dir).parent

    @property
    def relation_number(self) -> str:
        return self.relation_id.rsplit(":", 1)[-1]


# -- probe sets ---------------------------------------------------------------

def general_probes(tmp: Path) -> List[Probe]:
    """Every tool, run outside relation/storage/action context (install)."""
    return [
        # config-get
        p("config-get", "config-get"),
        p("config-get-json", "config-get", "--format=json"),
        p("config-get-yaml", "config-get", "--format=yaml"),
        p("config-get-all-json", "config-get", "--all", "--format=json"),
        p("config-get-key", "config-get", "count"),
        p("config-get-key-json-spaced", "config-get", "ratio", "--format", "json"),
        p("config-get-bool", "config-get", "enabled"),
        p("config-get-unset", "config-get", "token"),
        p("config-get-unset-json", "config-get", "token", "--format=json"),
        p("config-get-empty-json", "config-get", "empty", "--format=json"),
        p("config-get-after-dashdash", "config-get", "--", "count"),
        p("config-get-unknown-flag", "config-get", "--foo"),
        p("config-get-key-and-all", "config-get", "--all", "count"),
        p("config-get-two-keys", "config-get", "count", "ratio"),
        p("config-get-bad-format", "config-get", "--format=xml"),
        # leadership
        p("is-leader", "is-leader"),
        p("is-leader-json", "is-leader", "--format=json"),
        p("is-leader-yaml", "is-leader", "--format=yaml"),
        p("leader-get-json", "leader-get", "--format=json"),
        p("leader-set", "leader-set", "probe=toolprobe"),
        p("leader-get-key", "leader-get", "probe"),
        p("leader-get-missing-json", "leader-get", "no-such-key", "--format=json"),
        # addresses
        p("unit-get-private", "unit-get", "private-address"),
        p("unit-get-public", "unit-get", "public-address"),
        p("unit-get-json", "unit-get", "--format=json", "private-address"),
        p("unit-get-bad", "unit-get", "bogus-address"),
        p("unit-get-none", "unit-get"),
        p("network-get-json", "network-get", "--format=json", "probe-out"),
        p("network-get-yaml", "network-get", "probe-out"),
        p("network-get-ingress", "network-get", "probe-out", "--ingress-address"),
        p("network-get-bind-json", "network-get", "probe-out", "--bind-address", "--format=json"),
        p("network-get-two-json", "network-get", "probe-out", "--ingress-address", "--egress-subnets",
          "--format=json"),
        p("network-get-default-json", "network-get", "", "--format=json"),
        p("network-get-unknown", "network-get", "no-such-binding"),
        # status
        p("status-set-maintenance", "status-set", "maintenance", "probing hook tools"),
        p("status-get", "status-get"),
        p("status-get-json", "status-get", "--format=json"),
        p("status-get-data-json", "status-get", "--include-data", "--format=json"),
        p("status-get-yaml", "status-get", "--include-data", "--format=yaml"),
        p("status-set-ops-old", "status-set", "--application=False", "maintenance", "ops <= 3.3 shape"),
        p("status-set-ops-new", "status-set", "--application=False", "maintenance", "--", "ops >= 3.4 shape"),
        p("status-set-empty-message", "status-set", "maintenance", ""),
        p("status-set-no-message", "status-set", "maintenance"),
        p("status-set-no-args", "status-set"),
        p("status-set-bad-status", "status-set", "error", "nope"),
        p("status-set-extra-arg", "status-set", "active", "one", "two"),
        p("status-set-bool-space", "status-set", "--application", "false", "active"),
        p("status-set-application", "status-set", "--application", "active", "app status from toolprobe"),
        p("status-get-application-json", "status-get", "--application=true", "--include-data", "--format=json"),
        p("status-get-application-old-json", "status-get", "--include-data", "--application=True",
          "--format=json"),
        # version and logging
        p("application-version-set", "application-version-set", "--", "0.1.0-probe"),
        p("application-version-set-none", "application-version-set"),
        p("juju-log-ops", "juju-log", "--log-level", "INFO", "--", "toolprobe: ops-style log line"),
        p("juju-log-short", "juju-log", "-l", "WARNING", "toolprobe:", "several", "words"),
        p("juju-log-lowercase-level", "juju-log", "--log-level=debug", "toolprobe: lowercase level"),
        p("juju-log-trace", "juju-log", "--log-level", "TRACE", "--", '{"event": "toolprobe"}'),
        p("juju-log-debug-flag", "juju-log", "--debug", "toolprobe: --debug flag"),
        p("juju-log-bad-level", "juju-log", "--log-level", "LOUD", "toolprobe: unknown level"),
        p("juju-log-empty", "juju-log", ""),
        p("juju-log-none", "juju-log"),
        p("juju-log-format", "juju-log", "--format", "json", "toolprobe: deprecated --format"),
        p("juju-log-dash-message", "juju-log", "--", "-starts-with-a-dash"),
        # relations, outside a relation hook
        p("relation-ids-out", "relation-ids", "probe-out"),
        p("relation-ids-out-json", "relation-ids", "probe-out", "--format=json"),
        p("relation-ids-peers-json", "relation-ids", "--format=json", "peers"),
        p("relation-ids-unknown-json", "relation-ids", "no-such-endpoint", "--format=json"),
        p("relation-ids-none", "relation-ids"),
        p("relation-list-none", "relation-list"),
        p("relation-list-bad-id", "relation-list", "-r", "9999"),
        p("relation-list-bad-id-endpoint", "relation-list", "-r", "probe-out:9999", "--format=json"),
        p("relation-list-non-int-id", "relation-list", "-r", "probe-out:x"),
        p("relation-get-none", "relation-get"),
        p("relation-set-none", "relation-set", "key=value"),
        p("relation-model-get-none", "relation-model-get", "--format=json"),
        # ports
        p("open-port", "open-port", "9999/tcp"),
        p("open-port-default-proto", "open-port", "9998"),
        p("open-port-range", "open-port", "10000-10010/udp"),
        p("open-port-icmp", "open-port", "icmp"),
        p("open-port-upper-proto", "open-port", "9996/TCP"),
        p("open-port-again", "open-port", "9999/tcp"),
        p("open-port-overlap", "open-port", "10005/udp"),
        p("open-port-endpoints", "open-port", "9997/tcp", "--endpoints", "probe-out"),
        p("opened-ports", "opened-ports"),
        p("opened-ports-json", "opened-ports", "--format=json"),
        p("opened-ports-endpoints", "opened-ports", "--endpoints"),
        p("close-port-range", "close-port", "10000-10010/udp"),
        p("close-port-overlap", "close-port", "10005/udp"),
        p("close-port-icmp", "close-port", "icmp"),
        p("close-port", "close-port", "9999/tcp"),
        p("close-port-default-proto", "close-port", "9998"),
        p("close-port-upper-proto", "close-port", "9996/tcp"),
        p("close-port-endpoints", "close-port", "9997/tcp", "--endpoints", "probe-out"),
        p("opened-ports-after-close-json", "opened-ports", "--format=json"),
        p("open-port-none", "open-port"),
        p("open-port-bad-proto", "open-port", "80/sctp"),
        p("open-port-bad-range", "open-port", "1-2-3"),
        p("open-port-bad-number", "open-port", "abc"),
        p("open-port-icmp-with-port", "open-port", "80/icmp"),
        p("open-port-reversed", "open-port", "90-80/tcp"),
        p("open-port-too-big", "open-port", "0-70000/tcp"),
        p("open-port-format", "open-port", "--format", "json", "9995/tcp"),
        p("close-port-format", "close-port", "--format", "json", "9995/tcp"),
        # charm state
        p("state-set", "state-set", "probe-key=probe-value", "other-key=other"),
        p("state-set-file", "state-set", "--file", "-", stdin='{"file-key": "from stdin"}'),
        p("state-get-key", "state-get", "probe-key"),
        p("state-get-json", "state-get", "--format=json"),
        p("state-get-missing", "state-get", "no-such-key"),
        p("state-get-missing-json", "state-get", "no-such-key", "--format=json"),
        p("state-get-missing-strict", "state-get", "no-such-key", "--strict"),
        p("state-delete", "state-delete", "probe-key"),
        p("state-delete-file-key", "state-delete", "file-key"),
        p("state-delete-other-key", "state-delete", "other-key"),
        p("state-get-deleted-json", "state-get", "probe-key", "--format=json"),
        # storage, outside a storage hook
        p("storage-list-json", "storage-list", "--format=json"),
        p("storage-list-name-json", "storage-list", "data", "--format=json"),
        p("storage-get-none", "storage-get"),
        p("storage-get-help", "storage-get", "--help"),
        p("storage-get-bad-id", "storage-get", "-s", "nope"),
        # model and cloud
        p("goal-state", "goal-state"),
        p("goal-state-json", "goal-state", "--format=json"),
        p("credential-get-json", "credential-get", "--format=json"),
        p("resource-get-unknown", "resource-get", "no-such-resource"),
        p("add-metric", "add-metric", "probe=1"),
        # action tools outside an action
        p("action-get-outside", "action-get"),
        p("action-set-outside", "action-set", "key=value"),
        p("action-log-outside", "action-log", "message"),
        p("action-fail-outside", "action-fail", "message"),
        # help pages (juju-reboot is only ever asked for help)
        p("juju-reboot-help", "juju-reboot", "--help"),
        p("status-set-help", "status-set", "--help"),
        p("relation-get-help", "relation-get", "-h"),
        p("config-get-help", "config-get", "--help"),
        # secrets
        p("secret-add-unit", "secret-add", "--owner", "unit", "--label", "probe-unit-secret",
          "--description", "made by toolprobe", "probe-key=first", save="unit_secret"),
        p("secret-ids-json", "secret-ids", "--format=json"),
        p("secret-get-json", "secret-get", Saved("unit_secret"), "--format=json"),
        p("secret-get-yaml", "secret-get", Saved("unit_secret")),
        p("secret-get-label-json", "secret-get", "--label", "probe-unit-secret", "--format=json"),
        p("secret-get-id-and-label-json", "secret-get", Saved("unit_secret"), "--label", "probe-unit-secret",
          "--format=json"),
        p("secret-get-key", "secret-get", Saved("unit_secret"), "probe-key"),
        p("secret-get-key-base64", "secret-get", Saved("unit_secret"), "probe-key#base64"),
        p("secret-info-get-json", "secret-info-get", Saved("unit_secret"), "--format=json"),
        p("secret-info-get-label-json", "secret-info-get", "--label", "probe-unit-secret", "--format=json"),
        p("secret-set", "secret-set", Saved("unit_secret"), "probe-key=second"),
        p("secret-set-metadata", "secret-set", Saved("unit_secret"), "--description", "updated by toolprobe",
          "--rotate", "daily", "--expire", "24h"),
        p("secret-get-peek-json", "secret-get", Saved("unit_secret"), "--peek", "--format=json"),
        p("secret-get-refresh-json", "secret-get", Saved("unit_secret"), "--refresh", "--format=json"),
        p("secret-info-get-after-set-json", "secret-info-get", Saved("unit_secret"), "--format=json"),
        p("secret-add-file", "secret-add", "--owner", "unit", f"file-key#file={tmp / 'value.txt'}",
          "b64-key#base64=aGVsbG8=", save="file_secret"),
        p("secret-get-file-json", "secret-get", Saved("file_secret"), "--format=json"),
        p("secret-remove-file", "secret-remove", Saved("file_secret")),
        p("secret-add-app", "secret-add", "--label", "probe-app-secret", "app-key=value", save="app_secret"),
        p("secret-info-get-app-json", "secret-info-get", "--label", "probe-app-secret", "--format=json"),
        p("secret-add-no-value", "secret-add"),
        p("secret-add-bad-key", "secret-add", "--owner", "unit", "Bad_Key=value"),
        p("secret-add-short-key", "secret-add", "--owner", "unit", "ab=value"),
        p("secret-add-bad-rotate", "secret-add", "--owner", "unit", "--rotate", "sometimes", "probe-key=value"),
        p("secret-add-bad-expire", "secret-add", "--owner", "unit", "--expire", "someday", "probe-key=value"),
        p("secret-add-bad-owner", "secret-add", "--owner", "model", "probe-key=value"),
        p("secret-get-none", "secret-get"),
        p("secret-get-peek-and-refresh", "secret-get", Saved("unit_secret"), "--peek", "--refresh"),
        p("secret-get-bad-uri", "secret-get", "not a secret uri"),
        p("secret-get-unknown", "secret-get", "secret:d0000000000000000000"),
        p("secret-get-unknown-label", "secret-get", "--label", "no-such-label"),
        p("secret-info-get-both", "secret-info-get", Saved("unit_secret"), "--label", "probe-unit-secret"),
        p("secret-info-get-unknown", "secret-info-get", "secret:d0000000000000000000"),
        p("secret-grant-no-relation", "secret-grant", Saved("unit_secret")),
        p("secret-grant-bad-relation", "secret-grant", Saved("unit_secret"), "-r", "9999"),
        p("secret-grant-no-uri", "secret-grant"),
    ]


def relation_probes(ev: Event) -> List[Probe]:
    """Tools inside a relation hook (context relation = the hook's relation)."""
    if ev.remote_unit:
        remote_target = [ev.remote_unit]
    else:
        remote_target = ["--app", ev.remote_app]
    remote = ["-", *remote_target] if ev.remote_unit else ["--app", "-", ev.remote_app]
    payload = json.dumps({"probe-json": "caf\u00e9 \U0001F600"})
    return [
        p("relation-ids-default-json", "relation-ids", "--format=json"),
        p("relation-ids-endpoint-json", "relation-ids", ev.relation, "--format=json"),
        p("relation-list", "relation-list"),
        p("relation-list-json", "relation-list", "--format=json"),
        p("relation-list-app", "relation-list", "--app"),
        p("relation-list-app-json", "relation-list", "--app", "--format=json"),
        p("relation-list-bare-id-json", "relation-list", "-r", ev.relation_number, "--format=json"),
        p("relation-list-endpoint-id-json", "relation-list", "--format=json", "-r", ev.relation_id),
        p("relation-get-default-json", "relation-get", "--format=json"),
        p("relation-get-default", "relation-get"),
        p("relation-get-remote-json", "relation-get", "--format=json", *remote),
        p("relation-get-ops-old-json", "relation-get", "-r", ev.relation_number, *remote, "--format=json"),
        p("relation-get-ops-new-json", "relation-get", "--format=json", "-r", ev.relation_id, *remote),
        p("relation-get-self-json", "relation-get", "--format=json", "-", ev.unit),
        p("relation-get-self-address", "relation-get", "private-address", ev.unit),
        p("relation-set", "relation-set", f"probe-unit={ev.unit}"),
        p("relation-get-self-key", "relation-get", "probe-unit", ev.unit),
        p("relation-set-file-json", "relation-set", "--file", "-", stdin=payload),
        p("relation-get-self-after-file-json", "relation-get", "--format=json", "-", ev.unit),
        p("relation-set-yaml", "relation-set", "-r", ev.relation_id, "--file", "-",
          stdin="probe-yaml: from yaml\nprobe-number: 3\n"),
        p("relation-get-self-after-yaml-json", "relation-get", "--format=json", "-", ev.unit),
        p("relation-set-delete", "relation-set", "probe-json=", "probe-yaml=", "probe-number="),
        p("relation-set-dup", "relation-set", "dup=1", "dup=2"),
        p("relation-set-no-equals", "relation-set", "novalue"),
        p("relation-set-format", "relation-set", "--format", "json", "probe-format=1"),
        p("relation-get-app-json", "relation-get", "--app", "--format=json"),
        p("relation-get-own-app-json", "relation-get", "--app", "--format=json", "-", ev.app),
        p("relation-set-app", "relation-set", "--app", f"probe-app={ev.app}"),
        p("relation-get-app-name-without-app", "relation-get", "-", ev.remote_app or ev.app),
        p("relation-get-missing-key-json", "relation-get", "no-such-key", "--format=json", *remote_target),
        p("relation-get-bad-id", "relation-get", "-r", "9999", "--format=json"),
        p("relation-model-get-json", "relation-model-get", "--format=json"),
        p("network-get-relation-json", "network-get", "--format=json", "-r", ev.relation_number, ev.relation),
        p("goal-state-json", "goal-state", "--format=json"),
    ]


def storage_probes(ev: Event) -> List[Probe]:
    storage_id = ev.env.get("JUJU_STORAGE_ID", "")
    return [
        p("storage-list-json", "storage-list", "--format=json"),
        p("storage-list-name-json", "storage-list", storage_id.split("/")[0], "--format=json"),
        p("storage-get", "storage-get"),
        p("storage-get-json", "storage-get", "--format=json"),
        p("storage-get-location", "storage-get", "location"),
        p("storage-get-kind", "storage-get", "kind"),
        p("storage-get-id-json", "storage-get", "-s", storage_id, "--format=json"),
        p("storage-get-ops-old-json", "storage-get", "-s", storage_id, "location", "--format=json"),
        p("storage-get-help", "storage-get", "--help"),
        p("storage-get-bad-key", "storage-get", "size"),
    ]


def secret_probes(ev: Event) -> List[Probe]:
    secret_id = ev.env.get("JUJU_SECRET_ID", "")
    probes = [
        p("secret-info-get-json", "secret-info-get", secret_id, "--format=json"),
        p("secret-get-peek-json", "secret-get", secret_id, "--peek", "--format=json"),
        p("secret-get-json", "secret-get", secret_id, "--format=json"),
    ]
    if ev.hook == "secret-changed":
        probes.append(p("secret-get-refresh-json", "secret-get", secret_id, "--refresh", "--format=json"))
    revision = ev.env.get("JUJU_SECRET_REVISION", "")
    if ev.hook == "secret-remove" and revision:
        probes.append(p("secret-remove-revision", "secret-remove", secret_id, "--revision", revision))
    return probes


def action_probes() -> List[Probe]:
    return [
        p("action-get-json", "action-get", "--format=json"),
        p("action-get", "action-get"),
        p("action-get-key", "action-get", "label"),
        p("action-get-int-json", "action-get", "times", "--format=json"),
        p("action-get-bool", "action-get", "fail"),
        p("action-get-missing", "action-get", "no-such-param"),
        p("action-get-missing-json", "action-get", "no-such-param", "--format=json"),
        p("action-log", "action-log", "toolprobe", "action", "log"),
        p("action-log-ops", "action-log", "--", "ops-style action log"),
        p("action-set", "action-set", "probe=ok", "nested.key=value", "nested.other=2"),
        p("action-set-reserved", "action-set", "stdout=nope"),
        p("action-set-bad-key", "action-set", "Bad_Key=nope"),
        p("action-set-no-value", "action-set", "novalue"),
        p("config-get-json", "config-get", "--format=json"),
        p("is-leader-json", "is-leader", "--format=json"),
        p("status-get-json", "status-get", "--include-data", "--format=json"),
        p("relation-ids-peers-json", "relation-ids", "peers", "--format=json"),
        p("juju-reboot-help", "juju-reboot", "--help"),
    ]


# -- running --------------------------------------------------------------------

def run_probe(probe: Probe, saved: Dict[str, str]) -> Dict[str, Any]:
    argv = [saved.get(a.name, "") if isinstance(a, Saved) else a for a in probe.argv]
    result: Dict[str, Any] = {"id": probe.id, "argv": argv, "stdin": probe.stdin}
    started = time.monotonic()
    try:
        proc = subprocess.run(
            argv,
            input=probe.stdin.encode("utf-8") if probe.stdin is not None else None,
            stdin=None if probe.stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        result.update(exit=None, stdout=decode(err.stdout), stderr=decode(err.stderr),
                      error=f"timed out after {TIMEOUT_SECONDS}s")
    except OSError as err:
        result.update(exit=None, stdout="", stderr="", error=f"could not run: {err}")
    else:
        result.update(exit=proc.returncode, stdout=decode(proc.stdout), stderr=decode(proc.stderr))
        if probe.save and proc.returncode == 0:
            saved[probe.save] = result["stdout"].strip()
    result["ms"] = int((time.monotonic() - started) * 1000)
    return result


def decode(data: Optional[bytes]) -> str:
    if not data:
        return ""
    return data.decode("utf-8", errors="backslashreplace")


def write_report(ev: Event, name: str, results: List[Dict[str, Any]]) -> Path:
    out_dir = ev.unit_dir / "toolprobe"
    out_dir.mkdir(parents=True, exist_ok=True)
    report = {
        "event": name,
        "unit": ev.unit,
        "dispatch-path": ev.env.get("JUJU_DISPATCH_PATH", ""),
        "env": {k: v for k, v in sorted(ev.env.items()) if k.startswith("JUJU_") or k == "CHARM_DIR"},
        "results": results,
    }
    target = out_dir / f"{name}.json"
    tmp = out_dir / f".{name}.json.tmp"
    tmp.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target


def run_all(probes: List[Probe]) -> List[Dict[str, Any]]:
    saved: Dict[str, str] = {}
    return [run_probe(probe, saved) for probe in probes]


def record_hook(ev: Event) -> None:
    line = f"{ev.hook} {ev.remote_unit or '-'} {ev.relation_id or '-'}\n"
    with open(ev.unit_dir / "hooks.log", "a", encoding="utf-8") as log:
        log.write(line)


def quiet(*argv: str) -> None:
    """Runs a tool whose result does not matter."""
    try:
        subprocess.run(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        pass


def main() -> int:
    ev = Event(dict(os.environ))
    if ev.kind == "actions":
        if ev.name != "probe":
            print(f"toolprobe: unknown action {ev.name!r}", file=sys.stderr)
            return 1
        results = run_all(action_probes())
        target = write_report(ev, "action-probe", results)
        quiet("action-set", f"report={target}", f"probes={len(results)}")
        params = next((r for r in results if r["id"] == "action-get-json"), None)
        try:
            fail = bool(params and params["exit"] == 0 and json.loads(params["stdout"]).get("fail"))
        except ValueError:
            fail = False
        if fail:
            quiet("action-fail", "--", "failed on request")
        return 0
    if ev.kind != "hooks":
        return 0

    record_hook(ev)
    hook = ev.hook
    if hook == "install":
        tmp = Path(tempfile.mkdtemp(prefix="toolprobe-"))
        try:
            (tmp / "value.txt").write_text("from a file", encoding="utf-8")
            results = run_all(general_probes(tmp))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        write_report(ev, hook, results)
        quiet("status-set", "active", f"probed {len(results)} tool calls")
    elif "-relation-" in hook:
        write_report(ev, hook, run_all(relation_probes(ev)))
    elif "-storage-" in hook:
        write_report(ev, hook, run_all(storage_probes(ev)))
    elif hook.startswith("secret-"):
        write_report(ev, hook, run_all(secret_probes(ev)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
