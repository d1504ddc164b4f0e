/**
 * The hook context: everything the hook tools read and write while one hook (or
 * action) runs, and the single `HookChanges` record the unit agent commits when the
 * hook process exits 0 (charm-contract.md §4, §5.2, §6, §7).
 *
 * The unit agent fills an `InMemoryHookContext` (in-memory-context.ts) from the
 * controller before the hook, optionally wires a `HookContextBackend` for the calls
 * that must reach the controller at call time (immediate writes, lazy reads), runs the
 * hook, and then reads `changes()`.
 *
 * Errors thrown by a context are `JujuError`s whose message is exactly what the tool
 * prints after `ERROR ` (charms parse some of these texts).
 */

/** A charm config value as `config-get` prints it; `null` = unset without default. */
export type ConfigValue = string | number | boolean | null;

/** A string-to-string settings bag (relation data, leader settings, charm state). */
export type Settings = Record<string, string>;

/** Setting changes: key -> new value, where `''` means "delete the key" (Juju's wire form). */
export type SettingsChanges = Record<string, string>;

/** Which bag of a relation: the local unit's or the local application's. */
export type BagScope = 'unit' | 'app';

/** Life of a relation as the uniter sees it; dead relations are hidden from relation-ids. */
export type Life = 'alive' | 'dying' | 'dead';

/** Static facts about one relation the unit takes part in. */
export interface RelationInfo {
  readonly id: number;
  /** Local endpoint name, e.g. `db`. */
  readonly endpoint: string;
  /** Application on the other end (the own application for peer relations). */
  readonly remoteApp: string;
  /** UUID of the model hosting the remote application (cross-model relations). */
  readonly remoteModelUuid: string;
  readonly life: Life;
}

