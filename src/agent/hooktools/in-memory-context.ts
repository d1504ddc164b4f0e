/**
 * InMemoryHookContext: a complete HookContext over plain data. The unit agent fills
 * `HookContextData` from the controller before the hook, may pass a
 * `HookContextBackend` for what must reach the controller at call time (immediate
 * writes, lazy reads, secret content), and reads `changes()` after the hook exits.
 * Tests use it with data alone: the in-memory view then stands in for the controller.
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import { relationTag, unitTag } from '../../core/names.js';
import type {
  ActionInfo,
  ApplicationStatusInfo,
  BagScope,
  CloudSpec,
  ConfigValue,
  EndpointPortRange,
  GoalState,
  GroupedPortRanges,
  HookChanges,
  HookContext,
  Life,
  LogEntry,
  LogLevel,
  NetworkInfo,
  PortRange,
  RebootRequest,
  RelationInfo,
  RelationSettingsChange,
  RotatePolicy,
  SecretAccess,
  SecretConsumerUpdate,
  SecretContent,
  SecretGetArgs,
  SecretGrantArgs,
  SecretMetadata,
  SecretOwnerKind,
  SecretRevokeArgs,
  SecretUpsertArgs,
  Settings,
  SettingsChanges,
  StatusInfo,
  StorageAttachment,
} from './context.js';
import { formatPortRange, portRangesConflict, samePortRange } from './port-ranges.js';
import { newSecretId } from './secret-uri.js';
import { SecretsRecorder } from './secrets-recorder.js';

// ---- input data ----------------------------------------------------------------------

/** One relation as the agent knows it when the hook starts. */
export interface RelationData {
  readonly id: number;
  readonly endpoint: string;
  readonly remoteApp: string;
  /** Defaults to the unit's own model. */
  readonly remoteModelUuid?: string;
  readonly life?: Life;
  /** Relation key, e.g. `wordpress:db mysql:server` (scope of secret grants). */
  readonly key?: string;
  /** Remote units in scope (relation-list). */
  readonly members?: readonly string[];
  /** Settings of remote units, members and departed ones alike. */
  readonly unitSettings?: Readonly<Record<string, Settings>>;
  /** The remote application's bag. */
  readonly remoteAppSettings?: Settings;
  /** The local unit's bag as committed. */
  readonly localUnitSettings?: Settings;
  /** The local application's bag as committed (readable by the leader, or in peer relations). */
  readonly localAppSettings?: Settings;
}

/** A secret as the controller knows it, from this unit's point of view. */
export interface SecretRecord {
  /** Bare xid. */
  readonly id: string;
  readonly ownerKind: SecretOwnerKind;
  /** Owning application or unit name. */
  readonly ownerName: string;
  /** Owner label. */
  label?: string;
  description?: string;
  rotatePolicy?: RotatePolicy;
  /** RFC 3339 UTC expiry of the latest revision. */
  expireTime?: string;
  /** RFC 3339 UTC. */
  nextRotateTime?: string;
  /** Revision -> base64-encoded content. */
  readonly revisions: Record<number, SecretContent>;
  readonly access?: readonly SecretAccess[];
  /** This unit's consumer label. */
  consumerLabel?: string;
  /** This unit's tracked revision. */
  trackedRevision?: number;
}

/** Everything the context starts from. Optional fields default to "none". */
export interface HookContextData {
  readonly unitName: string;
  readonly modelUuid: string;
  readonly modelName: string;
  readonly modelType?: 'iaas' | 'caas' | undefined;
  /** `''` for actions. */
  readonly hookName?: string | undefined;
  /** Application config, unset options without default as null. */
  readonly config?: Readonly<Record<string, ConfigValue>> | undefined;
  readonly leader?: boolean | undefined;
  readonly leaderSettings?: Settings | undefined;
  readonly relations?: readonly RelationData[] | undefined;
  readonly hookRelationId?: number | undefined;
  readonly remoteUnit?: string | undefined;
  readonly remoteApp?: string | undefined;
  readonly privateAddress?: string | undefined;
  readonly publicAddress?: string | undefined;
  /** Binding name (`''` = default binding) -> network info. */
  readonly networkInfo?: Readonly<Record<string, NetworkInfo>> | undefined;
  /** Committed port ranges of every unit on the machine (this one included). */
  readonly machinePorts?: Readonly<Record<string, GroupedPortRanges>> | undefined;
  readonly unitStatus?: StatusInfo | undefined;
  readonly applicationStatus?: ApplicationStatusInfo | undefined;
  readonly action?: ActionInfo | undefined;
  readonly charmState?: Settings | undefined;
  readonly storage?: readonly StorageAttachment[] | undefined;
  readonly hookStorageId?: string | undefined;
  readonly secrets?: readonly SecretRecord[] | undefined;
  readonly goalState?: GoalState | undefined;
  /** Present only for trusted applications. */
  readonly cloudSpec?: CloudSpec | undefined;
  /** Resource name -> local path once downloaded. */
  readonly resources?: Readonly<Record<string, string>> | undefined;
}

