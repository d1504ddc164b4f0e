/**
 * Entry point of `jujud`, the agent binary: `jujud machine --data-dir D
 * --machine-id N` runs a machine agent; on a controller machine (bootstrap
 * parameters or a serving certificate present) that is the controller agent.
 */
import { existsSync } from 'node:fs';
import { agentConfPath, readAgentConf } from '../agent/agent-conf.js';
import { errorMessage } from '../core/errors.js';
import { runControllerAgent } from '../controller/daemon/controller-agent.js';
import { bootstrapParamsPath } from '../controller/daemon/first-start.js';

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

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  if (cmd !== 'machine') usage();
  const dataDir = flag(args, '--data-dir');
  const machineId = flag(args, '--machine-id');
  const confPath = agentConfPath(dataDir, `machine-${machineId}`);
  const isController = existsSync(bootstrapParamsPath(dataDir)) || (existsSync(confPath) && readAgentConf(confPath).controllercert !== undefined);
  if (!isController) {
    process.stderr.write('ERROR machine agents for workload machines are not available yet\n');
    process.exit(1);
  }
  await runControllerAgent({ dataDir, machineId });
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`ERROR ${errorMessage(err)}\n${err instanceof Error ? (err.stack ?? '') : ''}\n`);
  process.exitCode = 1;
}
