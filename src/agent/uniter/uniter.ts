/**
 * The unit agent's main loop. Once per process: load the operation state,
 * kill a hook orphaned by a crashed predecessor, install the hook tools and
 * start the hook-tool server. Then, per connection to the controller: watch
 * the remote state, track leadership, and repeatedly ask the resolver for the
 * next operation and run it (deploying the charm, hooks, actions, scope
 * changes), waiting for changes or timers (update-status, hook retry) when
 * there is nothing to do. Connection loss reconnects with back-off; the loop
 * ends when the agent is stopped or the unit is dead.
 */
import { mkdirSync } from 'node:fs';
import type { ApiConnection } from '../../api/connection.js';
import { ErrorCode, errorMessage, isJujuError } from '../../core/errors.js';
import { connectAgent } from '../common/api-caller.js';
import { backoffDelay, sleep } from '../common/backoff.js';
import { HookToolServer, JUJUC_ENTRY_PATH, installHookTools } from '../hooktools/transport.js';
import type { UnitAgentOptions } from './api.js';
import { deployCharm } from './charm-deployer.js';
import { hookName } from './hook-info.js';
import { killOrphanHook } from './hook-runner.js';
import { LeadershipTracker } from './leadership-tracker.js';
import { loadLocalState, saveLocalState, type LocalState } from './local-state.js';
import type { OperationContext } from './operation-context.js';
import { StopRequested } from './operation-context.js';
import { unitPaths, type UnitPaths } from './paths.js';
import { remoteFromWire, type RemoteSnapshot } from './remote-state.js';
import { rebootStartDecision } from './machine-reboot.js';
import { rebootDetected } from './reboot-monitor.js';
import { unitTag } from '../../core/names.js';
import { RemoteWatcher } from './remote-watcher.js';
import { SecretsWatcher } from './secrets-watcher.js';
import { nextDecision, type Decision } from './resolver.js';
import { failInterruptedAction, runAction } from './run-action.js';
import { runHook, skipHook } from './run-hook.js';
import { UniterApi } from './uniter-api.js';
import { unitLogger, type UnitLogger } from './unit-log.js';
import { Wakeup } from './wakeup.js';

const MODULE = 'juju.worker.uniter';

/** Timings, defaulting to Juju's; tests shorten them. */
export interface UniterTuning {
  /** First hook retry delay (doubles up to `retryMaxMs`). */
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  readonly leaseSeconds: number;
  readonly leaseRenewMs: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  /** Between SIGTERM and SIGKILL of a hook when stopping. */
  readonly killGraceMs: number;
  /** Overrides the model's update-status-hook-interval (tests). */
  readonly updateStatusMs?: number;
}

export const DEFAULT_TUNING: UniterTuning = {
  retryMinMs: 5_000,
  retryMaxMs: 5 * 60_000,
  leaseSeconds: 60,
  leaseRenewMs: 30_000,
  reconnectMinMs: 500,
  reconnectMaxMs: 30_000,
  killGraceMs: 5_000,
};

type SessionEnd = 'terminated' | 'stopped';

export class Uniter {
  private readonly stopCtl = new AbortController();
  private readonly tuning: UniterTuning;
  private paths!: UnitPaths;
  private log!: UnitLogger;
  private state!: LocalState;
  private server!: HookToolServer;
  private wake = new Wakeup();

  // In memory only (charm-contract §6: the seen leader settings version is not persisted).
  private leaderSettingsSeen: number | undefined;
  private updateStatusDue = false;
  private lastUpdateStatus = Date.now();
  private retryAttempt = 0;
  private retryAt: number | undefined;
  private retryDue = false;
  private errorReported = false;
  private deployAttempt = 0;
  private lastAgentStatus = '';
  private readonly skippedActions = new Set<string>();
  private readonly skippedScopes = new Set<number>();
  private runningAction: { id: string; cancel: AbortController } | undefined;
  private httpAuth: { tag: string; password: string } | undefined;
  private secretsWatcher: SecretsWatcher | undefined;
  /** The machine rebooted before this agent started: `start` runs once (machine-reboot.ts). */
  private rebootPending = false;

