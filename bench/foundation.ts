/**
 * The foundation measures: how long `juju bootstrap local` takes, how fast
 * `juju status` answers on an empty model (whole CLI process and the raw
 * FullStatus API call), and the controller agent's memory.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TestController } from '../test/helpers/controller-fixture.js';
import { adminConnection, jujuOk, localMachines, withController } from './private-controller.js';
import { median, type Row } from './table.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STATUS_RUNS = Number(process.env.BENCH_STATUS_RUNS ?? 20);

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

/** RSS of the controller machine's agent: its supervisor plus the supervisor's children. */
function controllerRssMiB(c: TestController): number {
  for (const m of localMachines(c)) {
    try {
      const pid = readFileSync(`${m.dataRoot}/agent.pid`, 'utf8').trim();
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      const rss = (p: string): number =>
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      return [pid, ...children].reduce((sum, p) => sum + rss(p), 0) / 1024;
    } catch {
      // try the next machine
    }
  }
  return NaN;
}

/** Bootstrap time, empty-model status (CLI and API) and controller memory. */
export async function foundationGroup(): Promise<Row[]> {
  const rows: Row[] = [];
  const boots = await timeBootstraps();
  rows.push({
    what: `bootstrap local (median of ${RUNS})`,
    value: median(boots),
    unit: 'ms',
    target: 10_000,
  });
  await withController('bench', ['--add-model', 'empty'], async (c) => {
    const cli: number[] = [];
    for (let i = 0; i < STATUS_RUNS; i++) {
      const t0 = performance.now();
      await jujuOk(c, ['status', '--format', 'json']);
      cli.push(performance.now() - t0);
    }
    rows.push({
      what: `juju status, empty model, whole CLI (p50 of ${STATUS_RUNS})`,
      value: median(cli),
      unit: 'ms',
      target: 500,
    });
    const conn = await adminConnection(c, 'empty');
    const api: number[] = [];
    try {
      for (let i = 0; i < STATUS_RUNS * 5; i++) {
        const t0 = performance.now();
        await conn.call('Client', 'FullStatus', { patterns: [] });
        api.push(performance.now() - t0);
      }
    } finally {
      await conn.close();
    }
    rows.push({
      what: `Client.FullStatus API call, empty model (p50 of ${STATUS_RUNS * 5})`,
      value: median(api),
      unit: 'ms',
      target: 20,
    });
    rows.push({
      what: 'controller agent memory (RSS)',
      value: controllerRssMiB(c),
      unit: 'MiB',
      target: 300,
    });
  });
  return rows;
}
