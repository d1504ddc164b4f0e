/**
 * What the provisioner installs on a new machine: its `agent.conf` (written
 * into the instance's data root before the agent starts) and the command
 * that runs `jujud machine` there. A plan is plain data so it can cross into
 * the host-namespace helper (see instance-broker.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConf } from '../../agent/agent-conf.js';
import { agentConfPath, writeAgentConf } from '../../agent/agent-conf.js';
import type { AgentCommand, Instance } from '../../providers/types.js';

export interface MachineAgentPlan {
  readonly machineId: string;
  /** Everything in agent.conf except the paths, which depend on the instance's data root. */
  readonly conf: Omit<AgentConf, 'datadir' | 'logdir'>;
  /** Node binary and `dist/src/cmd/jujud.js` to run. */
  readonly nodePath: string;
  readonly jujudPath: string;
}

/** `<data root>/var/lib/juju` and `<data root>/var/log/juju` of an instance. */
export function instanceDirs(instance: Pick<Instance, 'dataRoot'>): { dataDir: string; logDir: string } {
  return {
    dataDir: join(instance.dataRoot, 'var', 'lib', 'juju'),
    logDir: join(instance.dataRoot, 'var', 'log', 'juju'),
  };
}

/**
 * The `agent` callback of `Environ.startInstance` for a plan: writes the
 * machine's agent.conf (mode 0600), `nonce.txt` and the lock directory, and
 * returns the agent's command (supervised: restarted after a crash).
 */
export function machineAgentLauncher(plan: MachineAgentPlan): (instance: Instance) => AgentCommand {
  return (instance) => {
    const { dataDir, logDir } = instanceDirs(instance);
    mkdirSync(join(dataDir, 'locks'), { recursive: true, mode: 0o755 });
    mkdirSync(logDir, { recursive: true, mode: 0o755 });
    writeAgentConf(agentConfPath(dataDir, plan.conf.tag), { ...plan.conf, datadir: dataDir, logdir: logDir });
    if (plan.conf.nonce) writeFileSync(join(dataDir, 'nonce.txt'), `${plan.conf.nonce}\n`, { mode: 0o600 });
    return {
      argv: [plan.nodePath, plan.jujudPath, 'machine', '--data-dir', dataDir, '--machine-id', plan.machineId],
      env: {},
      // As Juju's jujud-machine-N service: restarted when it crashes, not when it exits cleanly.
      restartOnFailure: true,
    };
  };
}