  constructor(
    private readonly opts: UnitAgentOptions,
    tuning: Partial<UniterTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  /** Asks the agent to stop: a running hook is killed and re-queued. */
  stop(): void {
    this.stopCtl.abort();
    this.wake.notify();
  }

  private get stopping(): boolean {
    return this.stopCtl.signal.aborted;
  }

  /** Runs until stopped or the unit is dead. */
  async run(): Promise<SessionEnd> {
    this.paths = unitPaths(this.opts.dataDir, this.opts.unitName);
    this.log = unitLogger(this.opts.log);
    mkdirSync(this.paths.stateDir, { recursive: true, mode: 0o700 });
    this.state = loadLocalState(this.paths.stateFile);
    const op = this.state.op;
    if ((op.kind === 'run-hook' || op.kind === 'run-action') && killOrphanHook(op.pid, op.pidStart)) {
      this.log('WARNING', MODULE, `killed process ${op.pid ?? '?'} left running by a previous agent`);
    }
    installHookTools(this.paths.toolsDir, process.execPath, JUJUC_ENTRY_PATH);
    this.rebootPending = rebootDetected(this.opts.dataDir, unitTag(this.opts.unitName));
    this.server = new HookToolServer({ address: this.paths.socketAddress });
    await this.server.listen();
    this.log('INFO', MODULE, `unit agent ${this.opts.unitName} started`);
    try {
      let attempt = 0;
      while (!this.stopping) {
        const began = Date.now();
        try {
          const end = await this.session();
          if (end === 'terminated') return 'terminated';
        } catch (err) {
          if (this.stopping || err instanceof StopRequested) break;
          if (Date.now() - began > 60_000) attempt = 0;
          const delay = backoffDelay(attempt++, {
            initialMs: this.tuning.reconnectMinMs,
            maxMs: this.tuning.reconnectMaxMs,
          });
          this.log('WARNING', MODULE, `${errorMessage(err)}; restarting in ${(delay / 1000).toFixed(1)}s`);
          await sleep(delay, this.stopCtl.signal);
        }
      }
      return 'stopped';
    } finally {
      await this.server.close();
      this.log('INFO', MODULE, `unit agent ${this.opts.unitName} stopped`);
    }
  }

  private persist(state: LocalState): void {
    saveLocalState(this.paths.stateFile, state);
    this.state = state;
  }

  /** One connection's worth of work. */
  private async session(): Promise<SessionEnd> {
    const { conn, conf } = await connectAgent(this.opts.agentConfPath);
    this.wake = new Wakeup();
    const wake = this.wake;
    const onStop = (): void => wake.notify();
    this.stopCtl.signal.addEventListener('abort', onStop, { once: true });
    void conn.closed.then(() => wake.notify());
    const api = new UniterApi(conn, this.opts.unitName);
    let tracker: LeadershipTracker | undefined;
    let watcher: RemoteWatcher | undefined;
    this.lastAgentStatus = '';
    try {
      const model = await api.currentModel();
      watcher = new RemoteWatcher(api, () => {
        this.checkActionAbort(watcher);
        wake.notify();
      });
      try {
        await watcher.start();
      } catch (err) {
        if (!isJujuError(err, ErrorCode.NotFound)) throw err;
        this.log('INFO', MODULE, 'unit removed; stopping');
        return 'terminated';
      }
      tracker = new LeadershipTracker(api, {
        leaseSeconds: this.tuning.leaseSeconds,
        renewMs: this.tuning.leaseRenewMs,
        onChange: () => wake.notify(),
        log: (level, message) => this.log(level, 'juju.worker.leadership', message),
      });
      await tracker.start();
      this.secretsWatcher = new SecretsWatcher(api, () => wake.notify());
      await this.secretsWatcher.start();
      const t = tracker;
      const w = watcher;
      const oc: OperationContext = {
        unitName: this.opts.unitName,
        paths: this.paths,
        api,
        modelUuid: model.uuid,
        modelName: model.name,
        apiAddresses: conf.apiaddresses,
        tracker: t,
        lock: this.opts.machineLock,
        server: this.server,
        log: this.log,
        stopSignal: this.stopCtl.signal,
        killGraceMs: this.tuning.killGraceMs,
        requestReboot: this.opts.requestReboot,
        state: () => this.state,
        persist: (s) => this.persist(s),
        remote: () => this.remoteSnapshot(w, t),
        setAgentStatus: async (status, info = '', data = {}) => {
          const key = JSON.stringify([status, info, data]);
          if (key === this.lastAgentStatus) return;
          await api.setAgentStatus({ status, info, data });
          this.lastAgentStatus = key;
        },
      };
      this.httpAuth = { tag: conf.tag, password: conf.apipassword ?? conf.oldpassword ?? '' };
      if (!this.state.installed && !this.state.statusSet) {
        await api.setUnitStatus({ status: 'waiting', info: 'agent initialising' });
      }
      return await this.loop(oc, conn, w, wake);
    } finally {
      this.stopCtl.signal.removeEventListener('abort', onStop);
      watcher?.stop();
      this.secretsWatcher?.stop();
      this.secretsWatcher = undefined;
      await tracker?.stop();
      await conn.close();
    }
  }

  private remoteSnapshot(watcher: RemoteWatcher, tracker: LeadershipTracker): RemoteSnapshot {
    const remote = remoteFromWire(watcher.latest);
    const relations = { ...remote.relations };
    for (const id of this.skippedScopes) delete relations[id];
    return {
      ...remote,
      leader: tracker.leader,
      relations,
      pendingActions: remote.pendingActions.filter((id) => !this.skippedActions.has(id)),
      ...(this.secretsWatcher?.latest !== undefined ? { secrets: this.secretsWatcher.latest } : {}),
    };
  }

  private checkActionAbort(watcher: RemoteWatcher | undefined): void {
    const running = this.runningAction;
    if (running === undefined || watcher === undefined) return;
    try {
      if (watcher.latest['aborting-actions'].includes(running.id)) running.cancel.abort();
    } catch {
      // no state yet
    }
  }

  private async loop(
    oc: OperationContext,
    conn: ApiConnection,
    watcher: RemoteWatcher,
    wake: Wakeup,
  ): Promise<SessionEnd> {
    for (;;) {
      if (this.stopping) return 'stopped';
      if (conn.isClosed) throw new Error('connection to the controller lost');
      if (watcher.error !== undefined) {
        if (isJujuError(watcher.error, ErrorCode.NotFound)) {
          this.log('INFO', MODULE, 'unit removed; stopping');
          return 'terminated';
        }
        throw watcher.error instanceof Error ? watcher.error : new Error(errorMessage(watcher.error));
      }
      const remote = oc.remote();
      const now = Date.now();
      const interval = this.tuning.updateStatusMs ?? remote.updateStatusIntervalSec * 1000;
      if (now >= this.lastUpdateStatus + interval) this.updateStatusDue = true;
      if (this.retryAt !== undefined && now >= this.retryAt) {
        this.retryAt = undefined;
        this.retryDue = true;
      }
      const afterReboot = this.rebootPending ? rebootStartDecision(this.state) : undefined;
      if (afterReboot !== undefined) this.rebootPending = afterReboot.stillPending;
      if (afterReboot?.decision !== undefined)
        this.log('INFO', MODULE, 'reboot detected; triggering implicit start hook to notify charm');
      const decision =
        afterReboot?.decision ??
        nextDecision({
          unitName: this.opts.unitName,
          local: this.state,
          remote,
          leaderSettingsSeen: this.leaderSettingsSeen,
          updateStatusDue: this.updateStatusDue,
          retryDue: this.retryDue,
        });
      if (decision.kind === 'wait') {
        await this.idle(oc, remote, decision.inError);
        const timers = [this.lastUpdateStatus + interval];
        if (this.retryAt !== undefined) timers.push(this.retryAt);
        await wake.wait(Math.min(...timers) - Date.now());
        continue;
      }
      if (decision.kind === 'terminate') {
        if (await this.terminate(oc, remote)) return 'terminated';
        await wake.wait(5_000);
        continue;
      }
      this.log('DEBUG', MODULE, `next operation: ${describeDecision(decision)}`);
      await this.execute(oc, conn, decision, remote);
      // Both snapshots at once: one round trip between hooks instead of two.
      await Promise.all([watcher.refresh(), this.secretsWatcher?.refresh()]);
    }
  }

  /** Nothing to do: show idle, or (in error) report the error once and arm the retry timer. */
  private async idle(oc: OperationContext, remote: RemoteSnapshot, inError: boolean): Promise<void> {
    if (inError) {
      const op = this.state.op;
      if (!this.errorReported && op.kind === 'run-hook') {
        const rel =
          op.hook.relationId !== undefined ? this.state.relations[String(op.hook.relationId)] : undefined;
        const name = hookName(op.hook, rel?.endpoint);
        const data: Record<string, unknown> = { hook: name };
        if (op.hook.relationId !== undefined) data['relation-id'] = op.hook.relationId;
        if (op.hook.remoteUnit) data['remote-unit'] = op.hook.remoteUnit;
        this.log('INFO', MODULE, `awaiting error resolution for ${JSON.stringify(name)} hook`);
        await oc.setAgentStatus('error', `hook failed: ${JSON.stringify(name)}`, data);
        this.errorReported = true;
      }
      if (remote.autoRetryHooks && this.retryAt === undefined && !this.retryDue) {
        const delay = backoffDelay(this.retryAttempt++, {
          initialMs: this.tuning.retryMinMs,
          maxMs: this.tuning.retryMaxMs,
        });
        this.retryAt = Date.now() + Math.max(this.tuning.retryMinMs, delay);
        this.log(
          'INFO',
          MODULE,
          `retrying the failed hook in ${((this.retryAt - Date.now()) / 1000).toFixed(1)}s`,
        );
      }
      return;
    }
    this.retryAttempt = 0;
    this.retryAt = undefined;
    await oc.setAgentStatus('idle');
  }

  private async terminate(oc: OperationContext, remote: RemoteSnapshot): Promise<boolean> {
    if (remote.life === 'dead') return true;
    try {
      await oc.api.ensureDead();
    } catch (err) {
      if (isJujuError(err, ErrorCode.NotFound)) return true;
      this.log('INFO', MODULE, `cannot become dead yet: ${errorMessage(err)}`);
      return false;
    }
    this.log('INFO', MODULE, 'unit is dead; the unit agent ends');
    return true;
  }

  private async execute(
    oc: OperationContext,
    conn: ApiConnection,
    d: Decision,
    remote: RemoteSnapshot,
  ): Promise<void> {
    switch (d.kind) {
      case 'deploy':
        await this.deploy(oc, conn, d);
        return;
      case 'run-hook': {
        const kind = d.hook.kind;
        if (kind === 'update-status') {
          this.updateStatusDue = false;
          this.lastUpdateStatus = Date.now();
        }
        this.retryDue = false;
        this.errorReported = false;
        const result = await runHook(oc, d.hook, d.clearResolved ?? false);
        if (result === 'failed') {
          this.errorReported = true;
          return;
        }
        this.retryAttempt = 0;
        this.retryAt = undefined;
        if (result === 'committed' && (kind === 'leader-elected' || kind === 'leader-settings-changed'))
          this.leaderSettingsSeen = remote.leaderSettingsVersion;
        return;
      }
      case 'skip-hook':
        this.retryDue = false;
        this.retryAt = undefined;
        this.retryAttempt = 0;
        this.errorReported = false;
        await skipHook(oc, d.hook, d.clearResolved ?? false);
        return;
      case 'enter-scope': {
        const r = d.relation;
        try {
          await oc.api.enterScope(r.key);
        } catch (err) {
          if (!isJujuError(err, ErrorCode.NotValid) && !isJujuError(err, ErrorCode.NotFound)) throw err;
          this.log(
            'INFO',
            MODULE,
            `cannot enter scope of relation ${JSON.stringify(r.key)}: ${errorMessage(err)}`,
          );
          this.skippedScopes.add(r.id);
          return;
        }
        this.log('INFO', MODULE, `joined relation ${JSON.stringify(r.key)}`);
        this.persist({
          ...this.state,
          relations: {
            ...this.state.relations,
            [String(r.id)]: {
              id: r.id,
              key: r.key,
              endpoint: r.endpoint,
              remoteApp: r.remoteApp,
              isPeer: r.isPeer,
              implicit: r.implicit,
              created: false,
              members: {},
              appMembers: {},
              changedPending: '',
            },
          },
        });
        return;
      }
      case 'leave-scope': {
        const rel = this.state.relations[String(d.relationId)];
        if (rel !== undefined) await oc.api.leaveScope(rel.key);
        const relations = { ...this.state.relations };
        delete relations[String(d.relationId)];
        this.persist({ ...this.state, relations });
        return;
      }
      case 'run-action': {
        const cancel = new AbortController();
        this.runningAction = { id: d.actionId, cancel };
        try {
          if (!(await runAction(oc, d.actionId, cancel.signal))) this.skippedActions.add(d.actionId);
        } finally {
          this.runningAction = undefined;
          this.errorReported = false;
        }
        return;
      }
      case 'fail-action':
        this.errorReported = false;
        await failInterruptedAction(oc, d.actionId);
        return;
      case 'resign-leadership':
        this.log('INFO', MODULE, 'no longer the leader');
        this.persist({ ...this.state, leader: false });
        return;
      case 'wait':
      case 'terminate':
        return;
    }
  }

  private async deploy(
    oc: OperationContext,
    conn: ApiConnection,
    d: Extract<Decision, { kind: 'deploy' }>,
  ): Promise<void> {
    this.persist({
      ...this.state,
      op: {
        kind: 'deploy',
        upgrade: d.upgrade,
        charmUrl: d.charmUrl,
        modifiedVersion: d.modifiedVersion,
        sha256: d.sha256,
      },
    });
    await oc.setAgentStatus(
      'executing',
      d.upgrade ? 'upgrading charm software' : 'installing charm software',
    );
    try {
      await deployCharm({
        conn,
        modelUuid: oc.modelUuid,
        charmUrl: d.charmUrl,
        sha256: d.sha256,
        charmDir: this.paths.charmDir,
        stateDir: this.paths.stateDir,
        ...(this.httpAuth !== undefined ? { auth: this.httpAuth } : {}),
      });
    } catch (err) {
      if (conn.isClosed) throw err;
      const delay = backoffDelay(this.deployAttempt++, {
        initialMs: this.tuning.retryMinMs,
        maxMs: this.tuning.retryMaxMs,
      });
      this.log(
        'ERROR',
        MODULE,
        `cannot deploy charm ${JSON.stringify(d.charmUrl)}: ${errorMessage(err)}; retrying in ${(delay / 1000).toFixed(1)}s`,
      );
      await sleep(delay, this.stopCtl.signal);
      return;
    }
    this.deployAttempt = 0;
    await oc.api.setCharmUrl(d.charmUrl);
    this.log('INFO', MODULE, `deployed charm ${JSON.stringify(d.charmUrl)}`);
    this.persist({
      ...this.state,
      charmUrl: d.charmUrl,
      charmModifiedVersion: d.modifiedVersion,
      op: { kind: 'run-hook', step: 'queued', hook: { kind: d.upgrade ? 'upgrade-charm' : 'install' } },
    });
  }
}

function describeDecision(d: Decision): string {
  switch (d.kind) {
    case 'run-hook':
    case 'skip-hook': {
      const h = d.hook;
      const rel = h.relationId !== undefined ? ` relation ${h.relationId}` : '';
      const unit = h.remoteUnit
        ? ` ${h.remoteUnit}`
        : h.remoteApp && h.kind.startsWith('relation-')
          ? ` app ${h.remoteApp}`
          : '';
      return `${d.kind} ${h.kind}${rel}${unit}`;
    }
    case 'deploy':
      return `${d.upgrade ? 'upgrade' : 'install'} ${d.charmUrl}`;
    case 'enter-scope':
      return `enter scope ${d.relation.key}`;
    case 'leave-scope':
      return `leave scope ${d.relationId}`;
    case 'run-action':
    case 'fail-action':
      return `${d.kind} ${d.actionId}`;
    case 'resign-leadership':
    case 'terminate':
      return d.kind;
    case 'wait':
      return d.inError ? 'wait (hook error)' : 'wait';
  }
}
