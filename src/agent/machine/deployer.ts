/**
 * The deployer worker of a machine agent: keeps one unit agent running for
 * every live unit assigned to the machine. For a new unit it writes
 * `agents/unit-<app>-<n>/agent.conf` with an initial password (set on the
 * controller with `Deployer.SetPasswords`) and starts the unit agent in this
 * process; for a dead unit it stops the agent, deletes its directories and
 * calls `Deployer.Remove`. Unit agents keep running while the machine agent
 * reconnects to the controller.
 */
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, ErrorCode, isJujuError } from '../../core/errors.js';
import { unitTag } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import type { DeployerUnit } from '../../rpc/params/agent.js';
import type { AgentConf } from '../agent-conf.js';
import { agentConfPath, readAgentConf, writeAgentConf } from '../agent-conf.js';
import { agentLogger, lowestLevel, type AgentLogger } from '../common/agent-log.js';
import { shippedLogger } from '../common/shipped-log.js';
import { newAgentPassword } from '../common/api-caller.js';
import { backoffDelay, sleep } from '../common/backoff.js';
import type { MachineLock, UnitAgentHandle } from '../uniter/api.js';
import { purgeRebootFlag } from '../uniter/reboot-monitor.js';
import type { MachineAgentApi } from './facade-client.js';
import type { UnitAgentEntry } from './unit-agent-loader.js';

const MODULE = 'juju.worker.deployer';
/** How long a unit agent may take to stop before the deployer goes on without it. */
const STOP_TIMEOUT_MS = 10_000;
const RESTART_BACKOFF = { initialMs: 1000, maxMs: 60_000 };

export interface DeployerOptions {
  /** The machine's data dir (`<root>/var/lib/juju`). */
  readonly dataDir: string;
  /** The machine agent's agent.conf (source of CA, addresses, model; holds `deployed-units`). */
  readonly machineConfPath: string;
  readonly lock: MachineLock;
  readonly log: AgentLogger;
  /** The unit agent entry point (loaded once by the machine agent). */
  readonly unitAgent: () => Promise<UnitAgentEntry>;
  /** Called when a unit agent ended on its own, so the caller reconciles again. */
  readonly onUnitAgentEnded: () => void;
  /** A unit's hook asked for a machine reboot (`juju-reboot`); the unit agent stops by itself next. */
  readonly onRebootRequested?: (unitName: string) => void;
}

interface Deployed {
  handle: UnitAgentHandle | null;
  /** Unit agent failures in a row, for restart back-off. */
  failures: number;
  /** Not before this time (ms) is a stopped unit agent started again. */
  restartAt: number;
}

/** Tag of a unit's agent directory entry: `unit-app-0`. */
function isUnitDir(name: string): boolean {
  return name.startsWith('unit-');
}

export class UnitDeployer {
  private readonly deployed = new Map<string, Deployed>();
  private unitAgentMissingLogged = false;

  constructor(private readonly opts: DeployerOptions) {}

  /** Names of units with a running unit agent (or deployed dirs, without a uniter). */
  deployedUnits(): string[] {
    return [...this.deployed.keys()].sort();
  }

  /**
   * Brings local unit agents in line with the controller's view of the
   * machine's units. Errors for one unit are logged and retried on the next
   * call; connection errors propagate.
   */
  async reconcile(api: MachineAgentApi, units: readonly DeployerUnit[]): Promise<void> {
    const wanted = new Set(units.map((u) => u.tag));
    for (const unit of units) {
      try {
        if (unit.life === 'dead') await this.recall(api, unit.name, unit.tag);
        else await this.deploy(api, unit);
      } catch (err) {
        if (api.conn.isClosed) throw err;
        this.opts.log('ERROR', MODULE, `${unit.name}: ${errorMessage(err)}`);
      }
    }
    // Units gone from the controller (removed behind our back) and leftovers of earlier runs.
    const local = new Set<string>([...this.deployed.keys()].map((name) => unitTag(name)));
    for (const dir of this.unitDirs()) local.add(dir);
    for (const tag of local) {
      if (wanted.has(tag)) continue;
      const name = [...this.deployed.keys()].find((n) => unitTag(n) === tag);
      this.opts.log('INFO', MODULE, `unit ${name ?? tag} is no longer assigned to this machine, cleaning up`);
      await this.stopUnit(name);
      await this.removeDirs(tag);
    }
    this.recordDeployedUnits();
  }

