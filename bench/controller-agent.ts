/**
 * Stopping and starting a private controller's agent process from outside,
 * the way the local provider runs it: used to fill its database while it is
 * stopped (status group) and to run it under the CPU profiler (charms group).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAgentProcess } from '../src/providers/local/agent-process.js';
import { findHostTools } from '../src/providers/local/host-tools.js';
import type { TestController } from '../test/helpers/controller-fixture.js';
import { localMachines } from './private-controller.js';

/** The controller machine: the one whose data root holds the controller database. */
export interface ControllerAgent {
  readonly namespace: string;
  readonly dataRoot: string;
  readonly dbPath: string;
  readonly supervisorPid: number;
  /** What the supervisor runs: `sh -c <wrapper> sh <hostname> <agent argv...>`. */
  readonly cmdline: readonly string[];
  readonly env: Record<string, string>;
}

/** The controller machine's agent as it runs now. */
export function controllerAgent(c: TestController): ControllerAgent {
  const registry = JSON.parse(
    readFileSync(join(c.env.JUJU_LOCAL_ROOT as string, 'registry.json'), 'utf8'),
  ) as {
    machines: Record<string, { id: string; machineId: string; modelUuid: string; agentPid?: number }>;
  };
  for (const m of localMachines(c)) {
    const dbPath = join(m.dataRoot, 'var/lib/juju/db/controller.db');
    try {
      readFileSync(dbPath, { flag: 'r' }).subarray(0, 0);
    } catch {
      continue;
    }
    const pid = Number(readFileSync(join(m.dataRoot, 'agent.pid'), 'utf8').trim());
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((s, i, a) => i < a.length - 1 || s !== '');
    const env: Record<string, string> = {};
    for (const kv of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const eq = kv.indexOf('=');
      if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    const namespace = registry.machines[m.instanceId]?.id ?? m.instanceId;
    return { namespace, dataRoot: m.dataRoot, dbPath, supervisorPid: pid, cmdline, env };
  }
  throw new Error('no controller machine with a database found');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM to the supervisor (it passes it on and waits for the agent), then wait for both to exit. */
export async function stopControllerAgent(agent: ControllerAgent): Promise<void> {
  const children = readFileSync(`/proc/${agent.supervisorPid}/task/${agent.supervisorPid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  process.kill(agent.supervisorPid, 'SIGTERM');
  await waitUntil(
    'the controller agent to stop',
    () => ![agent.supervisorPid, ...children].some(alive),
    30_000,
  );
}

/**
 * Starts the controller agent again the way the local provider does;
 * `nodeArgs` go before the agent's script (e.g. `--cpu-prof`). Returns the new supervisor PID.
 */
export async function startControllerAgent(
  c: TestController,
  agent: ControllerAgent,
  nodeArgs: readonly string[] = [],
): Promise<number> {
  // cmdline: sh -c <wrapper> sh <hostname> <argv...>
  const [, , wrapper, , hostname, ...argv] = agent.cmdline;
  if (!wrapper || !hostname || argv.length === 0)
    throw new Error(`unexpected agent command line ${JSON.stringify(agent.cmdline)}`);
  const pid = await startAgentProcess(findHostTools(), {
    namespace: agent.namespace,
    hostname,
    dataRoot: agent.dataRoot,
    argv: [argv[0] as string, ...nodeArgs, ...argv.slice(1)],
    env: agent.env,
    restartOnFailure: wrapper.includes('while :'),
  });
  // Keep registry.json's agentPid right so destroy() finds what it started.
  const file = join(c.env.JUJU_LOCAL_ROOT as string, 'registry.json');
  const registry = JSON.parse(readFileSync(file, 'utf8')) as {
    machines: Record<string, { agentPid?: number }>;
  };
  const rec = Object.values(registry.machines).find((m) => m.agentPid === agent.supervisorPid);
  if (rec) rec.agentPid = pid;
  writeFileSync(file, `${JSON.stringify(registry, null, 2)}\n`);
  return pid;
}