/**
 * Optional calls into the agent for what happens at call time. Every member is
 * optional; without it the in-memory data is used (and updated).
 */
export interface HookContextBackend {
  // immediate writes (§5.2 right column)
  setUnitStatus?(status: StatusInfo): Promise<void>;
  setApplicationStatus?(status: StatusInfo): Promise<void>;
  setWorkloadVersion?(version: string): Promise<void>;
  /** Merge into leader settings (`''` deletes); throw to fail leader-set. */
  writeLeaderSettings?(changes: SettingsChanges): Promise<void>;
  log?(entry: LogEntry): void | Promise<void>;
  logActionMessage?(message: string): Promise<void>;
  /** `--now`: kill the hook process; the agent re-queues it and reboots. */
  rebootNow?(): Promise<void>;
  // leadership
  /** Claim/refresh the lease; false = not leader. Called on every leadership check. */
  claimLeadership?(): Promise<boolean>;
  readLeaderSettings?(): Promise<Settings>;
  // lazy reads
  readRemoteUnitSettings?(relationId: number, unit: string): Promise<Settings>;
  readRemoteAppSettings?(relationId: number, app: string): Promise<Settings>;
  networkInfo?(binding: string, relationId: number | undefined): Promise<NetworkInfo | undefined>;
  unitStatus?(): Promise<StatusInfo>;
  applicationStatus?(): Promise<ApplicationStatusInfo>;
  goalState?(): Promise<GoalState>;
  cloudSpec?(): Promise<CloudSpec>;
  downloadResource?(name: string): Promise<string>;
  // secrets
  /** A fresh secret xid (the controller hands them out in Juju). */
  newSecretId?(): Promise<string>;
  /** Content from the controller, applying --refresh/--peek/label bookkeeping there. */
  getSecretContent?(args: SecretGetArgs): Promise<SecretContent>;
}

// ---- helpers ---------------------------------------------------------------------------

const notFound = (what: string): JujuError => new JujuError(ErrorCode.NotFound, `${what} not found`);
const notLeader = (): JujuError => new JujuError(ErrorCode.NotLeader, 'this unit is not the leader');
const permissionDenied = (): JujuError => new JujuError(ErrorCode.Unauthorized, 'permission denied');
const notRunningAction = (): JujuError => new JujuError(ErrorCode.NotFound, 'not running an action');
const quote = (s: string): string => JSON.stringify(s);

const MAX_STATE_KEY = 256;
const MAX_STATE_VALUE = 64 * 1024;

function applyChanges(base: Settings, changes: SettingsChanges): Settings {
  const out = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

/** action-set's nested result maps: `a.b.c=v`; a non-map in the way is replaced. */
function addValueToMap(keys: readonly string[], value: string, target: Record<string, unknown>): void {
  let node = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  });
}

interface RelationState {
  readonly data: RelationData;
  unitChanges: SettingsChanges;
  appChanges: SettingsChanges | undefined;
  readonly remoteCache: Map<string, Settings>;
}

/** Per-hook pending port requests with Juju's conflict rules. */
class PortRecorder {
  readonly pendingOpen: GroupedPortRanges = {};
  readonly pendingClose: GroupedPortRanges = {};

  constructor(
    private readonly unit: string,
    private readonly modelType: 'iaas' | 'caas',
    private readonly machinePorts: Readonly<Record<string, GroupedPortRanges>>,
  ) {}

  private checkCaas(range: PortRange): void {
    if (this.modelType === 'caas' && range.from !== range.to) {
      throw new JujuError(
        ErrorCode.NotSupported,
        'port ranges are not supported for k8s applications, please specify a single port',
      );
    }
  }

  /** undefined = no conflict; `exists` = identical range on the same endpoint; else the clash text. */
  private conflict(
    endpoint: string,
    range: PortRange,
    otherUnit: string,
    otherRanges: GroupedPortRanges,
    againstPending: boolean,
  ): { exists: true } | { clash: string } | undefined {
    for (const [existingEndpoint, ranges] of Object.entries(otherRanges)) {
      for (const existing of ranges) {
        if (!portRangesConflict(range, existing)) continue;
        const detail = againstPending ? ' requested earlier' : '';
        const clash = `port range conflicts with ${formatPortRange(existing)} (unit ${quote(otherUnit)})${detail}`;
        if (otherUnit !== this.unit) return { clash };
        if (samePortRange(range, existing)) {
          if (endpoint !== existingEndpoint) continue;
          return { exists: true };
        }
        return { clash };
      }
    }
    return undefined;
  }

