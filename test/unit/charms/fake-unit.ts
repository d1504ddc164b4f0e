// Runs charm hooks and actions outside Juju: the charm is copied into
// <tmp>/unit-<app>-<n>/charm (so hooks.log lands in <tmp>/unit-<app>-<n>) and the
// hook tools on PATH are fake-hook-tools.py, backed by a JSON state file.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file runs from dist/test/unit/charms). */
export const REPO = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

const FAKE_TOOL = join(REPO, 'test/unit/charms/fake-hook-tools.py');
const TOOL_NAMES = [
  'config-get',
  'is-leader',
  'unit-get',
  'network-get',
  'relation-ids',
  'relation-list',
  'relation-get',
  'relation-set',
  'relation-model-get',
  'status-set',
  'status-get',
  'juju-log',
  'application-version-set',
  'open-port',
  'close-port',
  'opened-ports',
  'leader-set',
  'leader-get',
  'action-get',
  'action-set',
  'action-log',
  'action-fail',
  'state-get',
  'state-set',
  'state-delete',
  'storage-list',
  'storage-get',
  'goal-state',
  'credential-get',
  'resource-get',
  'add-metric',
  'juju-reboot',
  'secret-add',
  'secret-set',
  'secret-get',
  'secret-info-get',
  'secret-ids',
  'secret-grant',
  'secret-revoke',
  'secret-remove',
];

/** A relation as the fake tools see it from one unit. */
export interface FakeRelation {
  endpoint: string;
  app: string;
  units: string[];
  data: Record<string, Record<string, string>>;
}

/** The JSON state behind the fake tools (see fake-hook-tools.py). */
export interface FakeState {
  unit: string;
  leader: boolean;
  config: Record<string, string | number | boolean>;
  addresses: { private: string; public: string };
  network?: boolean;
  relations: Record<string, FakeRelation>;
  ports?: string[];
  status?: { status: string; message: string };
  app_status?: { status: string; message: string };
  version?: string;
  action?: {
    params: Record<string, unknown>;
    results?: Record<string, string>;
    logs?: string[];
    failed?: string | null;
  } | null;
  logs?: [string, string][];
  calls?: string[][];
}

/** Result of one hook or action process. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The real python3 binary (not a version-manager shim, which is slow to start). */
export const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], {
  encoding: 'utf8',
}).stdout.trim();

/** Creates the tools directory under tmp: one small wrapper per tool name around the fake. */
export function makeToolsDir(tmp: string): string {
  const dir = join(tmp, 'tools');
  mkdirSync(dir, { recursive: true });
  for (const name of TOOL_NAMES) {
    const wrapper = `#!/bin/sh\nexec '${PYTHON}' -S '${FAKE_TOOL}' ${name} "$@"\n`;
    writeFileSync(join(dir, name), wrapper, { mode: 0o755 });
  }
  return dir;
}

/** One unit of a charm copied into a temp dir, with its fake tool state. */
export class FakeUnit {
  readonly unitDir: string;
  readonly charmDir: string;
  private readonly statePath: string;

  constructor(
    private readonly tmp: string,
    private readonly toolsDir: string,
    charmPath: string,
    initial: FakeState,
  ) {
    this.unitDir = join(tmp, `unit-${initial.unit.replace('/', '-')}`);
    this.charmDir = join(this.unitDir, 'charm');
    cpSync(join(REPO, charmPath), this.charmDir, { recursive: true });
    this.statePath = join(tmp, `${initial.unit.replace('/', '-')}.state.json`);
    this.save(initial);
  }

  get name(): string {
    return this.state().unit;
  }

  state(): FakeState {
    return JSON.parse(readFileSync(this.statePath, 'utf8')) as FakeState;
  }

  save(state: FakeState): void {
    writeFileSync(this.statePath, JSON.stringify(state, null, 1));
  }

  update(fn: (s: FakeState) => void): void {
    const s = this.state();
    fn(s);
    this.save(s);
  }

