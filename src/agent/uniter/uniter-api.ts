/**
 * The unit agent's client of the `Uniter` and `LeadershipService` facades:
 * one typed method per call, each unwrapping the single bulk entry it sends
 * (so a per-entry error is thrown as the JujuError it carries).
 */
import type { ApiConnection } from '../../api/connection.js';
import type {
  ListSecretResult,
  SecretContentResult,
  SecretsRemoteStateResult,
} from '../../rpc/params/secrets.js';
import type { SecretsSnapshot } from './secret-resolver.js';
import { actionTag, applicationTag, machineTag, relationTag, unitTag } from '../../core/names.js';
import { errorFromResult, type ErrorResult } from '../../rpc/errors.js';
import type {
  ActionResult,
  ActionSpec,
  ApplicationStatusResult,
  CommitHookChangesArg,
  ConfigSettingsResult,
  GoalState,
  GoalStateResult,
  LeaderSettingsResult,
  ModelResult,
  NetworkInfoResult,
  NetworkInfoResults,
  NotifyWatchResult,
  OpenPortRangesByEndpointResult,
  RemoteState,
  RemoteStateResult,
  SettingsResult,
  StatusResult,
  StringResult,
  UnitStateResult,
} from '../../rpc/params/uniter.js';

const UNITER = 'Uniter';
const UNITER_VERSIONS = [18, 19];
const LEADERSHIP = 'LeadershipService';

/** A status to set: status word, message, data. */
export interface StatusArgs {
  readonly status: string;
  readonly info?: string;
  readonly data?: Record<string, unknown>;
}

/** The one entry of a bulk reply, or its error thrown. */
function single<T extends ErrorResult>(reply: { results?: T[] } | undefined): T {
  const entry = reply?.results?.[0];
  if (entry === undefined) throw new Error('unexpected empty bulk reply');
  const err = errorFromResult(entry);
  if (err !== null) throw err;
  return entry;
}

export class UniterApi {
  readonly unitTag: string;
  readonly applicationTag: string;
  private readonly version: number;

  constructor(
    readonly conn: ApiConnection,
    readonly unitName: string,
  ) {
    this.unitTag = unitTag(unitName);
    this.applicationTag = applicationTag(unitName.slice(0, unitName.lastIndexOf('/')));
    this.version = conn.bestVersion(UNITER, UNITER_VERSIONS) || 19;
  }

  private call<T>(method: string, params?: unknown): Promise<T> {
    return this.conn.call<T>(UNITER, method, params, { version: this.version });
  }

  private async unitCall<T extends ErrorResult>(method: string): Promise<T> {
    return single(await this.call<{ results: T[] }>(method, { entities: [{ tag: this.unitTag }] }));
  }

  private async errorsCall(method: string, params: unknown): Promise<void> {
    single(await this.call<{ results: ErrorResult[] }>(method, params));
  }

  async remoteState(): Promise<RemoteState> {
    const r = await this.unitCall<RemoteStateResult>('RemoteState');
    if (r.result === undefined) throw new Error('empty remote state');
    return r.result;
  }

  async watchRemoteState(): Promise<string> {
    const r = await this.unitCall<NotifyWatchResult>('WatchRemoteState');
    return r['notify-watcher-id'] ?? '';
  }

  /** Blocks until the watcher fires. */
  async watcherNext(id: string): Promise<void> {
    await this.conn.call('NotifyWatcher', 'Next', undefined, { version: 1, id });
  }

  async watcherStop(id: string): Promise<void> {
    await this.conn.call('NotifyWatcher', 'Stop', undefined, { version: 1, id });
  }

  async currentModel(): Promise<ModelResult> {
    return this.call<ModelResult>('CurrentModel');
  }

  async modelConfig(): Promise<Record<string, unknown>> {
    return (await this.call<{ config: Record<string, unknown> }>('ModelConfig')).config;
  }

  setAgentStatus(s: StatusArgs): Promise<void> {
    return this.errorsCall('SetAgentStatus', {
      entities: [{ tag: this.unitTag, status: s.status, info: s.info ?? '', data: s.data ?? {} }],
    });
  }

  setUnitStatus(s: StatusArgs): Promise<void> {
    return this.errorsCall('SetUnitStatus', {
      entities: [{ tag: this.unitTag, status: s.status, info: s.info ?? '', data: s.data ?? {} }],
    });
  }

  setApplicationStatus(s: StatusArgs): Promise<void> {
    return this.errorsCall('SetApplicationStatus', {
      entities: [{ tag: this.unitTag, status: s.status, info: s.info ?? '', data: s.data ?? {} }],
    });
  }

  unitStatus(): Promise<StatusResult> {
    return this.unitCall<StatusResult>('UnitStatus');
  }

  applicationStatus(): Promise<ApplicationStatusResult> {
    return this.unitCall<ApplicationStatusResult>('ApplicationStatus');
  }

  setWorkloadVersion(version: string): Promise<void> {
    return this.errorsCall('SetWorkloadVersion', {
      entities: [{ tag: this.unitTag, 'workload-version': version }],
    });
  }

