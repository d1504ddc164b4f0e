/**
 * Shared fixtures for the hook-tool tests: a typical unit context (mysql/0 with a
 * `db` relation to wordpress and a `cluster` peer relation) and a table runner that
 * calls a tool through `runHookTool` and checks exit code, stdout and stderr exactly.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ToolResult } from '../../../src/agent/hooktools/command.js';
import { InMemoryHookContext } from '../../../src/agent/hooktools/in-memory-context.js';
import type { HookContextBackend, HookContextData } from '../../../src/agent/hooktools/in-memory-context.js';
import { runHookTool } from '../../../src/agent/hooktools/tools/registry.js';

export const MODEL_UUID = 'a1b2c3d4-1111-4222-8333-444455556666';

/** A fresh copy of the base data, with `overrides` applied at top level. */
export function baseData(overrides: Partial<HookContextData> = {}): HookContextData {
  return {
    unitName: 'mysql/0',
    modelUuid: MODEL_UUID,
    modelName: 'default',
    hookName: 'db-relation-changed',
    config: {
      title: 'My Title',
      'skill-level': 5,
      username: 'admin001',
      ratio: 1.5,
      debug: false,
      unset: null,
    },
    leader: true,
    leaderSettings: { 'cluster-address': '10.0.0.1' },
    relations: [
      {
        id: 1,
        endpoint: 'db',
        remoteApp: 'wordpress',
        key: 'wordpress:db mysql:server',
        members: ['wordpress/1', 'wordpress/0'],
        unitSettings: {
          'wordpress/0': { 'private-address': '10.0.0.5', 'ingress-address': '10.0.0.5', token: 'x' },
          'wordpress/1': { 'private-address': '10.0.0.6' },
          'wordpress/7': { gone: 'departed unit' },
        },
        remoteAppSettings: { 'app-key': 'app-value' },
        localUnitSettings: { 'private-address': '10.0.0.2', user: 'bob' },
        localAppSettings: { password: 'pw' },
      },
      {
        id: 3,
        endpoint: 'cluster',
        remoteApp: 'mysql',
        members: ['mysql/1'],
        unitSettings: { 'mysql/1': { role: 'replica' } },
        localAppSettings: { primary: 'mysql/0' },
      },
      { id: 10, endpoint: 'db', remoteApp: 'ghost', remoteModelUuid: 'ffffffff-1111-4222-8333-444455556666' },
      { id: 2, endpoint: 'db', remoteApp: 'old', life: 'dead' },
    ],
    hookRelationId: 1,
    remoteUnit: 'wordpress/0',
    remoteApp: 'wordpress',
    privateAddress: '10.0.0.2',
    publicAddress: '203.0.113.9',
    storage: [
      { id: 'data/0', kind: 'filesystem', location: '/srv/data' },
      { id: 'logs/1', kind: 'block', location: '/dev/vdb' },
    ],
    ...overrides,
  };
}

export function newContext(
  overrides: Partial<HookContextData> = {},
  backend?: HookContextBackend,
): InMemoryHookContext {
  return new InMemoryHookContext(baseData(overrides), backend);
}

export interface RunOptions {
  readonly stdin?: string | Buffer;
  readonly stdinSet?: boolean;
  readonly cwd?: string;
}

/** Run a tool through the registry, the same entry point the transport uses. */
export function runTool(
  ctx: InMemoryHookContext,
  name: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ToolResult> {
  const stdin =
    typeof options.stdin === 'string' ? Buffer.from(options.stdin) : (options.stdin ?? Buffer.alloc(0));
  return runHookTool(name, ctx, args, {
    stdin,
    ...(options.stdinSet !== undefined ? { stdinSet: options.stdinSet } : {}),
    cwd: options.cwd ?? '/tmp',
    env: {},
  });
}

/** One row of a conformance table. */
export interface ToolCase {
  readonly title: string;
  readonly args: readonly string[];
  /** Top-level overrides of the base data. */
  readonly data?: Partial<HookContextData>;
  readonly stdin?: string;
  readonly cwd?: string;
  /** Tool calls made first on the same context (e.g. relation-set before relation-get). */
  readonly before?: readonly (readonly [string, readonly string[]])[];
  readonly code?: number;
  /** Exact stdout, or a pattern. Default: '' when code != 0. */
  readonly stdout?: string | RegExp;
  /** Exact stderr, or a pattern. Default: ''. */
  readonly stderr?: string | RegExp;
  /** Extra checks on the context afterwards. */
  readonly check?: (ctx: InMemoryHookContext) => void | Promise<void>;
}

function matches(actual: string, expected: string | RegExp, what: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, what);
  else assert.match(actual, expected, what);
}

/** Register one test per row for `tool`. */
export function toolCases(tool: string, cases: readonly ToolCase[]): void {
  for (const c of cases) {
    it(`${tool} ${c.args.join(' ')} — ${c.title}`, async () => {
      const ctx = newContext(c.data);
      for (const [name, args] of c.before ?? []) {
        const r = await runTool(ctx, name, args);
        assert.equal(r.code, 0, `setup ${name} ${args.join(' ')} failed: ${r.stderr}`);
      }
      const result = await runTool(ctx, tool, c.args, {
        ...(c.stdin !== undefined ? { stdin: c.stdin } : {}),
        ...(c.cwd !== undefined ? { cwd: c.cwd } : {}),
      });
      const code = c.code ?? 0;
      assert.equal(result.code, code, `exit code (stderr: ${result.stderr})`);
      matches(result.stderr, c.stderr ?? '', 'stderr');
      if (c.stdout !== undefined) matches(result.stdout, c.stdout, 'stdout');
      else if (code !== 0) assert.equal(result.stdout, '', 'stdout');
      await c.check?.(ctx);
    });
  }
}
