/**
 * Where the time of a `juju deploy -n N` goes, per unit, from what the local
 * provider and the bench charm leave on disk (all with millisecond or better
 * resolution, unlike the agents' logs):
 *
 * | stage ends when                    | source                                             |
 * |------------------------------------|----------------------------------------------------|
 * | machine allocated                  | registry.json `createdAt` (successful attempt)     |
 * | machine agent spawned              | mtime of `<data root>/agent.pid`                   |
 * | unit agent.conf last written       | mtime of `agents/unit-X/agent.conf` (rewritten after the unit agent's first login, so it lands after `tools`) |
 * | hook tools installed               | mtime of `tools/unit-X` (unit agent started)       |
 * | charm unpacked                     | newest mtime in `agents/unit-X/charm/`             |
 * | first hook running                 | `timing.log` start of the first hook (bash EPOCHREALTIME) |
 * | last hook done                     | `timing.log` end of the last hook                  |
 *
 * Inside the hook phase it separates the time spent in the hook scripts
 * (start→end in timing.log) from the gaps between hooks (the agent's own
 * per-hook work: context, API calls, commit, next hook's bash start).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestController } from '../test/helpers/controller-fixture.js';
import { localMachines } from './private-controller.js';
import { median } from './table.js';

interface StatusLike {
  applications?: Record<string, { units?: Record<string, { machine?: string }> }>;
  machines?: Record<string, { 'instance-id'?: string }>;
}

/** Milliseconds after the deploy started, for one unit. NaN when unknown. */
export interface UnitTimeline {
  readonly unit: string;
  readonly allocated: number;
  readonly agentSpawned: number;
  readonly unitDeployed: number;
  readonly toolsInstalled: number;
  readonly charmUnpacked: number;
  readonly firstHookStart: number;
  readonly lastHookEnd: number;
  /** Sum of hook script durations. */
  readonly inHooks: number;
  /** Sum of the gaps between consecutive hooks. */
  readonly betweenHooks: number;
  readonly hooks: readonly { name: string; ms: number; gapBeforeMs: number }[];
}

export interface Breakdown {
  readonly units: readonly UnitTimeline[];
  /** When every unit was seen active/idle, ms after the deploy started. */
  readonly allActive: number;
  readonly deployCli: number;
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return NaN;
  }
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return NaN;
  let newest = mtimeMs(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    newest = Math.max(newest, mtimeMs(path));
  }
  return newest;
}

/** Per-unit timelines relative to `started` (epoch ms of the deploy start). */
export function deployBreakdown(
  c: TestController,
  status: StatusLike,
  started: number,
  deployCli: number,
  allActive: number,
): Breakdown {
  const root = c.env.JUJU_LOCAL_ROOT as string;
  const registry = JSON.parse(readFileSync(join(root, 'registry.json'), 'utf8')) as {
    machines: Record<string, { createdAt?: string }>;
  };
  const roots = new Map(localMachines(c).map((m) => [m.instanceId, m.dataRoot]));
  const units: UnitTimeline[] = [];
  for (const [unit, u] of Object.entries(status.applications?.['benchapp']?.units ?? {})) {
    const instance = status.machines?.[u.machine ?? '']?.['instance-id'] ?? '';
    const dataRoot = roots.get(instance);
    if (dataRoot === undefined) continue;
    const tag = `unit-${unit.replace('/', '-')}`;
    const agentDir = join(dataRoot, 'var/lib/juju/agents', tag);
    const rel = (t: number): number => t - started;
    const hooks: { name: string; start: number; end: number }[] = [];
    const timing = join(agentDir, 'timing.log');
    if (existsSync(timing)) {
      for (const line of readFileSync(timing, 'utf8').split('\n').filter(Boolean)) {
        const [name, start, end] = line.split(' ');
        hooks.push({ name: name ?? '?', start: Number(start) * 1000, end: Number(end) * 1000 });
      }
    }
    const createdAt = registry.machines[instance]?.createdAt;
    units.push({
      unit,
      allocated: createdAt ? rel(Date.parse(createdAt)) : NaN,
      agentSpawned: rel(mtimeMs(join(dataRoot, 'agent.pid'))),
      unitDeployed: rel(mtimeMs(join(agentDir, 'agent.conf'))),
      toolsInstalled: rel(mtimeMs(join(dataRoot, 'var/lib/juju/tools', tag))),
      charmUnpacked: rel(newestMtime(join(agentDir, 'charm'))),
      firstHookStart: hooks.length ? rel(hooks[0]?.start as number) : NaN,
      lastHookEnd: hooks.length ? rel(hooks[hooks.length - 1]?.end as number) : NaN,
      inHooks: hooks.reduce((s, h) => s + (h.end - h.start), 0),
      betweenHooks: hooks.slice(1).reduce((s, h, i) => s + (h.start - (hooks[i]?.end as number)), 0),
      hooks: hooks.map((h, i) => ({
        name: h.name,
        ms: h.end - h.start,
        gapBeforeMs: i === 0 ? NaN : h.start - (hooks[i - 1]?.end as number),
      })),
    });
  }
  units.sort((a, b) => Number(a.unit.split('/')[1]) - Number(b.unit.split('/')[1]));
  return { units, allActive, deployCli };
}

