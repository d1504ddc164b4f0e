/**
 * Benchmark of the foundation: how long `juju bootstrap local` takes, how fast
 * `juju status` answers on an empty model (whole CLI process and raw API
 * call), and the controller's memory. Prints a table with each figure's ratio
 * to its target. Run: `npm run bench` (as root; uses a private bridge/range).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { connect } from '../src/api/connection.js';
import { TestController } from '../test/helpers/controller-fixture.js';

interface Row {
  what: string;
  value: number;
  unit: string;
  target: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STATUS_RUNS = Number(process.env.BENCH_STATUS_RUNS ?? 20);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timeBootstraps(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c = await TestController.bootstrap(`bench${i}`);
    times.push(performance.now() - t0);
    await c.destroy();
  }
  return times;
}

function rssOfControllerMiB(env: NodeJS.ProcessEnv): number {
  const root = env.JUJU_LOCAL_ROOT as string;
  const registry = JSON.parse(readFileSync(`${root}/registry.json`, 'utf8')) as { machines?: Record<string, { dataRoot?: string }> };
  for (const inst of Object.values(registry.machines ?? {})) {
    try {
      // The recorded PID is the agent's supervisor; count it and its children.
      const pid = readFileSync(`${inst.dataRoot}/agent.pid`, 'utf8').trim();
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      const rss = (p: string): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      return [pid, ...children].reduce((sum, p) => sum + rss(p), 0) / 1024;
    } catch {
      // try the next instance
    }
  }
  return NaN;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const boots = await timeBootstraps();
  rows.push({ what: `bootstrap local (median of ${RUNS})`, value: median(boots), unit: 'ms', target: 10_000 });

  const c = await TestController.bootstrap('bench', ['--add-model', 'empty']);
  try {
    const cli: number[] = [];
    for (let i = 0; i < STATUS_RUNS; i++) {
      const t0 = performance.now();
      const r = await c.juju(['status', '--format', 'json']);
      cli.push(performance.now() - t0);
      if (r.code !== 0) throw new Error(`status failed: ${r.stderr}`);
    }
    rows.push({ what: `juju status, empty model, whole CLI (p50 of ${STATUS_RUNS})`, value: median(cli), unit: 'ms', target: 500 });

    const ctrl = readFileSync(`${c.env.JUJU_DATA}/controllers.yaml`, 'utf8');
    const accounts = readFileSync(`${c.env.JUJU_DATA}/accounts.yaml`, 'utf8');
    const models = readFileSync(`${c.env.JUJU_DATA}/models.yaml`, 'utf8');
    const endpoint = /api-endpoints: \['([^']+)'\]/.exec(ctrl)?.[1] as string;
    const ca = /ca-cert: \|-?\n((?: {6}.*\n)+)/.exec(ctrl)?.[1]?.replace(/^ {6}/gm, '') as string;
    const password = /password: (\S+)/.exec(accounts)?.[1] as string;
    const uuid = /admin\/empty:\n\s+uuid: (\S+)/.exec(models)?.[1] as string;
    const conn = await connect({ addresses: [endpoint], caCert: ca, modelUuid: uuid });
    await conn.login({ authTag: 'user-admin', credentials: password });
    const api: number[] = [];
    for (let i = 0; i < STATUS_RUNS * 5; i++) {
      const t0 = performance.now();
      await conn.call('Client', 'FullStatus', { patterns: [] });
      api.push(performance.now() - t0);
    }
    await conn.close();
    rows.push({ what: `Client.FullStatus API call, empty model (p50 of ${STATUS_RUNS * 5})`, value: median(api), unit: 'ms', target: 20 });
    rows.push({ what: 'controller agent memory (RSS)', value: rssOfControllerMiB(c.env), unit: 'MiB', target: 300 });
  } finally {
    await c.destroy();
  }

  const w = Math.max(...rows.map((r) => r.what.length));
  process.stdout.write(`${'Measure'.padEnd(w)}  ${'Value'.padStart(10)}  Unit  ${'Target'.padStart(8)}  Value/Target\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.what.padEnd(w)}  ${r.value.toFixed(1).padStart(10)}  ${r.unit.padEnd(4)}  ${String(r.target).padStart(8)}  ${(r.value / r.target).toFixed(3)}\n`,
    );
  }
}

await main();