/** A workload status as set by `status-set` / read by `status-get`. */
export interface StatusInfo {
  readonly status: string;
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** `status-get --application`: the application status plus each unit's. */
export interface ApplicationStatusInfo {
  readonly application: StatusInfo;
  /** Unit name -> status. */
  readonly units: Readonly<Record<string, StatusInfo>>;
}

/** `tcp`/`udp` port range, or `icmp` (from = to = -1). */
export interface PortRange {
  readonly from: number;
  readonly to: number;
  readonly protocol: 'tcp' | 'udp' | 'icmp';
}

/** Port ranges per endpoint name; endpoint `''` means "all endpoints". */
export type GroupedPortRanges = Record<string, PortRange[]>;

/** One port request in a commit. */
export interface EndpointPortRange {
  readonly endpoint: string;
  readonly range: PortRange;
}

/** One address of an interface (network-get). */
export interface InterfaceAddress {
  readonly hostname: string;
  readonly value: string;
  readonly cidr: string;
}

/** One interface of a binding (network-get `bind-addresses`). */
export interface BindAddress {
  readonly macAddress: string;
  readonly interfaceName: string;
  readonly addresses: readonly InterfaceAddress[];
}

/** Network information of one binding (endpoint or extra-binding; `''` = default). */
export interface NetworkInfo {
  readonly bindAddresses: readonly BindAddress[];
  readonly egressSubnets: readonly string[];
  readonly ingressAddresses: readonly string[];
}

/** A storage instance attached to the unit. */
export interface StorageAttachment {
  /** `data/0`. */
  readonly id: string;
  readonly kind: 'filesystem' | 'block';
  /** Mount point (filesystem) or device path (block). */
  readonly location: string;
}

/** The action being run, when the context is an action context. */
export interface ActionInfo {
  readonly name: string;
  /** `JUJU_ACTION_UUID` (the id part of the action tag). */
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Log levels `juju-log` accepts (loggo names). */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** One log record sent by `juju-log` (module `unit.<unit>.juju-log`). */
export interface LogEntry {
  readonly level: LogLevel;
  readonly module: string;
  readonly message: string;
  readonly time: Date;
}

/** `goal-state` entry: status word plus `since` (`YYYY-MM-DD HH:MM:SSZ`). */
export interface GoalStateStatus {
  readonly status: string;
  readonly since: string;
}

/** `goal-state`: units of the application and, per endpoint, related apps and units. */
export interface GoalState {
  readonly units: Readonly<Record<string, GoalStateStatus>>;
  readonly relations: Readonly<Record<string, Readonly<Record<string, GoalStateStatus>>>>;
}

/** The cloud spec `credential-get` prints (already in wire shape, kebab-case keys). */
export type CloudSpec = Readonly<Record<string, unknown>>;

/** `juju-reboot` request. */
export type RebootRequest = 'none' | 'after-hook' | 'now';

// ---- secrets -------------------------------------------------------------------------

export type SecretOwnerKind = 'application' | 'unit';
export type RotatePolicy = 'never' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';
export const ROTATE_POLICIES: readonly RotatePolicy[] = [
  'never',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
];

/** One access grant on a secret (tags, as Juju reports them). */
export interface SecretAccess {
  /** `application-wordpress` or `unit-wordpress-0`. */
  readonly target: string;
  /** Relation tag the grant is tied to, e.g. `relation-wordpress.db#mysql.server`. */
  readonly scope: string;
  readonly role: 'view' | 'manage';
}

/** Metadata of a secret owned by this unit or its application (secret-info-get/ids). */
export interface SecretMetadata {
  readonly owner: SecretOwnerKind;
  readonly label: string;
  readonly description: string;
  readonly rotatePolicy: RotatePolicy | '';
  readonly latestRevision: number;
  /** RFC 3339 UTC. */
  readonly latestExpireTime?: string;
  /** RFC 3339 UTC. */
  readonly nextRotateTime?: string;
  readonly access: readonly SecretAccess[];
}

/** Secret content: key -> base64-encoded value (Juju stores and moves it encoded). */
export type SecretContent = Record<string, string>;

/** Fields of `secret-add`/`secret-set`; undefined = not given. */
export interface SecretUpsertArgs {
  /** Base64-encoded values; undefined or empty = no new content. */
  readonly content?: SecretContent;
  readonly label?: string;
  readonly description?: string;
  readonly rotatePolicy?: RotatePolicy;
  /** RFC 3339 UTC. */
  readonly expireTime?: string;
}

/** A secret created in this hook. */
export interface SecretCreate extends SecretUpsertArgs {
  /** Bare xid. */
  readonly id: string;
  readonly owner: SecretOwnerKind;
  readonly content: SecretContent;
}

/** An update of an existing secret (fields merged over all calls of the hook). */
export interface SecretUpdate extends SecretUpsertArgs {
  readonly id: string;
  /** Latest revision known when the hook started (the controller checks it). */
  readonly currentRevision: number;
}

/** A removal: whole secret (`revisions` undefined) or some revisions. */
export interface SecretDelete {
  readonly id: string;
  readonly revisions?: readonly number[];
}

/** A grant or revoke. */
export interface SecretGrantChange {
  readonly id: string;
  /** Relation key of the grant's scope, e.g. `wordpress:db mysql:server`. */
  readonly relationKey?: string;
  readonly application?: string;
  readonly unit?: string;
  readonly role: 'view';
}

/** How `secret-get` names the secret. */
export interface SecretGetArgs {
  /** Bare xid, if given. */
  readonly id?: string;
  readonly label?: string;
  readonly refresh: boolean;
  readonly peek: boolean;
}

/** `secret-grant` target. */
export interface SecretGrantArgs {
  readonly relationId: number;
  readonly unit?: string;
}

/** `secret-revoke` target (exactly one of application/unit after defaults). */
export interface SecretRevokeArgs {
  readonly application?: string;
  readonly unit?: string;
  readonly relationId?: number;
}

// ---- the context ---------------------------------------------------------------------

/**
 * What the hook tools need from the unit agent during one hook. Methods marked
 * "sync" are called during flag parsing and must not need the network.
 */
export interface HookContext {
  /** `mysql/0`. */
  readonly unitName: string;
  /** `mysql`. */
  readonly appName: string;
  readonly modelUuid: string;
  readonly modelName: string;
  readonly modelType: 'iaas' | 'caas';
  /** Hook name (`''` for actions). */
  readonly hookName: string;