const f = (n: number): string => (Number.isFinite(n) ? n.toFixed(0).padStart(6) : '   n/a');

/** A readable table: one line per unit plus the medians. */
export function formatBreakdown(b: Breakdown): string {
  const cols: [string, (u: UnitTimeline) => number][] = [
    ['alloc', (u) => u.allocated],
    ['agent', (u) => u.agentSpawned],
    ['unitcf', (u) => u.unitDeployed],
    ['tools', (u) => u.toolsInstalled],
    ['charm', (u) => u.charmUnpacked],
    ['hook1', (u) => u.firstHookStart],
    ['hookN', (u) => u.lastHookEnd],
    ['inhook', (u) => u.inHooks],
    ['gaps', (u) => u.betweenHooks],
  ];
  const lines = [
    `deploy breakdown (ms after \`juju deploy\` started; CLI returned at ${f(b.deployCli).trim()}, all active/idle seen at ${f(b.allActive).trim()}):`,
    `  ${'unit'.padEnd(12)} ${cols.map(([n]) => n.padStart(6)).join(' ')}`,
    ...b.units.map((u) => `  ${u.unit.padEnd(12)} ${cols.map(([, g]) => f(g(u))).join(' ')}`),
    `  ${'median'.padEnd(12)} ${cols.map(([, g]) => f(median(b.units.map(g).filter(Number.isFinite)))).join(' ')}`,
    '  per hook (median over units: script ms / gap before it ms):',
  ];
  const names = [...new Set(b.units.flatMap((u) => u.hooks.map((h) => h.name)))];
  for (const name of names) {
    const hs = b.units.flatMap((u) => u.hooks.filter((h) => h.name === name));
    lines.push(
      `    ${name.padEnd(24)} ${f(median(hs.map((h) => h.ms)))} / ${f(median(hs.map((h) => h.gapBeforeMs).filter(Number.isFinite)))}  (n=${hs.length})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU milliseconds of a process tree: the live processes' own time plus what
 * their reaped children used; subtrees rooted at a PID in `exclude` are skipped.
 */
export function cpuOfTree(pid: number, exclude: ReadonlySet<number> = new Set()): number {
  let total = 0;
  const visit = (p: number): void => {
    if (p !== pid && exclude.has(p)) return;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      return;
    }
    // Fields after the parenthesised command: state is field 3; utime..cstime are 14..17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = (n: number): number => Number(fields[n - 3] ?? 0);
    total += (at(14) + at(15) + at(16) + at(17)) * CLOCK_TICK_MS;
    let children: string[] = [];
    try {
      children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      // gone
    }
    for (const c of children) visit(Number(c));
  };
  visit(pid);
  return total;
}

/** The agent PID of every machine (keyed by instance id). */
export function agentPids(c: TestController): Map<string, number> {
  const result = new Map<string, number>();
  for (const m of localMachines(c)) {
    try {
      result.set(m.instanceId, Number(readFileSync(join(m.dataRoot, 'agent.pid'), 'utf8').trim()));
    } catch {
      // no agent
    }
  }
  return result;
}

/**
 * CPU ms used so far by every machine's agent tree (keyed by instance id).
 * Workload machines' agents are started by the controller's environ helper and
 * so sit inside its process tree: each machine counts only its own subtree.
 */
export function agentCpu(c: TestController): Map<string, number> {
  const pids = agentPids(c);
  const all = new Set(pids.values());
  return new Map([...pids].map(([id, pid]) => [id, cpuOfTree(pid, all)]));
}

/** One live process of an agent tree: its own CPU ms and what its reaped children used. */
export interface ProcessCpu {
  readonly pid: number;
  readonly command: string;
  readonly selfMs: number;
  readonly reapedChildrenMs: number;
}

/** Every live process under `pid` (inclusive, skipping subtrees at `exclude`) with its CPU use. */
export function cpuByProcess(pid: number, exclude: ReadonlySet<number> = new Set()): ProcessCpu[] {
  const out: ProcessCpu[] = [];
  const visit = (p: number): void => {
    if (p !== pid && exclude.has(p)) return;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      return;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = (n: number): number => Number(fields[n - 3] ?? 0);
    let command = '';
    try {
      command = readFileSync(`/proc/${p}/cmdline`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((a) => a.replace(/^.*\//, '').replace(/\n[^]*$/, '…'))
        .slice(0, 3)
        .join(' ');
    } catch {
      // gone
    }
    out.push({
      pid: p,
      command,
      selfMs: (at(14) + at(15)) * CLOCK_TICK_MS,
      reapedChildrenMs: (at(16) + at(17)) * CLOCK_TICK_MS,
    });
    let children: string[] = [];
    try {
      children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      // gone
    }
    for (const c of children) visit(Number(c));
  };
  visit(pid);
  return out;
}