  private static remove(group: GroupedPortRanges, endpoint: string, range: PortRange): void {
    const list = group[endpoint];
    if (!list) return;
    const i = list.findIndex((r) => samePortRange(r, range));
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) delete group[endpoint];
  }

  open(endpoint: string, range: PortRange): void {
    this.checkCaas(range);
    PortRecorder.remove(this.pendingClose, endpoint, range);
    const fail = (text: string): JujuError =>
      new JujuError(
        ErrorCode.NotValid,
        `cannot open ${formatPortRange(range)} (unit ${quote(this.unit)}): ${text}`,
      );
    const pending = this.conflict(endpoint, range, this.unit, this.pendingOpen, true);
    if (pending && 'exists' in pending) return;
    if (pending) throw fail(pending.clash);
    for (const [otherUnit, ranges] of Object.entries(this.machinePorts)) {
      const c = this.conflict(endpoint, range, otherUnit, ranges, false);
      if (c && 'exists' in c) return;
      if (c) throw fail(c.clash);
    }
    (this.pendingOpen[endpoint] ??= []).push(range);
  }

  close(endpoint: string, range: PortRange): void {
    this.checkCaas(range);
    PortRecorder.remove(this.pendingOpen, endpoint, range);
    const fail = (text: string): JujuError =>
      new JujuError(
        ErrorCode.NotValid,
        `cannot close ${formatPortRange(range)} (unit ${quote(this.unit)}): ${text}`,
      );
    const pending = this.conflict(endpoint, range, this.unit, this.pendingClose, true);
    if (pending && 'exists' in pending) return;
    if (pending) throw fail(pending.clash);
    for (const [otherUnit, ranges] of Object.entries(this.machinePorts)) {
      const c = this.conflict(endpoint, range, otherUnit, ranges, false);
      if (c && 'clash' in c) throw fail(c.clash);
    }
    // Nothing open on the machine at all: closing is a no-op.
    if (Object.keys(this.machinePorts).length === 0) return;
    (this.pendingClose[endpoint] ??= []).push(range);
  }

  opened(): GroupedPortRanges {
    const result: GroupedPortRanges = {};
    for (const [ep, ranges] of Object.entries(this.machinePorts[this.unit] ?? {})) result[ep] = [...ranges];
    for (const [ep, ranges] of Object.entries(this.pendingOpen)) {
      for (const r of ranges) {
        const list = (result[ep] ??= []);
        if (!list.some((x) => samePortRange(x, r))) list.push(r);
      }
    }
    for (const [ep, ranges] of Object.entries(this.pendingClose)) {
      for (const r of ranges) PortRecorder.remove(result, ep, r);
    }
    return result;
  }

  flatten(group: GroupedPortRanges): EndpointPortRange[] {
    return Object.entries(group).flatMap(([endpoint, ranges]) =>
      ranges.map((range) => ({ endpoint, range })),
    );
  }
}

// ---- the context -----------------------------------------------------------------------

/** A HookContext over plain data; see the module comment. */
export class InMemoryHookContext implements HookContext {
  readonly unitName: string;
  readonly appName: string;
  readonly modelUuid: string;
  readonly modelName: string;
  readonly modelType: 'iaas' | 'caas';
  readonly hookName: string;

  private readonly relations = new Map<number, RelationState>();
  private readonly ports: PortRecorder;
  private readonly secrets: SecretsRecorder = new SecretsRecorder();
  private readonly secretRecords: SecretRecord[];
  private minion = false;
  private leaderSettingsCache: Settings | undefined;
  private unitStatusValue: StatusInfo | undefined;
  private charmStateValues: Settings | undefined;
  private charmStateDirty = false;
  private readonly storageAdds: { name: string; count: number }[] = [];
  private reboot: RebootRequest = 'none';
  private readonly actionResults: Record<string, unknown> = {};
  private actionMessage = '';
  private actionFailed = false;
  // immediate records
  private unitStatusSet = false;
  private lastUnitStatus: StatusInfo | undefined;
  private lastAppStatus: StatusInfo | undefined;
  private workloadVersion: string | undefined;
  private readonly leaderWrites: SettingsChanges[] = [];
  private readonly logs: LogEntry[] = [];
  private readonly actionLogs: string[] = [];
  private readonly consumerUpdates: SecretConsumerUpdate[] = [];

