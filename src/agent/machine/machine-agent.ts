/**
 * The machine agent of a workload machine (`jujud machine` where no
 * controller runs): logs in as `machine-N` (rotating the provisioner's
 * initial password), reports the machine `started` with its version,
 * hostname and addresses, runs the deployer over the units assigned to
 * the machine and the machine-action runner over the tasks enqueued on it
 * (`juju exec --machine`). Connection loss is never fatal: the agent
 * reconnects with back-off for as long as it runs, and unit agents keep
 * running meanwhile. A unit's `juju-reboot` reboots the machine, which on the
 * local cloud means: stop every unit agent and exec command, clear the
 * transient reboot flags, and start over as after a boot. Once the machine is
 * dying with no units left it sets the machine dead and ends. An abort
 * (SIGTERM) stops the unit agents and ends it cleanly.
 */
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, errorMessage, isJujuError } from '../../core/errors.js';
import { JUJU_VERSION } from '../../core/version.js';
import { agentConfPath, readAgentConf, writeAgentConf } from '../agent-conf.js';
import { agentLogger, lowestLevel, type AgentLogger } from '../common/agent-log.js';
import { shippedLogger } from '../common/shipped-log.js';
import { connectAgent } from '../common/api-caller.js';
import { backoffDelay, sleep } from '../common/backoff.js';
import { FileMachineLock } from '../common/machine-lock.js';
import type { MachineLock } from '../uniter/api.js';
import { rebootMonitorDir } from '../uniter/reboot-monitor.js';
import { machineAddresses } from './addresses.js';
import { UnitDeployer } from './deployer.js';
import { MachineAgentApi } from './facade-client.js';
import { MachineActionRunner } from './machine-actions.js';
import { loadUnitAgent, type UnitAgentEntry } from './unit-agent-loader.js';

const MODULE = 'juju.worker.machiner';
const CALLER = 'juju.worker.apicaller';
const DEPLOYER = 'juju.worker.deployer';
const REBOOT = 'juju.worker.reboot';
const CONNECT_BACKOFF = { initialMs: 250, maxMs: 10_000 };

export interface MachineAgentOptions {
  /** `<root>/var/lib/juju`. */
  readonly dataDir: string;
  readonly machineId: string;
  /** Aborting stops the agent (unit agents first) and makes {@link runMachineAgent} resolve. */
  readonly signal: AbortSignal;
  /** Defaults to stdout plus `<logdir>/machine-N.log`. */
  readonly log?: AgentLogger;
}

/** Why a session with the controller ended. */
type SessionEnd = 'machine-dead' | 'stopped' | 'reboot';

