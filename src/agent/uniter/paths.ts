/**
 * Where a unit's files live on its machine (charm-contract §8):
 * `agents/unit-x/{agent.conf,charm/,state/}`, `tools/unit-x/`, the hook-tool
 * socket `@<agent dir>/agent.socket` (abstract).
 */
import { join } from 'node:path';
import { unitTag } from '../../core/names.js';

export interface UnitPaths {
  readonly tag: string;
  readonly agentDir: string;
  readonly charmDir: string;
  readonly stateDir: string;
  /** The operation state file. */
  readonly stateFile: string;
  readonly toolsDir: string;
  readonly socketAddress: string;
}

/** Paths of `unitName` under the machine data dir. */
export function unitPaths(dataDir: string, unitName: string): UnitPaths {
  const tag = unitTag(unitName);
  const agentDir = join(dataDir, 'agents', tag);
  return {
    tag,
    agentDir,
    charmDir: join(agentDir, 'charm'),
    stateDir: join(agentDir, 'state'),
    stateFile: join(agentDir, 'state', 'uniter.json'),
    toolsDir: join(dataDir, 'tools', tag),
    socketAddress: `@${join(agentDir, 'agent.socket')}`,
  };
}