  constructor(
    private readonly data: HookContextData,
    private readonly backend: HookContextBackend = {},
  ) {
    this.unitName = data.unitName;
    this.appName = data.unitName.slice(0, data.unitName.lastIndexOf('/'));
    this.modelUuid = data.modelUuid;
    this.modelName = data.modelName;
    this.modelType = data.modelType ?? 'iaas';
    this.hookName = data.hookName ?? '';
    for (const r of data.relations ?? []) {
      this.relations.set(r.id, { data: r, unitChanges: {}, appChanges: undefined, remoteCache: new Map() });
    }
    this.ports = new PortRecorder(this.unitName, this.modelType, data.machinePorts ?? {});
    // Secret records are mutated by consumer bookkeeping; keep private copies.
    this.secretRecords = (data.secrets ?? []).map((s) => ({ ...s, revisions: { ...s.revisions } }));
  }

  // ---- config

  configSettings(): Promise<Record<string, ConfigValue>> {
    return Promise.resolve({ ...(this.data.config ?? {}) });
  }

  // ---- relations

  hookRelationId(): number | undefined {
    return this.data.hookRelationId;
  }

  remoteUnitName(): string | undefined {
    return this.data.remoteUnit === '' ? undefined : this.data.remoteUnit;
  }

  remoteAppName(): string | undefined {
    return this.data.remoteApp === '' ? undefined : this.data.remoteApp;
  }

  relationIds(): number[] {
    return [...this.relations.keys()];
  }

  private relationState(id: number): RelationState {
    const r = this.relations.get(id);
    if (!r) throw notFound('relation');
    return r;
  }

  relation(id: number): RelationInfo {
    const { data } = this.relationState(id);
    return {
      id: data.id,
      endpoint: data.endpoint,
      remoteApp: data.remoteApp,
      remoteModelUuid: data.remoteModelUuid ?? this.modelUuid,
      life: data.life ?? 'alive',
    };
  }

  relationUnits(id: number): string[] {
    return [...(this.relationState(id).data.members ?? [])].sort();
  }

  localRelationSettings(id: number, scope: BagScope): Promise<Settings> {
    const r = this.relationState(id);
    if (scope === 'unit') return Promise.resolve(applyChanges(r.data.localUnitSettings ?? {}, r.unitChanges));
    return Promise.resolve(applyChanges(r.data.localAppSettings ?? {}, r.appChanges ?? {}));
  }

  async updateLocalRelationSettings(id: number, scope: BagScope, changes: SettingsChanges): Promise<void> {
    const r = this.relationState(id);
    if (scope === 'app') {
      if (!(await this.isLeader())) throw permissionDenied();
      r.appChanges = { ...(r.appChanges ?? {}), ...changes };
    } else {
      r.unitChanges = { ...r.unitChanges, ...changes };
    }
  }

  async remoteRelationSettings(id: number, name: string, scope: BagScope): Promise<Settings> {
    const r = this.relationState(id);
    const cacheKey = `${scope}:${name}`;
    const cached = r.remoteCache.get(cacheKey);
    if (cached) return { ...cached };
    let settings: Settings;
    if (scope === 'unit') {
      if (this.backend.readRemoteUnitSettings) settings = await this.backend.readRemoteUnitSettings(id, name);
      else {
        const found = r.data.unitSettings?.[name];
        if (!found) throw permissionDenied();
        settings = { ...found };
      }
    } else if (this.backend.readRemoteAppSettings) {
      settings = await this.backend.readRemoteAppSettings(id, name);
    } else if (name === r.data.remoteApp) {
      settings = {
        ...(r.data.remoteApp === this.appName
          ? (r.data.localAppSettings ?? {})
          : (r.data.remoteAppSettings ?? {})),
      };
    } else {
      throw permissionDenied();
    }
    r.remoteCache.set(cacheKey, settings);
    return { ...settings };
  }

  // ---- addresses

  privateAddress(): Promise<string> {
    if (!this.data.privateAddress) return Promise.reject(notFound('private address'));
    return Promise.resolve(this.data.privateAddress);
  }

  publicAddress(): Promise<string> {
    if (!this.data.publicAddress) return Promise.reject(notFound('public address'));
    return Promise.resolve(this.data.publicAddress);
  }

  async networkInfo(binding: string, relationId: number | undefined): Promise<NetworkInfo | undefined> {
    if (this.backend.networkInfo) return this.backend.networkInfo(binding, relationId);
    return this.data.networkInfo?.[binding];
  }

  // ---- ports

  openPortRange(endpoint: string, range: PortRange): void {
    this.ports.open(endpoint, range);
  }

  closePortRange(endpoint: string, range: PortRange): void {
    this.ports.close(endpoint, range);
  }