  setCharmUrl(url: string): Promise<void> {
    return this.errorsCall('SetCharmURL', { entities: [{ tag: this.unitTag, 'charm-url': url }] });
  }

  async charmArchiveSha256(url: string): Promise<string> {
    return (
      single(await this.call<{ results: StringResult[] }>('CharmArchiveSha256', { urls: [{ url }] }))
        .result ?? ''
    );
  }

  async configSettings(): Promise<Record<string, unknown>> {
    return (await this.unitCall<ConfigSettingsResult>('ConfigSettings')).settings ?? {};
  }

  async privateAddress(): Promise<string> {
    return (await this.unitCall<StringResult>('PrivateAddress')).result ?? '';
  }

  async publicAddress(): Promise<string> {
    return (await this.unitCall<StringResult>('PublicAddress')).result ?? '';
  }

  async networkInfo(bindings: string[], relationId?: number): Promise<Record<string, NetworkInfoResult>> {
    const r = await this.call<NetworkInfoResults>('NetworkInfo', {
      unit: this.unitTag,
      endpoints: bindings,
      ...(relationId !== undefined ? { 'relation-id': relationId } : {}),
    });
    return r.results ?? {};
  }

  async openedMachinePorts(machineId: string): Promise<OpenPortRangesByEndpointResult['unit-port-ranges']> {
    const r = await this.call<{ results: OpenPortRangesByEndpointResult[] }>(
      'OpenedMachinePortRangesByEndpoint',
      {
        entities: [{ tag: machineTag(machineId) }],
      },
    );
    return single(r)['unit-port-ranges'] ?? {};
  }

  enterScope(relationKey: string): Promise<void> {
    return this.errorsCall('EnterScope', {
      'relation-units': [{ relation: relationTag(relationKey), unit: this.unitTag }],
    });
  }

  leaveScope(relationKey: string): Promise<void> {
    return this.errorsCall('LeaveScope', {
      'relation-units': [{ relation: relationTag(relationKey), unit: this.unitTag }],
    });
  }

  /**
   * The unit's own bag (`app` false) or its application's bag (`app` true) in
   * each relation; an entry is undefined where it cannot be read.
   */
  async readLocalSettings(
    relationKeys: readonly string[],
    app: boolean,
  ): Promise<(Record<string, string> | undefined)[]> {
    if (relationKeys.length === 0) return [];
    const r = await this.call<{ results: SettingsResult[] }>('ReadSettings', {
      'relation-units': relationKeys.map((key) => ({
        relation: relationTag(key),
        unit: app ? this.applicationTag : this.unitTag,
      })),
    });
    return (r.results ?? []).map((e) => (e.error ? undefined : (e.settings ?? {})));
  }

  /** A remote unit's (`unit-…`) or application's (`application-…`) bag. */
  async readRemoteSettings(relationKey: string, remoteTag: string): Promise<Record<string, string>> {
    const r = await this.call<{ results: SettingsResult[] }>('ReadRemoteSettings', {
      'relation-unit-pairs': [
        { relation: relationTag(relationKey), 'local-unit': this.unitTag, 'remote-unit': remoteTag },
      ],
    });
    return single(r).settings ?? {};
  }

  commitHookChanges(arg: Omit<CommitHookChangesArg, 'tag'>): Promise<void> {
    return this.errorsCall('CommitHookChanges', { args: [{ tag: this.unitTag, ...arg }] });
  }

  async charmState(): Promise<Record<string, string>> {
    return (await this.unitCall<UnitStateResult>('State'))['charm-state'] ?? {};
  }

  clearResolved(): Promise<void> {
    return this.errorsCall('ClearResolved', { entities: [{ tag: this.unitTag }] });
  }

  ensureDead(): Promise<void> {
    return this.errorsCall('EnsureDead', { entities: [{ tag: this.unitTag }] });
  }

  async action(id: string): Promise<ActionSpec> {
    const r = single(
      await this.call<{ results: ActionResult[] }>('Actions', { entities: [{ tag: actionTag(id) }] }),
    );
    if (r.action === undefined) throw new Error(`action ${id} has no details`);
    return r.action;
  }

  beginAction(id: string): Promise<void> {
    return this.errorsCall('BeginActions', { entities: [{ tag: actionTag(id) }] });
  }

  finishAction(id: string, status: string, results: Record<string, unknown>, message: string): Promise<void> {
    return this.errorsCall('FinishActions', {
      results: [{ 'action-tag': actionTag(id), status, results, message }],
    });
  }

  logActionMessage(id: string, message: string): Promise<void> {
    return this.errorsCall('LogActionsMessages', { messages: [{ tag: actionTag(id), value: message }] });
  }

  async goalState(): Promise<GoalState> {
    return (await this.unitCall<GoalStateResult>('GoalStates')).result ?? { units: {}, relations: {} };
  }

  async leaderSettings(): Promise<{ settings: Record<string, string>; version: number }> {
    const r = await this.unitCall<LeaderSettingsResult>('ReadLeaderSettings');
    return { settings: r.settings ?? {}, version: r.version ?? 0 };
  }

