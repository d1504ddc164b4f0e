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
 *
 * Also reported: the CPU the controller machine and the workload machines used
 * during the deploy (from /proc), and on stderr a per-unit breakdown
 * (deploy-breakdown.ts). With BENCH_PROFILE_DIR set, the controller agent is
 * restarted under `node --cpu-prof` before the deploy and stopped after it, which
 * leaves `controller-deploy.cpuprofile` in that directory.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HOOK_TOOL_NAMES } from '../src/agent/hooktools/tools/registry.js';
import type { TestController } from '../test/helpers/controller-fixture.js';
import { controllerAgent, startControllerAgent, stopControllerAgent } from './controller-agent.js';
import {
  agentCpu,
  agentPids,
  cpuByProcess,
  deployBreakdown,
  formatBreakdown,
  type ProcessCpu,
} from './deploy-breakdown.js';
import { jujuOk, localMachines, withController } from './private-controller.js';
import type { Row } from './table.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The bench charm (bench/charms/benchapp), read from the source tree. */
export const BENCH_CHARM = join(REPO, 'bench', 'charms', 'benchapp');
const UNITS = Number(process.env.BENCH_DEPLOY_UNITS ?? 10);
const TIMEOUT_MS = Number(process.env.BENCH_DEPLOY_TIMEOUT_MS ?? 300_000);
/** Pause between two `juju status` polls (each poll is a CLI process that costs CPU too). */
const POLL_MS = Number(process.env.BENCH_DEPLOY_POLL_MS ?? 200);
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
    const ready = units.filter(
      (u) => u['workload-status']?.current === 'active' && u['juju-status']?.current === 'idle',
    );
    if (ready.length === n) return s;
    if (Date.now() > deadline)
      throw new Error(`timed out: ${ready.length}/${n} units active/idle\n${JSON.stringify(s, null, 1)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
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
      result.set(
        name,
        readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(' ')[0] as string),
      );
    }
  }
  return result;
}

function runHook(charmDir: string, hook: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', [join(charmDir, 'hooks', hook)], {
      cwd: charmDir,
      env,
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${hook} exited ${code}`))));
  });
}

/** Result of the baseline: total wall time and the part spent inside the hook scripts. */
export interface BaselineResult {
  readonly totalMs: number;
  /** Sum over all hooks of start→end as the charm's timing.log records it. */
  readonly inHooksMs: number;
}