  /** Stops every unit agent (machine agent shutdown); their directories stay. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.deployed.keys()].map((name) => this.stopUnit(name)));
  }

  private async deploy(api: MachineAgentApi, unit: DeployerUnit): Promise<void> {
    const confPath = agentConfPath(this.opts.dataDir, unit.tag);
    if (!existsSync(confPath)) {
      const password = newAgentPassword();
      writeAgentConf(confPath, this.unitConf(unit.tag, password));
      await api.setUnitPassword(unit.tag, password);
      this.opts.log('INFO', MODULE, `deployed unit ${unit.name}`);
    } else if (!unit['password-set']) {
      // The conf was written but setting the password failed last time.
      const conf = readAgentConf(confPath);
      const password = conf.oldpassword ?? conf.apipassword;
      if (password) await api.setUnitPassword(unit.tag, password);
    }
    let entry = this.deployed.get(unit.name);
    if (entry === undefined) {
      entry = { handle: null, failures: 0, restartAt: 0 };
      this.deployed.set(unit.name, entry);
    }
    if (entry.handle !== null || Date.now() < entry.restartAt) return;
    const agent = await this.opts.unitAgent();
    if (agent.start === null) {
      if (!this.unitAgentMissingLogged) {
        this.unitAgentMissingLogged = true;
        this.opts.log(
          'WARNING',
          MODULE,
          `unit agents are not available (${agent.reason}); only their directories are managed`,
        );
      }
      return;
    }
    this.startUnit(unit.name, unit.tag, confPath, entry, agent.start);
  }

  private startUnit(
    name: string,
    tag: string,
    confPath: string,
    entry: Deployed,
    start: NonNullable<UnitAgentEntry['start']>,
  ): void {
    const logDir = this.logDir();
    this.opts.log('INFO', MODULE, `starting unit agent for ${name}`);
    let handle: UnitAgentHandle;
    const shipped = shippedLogger(
      agentLogger(tag, logDir ? join(logDir, `${tag}.log`) : undefined, this.logLevel()),
      confPath,
    );
    try {
      handle = start({
        unitName: name,
        dataDir: this.opts.dataDir,
        agentConfPath: confPath,
        machineLock: this.opts.lock,
        log: shipped.log,
        ...(this.opts.onRebootRequested !== undefined
          ? { requestReboot: () => this.opts.onRebootRequested?.(name) }
          : {}),
      });
    } catch (err) {
      void shipped.close();
      this.failed(name, entry, err);
      return;
    }
    void handle.done.finally(() => shipped.close()).catch(() => undefined);
    entry.handle = handle;
    const startedAt = Date.now();
    handle.done.then(
      () => this.ended(name, entry, handle, startedAt, null),
      (err: unknown) => this.ended(name, entry, handle, startedAt, err),
    );
  }

  private ended(
    name: string,
    entry: Deployed,
    handle: UnitAgentHandle,
    startedAt: number,
    err: unknown,
  ): void {
    if (entry.handle !== handle) return; // stopped on purpose
    entry.handle = null;
    if (Date.now() - startedAt > 60_000) entry.failures = 0;
    if (err === null) this.opts.log('INFO', MODULE, `unit agent for ${name} ended`);
    this.failed(name, entry, err);
    this.opts.onUnitAgentEnded();
  }

  private failed(name: string, entry: Deployed, err: unknown): void {
    const delay = backoffDelay(entry.failures++, RESTART_BACKOFF);
    entry.restartAt = Date.now() + delay;
    if (err !== null)
      this.opts.log(
        'ERROR',
        MODULE,
        `unit agent for ${name} failed: ${errorMessage(err)}; restarting in ${Math.round(delay / 1000)}s`,
      );
    // Wake the machine agent once the back-off is over.
    void sleep(delay).then(() => this.opts.onUnitAgentEnded());
  }

  /** A dead unit: stop its agent, delete its directories, and remove it from the model. */
  private async recall(api: MachineAgentApi, name: string, tag: string): Promise<void> {
    this.opts.log('INFO', MODULE, `unit ${name} is dead, removing it`);
    await this.stopUnit(name);
    await this.removeDirs(tag);
    try {
      await api.removeUnit(tag);
    } catch (err) {
      if (!isJujuError(err, ErrorCode.NotFound)) throw err;
    }
  }