  openedPortRanges(): GroupedPortRanges {
    return this.ports.opened();
  }

  // ---- status, version, logs

  async unitStatus(): Promise<StatusInfo> {
    if (this.unitStatusValue === undefined) {
      this.unitStatusValue = this.backend.unitStatus
        ? await this.backend.unitStatus()
        : (this.data.unitStatus ?? { status: 'unknown', message: '', data: {} });
    }
    return this.unitStatusValue;
  }

  async setUnitStatus(status: StatusInfo): Promise<void> {
    this.unitStatusSet = true;
    await this.backend.setUnitStatus?.(status);
    this.unitStatusValue = status;
    this.lastUnitStatus = status;
  }

  async applicationStatus(): Promise<ApplicationStatusInfo> {
    if (!(await this.isLeader())) throw notLeader();
    if (this.backend.applicationStatus) return this.backend.applicationStatus();
    if (this.data.applicationStatus) {
      const app = this.data.applicationStatus;
      return this.lastAppStatus ? { ...app, application: this.lastAppStatus } : app;
    }
    return {
      application: this.lastAppStatus ?? { status: 'unknown', message: '', data: {} },
      units: { [this.unitName]: await this.unitStatus() },
    };
  }

  async setApplicationStatus(status: StatusInfo): Promise<void> {
    if (!(await this.isLeader())) throw notLeader();
    await this.backend.setApplicationStatus?.(status);
    this.lastAppStatus = status;
  }

  async setWorkloadVersion(version: string): Promise<void> {
    await this.backend.setWorkloadVersion?.(version);
    this.workloadVersion = version;
  }

  async log(level: LogLevel, module: string, message: string): Promise<void> {
    const entry: LogEntry = { level, module, message, time: new Date() };
    this.logs.push(entry);
    await this.backend.log?.(entry);
  }

  // ---- leadership

  async isLeader(): Promise<boolean> {
    if (this.minion) return false;
    const leader = this.backend.claimLeadership
      ? await this.backend.claimLeadership()
      : (this.data.leader ?? false);
    if (!leader) this.minion = true;
    return leader;
  }

  async leaderSettings(): Promise<Settings> {
    if (this.leaderSettingsCache === undefined) {
      try {
        this.leaderSettingsCache = this.backend.readLeaderSettings
          ? await this.backend.readLeaderSettings()
          : { ...(this.data.leaderSettings ?? {}) };
      } catch (err) {
        throw new JujuError(ErrorCode.NotFound, `cannot read settings: ${(err as Error).message}`);
      }
    }
    return { ...this.leaderSettingsCache };
  }

  async writeLeaderSettings(changes: SettingsChanges): Promise<void> {
    const fail = (msg: string): JujuError =>
      new JujuError(ErrorCode.NotLeader, `cannot write settings: ${msg}`);
    if (!(await this.isLeader())) throw fail('not the leader');
    const base = this.leaderSettingsCache ?? { ...(this.data.leaderSettings ?? {}) };
    try {
      await this.backend.writeLeaderSettings?.(changes);
    } catch (err) {
      throw fail((err as Error).message);
    }
    this.leaderWrites.push({ ...changes });
    // Juju drops its cache here and re-reads the merged settings on the next leader-get.
    this.leaderSettingsCache = this.backend.readLeaderSettings ? undefined : applyChanges(base, changes);
  }

  // ---- actions

  action(): ActionInfo | undefined {
    return this.data.action;
  }

  private requireAction(): ActionInfo {
    if (!this.data.action) throw notRunningAction();
    return this.data.action;
  }

  actionParams(): Record<string, unknown> {
    return { ...this.requireAction().params };
  }

  updateActionResults(keys: readonly string[], value: string): void {
    this.requireAction();
    addValueToMap(keys, value, this.actionResults);
  }

  setActionMessage(message: string): void {
    this.requireAction();
    this.actionMessage = message;
  }

  setActionFailed(): void {
    this.requireAction();
    this.actionFailed = true;
  }

  async logActionMessage(message: string): Promise<void> {
    this.requireAction();
    await this.backend.logActionMessage?.(message);
    this.actionLogs.push(message);
  }

  // ---- charm state

  private state(): Settings {
    this.charmStateValues ??= { ...(this.data.charmState ?? {}) };
    return this.charmStateValues;
  }

  charmState(): Promise<Settings | null> {
    const state = this.state();
    return Promise.resolve(Object.keys(state).length === 0 ? null : { ...state });
  }

  charmStateValue(key: string): Promise<string | undefined> {
    return Promise.resolve(this.state()[key]);
  }

