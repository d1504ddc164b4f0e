/**
 * Where a unit's files live on its machine (charm-contract §8):
 * `agents/unit-x/{agent.conf,charm/,state/}`, `tools/unit-x/`, the hook-tool
 * socket `@<agent dir>/agent.socket` (abstract).
 */
import { createHash } from 'node:crypto';
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
    socketAddress: socketAddress(agentDir),
  };
}

/** Longest socket name the kernel takes (sun_path is 108 bytes, the leading NUL included). */
const MAX_SOCKET_NAME = 107;

/**
 * `@<agent dir>/agent.socket` as Juju names it; when a deep data dir makes that
 * too long for a socket address, a name derived from the agent dir instead.
 */
function socketAddress(agentDir: string): string {
  const natural = `@${join(agentDir, 'agent.socket')}`;
  if (Buffer.byteLength(natural) <= MAX_SOCKET_NAME) return natural;
  const digest = createHash('sha256').update(agentDir).digest('hex').slice(0, 24);
  return `@juju-agent-${digest}.socket`;
}