  private async stopUnit(name: string | undefined): Promise<void> {
    if (name === undefined) return;
    const entry = this.deployed.get(name);
    this.deployed.delete(name);
    const handle = entry?.handle;
    if (!entry || !handle) return;
    entry.handle = null;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    try {
      const outcome = await Promise.race([handle.stop().then(() => 'stopped' as const), timedOut]);
      if (outcome === 'timeout')
        this.opts.log('WARNING', MODULE, `unit agent for ${name} did not stop in time`);
      else this.opts.log('INFO', MODULE, `stopped unit agent for ${name}`);
    } catch (err) {
      this.opts.log('WARNING', MODULE, `stopping unit agent for ${name}: ${errorMessage(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async removeDirs(tag: string): Promise<void> {
    purgeRebootFlag(this.opts.dataDir, tag);
    await fs.rm(join(this.opts.dataDir, 'agents', tag), { recursive: true, force: true });
    await fs.rm(join(this.opts.dataDir, 'tools', tag), { recursive: true, force: true });
  }

  private unitDirs(): string[] {
    try {
      return readdirSync(join(this.opts.dataDir, 'agents')).filter(isUnitDir);
    } catch {
      return [];
    }
  }

  private machineConf(): AgentConf {
    return readAgentConf(this.opts.machineConfPath);
  }

  private logLevel(): ReturnType<typeof lowestLevel> {
    try {
      return lowestLevel(this.machineConf().loggingconfig);
    } catch {
      return 'INFO';
    }
  }

  private logDir(): string | undefined {
    try {
      return this.machineConf().logdir;
    } catch {
      return undefined;
    }
  }

  /** A unit's agent.conf: the machine's controller, CA and model, the unit's tag and initial password. */
  private unitConf(tag: string, password: string): AgentConf {
    const machine = this.machineConf();
    return {
      tag,
      datadir: this.opts.dataDir,
      logdir: machine.logdir,
      nonce: 'unused',
      upgradedToVersion: JUJU_VERSION,
      cacert: machine.cacert,
      controller: machine.controller,
      model: machine.model,
      apiaddresses: [...machine.apiaddresses],
      oldpassword: password,
      values: {
        ...(machine.values.PROVIDER_TYPE ? { PROVIDER_TYPE: machine.values.PROVIDER_TYPE } : {}),
      },
    };
  }

  /** Keeps `values.deployed-units` of the machine's agent.conf current (comma-separated, sorted). */
  private recordDeployedUnits(): void {
    try {
      const conf = this.machineConf();
      const list = this.deployedUnits().join(',');
      if ((conf.values['deployed-units'] ?? '') === list) return;
      const values = { ...conf.values };
      if (list === '') delete values['deployed-units'];
      else values['deployed-units'] = list;
      writeAgentConf(this.opts.machineConfPath, { ...conf, values });
    } catch (err) {
      this.opts.log('WARNING', MODULE, `recording deployed units: ${errorMessage(err)}`);
    }
  }
}
