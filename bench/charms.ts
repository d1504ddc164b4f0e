/**
 * Charm deployment speed: `juju deploy benchapp -n 10` on a private controller
 * until every unit is active/idle, against a baseline that runs the same hook
 * files directly.
 *
 * The baseline is the irreducible work of the deployment: for each of the 10
 * units in turn (sequentially, one bash at a time), `bash <charm>/hooks/<hook>`
 * for exactly the hooks that unit ran in the real deployment, in the same order
 * (read back from its hooks.log: install, leader-elected or
 * leader-settings-changed, config-changed, start), with the same charm files in
 * a per-unit agent directory, CHARM_DIR/JUJU_UNIT_NAME/JUJU_HOOK_NAME set, and
 * every hook tool replaced by a no-op `exit 0` shim first on PATH. It leaves
 * out everything Juju adds: the CLI, charm upload, machine provisioning, agent
 * start and login, charm download and unpack, hook-tool round trips to the
 * agent, status reporting, and the parallelism across units.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HOOK_TOOL_NAMES } from '../src/agent/hooktools/tools/registry.js';
import type { TestController } from '../test/helpers/controller-fixture.js';
import { deployBreakdown, formatBreakdown } from './deploy-breakdown.js';
import { jujuOk, localMachines, withController } from './private-controller.js';
import type { Row } from './table.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The bench charm (bench/charms/benchapp), read from the source tree. */
export const BENCH_CHARM = join(REPO, 'bench', 'charms', 'benchapp');
const UNITS = Number(process.env.BENCH_DEPLOY_UNITS ?? 10);
const TIMEOUT_MS = Number(process.env.BENCH_DEPLOY_TIMEOUT_MS ?? 300_000);
/** Hooks a unit runs on its way to active, when hooks.log could not be read. */
const DEFAULT_SEQUENCE = ['install', 'leader-settings-changed', 'config-changed', 'start'];

interface UnitStatusJson {
  'workload-status'?: { current?: string };
  'juju-status'?: { current?: string };
  machine?: string;
}

interface StatusJson {
  applications?: Record<string, { units?: Record<string, UnitStatusJson> }>;
  machines?: Record<string, { 'instance-id'?: string }>;
}

async function status(c: TestController): Promise<StatusJson> {
  return JSON.parse(await jujuOk(c, ['status', '--format', 'json'])) as StatusJson;
}

/** Polls `juju status --format json` until `n` benchapp units are active/idle; returns the last status. */
async function waitAllActive(c: TestController, n: number): Promise<StatusJson> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const s = await status(c);
    const units = Object.values(s.applications?.['benchapp']?.units ?? {});
    const ready = units.filter((u) => u['workload-status']?.current === 'active' && u['juju-status']?.current === 'idle');
    if (ready.length === n) return s;
    if (Date.now() > deadline) throw new Error(`timed out: ${ready.length}/${n} units active/idle\n${JSON.stringify(s, null, 1)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** hooks.log of every unit (hook names in order), read from the machines' data roots. */
function hookSequences(c: TestController, s: StatusJson): Map<string, string[]> {
  const byInstance = new Map(localMachines(c).map((m) => [m.instanceId, m.dataRoot]));
  const result = new Map<string, string[]>();
  for (const [name, u] of Object.entries(s.applications?.['benchapp']?.units ?? {})) {
    const instance = s.machines?.[u.machine ?? '']?.['instance-id'] ?? '';
    const root = byInstance.get(instance);
    const log = root && join(root, 'var/lib/juju/agents', `unit-${name.replace('/', '-')}`, 'hooks.log');
    if (log && existsSync(log)) {
      result.set(name, readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0] as string));
    }
  }
  return result;
}

function runHook(charmDir: string, hook: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', [join(charmDir, 'hooks', hook)], { cwd: charmDir, env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${hook} exited ${code}`))));
  });
}

/** The baseline (see the module comment): returns total milliseconds. */
export async function runBaseline(sequences: ReadonlyMap<string, readonly string[]>, units: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  try {
    const shims = join(dir, 'shims');
    mkdirSync(shims);
    for (const tool of HOOK_TOOL_NAMES) writeFileSync(join(shims, tool), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const plan: { unit: string; charmDir: string; hooks: readonly string[] }[] = [];
    for (let i = 0; i < units; i++) {
      const unit = `benchapp/${i}`;
      const charmDir = join(dir, 'agents', `unit-benchapp-${i}`, 'charm');
      cpSync(BENCH_CHARM, charmDir, { recursive: true });
      plan.push({ unit, charmDir, hooks: sequences.get(unit) ?? DEFAULT_SEQUENCE });
    }
    const t0 = performance.now();
    for (const p of plan) {
      for (const hook of p.hooks) {
        await runHook(p.charmDir, hook, {
          PATH: `${shims}:/usr/local/bin:/usr/bin:/bin`,
          LANG: 'C.UTF-8',
          CHARM_DIR: p.charmDir,
          JUJU_CHARM_DIR: p.charmDir,
          JUJU_UNIT_NAME: p.unit,
          JUJU_HOOK_NAME: hook,
        });
      }
    }
    return performance.now() - t0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deploy of UNITS benchapp units to active/idle vs the direct-hooks baseline. */
export async function charmsGroup(): Promise<Row[]> {
  return withController('benchdeploy', ['--add-model', 'bench'], async (c) => {
    const t0 = performance.now();
    const deployStarted = new Date();
    await jujuOk(c, ['deploy', BENCH_CHARM, '-n', String(UNITS)]);
    const deployCli = performance.now() - t0;
    const final = await waitAllActive(c, UNITS);
    const deploy = performance.now() - t0;
    const sequences = hookSequences(c, final);
    const seqText = [...new Set([...sequences.values()].map((s) => s.join(',')))].join(' | ');
    process.stderr.write(`bench charms: hook sequences seen: ${seqText}\n`);
    const baseline = await runBaseline(sequences, UNITS);
    try {
      const breakdown = deployBreakdown(c, final, deployStarted);
      process.stderr.write(formatBreakdown(breakdown));
    } catch (err) {
      process.stderr.write(`bench charms: no breakdown: ${(err as Error).message}\n`);
    }
    return [
      { what: `deploy ${UNITS} units to active/idle, incl. \`juju deploy\` CLI`, value: deploy, unit: 'ms', target: NaN },
      { what: `  of which the \`juju deploy\` CLI process`, value: deployCli, unit: 'ms', target: NaN },
      { what: `baseline: same hooks, bash loop, ${UNITS} units sequentially`, value: baseline, unit: 'ms', target: NaN },
      { what: `deploy ${UNITS} units ÷ baseline`, value: deploy / baseline, unit: '×', target: 1.3 },
    ];
  });
}