  mergeLeaderSettings(settings: Record<string, string>): Promise<void> {
    return this.errorsCall('MergeLeaderSettings', {
      params: [{ 'application-tag': this.applicationTag, 'unit-tag': this.unitTag, settings }],
    });
  }

  // ---- SecretsManager

  private secretsCall<T>(method: string, params?: unknown): Promise<T> {
    const version = this.conn.bestVersion('SecretsManager', [1, 2]) || 2;
    return this.conn.call<T>('SecretsManager', method, params, { version });
  }

  /** `count` fresh bare secret ids from the controller. */
  async createSecretIds(count: number): Promise<string[]> {
    const r = await this.secretsCall<{ results: StringResult[] }>('CreateSecretURIs', { count });
    return (r.results ?? []).map((e) => {
      const err = errorFromResult(e);
      if (err !== null) throw err;
      return (e.result ?? '').replace(/^secret:/, '');
    });
  }

  /** secret-get on the controller (tracking applied there); base64 values. */
  async secretContent(args: {
    id?: string;
    label?: string;
    refresh: boolean;
    peek: boolean;
  }): Promise<Record<string, string>> {
    const r = single(
      await this.secretsCall<{ results: SecretContentResult[] }>('GetSecretContentInfo', {
        args: [
          {
            ...(args.id !== undefined ? { uri: `secret:${args.id}` } : {}),
            ...(args.label !== undefined ? { label: args.label } : {}),
            refresh: args.refresh,
            peek: args.peek,
          },
        ],
      }),
    );
    return { ...(r.content?.data ?? {}) };
  }

  /** Secrets owned by this unit or its application. */
  async ownedSecrets(): Promise<ListSecretResult[]> {
    return (await this.secretsCall<{ results?: ListSecretResult[] }>('GetSecretMetadata')).results ?? [];
  }

  async watchSecretsRemoteState(): Promise<string> {
    const r = single(
      await this.secretsCall<{ results: NotifyWatchResult[] }>('WatchSecretsRemoteState', {
        entities: [{ tag: this.unitTag }],
      }),
    );
    return r['notify-watcher-id'] ?? '';
  }

  async secretsRemoteState(): Promise<SecretsSnapshot> {
    const r = single(
      await this.secretsCall<{ results: SecretsRemoteStateResult[] }>('SecretsRemoteState', {
        entities: [{ tag: this.unitTag }],
      }),
    ).result ?? { consumed: [], obsolete: [] };
    const bare = (uri: string): string => uri.replace(/^secret:/, '');
    return {
      consumed: r.consumed.map((c) => ({
        id: bare(c.uri),
        label: c.label,
        currentRevision: c['current-revision'],
        latestRevision: c['latest-revision'],
      })),
      obsolete: r.obsolete.map((o) => ({
        id: bare(o.uri),
        label: o.label,
        ownerKind: o['owner-kind'] === 'unit' ? 'unit' : 'application',
        revisions: [...o.revisions],
      })),
      rotate: (r.rotate ?? []).map((d) => ({
        id: bare(d.uri),
        label: d.label,
        ownerKind: d['owner-kind'] === 'unit' ? 'unit' : 'application',
        nextRotateTime: d['next-rotate-time'],
        latestRevision: d['latest-revision'],
      })),
      expired: (r.expired ?? []).map((e) => ({
        id: bare(e.uri),
        label: e.label,
        ownerKind: e['owner-kind'] === 'unit' ? 'unit' : 'application',
        revision: e.revision,
        dueTime: e['due-time'],
      })),
      ...(r['next-due-time'] !== undefined && r['next-due-time'] !== ''
        ? { nextDueTime: r['next-due-time'] }
        : {}),
    };
  }

  /** After a secret-rotate hook: lets the controller schedule the next rotation. */
  async secretsRotated(id: string, originalRevision: number): Promise<void> {
    single(
      await this.secretsCall<{ results: ErrorResult[] }>('SecretsRotated', {
        args: [{ uri: `secret:${id}`, 'original-revision': originalRevision }],
      }),
    );
  }

  /** Claims or extends leadership for `seconds`; false when another unit leads. */
  async claimLeadership(seconds: number): Promise<boolean> {
    const r = await this.conn.call<{ results: ErrorResult[] }>(
      LEADERSHIP,
      'ClaimLeadership',
      { params: [{ 'application-tag': this.applicationTag, 'unit-tag': this.unitTag, duration: seconds }] },
      { version: 2 },
    );
    const err = errorFromResult(r.results?.[0] ?? {});
    if (err === null) return true;
    if (err.code === 'leadership claim denied') return false;
    throw err;
  }

  /** Blocks until the application has no leader. */
  async blockUntilLeadershipReleased(): Promise<void> {
    const app = this.applicationTag.slice('application-'.length);
    const r = await this.conn.call<ErrorResult>(
      LEADERSHIP,
      'BlockUntilLeadershipReleased',
      { Name: app },
      { version: 2 },
    );
    const err = errorFromResult(r ?? {});
    if (err !== null) throw err;
  }
}