  /** Lines of hooks.log (empty if none yet). */
  hookLog(): string[] {
    const path = join(this.unitDir, 'hooks.log');
    return existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
  }

  file(name: string): string {
    return readFileSync(join(this.unitDir, name), 'utf8');
  }

  /** Runs a hook; `rel` gives relation context (`id` like "ping:1"). */
  hook(
    hook: string,
    rel?: { id: string; remoteUnit?: string; remoteApp?: string; departing?: string },
    extra: Record<string, string> = {},
  ): RunResult {
    const env: Record<string, string> = {
      JUJU_HOOK_NAME: hook,
      JUJU_DISPATCH_PATH: `hooks/${hook}`,
      ...extra,
    };
    if (rel) {
      const endpoint = rel.id.split(':')[0] ?? '';
      const remoteApp = rel.remoteApp ?? this.state().relations[rel.id]?.app ?? '';
      Object.assign(env, {
        JUJU_RELATION: endpoint,
        JUJU_RELATION_ID: rel.id,
        JUJU_REMOTE_UNIT: rel.remoteUnit ?? '',
        JUJU_REMOTE_APP: remoteApp,
      });
      if (rel.departing !== undefined) env['JUJU_DEPARTING_UNIT'] = rel.departing;
    }
    const script = existsSync(join(this.charmDir, 'dispatch'))
      ? join(this.charmDir, 'dispatch')
      : join(this.charmDir, 'hooks', hook);
    return this.exec(script, env);
  }

  /** Runs an action with the given (already defaulted) params. */
  action(name: string, params: Record<string, unknown>): RunResult {
    this.update((s) => {
      s.action = { params, results: {}, logs: [], failed: null };
    });
    const env = {
      JUJU_HOOK_NAME: '',
      JUJU_DISPATCH_PATH: `actions/${name}`,
      JUJU_ACTION_NAME: name,
      JUJU_ACTION_UUID: '7',
      JUJU_ACTION_TAG: 'action-7',
    };
    const script = existsSync(join(this.charmDir, 'dispatch'))
      ? join(this.charmDir, 'dispatch')
      : join(this.charmDir, 'actions', name);
    return this.exec(script, env);
  }

  private exec(script: string, extra: Record<string, string>): RunResult {
    const env: Record<string, string> = {
      PATH: `${this.toolsDir}:${dirname(PYTHON)}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      LANG: 'C.UTF-8',
      FAKE_TOOLS_STATE: this.statePath,
      CHARM_DIR: this.charmDir,
      JUJU_CHARM_DIR: this.charmDir,
      JUJU_UNIT_NAME: this.name,
      JUJU_MODEL_NAME: 'test',
      JUJU_MODEL_UUID: 'deadbeef-0bad-400d-8000-4b1d0d06f00d',
      JUJU_VERSION: '3.6.4',
      JUJU_CONTEXT_ID: `${this.name}-test-1`,
      JUJU_REMOTE_UNIT: '',
      JUJU_PRINCIPAL_UNIT: '',
      ...extra,
    };
    const started = Date.now();
    const res = spawnSync(script, [], { cwd: this.charmDir, env, encoding: 'utf8', timeout: 60_000 });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr, ms: Date.now() - started };
  }

  /** Temp root this unit lives in. */
  get root(): string {
    return this.tmp;
  }
}

/** Copies `from`'s own unit (and app, if set) data for relation `fromId` into `to`'s view of `toId`. */
export function deliver(from: FakeUnit, fromId: string, to: FakeUnit, toId: string): void {
  const src = from.state().relations[fromId]?.data ?? {};
  const app = from.name.split('/')[0] ?? '';
  to.update((s) => {
    const rel = s.relations[toId];
    if (!rel) throw new Error(`${to.name} has no relation ${toId}`);
    rel.data[from.name] = { ...(src[from.name] ?? {}) };
    if (src[app]) rel.data[app] = { ...src[app] };
  });
}