  /** Application config; unset options without default are present as `null`. */
  configSettings(): Promise<Record<string, ConfigValue>>;

  // relations (sync)
  /** The relation of the running relation hook. */
  hookRelationId(): number | undefined;
  /** `JUJU_REMOTE_UNIT` of the hook (undefined when empty). */
  remoteUnitName(): string | undefined;
  /** `JUJU_REMOTE_APP` of the hook (undefined when empty). */
  remoteAppName(): string | undefined;
  /** Ids of all relations the unit takes part in (any life). */
  relationIds(): number[];
  /** @throws JujuError `relation not found`. Sync. */
  relation(id: number): RelationInfo;
  /** Remote units in scope of relation `id` (sorted). */
  relationUnits(id: number): string[];
  /** The local unit's or application's bag, with this hook's pending writes applied. */
  localRelationSettings(id: number, scope: BagScope): Promise<Settings>;
  /** Buffer changes (`''` deletes) to the local unit's or application's bag. */
  updateLocalRelationSettings(id: number, scope: BagScope, changes: SettingsChanges): Promise<void>;
  /** Another unit's or application's bag, as the controller returns it (cached per hook). */
  remoteRelationSettings(id: number, name: string, scope: BagScope): Promise<Settings>;

  // addresses
  privateAddress(): Promise<string>;
  publicAddress(): Promise<string>;
  /** Network info of a binding, seen from relation `relationId` if given. */
  networkInfo(binding: string, relationId: number | undefined): Promise<NetworkInfo | undefined>;

  // ports (buffered)
  openPortRange(endpoint: string, range: PortRange): void;
  closePortRange(endpoint: string, range: PortRange): void;
  /** This unit's ranges including pending opens/closes. */
  openedPortRanges(): GroupedPortRanges;

  // status, version, log (immediate)
  unitStatus(): Promise<StatusInfo>;
  setUnitStatus(status: StatusInfo): Promise<void>;
  /** @throws `this unit is not the leader`. */
  applicationStatus(): Promise<ApplicationStatusInfo>;
  /** @throws `this unit is not the leader`. */
  setApplicationStatus(status: StatusInfo): Promise<void>;
  setWorkloadVersion(version: string): Promise<void>;
  log(level: LogLevel, module: string, message: string): Promise<void>;

  // leadership
  isLeader(): Promise<boolean>;
  leaderSettings(): Promise<Settings>;
  /** Immediate. @throws `cannot write settings: not the leader`. */
  writeLeaderSettings(changes: SettingsChanges): Promise<void>;

  // actions (throw `not running an action` outside actions)
  action(): ActionInfo | undefined;
  actionParams(): Record<string, unknown>;
  updateActionResults(keys: readonly string[], value: string): void;
  setActionMessage(message: string): void;
  setActionFailed(): void;
  logActionMessage(message: string): Promise<void>;

  // charm state (buffered)
  /** The whole map, or null when empty (state-get prints `null`/`{}` then). */
  charmState(): Promise<Settings | null>;
  charmStateValue(key: string): Promise<string | undefined>;
  setCharmStateValue(key: string, value: string): Promise<void>;
  deleteCharmStateValue(key: string): Promise<void>;

  // storage
  storageIds(): Promise<string[]>;
  /** Storage of the running storage hook. Sync. */
  hookStorageId(): string | undefined;
  /** @throws when not attached. Sync. */
  storage(id: string): StorageAttachment;
  /** Buffered. */
  addUnitStorage(name: string, count: number): void;