/** The baseline (see the module comment). */
export async function runBaseline(
  sequences: ReadonlyMap<string, readonly string[]>,
  units: number,
): Promise<BaselineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  try {
    const shims = join(dir, 'shims');
    mkdirSync(shims);
    for (const tool of HOOK_TOOL_NAMES)
      writeFileSync(join(shims, tool), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
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
    const totalMs = performance.now() - t0;
    let inHooksMs = 0;
    for (const p of plan) {
      for (const line of readFileSync(join(p.charmDir, '..', 'timing.log'), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        const [, start, end] = line.split(' ');
        inHooksMs += (Number(end) - Number(start)) * 1000;
      }
    }
    return { totalMs, inHooksMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU used during the deploy by each process of the controller machine. */
function formatProcessCpu(before: readonly ProcessCpu[], after: readonly ProcessCpu[]): string {
  const lines = after.map((p) => {
    const b = before.find((x) => x.pid === p.pid);
    const self = p.selfMs - (b?.selfMs ?? 0);
    const reaped = p.reapedChildrenMs - (b?.reapedChildrenMs ?? 0);
    return `    pid ${p.pid} ${p.command.slice(0, 60).padEnd(60)} own ${self.toFixed(0).padStart(6)} ms, exited children ${reaped.toFixed(0).padStart(6)} ms`;
  });
  return `bench charms: CPU during the deploy on the controller machine, per process:\n${lines.join('\n')}\n`;
}

/** Restarts the controller agent under `node --cpu-prof` and waits until it answers. */
async function restartControllerProfiled(c: TestController, dir: string): Promise<void> {
  const agent = controllerAgent(c);
  await stopControllerAgent(agent);
  await startControllerAgent(c, agent, [
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--cpu-prof-name',
    'controller-deploy.cpuprofile',
  ]);
  const deadline = Date.now() + 60_000;
  while ((await c.juju(['status', '--format', 'json'])).code !== 0) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the profiled controller');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Deploy of UNITS benchapp units to active/idle vs the direct-hooks baseline. */
export async function charmsGroup(): Promise<Row[]> {
  return withController('benchdeploy', ['--add-model', 'bench'], async (c) => {
    const profileDir = process.env.BENCH_PROFILE_DIR;
    if (profileDir) await restartControllerProfiled(c, profileDir);
    const controllerPid = controllerAgent(c).supervisorPid;
    const procsBefore = cpuByProcess(controllerPid);
    const cpuBefore = agentCpu(c);
    const startedAt = Date.now();
    const t0 = performance.now();
    await jujuOk(c, ['deploy', BENCH_CHARM, '-n', String(UNITS)]);
    const deployCli = performance.now() - t0;
    const final = await waitAllActive(c, UNITS);
    const deploy = performance.now() - t0;
    const cpuAfter = agentCpu(c);
    process.stderr.write(
      formatProcessCpu(procsBefore, cpuByProcess(controllerPid, new Set(agentPids(c).values()))),
    );
    let controllerCpu = 0;
    let workloadCpu = 0;
    for (const [id, ms] of cpuAfter) {
      if (cpuBefore.has(id)) controllerCpu += ms - (cpuBefore.get(id) ?? 0);
      else workloadCpu += ms;
    }
    process.stderr.write(
      `bench charms: CPU used during the deploy: controller machine ${controllerCpu.toFixed(0)} ms, ` +
        `${UNITS} machine agents incl. unit agents, hooks and hook tools ${workloadCpu.toFixed(0)} ms ` +
        `(wall ${deploy.toFixed(0)} ms)\n`,
    );
    if (profileDir) {
      // SIGTERM makes the agent exit normally, which writes the profile.
      await stopControllerAgent(controllerAgent(c));
      process.stderr.write(
        `bench charms: controller CPU profile in ${profileDir}/controller-deploy.cpuprofile\n`,
      );
    }
    const sequences = hookSequences(c, final);
    const seqText = [...new Set([...sequences.values()].map((s) => s.join(',')))].join(' | ');
    process.stderr.write(`bench charms: hook sequences seen: ${seqText}\n`);
    let inHooks = NaN;
    try {
      const breakdown = deployBreakdown(c, final, startedAt, deployCli, deploy);
      inHooks = breakdown.units.reduce((s, u) => s + u.inHooks, 0);
      process.stderr.write(formatBreakdown(breakdown));
    } catch (err) {
      process.stderr.write(`bench charms: no breakdown: ${(err as Error).message}\n`);
    }
    const baseline = await runBaseline(sequences, UNITS);
    return [
      {
        what: `deploy ${UNITS} units to active/idle, incl. \`juju deploy\` CLI`,
        value: deploy,
        unit: 'ms',
        target: NaN,
      },
      { what: '  of which the `juju deploy` CLI process', value: deployCli, unit: 'ms', target: NaN },
      {
        what: `  sum of hook script time over ${UNITS} units (timing.log)`,
        value: inHooks,
        unit: 'ms',
        target: NaN,
      },
      {
        what: '  CPU used meanwhile by the controller machine (agent + environ helper)',
        value: controllerCpu,
        unit: 'ms',
        target: NaN,
      },
      {
        what: `  CPU used meanwhile by the ${UNITS} machines (agents, hooks, tools)`,
        value: workloadCpu,
        unit: 'ms',
        target: NaN,
      },
      {
        what: `baseline: same hooks, bash loop, ${UNITS} units sequentially`,
        value: baseline.totalMs,
        unit: 'ms',
        target: NaN,
      },
      {
        what: '  sum of hook script time in the baseline (timing.log)',
        value: baseline.inHooksMs,
        unit: 'ms',
        target: NaN,
      },
      { what: `deploy ${UNITS} units ÷ baseline`, value: deploy / baseline.totalMs, unit: '×', target: 1.3 },
    ];
  });
}
