/**
 * Starting a machine's agent: a detached process inside the machine's network
 * namespace, with its own hostname (UTS namespace), its output in a log file
 * in the data root and its PID recorded there.
 */

import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

import type { HostTools } from './host-tools.js';

/** Files the provider keeps in each machine's data root. */
export const AGENT_LOG_FILE = 'agent.log';
export const AGENT_PID_FILE = 'agent.pid';

/**
 * Sets the hostname of the fresh UTS namespace, then becomes the agent. A
 * fixed script: the hostname and the agent argv arrive as positional
 * arguments, so nothing is ever parsed by the shell.
 */
const START_WRAPPER = 'printf "%s" "$1" > /proc/sys/kernel/hostname || exit 125; shift; exec "$@"';

/**
 * Like START_WRAPPER, but supervises the agent: a crash (non-zero status or a
 * signal) restarts it after a second; a clean exit, or SIGTERM/SIGINT to the
 * supervisor (passed on to the agent), ends it. The recorded PID is the
 * supervisor's; stopping the machine kills every process in its namespace.
 */
const SUPERVISED_WRAPPER = [
  'printf "%s" "$1" > /proc/sys/kernel/hostname || exit 125; shift',
  'child=',
  'trap \'[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; [ -n "$child" ] && wait "$child"; exit 0\' TERM INT',
  'while :; do',
  '  "$@" & child=$!',
  '  wait "$child"; rc=$?',
  '  [ "$rc" -eq 0 ] && exit 0',
  '  echo "agent exited with status $rc; restarting in 1s" >&2',
  '  sleep 1',
  'done',
].join('\n');

export interface AgentLaunch {
  readonly namespace: string;
  readonly hostname: string;
  readonly dataRoot: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Supervise the agent and restart it when it crashes. */
  readonly restartOnFailure?: boolean;
}

/** The environment an agent starts with: a clean one, not the caller's. */
function agentEnvironment(extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return {
    PATH: process.env['PATH'] || '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/**
 * Starts the agent and resolves with its PID once the process exists. The
 * PID is that of the agent itself: `ip netns exec`, `unshare` and the wrapper
 * each exec into the next program.
 */
export async function startAgentProcess(tools: HostTools, launch: AgentLaunch): Promise<number> {
  const logPath = join(launch.dataRoot, AGENT_LOG_FILE);
  const log = await fs.open(logPath, 'a', 0o640);
  try {
    const child = spawn(
      tools.ip,
      [
        'netns',
        'exec',
        launch.namespace,
        tools.unshare,
        '--uts',
        tools.sh,
        '-c',
        launch.restartOnFailure ? SUPERVISED_WRAPPER : START_WRAPPER,
        'sh',
        launch.hostname,
        ...launch.argv,
      ],
      {
        cwd: launch.dataRoot,
        env: agentEnvironment(launch.env),
        detached: true, // own session: survives the juju/jujud process that started it
        stdio: ['ignore', log.fd, log.fd],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.on('error', () => undefined); // late errors (e.g. a failed kill) must not crash the caller
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error('agent process has no pid');
    await fs.writeFile(join(launch.dataRoot, AGENT_PID_FILE), `${pid}\n`, { mode: 0o644 });
    return pid;
  } finally {
    await log.close();
  }
}