  setCharmStateValue(key: string, value: string): Promise<void> {
    if (Buffer.byteLength(key) > MAX_STATE_KEY) {
      return Promise.reject(
        new JujuError(ErrorCode.NotValid, `max allowed key length (${MAX_STATE_KEY}) exceeded`),
      );
    }
    if (Buffer.byteLength(value) > MAX_STATE_VALUE) {
      return Promise.reject(
        new JujuError(ErrorCode.NotValid, `max allowed value length (${MAX_STATE_VALUE}) exceeded`),
      );
    }
    const state = this.state();
    if (state[key] !== value) {
      state[key] = value;
      this.charmStateDirty = true;
    }
    return Promise.resolve();
  }

  deleteCharmStateValue(key: string): Promise<void> {
    const state = this.state();
    if (key in state) {
      delete state[key];
      this.charmStateDirty = true;
    }
    return Promise.resolve();
  }

  // ---- storage

  storageIds(): Promise<string[]> {
    return Promise.resolve((this.data.storage ?? []).map((s) => s.id));
  }

  hookStorageId(): string | undefined {
    return this.data.hookStorageId === '' ? undefined : this.data.hookStorageId;
  }

  storage(id: string): StorageAttachment {
    const found = (this.data.storage ?? []).find((s) => s.id === id);
    if (!found) throw notFound(`storage ${quote(id)}`);
    return found;
  }

  addUnitStorage(name: string, count: number): void {
    this.storageAdds.push({ name, count });
  }

  // ---- secrets

  private isOwned(rec: SecretRecord): boolean {
    return rec.ownerKind === 'application' ? rec.ownerName === this.appName : rec.ownerName === this.unitName;
  }

  private canRead(rec: SecretRecord): boolean {
    if (this.isOwned(rec)) return true;
    const targets = [`application-${this.appName}`, unitTag(this.unitName)];
    return (rec.access ?? []).some((a) => targets.includes(a.target));
  }

  private record(id: string): SecretRecord | undefined {
    return this.secretRecords.find((s) => s.id === id);
  }

  private static latestRevision(rec: SecretRecord): number {
    return Math.max(0, ...Object.keys(rec.revisions).map(Number));
  }

  /** Leadership check for managing an application-owned secret. */
  private async checkCanManage(owner: SecretOwnerKind): Promise<void> {
    if (owner === 'application' && !(await this.isLeader())) throw notLeader();
  }

  /** Owned secret (base data) or pending create; else not found / permission denied. */
  private ownedKind(id: string): SecretOwnerKind {
    const pending = this.secrets.creates.get(id);
    if (pending) return pending.owner;
    const rec = this.record(id);
    if (!rec) throw notFound(`secret ${quote(id)}`);
    if (!this.isOwned(rec)) throw permissionDenied();
    return rec.ownerKind;
  }

  async createSecret(owner: SecretOwnerKind, args: SecretUpsertArgs): Promise<string> {
    await this.checkCanManage(owner);
    const id = this.backend.newSecretId ? await this.backend.newSecretId() : newSecretId();
    this.secrets.create({ ...args, id, owner, content: { ...(args.content ?? {}) } });
    return id;
  }

  async updateSecret(id: string, args: SecretUpsertArgs): Promise<void> {
    await this.checkCanManage(this.ownedKind(id));
    const rec = this.record(id);
    this.secrets.update(id, rec ? InMemoryHookContext.latestRevision(rec) : 0, args);
  }

  async removeSecret(id: string, revision: number | undefined): Promise<void> {
    await this.checkCanManage(this.ownedKind(id));
    this.secrets.remove(id, revision);
  }

  async grantSecret(id: string, args: SecretGrantArgs): Promise<void> {
    const md = (await this.secretMetadata())[id];
    if (!md) throw notFound(`secret ${quote(id)}`);
    await this.checkCanManage(md.owner);
    const rel = this.relationState(args.relationId);
    const relationKey = this.relationKey(rel.data);
    const scope = relationTag(relationKey);
    const subject = args.unit !== undefined ? unitTag(args.unit) : `application-${rel.data.remoteApp}`;
    for (const g of md.access) {
      if (g.scope !== scope || g.role !== 'view') continue;
      if (g.target === subject) return;
      if (g.target.startsWith('application-')) return;
      if (args.unit === undefined) {
        throw new JujuError(
          ErrorCode.NotValid,
          'any unit level grants need to be revoked before granting access to the corresponding application',
        );
      }
    }
    this.secrets.grant({
      id,
      relationKey,
      application: rel.data.remoteApp,
      ...(args.unit !== undefined ? { unit: args.unit } : {}),
      role: 'view',
    });
  }