  // secrets
  /** Returns the new bare xid. Buffered. */
  createSecret(owner: SecretOwnerKind, args: SecretUpsertArgs): Promise<string>;
  updateSecret(id: string, args: SecretUpsertArgs): Promise<void>;
  /** Base64-encoded content. */
  getSecret(args: SecretGetArgs): Promise<SecretContent>;
  removeSecret(id: string, revision: number | undefined): Promise<void>;
  grantSecret(id: string, args: SecretGrantArgs): Promise<void>;
  revokeSecret(id: string, args: SecretRevokeArgs): Promise<void>;
  /** Secrets owned by this unit or its application (pending changes merged), by xid. */
  secretMetadata(): Promise<Record<string, SecretMetadata>>;

  goalState(): Promise<GoalState>;
  cloudSpec(): Promise<CloudSpec>;
  /** Fetches the resource if needed; returns the local file path. */
  downloadResource(name: string): Promise<string>;
  requestReboot(request: Exclude<RebootRequest, 'none'>): Promise<void>;
}

// ---- what the agent commits ----------------------------------------------------------

/** Relation bag changes of one relation (`''` value = delete). */
export interface RelationSettingsChange {
  readonly relationId: number;
  readonly unit: SettingsChanges;
  /** Only when the application bag was written (leader). */
  readonly app?: SettingsChanges;
}

/** Changes committed in one `CommitHookChanges` only if the hook exits 0. */
export interface BufferedChanges {
  readonly relationSettings: readonly RelationSettingsChange[];
  readonly openPorts: readonly EndpointPortRange[];
  readonly closePorts: readonly EndpointPortRange[];
  /** The whole new charm-state map when state-set/state-delete changed it. */
  readonly charmState?: Settings;
  readonly storageAdd: readonly { readonly name: string; readonly count: number }[];
  readonly secretCreates: readonly SecretCreate[];
  readonly secretUpdates: readonly SecretUpdate[];
  readonly secretDeletes: readonly SecretDelete[];
  readonly secretGrants: readonly SecretGrantChange[];
  readonly secretRevokes: readonly SecretGrantChange[];
  /** Secrets whose tracked revision moves to the pending new one (`secret-get --refresh`). */
  readonly secretTrackLatest: readonly string[];
  /** `juju-reboot`: `after-hook` acts after a successful commit; `now` already killed the hook. */
  readonly reboot: RebootRequest;
  /** After `config-changed`: refresh ingress-address/egress-subnets in all relation bags. */
  readonly updateNetworkInfo: boolean;
}

/** A consumer-side secret update applied at call time (`--refresh`, `--peek`, labels). */
export interface SecretConsumerUpdate {
  readonly id: string;
  readonly label?: string;
  readonly trackedRevision?: number;
}

/** Changes already applied at call time (not rolled back), listed for the record. */
export interface ImmediateChanges {
  /** True once status-set ran for the unit (the uniter persists this). */
  readonly unitStatusSet: boolean;
  readonly unitStatus?: StatusInfo;
  readonly applicationStatus?: StatusInfo;
  readonly workloadVersion?: string;
  /** Each leader-set call's changes, in order. */
  readonly leaderSettings: readonly SettingsChanges[];
  readonly logs: readonly LogEntry[];
  readonly actionLogs: readonly string[];
  readonly secretConsumerUpdates: readonly SecretConsumerUpdate[];
}

/** Outcome of an action context; delivered at action end whatever the exit code. */
export interface ActionOutcome {
  readonly results: Record<string, unknown>;
  readonly message: string;
  readonly failed: boolean;
}

/** Everything one hook did through the tools. */
export interface HookChanges {
  readonly buffered: BufferedChanges;
  readonly immediate: ImmediateChanges;
  readonly action?: ActionOutcome;
}

/**
 * How each tool's effect reaches the controller (§4.1 / §5.2): `read` = read-only,
 * `buffered` = committed only on exit 0, `immediate` = applied at call time.
 * Action results (action-set/action-fail) are `action`: delivered at action end.
 */
export type ToolEffect = 'read' | 'buffered' | 'immediate' | 'action';