/** This build's agent binary version, as `Upgrader.SetTools` reports it. */
function binaryVersion(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${JUJU_VERSION}-ubuntu-${arch}`;
}

/**
 * Runs the machine agent until it is aborted or the machine is dead.
 * Resolves `'machine-dead'` or `'stopped'`; never rejects for connection problems.
 */
export async function runMachineAgent(opts: MachineAgentOptions): Promise<SessionEnd> {
  const tag = `machine-${opts.machineId}`;
  const confPath = agentConfPath(opts.dataDir, tag);
  const initial = readAgentConf(confPath);
  const shipped = opts.log
    ? null
    : shippedLogger(
        agentLogger(tag, join(initial.logdir, `${tag}.log`), lowestLevel(initial.loggingconfig)),
        confPath,
      );
  const log = opts.log ?? (shipped as NonNullable<typeof shipped>).log;
  log('INFO', 'juju.cmd.jujud', `machine agent ${tag} ${JUJU_VERSION} starting`);

  let unitAgent: Promise<UnitAgentEntry> | undefined;
  let wake: () => void = () => undefined;
  const reboot = { requested: false };
  const machineLock = new FileMachineLock({ dataDir: opts.dataDir, logDir: initial.logdir });
  const deployer = new UnitDeployer({
    dataDir: opts.dataDir,
    machineConfPath: confPath,
    lock: machineLock,
    log,
    unitAgent: () => (unitAgent ??= loadUnitAgent()),
    onUnitAgentEnded: () => wake(),
    onRebootRequested: (unit) => {
      if (!reboot.requested) log('INFO', REBOOT, `${unit} requested a machine reboot`);
      reboot.requested = true;
      wake();
    },
  });
  const execLocks = new Map<string, MachineLock>();
  const actions = new MachineActionRunner({
    machineTag: tag,
    log,
    signal: opts.signal,
    // Juju's named lock `machine-lock-<group>`: exec commands queue among themselves, not behind hooks.
    lockFor: (group) => {
      let lock = execLocks.get(group);
      if (lock === undefined) {
        lock = new FileMachineLock({
          dataDir: join(opts.dataDir, 'locks', `machine-lock-${group}`),
          logDir: initial.logdir,
        });
        execLocks.set(group, lock);
      }
      return lock;
    },
  });

  let attempt = 0;
  let end: SessionEnd = 'stopped';
  while (!opts.signal.aborted) {
    let api: MachineAgentApi;
    try {
      const { conn } = await connectAgent(confPath);
      api = new MachineAgentApi(conn, tag);
    } catch (err) {
      const delay = backoffDelay(attempt++, CONNECT_BACKOFF);
      log(
        attempt === 1 || attempt % 10 === 0 ? 'WARNING' : 'DEBUG',
        CALLER,
        `cannot connect to the controller: ${errorMessage(err)}; retrying in ${(delay / 1000).toFixed(1)}s`,
      );
      await sleep(delay, opts.signal);
      continue;
    }
    log('INFO', CALLER, `connected to the controller at ${api.conn.address}`);
    attempt = 0;
    try {
      end = await session(api, deployer, actions, reboot, log, opts.signal, confPath, (fn) => (wake = fn));
      if (end === 'machine-dead') break;
      if (end === 'reboot') {
        await rebootMachine(deployer, actions, machineLock, opts.dataDir, log);
        reboot.requested = false;
      }
    } catch (err) {
      if (!opts.signal.aborted) {
        if (api.conn.isClosed)
          log('WARNING', CALLER, `connection to the controller lost: ${errorMessage(err)}`);
        else log('ERROR', MODULE, `restarting after error: ${errorMessage(err)}`);
      }
    } finally {
      await api.conn.close().catch(() => undefined);
    }
    if (!opts.signal.aborted) await sleep(backoffDelay(0, CONNECT_BACKOFF), opts.signal);
  }
  await deployer.stopAll();
  log(
    'INFO',
    'juju.cmd.jujud',
    end === 'machine-dead' ? `${tag} is dead, machine agent exiting` : 'machine agent stopped',
  );
  return end;
}

/**
 * A machine reboot on a machine that is a namespace: once hooks in flight
 * have finished (the machine lock was free), every unit agent and exec
 * command is stopped, and what a reboot clears (the transient reboot-monitor
 * flags) is cleared; the agent then starts over as after a boot, and the
 * unit agents it starts again run `start`.
 */
async function rebootMachine(
  deployer: UnitDeployer,
  actions: MachineActionRunner,
  lock: MachineLock,
  dataDir: string,
  log: AgentLogger,
): Promise<void> {
  log('INFO', REBOOT, 'rebooting the machine');
  // Hooks in flight finish first. The lock is not held while unit agents stop:
  // one waiting for it could not stop; a hook started meanwhile is killed and re-queued.
  (await lock.acquire('reboot'))();
  await deployer.stopAll();
  await actions.killAll();
  rmSync(rebootMonitorDir(dataDir), { recursive: true, force: true });
  log('INFO', REBOOT, 'machine rebooted; restarting the agent');
}

/**
 * One connection's worth of work: report, then reconcile whenever the
 * machine or its units change, until the machine is dead, a unit asked for a
 * reboot, or the agent stops. Rejects when the connection fails.
 */
async function session(
  api: MachineAgentApi,
  deployer: UnitDeployer,
  actions: MachineActionRunner,
  reboot: { readonly requested: boolean },
  log: AgentLogger,
  signal: AbortSignal,
  confPath: string,
  setWake: (fn: () => void) => void,
): Promise<SessionEnd> {
  await api
    .setVersion(binaryVersion())
    .catch((err: unknown) => log('DEBUG', MODULE, `cannot report version: ${errorMessage(err)}`));
  await api.recordStart(hostname());
  await api.setAddresses(machineAddresses());
  await api.setStatus('started');
  await refreshApiAddresses(api, confPath, log);
  log('INFO', MODULE, `${api.tag} started`);

  let dirty = true;
  let pulse: () => void = () => undefined;
  const changed = (): void => {
    dirty = true;
    pulse();
  };
  setWake(changed);
  const machineWatcher = await api.watchMachine();
  const unitsWatcher = await api.watchUnits();
  const failure = new Promise<never>((_, reject) => {
    const watch = async (id: string): Promise<void> => {
      for (;;) {
        await api.next(id);
        changed();
      }
    };
    watch(machineWatcher).catch(reject);
    watch(unitsWatcher).catch(reject);
    void api.conn.closed.then(() => reject(new Error('connection closed')));
  });
  void actions.serve(api.conn);
  failure.catch(() => undefined);
  const stopped = new Promise<'stopped'>((resolve) => {
    if (signal.aborted) resolve('stopped');
    signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });

  for (;;) {
    if (signal.aborted) return 'stopped';
    if (reboot.requested) return 'reboot';
    if (!dirty) {
      const woken = new Promise<'changed'>((resolve) => (pulse = () => resolve('changed')));
      const why = await Promise.race([woken, stopped, failure]);
      if (why === 'stopped') return 'stopped';
      if (reboot.requested) return 'reboot';
    }
    dirty = false;
    const life = await api.life();
    const units = await api.units();
    await deployer.reconcile(api, units);
    if (life === 'dead') return 'machine-dead';
    if (life === 'dying' && units.length === 0) {
      log('INFO', MODULE, `${api.tag} is dying and hosts no units, setting it dead`);
      try {
        await api.ensureDead();
      } catch (err) {
        // A unit was assigned meanwhile: deploy it and try again later.
        if (!isJujuError(err, ErrorCode.MachineHasAssignedUnits)) throw err;
        log('INFO', MODULE, errorMessage(err));
        dirty = true;
        continue;
      }
      return 'machine-dead';
    }
    log(
      'DEBUG',
      DEPLOYER,
      `units on this machine: ${units.map((u) => `${u.name} (${u.life})`).join(', ') || 'none'}`,
    );
  }
}

/** Keeps `apiaddresses` in agent.conf current (the api-address-updater's job). */
async function refreshApiAddresses(api: MachineAgentApi, confPath: string, log: AgentLogger): Promise<void> {
  try {
    const addresses = await api.apiAddresses();
    if (addresses.length === 0) return;
    const conf = readAgentConf(confPath);
    if (conf.apiaddresses.join(',') === addresses.join(',')) return;
    writeAgentConf(confPath, { ...conf, apiaddresses: addresses });
    log('INFO', 'juju.worker.apiaddressupdater', `API addresses updated to ${addresses.join(', ')}`);
  } catch (err) {
    log('DEBUG', 'juju.worker.apiaddressupdater', `cannot update API addresses: ${errorMessage(err)}`);
  }
}