  async revokeSecret(id: string, args: SecretRevokeArgs): Promise<void> {
    const rec = this.record(id);
    if (rec && this.isOwned(rec)) await this.checkCanManage(rec.ownerKind);
    let application = args.application;
    if (args.relationId !== undefined && application === undefined) {
      application = this.relationState(args.relationId).data.remoteApp;
    }
    this.secrets.revoke({
      id,
      ...(application !== undefined ? { application } : {}),
      ...(args.unit !== undefined ? { unit: args.unit } : {}),
      role: 'view',
    });
  }

  private relationKey(r: RelationData): string {
    if (r.key) return r.key;
    return r.remoteApp === this.appName
      ? `${this.appName}:${r.endpoint}`
      : `${this.appName}:${r.endpoint} ${r.remoteApp}:${r.endpoint}`;
  }

  async secretMetadata(): Promise<Record<string, SecretMetadata>> {
    const result: Record<string, SecretMetadata> = {};
    for (const c of this.secrets.creates.values()) {
      result[c.id] = {
        owner: c.owner,
        label: c.label ?? '',
        description: c.description ?? '',
        rotatePolicy: c.rotatePolicy ?? '',
        latestRevision: 1,
        ...(c.expireTime !== undefined ? { latestExpireTime: c.expireTime } : {}),
        access: [],
      };
    }
    for (const rec of this.secretRecords) {
      if (!this.isOwned(rec) || this.secrets.deletes.has(rec.id)) continue;
      const u = this.secrets.updates.get(rec.id);
      const expire = u?.expireTime ?? rec.expireTime;
      result[rec.id] = {
        owner: rec.ownerKind,
        label: u?.label ?? rec.label ?? '',
        description: u?.description ?? rec.description ?? '',
        rotatePolicy: u?.rotatePolicy ?? rec.rotatePolicy ?? '',
        latestRevision: InMemoryHookContext.latestRevision(rec),
        ...(expire !== undefined ? { latestExpireTime: expire } : {}),
        ...(rec.nextRotateTime !== undefined ? { nextRotateTime: rec.nextRotateTime } : {}),
        access: [...(rec.access ?? [])],
      };
    }
    for (const [id, md] of Object.entries(result)) {
      result[id] = { ...md, access: this.mergePendingAccess(id, md.access) };
    }
    return Promise.resolve(result);
  }

  private mergePendingAccess(id: string, applied: readonly SecretAccess[]): SecretAccess[] {
    const out = [...applied];
    for (const g of this.secrets.grants.get(id)?.values() ?? []) {
      out.push({
        target: g.unit !== undefined ? unitTag(g.unit) : `application-${g.application ?? ''}`,
        scope: relationTag(g.relationKey ?? ''),
        role: g.role,
      });
    }
    for (const r of this.secrets.revokes.get(id) ?? []) {
      const target = r.unit !== undefined ? unitTag(r.unit) : `application-${r.application ?? ''}`;
      const i = out.findIndex((a) => a.target === target && a.role === r.role);
      if (i >= 0) out.splice(i, 1);
    }
    return out;
  }

  /** Pending content for secret-get (§5.2 read-your-writes rules). */
  private pendingSecretValue(
    id: string | undefined,
    label: string | undefined,
    refresh: boolean,
    peek: boolean,
  ) {
    for (const c of this.secrets.creates.values()) {
      if (id !== undefined && c.id === id) {
        if (label) c.label = label;
        return c.content;
      }
      if (label && c.label === label) return c.content;
    }
    if (!refresh && !peek) return undefined;
    for (const u of this.secrets.updates.values()) {
      if ((id !== undefined && u.id === id) || (label && u.label === label)) {
        if (id !== undefined && u.id === id && label) u.label = label;
        if (refresh) this.secrets.trackLatest.add(u.id);
        if (u.content && Object.keys(u.content).length > 0) return u.content;
        return undefined;
      }
    }
    return undefined;
  }

  async getSecret(args: SecretGetArgs): Promise<SecretContent> {
    let { id, label } = args;
    const { refresh, peek } = args;
    if (id === undefined && !label) throw new JujuError(ErrorCode.NotValid, 'empty URI and label not valid');
    const pending =
      (id !== undefined ? this.pendingSecretValue(id, label, refresh, peek) : undefined) ??
      (label ? this.pendingSecretValue(undefined, label, refresh, peek) : undefined);
    if (pending) return { ...pending };
    if (id === undefined && label) {
      const owned = Object.entries(await this.secretMetadata()).find(([, md]) => md.label === label);
      const pendingUpdate = [...this.secrets.updates.values()].find((u) => u.label === label);
      const ownedId = owned?.[0] ?? pendingUpdate?.id;
      if (ownedId !== undefined) {
        id = ownedId;
        label = undefined;
      }
    }
    const request: SecretGetArgs = {
      ...(id !== undefined ? { id } : {}),
      ...(label ? { label } : {}),
      refresh,
      peek,
    };
    if (this.backend.getSecretContent) return this.backend.getSecretContent(request);
    return this.readSecretInMemory(request);
  }

