/**
 * Entry point of `jujud`, the agent binary.
 *
 * - `jujud machine --data-dir D --machine-id N` runs a machine's agent: on a
 *   controller machine (bootstrap parameters or a serving certificate
 *   present) the controller agent, otherwise the workload machine agent.
 *   SIGTERM/SIGINT stop either cleanly (exit 0).
 * - `jujud environ-helper` (internal) serves provider calls for a controller
 *   that runs inside one of its own machines; see
 *   src/controller/workers/instance-broker.ts.
 */
import { existsSync } from 'node:fs';
import { agentConfPath, readAgentConf } from '../agent/agent-conf.js';
import { errorMessage } from '../core/errors.js';
import { bootstrapParamsPath } from '../controller/daemon/bootstrap-params-file.js';

// Each role imports only its own code: a workload machine agent must not pay
// for loading the controller (SQLite, X.509, facades) at every start.

function usage(): never {
  process.stderr.write('usage: jujud machine --data-dir <dir> --machine-id <id>\n');
  process.exit(2);
}

function flag(args: string[], name: string): string {
  const i = args.indexOf(name);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (v === undefined) usage();
  return v;
}

async function runWorkloadMachineAgent(dataDir: string, machineId: string): Promise<void> {
  const { runMachineAgent } = await import('../agent/machine/machine-agent.js');
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  await runMachineAgent({ dataDir, machineId, signal: stop.signal });
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  // Unit agents may leave timers or sockets behind; the agent's work is done.
  process.exit(0);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  if (cmd === 'environ-helper') {
    const { serveEnvironHelper } = await import('../controller/workers/instance-broker.js');
    await serveEnvironHelper(process.stdin, process.stdout);
    process.exit(0);
  }
  if (cmd !== 'machine') usage();
  const dataDir = flag(args, '--data-dir');
  const machineId = flag(args, '--machine-id');
  const confPath = agentConfPath(dataDir, `machine-${machineId}`);
  const isController =
    existsSync(bootstrapParamsPath(dataDir)) ||
    (existsSync(confPath) && readAgentConf(confPath).controllercert !== undefined);
  if (isController) {
    const { runControllerAgent } = await import('../controller/daemon/controller-agent.js');
    await runControllerAgent({ dataDir, machineId });
  } else await runWorkloadMachineAgent(dataDir, machineId);
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`ERROR ${errorMessage(err)}\n${err instanceof Error ? (err.stack ?? '') : ''}\n`);
  process.exitCode = 1;
}
