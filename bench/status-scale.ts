/**
 * `juju status --format json` at scale, on a real controller with simulated agents.
 *
 * 1. Bootstrap a private controller; add models `s100` and `s1000`; in each,
 *    deploy APPS benchapp applications (app-a … app-j) with `-n 0` and relate
 *    them in a chain (`app-a:backend` → `app-b:api`, …) — all through the real CLI and API.
 * 2. Stop the controller agent cleanly (SIGTERM to its supervisor), fill the two
 *    models in its own database with the domain services (status-populate.ts:
 *    100 and 1,000 units, one machine each, provisioned with simulated instance
 *    ids, agents started/idle, workloads active, leaders, relation scopes).
 * 3. Start the same controller agent again, in its namespace, exactly as the
 *    local provider starts it (startAgentProcess with the recorded argv and
 *    environment), and wait until it answers.
 * 4. Time the real `juju status --format json` process against each model, and
 *    the Client.FullStatus call alone over one open API connection.
 *
 * No unit or machine agent runs for the simulated entities, so only the status
 * path is measured, not a controller also busy serving 1,000 agents.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JUJU_BIN, type TestController } from '../test/helpers/controller-fixture.js';
import { BENCH_CHARM } from './charms.js';
import { controllerAgent, startControllerAgent, stopControllerAgent } from './controller-agent.js';
import { adminConnection, jujuOk, withController } from './private-controller.js';
import { populateModels, type ModelFill } from './status-populate.js';
import { median, type Row } from './table.js';

const APPS = 10;
const CLI_RUNS = Number(process.env.BENCH_STATUS_SCALE_RUNS ?? 15);
const API_RUNS = Number(process.env.BENCH_STATUS_SCALE_API_RUNS ?? 30);
const FILLS: readonly ModelFill[] = [
  { modelName: 's100', unitsPerApplication: 10 },
  { modelName: 's1000', unitsPerApplication: 100 },
];

async function waitForController(c: TestController): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await c.juju(['status', '-m', 's100', '--format', 'json'])).code !== 0) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the restarted controller');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function timeCli(c: TestController, model: string, expectUnits: number): Promise<number[]> {
  const out = JSON.parse(await jujuOk(c, ['status', '-m', model, '--format', 'json'])) as {
    applications?: Record<string, { units?: Record<string, unknown> }>;
  };
  const units = Object.values(out.applications ?? {}).reduce(
    (n, a) => n + Object.keys(a.units ?? {}).length,
    0,
  );
  if (units !== expectUnits)
    throw new Error(`status of ${model} shows ${units} units, expected ${expectUnits}`);
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    await jujuOk(c, ['status', '-m', model, '--format', 'json']);
    times.push(performance.now() - t0);
  }
  return times;
}

async function timeApi(c: TestController, model: string): Promise<number[]> {
  const conn = await adminConnection(c, model);
  try {
    const times: number[] = [];
    for (let i = 0; i < API_RUNS + 3; i++) {
      const t0 = performance.now();
      await conn.call('Client', 'FullStatus', { patterns: [] });
      if (i >= 3) times.push(performance.now() - t0);
    }
    return times;
  } finally {
    await conn.close();
  }
}

/** Deploys the applications and the relation chain of one model through the CLI. */
async function deployApplications(c: TestController, model: string): Promise<void> {
  // Application names may not end in a number: app-a, app-b, ...
  const name = (i: number): string => `app-${String.fromCharCode(97 + i)}`;
  for (let i = 0; i < APPS; i++) await jujuOk(c, ['deploy', '-m', model, BENCH_CHARM, name(i), '-n', '0']);
  for (let i = 0; i + 1 < APPS; i++)
    await jujuOk(c, ['integrate', '-m', model, `${name(i)}:backend`, `${name(i + 1)}:api`]);
}

/** Floor of any CLI command: `juju version` (node start + CLI load, no API call). */
async function timeCliFloor(c: TestController): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t0 = performance.now();
    await jujuOk(c, ['version']);
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * With BENCH_PROFILE_DIR set: one more `juju status` of `model` run as
 * `node --cpu-prof bin/juju ...`, the .cpuprofile written to that directory.
 * Best effort: a failure is reported, not fatal.
 */
async function profileCli(c: TestController, model: string): Promise<void> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return;
  const name = `juju-status-${model}.cpuprofile`;
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        dir,
        '--cpu-prof-name',
        name,
        JUJU_BIN,
        'status',
        '-m',
        model,
        '--format',
        'json',
      ],
      { env: c.env, stdio: 'ignore' },
    );
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  process.stderr.write(
    code === 0
      ? `bench status: CPU profile of \`juju status -m ${model}\`: ${join(dir, name)}\n`
      : `bench status: profiling failed (${code})\n`,
  );
}

/** `juju status` (CLI and API) on models of 100 and 1,000 simulated units. */
export async function statusScaleGroup(): Promise<Row[]> {
  return withController('benchstatus', ['--add-model', 's100'], async (c) => {
    await jujuOk(c, ['add-model', 's1000']);
    for (const f of FILLS) await deployApplications(c, f.modelName);
    const agent = controllerAgent(c);
    await stopControllerAgent(agent);
    const t0 = performance.now();
    const filled = populateModels(agent.dbPath, FILLS);
    process.stderr.write(
      `bench status: filled ${filled.map((r) => `${r.modelName}: ${r.applications} apps, ${r.units} units, ${r.machines} machines, ${r.relations} relations`).join('; ')} in ${(performance.now() - t0).toFixed(0)} ms\n`,
    );
    // With BENCH_PROFILE_DIR the controller runs under the V8 profiler too (controller-status.cpuprofile).
    const profileDir = process.env.BENCH_PROFILE_DIR;
    await startControllerAgent(
      c,
      agent,
      profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=controller-status.cpuprofile']
        : [],
    );
    await waitForController(c);
    const rows: Row[] = [];
    rows.push({
      what: `  reference: \`juju version\`, whole CLI, no API call (p50 of ${CLI_RUNS})`,
      value: median(await timeCliFloor(c)),
      unit: 'ms',
      target: NaN,
    });
    for (const f of FILLS) {
      const units = APPS * f.unitsPerApplication;
      const cli = await timeCli(c, f.modelName, units);
      rows.push({
        what: `juju status --format json, ${units} units, whole CLI (p50 of ${CLI_RUNS})`,
        value: median(cli),
        unit: 'ms',
        target: units >= 1000 ? 150 : NaN,
      });
      const api = await timeApi(c, f.modelName);
      rows.push({
        what: `  Client.FullStatus API call alone, ${units} units (p50 of ${API_RUNS})`,
        value: median(api),
        unit: 'ms',
        target: NaN,
      });
      await profileCli(c, f.modelName);
    }
    return rows;
  });
}