  /** The controller's side of secret-get, over the in-memory records. */
  private readSecretInMemory(args: SecretGetArgs): SecretContent {
    let rec: SecretRecord | undefined;
    if (args.id !== undefined) {
      rec = this.record(args.id);
      if (!rec) throw notFound(`secret ${quote(args.id)}`);
      if (!this.canRead(rec)) throw permissionDenied();
      if (args.label) {
        if (this.isOwned(rec)) rec.label = args.label;
        else rec.consumerLabel = args.label;
        this.consumerUpdates.push({ id: rec.id, label: args.label });
      }
    } else {
      rec = this.secretRecords.find((s) => s.consumerLabel === args.label);
      if (!rec) throw notFound(`consumer label ${quote(args.label ?? '')}`);
    }
    const latest = InMemoryHookContext.latestRevision(rec);
    let revision = rec.trackedRevision;
    if (args.peek) revision = latest;
    else if (args.refresh || revision === undefined) {
      revision = latest;
      rec.trackedRevision = latest;
      this.consumerUpdates.push({ id: rec.id, trackedRevision: latest });
    }
    const content = rec.revisions[revision];
    if (!content) throw notFound(`secret revision ${revision}`);
    return { ...content };
  }

  // ---- misc

  async goalState(): Promise<GoalState> {
    if (this.backend.goalState) return this.backend.goalState();
    return this.data.goalState ?? { units: {}, relations: {} };
  }

  async cloudSpec(): Promise<CloudSpec> {
    if (this.backend.cloudSpec) return this.backend.cloudSpec();
    if (!this.data.cloudSpec) throw permissionDenied();
    return this.data.cloudSpec;
  }

  async downloadResource(name: string): Promise<string> {
    if (this.backend.downloadResource) return this.backend.downloadResource(name);
    const path = this.data.resources?.[name];
    if (path === undefined) throw notFound(`resource ${quote(name)}`);
    return path;
  }

  async requestReboot(request: Exclude<RebootRequest, 'none'>): Promise<void> {
    this.reboot = request;
    if (request === 'now' && this.backend.rebootNow) {
      try {
        await this.backend.rebootNow();
      } catch (err) {
        this.reboot = 'none';
        throw err;
      }
    }
  }

  // ---- output

  /** Everything this hook did through the tools; see HookChanges. */
  changes(): HookChanges {
    const relationSettings: RelationSettingsChange[] = [];
    for (const [id, r] of [...this.relations.entries()].sort((a, b) => a[0] - b[0])) {
      const hasUnit = Object.keys(r.unitChanges).length > 0;
      if (!hasUnit && r.appChanges === undefined) continue;
      relationSettings.push({
        relationId: id,
        unit: { ...r.unitChanges },
        ...(r.appChanges !== undefined ? { app: { ...r.appChanges } } : {}),
      });
    }
    const secrets = this.secrets.snapshot();
    const action = this.data.action
      ? {
          action: {
            results: structuredClone(this.actionResults),
            message: this.actionMessage,
            failed: this.actionFailed,
          },
        }
      : {};
    return {
      buffered: {
        relationSettings,
        openPorts: this.ports.flatten(this.ports.pendingOpen),
        closePorts: this.ports.flatten(this.ports.pendingClose),
        ...(this.charmStateDirty ? { charmState: { ...this.state() } } : {}),
        storageAdd: this.storageAdds.map((s) => ({ ...s })),
        secretCreates: secrets.creates,
        secretUpdates: secrets.updates,
        secretDeletes: secrets.deletes,
        secretGrants: secrets.grants,
        secretRevokes: secrets.revokes,
        secretTrackLatest: secrets.trackLatest,
        reboot: this.reboot,
        updateNetworkInfo: this.hookName === 'config-changed',
      },
      immediate: {
        unitStatusSet: this.unitStatusSet,
        ...(this.lastUnitStatus ? { unitStatus: this.lastUnitStatus } : {}),
        ...(this.lastAppStatus ? { applicationStatus: this.lastAppStatus } : {}),
        ...(this.workloadVersion !== undefined ? { workloadVersion: this.workloadVersion } : {}),
        leaderSettings: this.leaderWrites.map((w) => ({ ...w })),
        logs: [...this.logs],
        actionLogs: [...this.actionLogs],
        secretConsumerUpdates: [...this.consumerUpdates],
      },
      ...action,
    };
  }
}
