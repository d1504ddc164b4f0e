#!/usr/bin/env python3
"""Stand-in hook tools for running charm hooks outside Juju in unit tests.

One script serves every tool: it is linked under each tool name and looks at
argv[0], or is started by a wrapper as `fake-hook-tools.py <tool> <args...>`. State lives in the JSON file named by $FAKE_TOOLS_STATE:

  unit, leader (bool), config {}, addresses {private, public}, network (bool),
  relations {"<endpoint>:<n>": {endpoint, app, units [], data {unit-or-app: {}}}},
  ports [], status {status, message}, app_status {}, version, leader_settings {},
  action {params {}, results {}, logs [], failed} or null, logs [[level, msg]],
  calls [[tool, args...]]

Writes take effect at once (no hook transaction). Only the behaviour the charms
in charms/ and testcharms/ rely on is implemented; anything else prints
"ERROR fake: ..." and exits 1. Not a conformance reference for the real tools.
"""

import json
import os
import sys

VALUE_FLAGS = {"-r", "--relation", "--format", "-l", "--log-level", "--file", "-s", "--label",
               "--owner", "--description", "--endpoints", "-o", "--output", "--rotate", "--expire",
               "--revision", "--unit"}


class Fail(Exception):
    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code


def parse(args):
    flags, positional, i = {}, [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            positional.extend(args[i + 1:])
            break
        if arg.startswith("-") and arg != "-":
            name, eq, value = arg.partition("=")
            if name in VALUE_FLAGS and not eq:
                if i + 1 >= len(args):
                    raise Fail(f"flag needs an argument: {name}", 2)
                value = args[i + 1]
                i += 1
            elif not eq:
                value = "true"
            flags[name] = value
        else:
            positional.append(arg)
        i += 1
    return flags, positional


def flag(flags, *names):
    for name in names:
        if name in flags:
            return flags[name]
    return None


def truthy(value):
    return value is not None and value.lower() in ("1", "t", "true")


def emit(value, fmt):
    if fmt == "json":
        sys.stdout.write(json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n")
        return
    if value is None:
        return
    if isinstance(value, bool):
        sys.stdout.write("True\n" if value else "False\n")
    elif isinstance(value, str):
        if value:
            sys.stdout.write(value + "\n")
    elif isinstance(value, list):
        for item in value:
            sys.stdout.write(f"{item}\n")
    elif isinstance(value, dict):
        for key in sorted(value):
            sys.stdout.write(f"{key}: {value[key]}\n")
    else:
        sys.stdout.write(f"{value}\n")


def relation(state, flags):
    rid = flag(flags, "-r", "--relation") or os.environ.get("JUJU_RELATION_ID", "")
    if not rid:
        raise Fail("no relation id specified", 2)
    number = rid.rsplit(":", 1)[-1]
    for key, rel in state.get("relations", {}).items():
        if key.rsplit(":", 1)[-1] == number:
            return key, rel
    raise Fail(f'invalid value "{rid}" for option -r: relation not found', 2)


def run(tool, args, state):
    flags, pos = parse(args)
    fmt = flag(flags, "--format") or "smart"
    unit = state["unit"]
    app = unit.split("/")[0]
    if tool == "config-get":
        config = state.get("config", {})
        emit(config.get(pos[0]) if pos else config, fmt)
    elif tool == "is-leader":
        emit(bool(state.get("leader")), fmt)
    elif tool == "unit-get":
        emit(state["addresses"][pos[0].split("-")[0]], fmt)
    elif tool == "network-get":
        if not state.get("network", True):
            raise Fail(f'no network config found for binding "{pos[0] if pos else ""}"')
        address = state["addresses"]["private"]
        emit({"bind-addresses": [{"interface-name": "eth0", "addresses": [{"value": address}]}],
              "egress-subnets": [address + "/32"], "ingress-addresses": [address]}, fmt)
    elif tool == "relation-ids":
        endpoint = pos[0] if pos else os.environ.get("JUJU_RELATION", "")
        emit(sorted(k for k, r in state.get("relations", {}).items() if r["endpoint"] == endpoint), fmt)
    elif tool == "relation-list":
        _, rel = relation(state, flags)
        emit(rel["app"] if "--app" in flags else sorted(rel["units"]), fmt)
    elif tool == "relation-get":
        rid, rel = relation(state, flags)
        key = pos[0] if pos else "-"
        default_target = os.environ.get("JUJU_REMOTE_UNIT") if rid == os.environ.get("JUJU_RELATION_ID") else ""
        target = pos[1] if len(pos) > 1 else (default_target or rel["app"])
        if "--app" in flags or "/" not in target:
            target = target.split("/")[0]
        data = rel.setdefault("data", {}).get(target, {})
        emit(data if key == "-" else data.get(key), fmt)
    elif tool == "relation-set":
        _, rel = relation(state, flags)
        target = app if "--app" in flags else unit
        if target == app and not state.get("leader"):
            raise Fail("cannot write relation settings")
        values = {}
        keys = [pair.partition("=")[0] for pair in pos]
        if len(set(keys)) != len(keys):
            raise Fail("duplicate key in arguments", 2)
        if flag(flags, "--file") == "-":
            values.update({k: str(v) for k, v in json.loads(sys.stdin.read() or "{}").items()})
        for pair in pos:
            key, eq, value = pair.partition("=")
            if not eq:
                raise Fail(f'expected "key=value", got "{pair}"', 2)
            values[key] = value
        bag = rel.setdefault("data", {}).setdefault(target, {})
        for key, value in values.items():
            if value == "":
                bag.pop(key, None)
            else:
                bag[key] = value
    elif tool == "status-set":
        if not pos or pos[0] not in ("maintenance", "blocked", "waiting", "active"):
            raise Fail("invalid args, require <status> [message]", 2)
        entry = {"status": pos[0], "message": pos[1] if len(pos) > 1 else ""}
        if truthy(flag(flags, "--application")):
            if not state.get("leader"):
                raise Fail("this unit is not the leader")
            state["app_status"] = entry
        else:
            state["status"] = entry
            state.setdefault("status_history", []).append(entry)
    elif tool == "status-get":
        emit(state.get("status", {}).get("status", "unknown"), fmt)
    elif tool == "juju-log":
        if not pos:
            raise Fail("no message specified", 2)
        state.setdefault("logs", []).append([(flag(flags, "-l", "--log-level") or "INFO").upper(), " ".join(pos)])
    elif tool == "application-version-set":
        state["version"] = pos[0] if pos else ""
    elif tool in ("open-port", "close-port"):
        if not pos:
            raise Fail("no port or range specified", 2)
        spec = pos[0] if "/" in pos[0] or pos[0] == "icmp" else pos[0] + "/tcp"
        ports = state.setdefault("ports", [])
        if tool == "open-port" and spec not in ports:
            ports.append(spec)
        if tool == "close-port" and spec in ports:
            ports.remove(spec)
    elif tool == "opened-ports":
        emit(sorted(state.get("ports", [])), fmt)
    elif tool == "leader-set":
        if not state.get("leader"):
            raise Fail("cannot write leadership settings: cannot write settings: not the leader")
        for pair in pos:
            key, _, value = pair.partition("=")
            state.setdefault("leader_settings", {})[key] = value
    elif tool == "leader-get":
        settings = state.get("leader_settings", {})
        emit(settings.get(pos[0]) if pos and pos[0] != "-" else settings, fmt)
    elif tool.startswith("action-"):
        action = state.get("action")
        if action is None:
            raise Fail("not running an action")
        if tool == "action-get":
            emit(action["params"].get(pos[0]) if pos else action["params"], fmt)
        elif tool == "action-set":
            for pair in pos:
                key, _, value = pair.partition("=")
                action.setdefault("results", {})[key] = value
        elif tool == "action-log":
            action.setdefault("logs", []).append(" ".join(pos))
        elif tool == "action-fail":
            action["failed"] = " ".join(pos) if pos else "action failed without reason given"
    else:
        raise Fail(f"fake: {tool} is not implemented")


def main():
    tool, args = os.path.basename(sys.argv[0]), sys.argv[1:]
    if tool == "fake-hook-tools.py":
        # Started by a wrapper as: fake-hook-tools.py <tool> <args...>
        tool, args = args[0], args[1:]
    path = os.environ["FAKE_TOOLS_STATE"]
    with open(path, encoding="utf-8") as f:
        state = json.load(f)
    state.setdefault("calls", []).append([tool] + args)
    code = 0
    try:
        run(tool, args, state)
    except Fail as err:
        sys.stderr.write(f"ERROR {err}\n")
        code = err.code
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    os.replace(path + ".tmp", path)
    return code


if __name__ == "__main__":
    sys.exit(main())
