/**
 * A unit agent in its own process, for crash tests: `node agent-child.js
 * <json>` with {unitName, dataDir, confPath, logFile, tuning}. Logs go to
 * `logFile`; SIGTERM stops the agent cleanly; the tests kill it with SIGKILL.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileMachineLock } from '../../../src/agent/common/machine-lock.js';
import { startUnitAgent } from '../../../src/agent/uniter/index.js';
import type { UnitAgentOptions } from '../../../src/agent/uniter/api.js';

interface ChildArgs {
  readonly unitName: string;
  readonly dataDir: string;
  readonly confPath: string;
  readonly logFile: string;
  readonly tuning: NonNullable<UnitAgentOptions['tuning']>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const handle = startUnitAgent({
  unitName: args.unitName,
  dataDir: args.dataDir,
  agentConfPath: args.confPath,
  machineLock: new FileMachineLock({ dataDir: args.dataDir, logDir: join(args.dataDir, 'log') }),
  log: (level, module, message) =>
    appendFileSync(args.logFile, `${process.pid} ${level} ${module} ${message}\n`),
  tuning: args.tuning,
});
process.once('SIGTERM', () => void handle.stop());
void handle.done.then(() => process.exit(0));
