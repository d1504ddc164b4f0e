/**
 * Wire shapes of the unit agent's facades: `Uniter` (v18, v19) and
 * `LeadershipService` (v2). Keys are Juju's JSON tags where Juju has the call;
 * `RemoteState`, `WatchRemoteState`, `ReadLeaderSettings` and
 * `MergeLeaderSettings` are our own and documented here.
 */
import type { ErrorResult } from '../errors.js';
import type { RemoteStorage } from './storage.js';

/** `{"tag": "..."}`, Juju's `params.Entity`. */
export interface Entity {
  tag: string;
}

/** `{"entities": [...]}`, Juju's `params.Entities`. */
export interface Entities {
  entities?: Entity[];
}

/** A bulk reply whose entries are results or per-entry errors. */
export interface BulkResults<T extends ErrorResult> {
  results: T[];
}

export interface LifeResult extends ErrorResult {
  life?: string;
}

export interface StringResult extends ErrorResult {
  result?: string;
}

/** `CharmURL` entry: the URL and whether the charm was forced. */
export interface StringBoolResult extends ErrorResult {
  result?: string;
  ok?: boolean;
}

/** One status change (Juju's `params.EntityStatusArgs`). */
export interface EntityStatusArgs {
  tag: string;
  status: string;
  info: string;
  data?: Record<string, unknown>;
}

/** `SetAgentStatus`, `SetUnitStatus`, `SetApplicationStatus` params. */
export interface SetStatus {
  entities?: EntityStatusArgs[];
}

/** A status as read back (Juju's `params.StatusResult`). */
export interface StatusResult extends ErrorResult {
  id?: string;
  life?: string;
  status?: string;
  info?: string;
  data?: Record<string, unknown>;
  /** RFC 3339, null when unknown. */
  since?: string | null;
}

/** `ApplicationStatus` entry: the application's status and each unit's. */
export interface ApplicationStatusResult extends ErrorResult {
  application?: StatusResult;
  units?: Record<string, StatusResult>;
}

/** `SetWorkloadVersion` params. */
export interface EntityWorkloadVersions {
  entities?: { tag: string; 'workload-version': string }[];
}

/** `SetCharmURL` params. */
export interface EntitiesCharmURL {
  entities?: { tag: string; 'charm-url': string }[];
}

/** `CharmArchiveSha256` params. */
export interface CharmURLs {
  urls?: { url: string }[];
}

export interface ConfigSettingsResult extends ErrorResult {
  settings?: Record<string, unknown>;
}

/** `ModelConfig` reply. */
export interface ModelConfigResult {
  config: Record<string, unknown>;
}

/** `CurrentModel` reply. */
export interface ModelResult extends ErrorResult {
  name: string;
  uuid: string;
  type: string;
}

// ---- network ------------------------------------------------------------------------

export interface InterfaceAddress {
  hostname: string;
  value: string;
  cidr: string;
}

export interface NetworkInterfaceInfo {
  'mac-address': string;
  'interface-name': string;
  addresses: InterfaceAddress[];
}

/** `NetworkInfo` params: the bindings wanted, optionally as seen from a relation. */
export interface NetworkInfoParams {
  unit: string;
  endpoints: string[];
  'relation-id'?: number;
}

export interface NetworkInfoResult extends ErrorResult {
  'bind-addresses'?: NetworkInterfaceInfo[];
  'egress-subnets'?: string[];
  'ingress-addresses'?: string[];
}

export interface NetworkInfoResults {
  results: Record<string, NetworkInfoResult>;
}

// ---- relations ----------------------------------------------------------------------

/** A unit (or, where noted, application) in a relation, both as tags. */
export interface RelationUnit {
  relation: string;
  unit: string;
}

/** `EnterScope`, `LeaveScope`, `ReadSettings` params. */
export interface RelationUnits {
  'relation-units'?: RelationUnit[];
}

/** `ReadRemoteSettings` params: `remote-unit` may be a unit or application tag. */
export interface RelationUnitPairs {
  'relation-unit-pairs'?: { relation: string; 'local-unit': string; 'remote-unit': string }[];
}

export interface SettingsResult extends ErrorResult {
  settings?: Record<string, string>;
}

// ---- hook commits ---------------------------------------------------------------------

/** A relation-set of one hook for one relation (`''` deletes a key). */
export interface RelationUnitSettings {
  relation: string;
  unit: string;
  settings?: Record<string, string>;
  'application-settings'?: Record<string, string>;
}

export interface PortRange {
  'from-port': number;
  'to-port': number;
  protocol: string;
}

export interface EntityPortRange {
  tag: string;
  endpoint: string;
  'port-range': PortRange;
}

/** Unit state blobs (Juju's `params.SetUnitStateArg` / `UnitStateResult`). */
export interface UnitStateFields {
  'charm-state'?: Record<string, string>;
  'uniter-state'?: string;
  'relation-state'?: Record<string, string>;
  'storage-state'?: string;
  'secret-state'?: string;
}

export interface SetUnitStateArg extends UnitStateFields {
  tag: string;
}

export interface SetUnitStateArgs {
  args?: SetUnitStateArg[];
}

export interface UnitStateResult extends ErrorResult, UnitStateFields {}

/** Everything one hook buffered (Juju's `params.CommitHookChangesArg`). */
export interface CommitHookChangesArg {
  tag: string;
  'update-network-info'?: boolean;
  'relation-unit-settings'?: RelationUnitSettings[];
  'open-ports'?: EntityPortRange[];
  'close-ports'?: EntityPortRange[];
  'set-unit-state'?: SetUnitStateArg;
  'add-storage'?: unknown[];
  'secret-creates'?: unknown[];
  'secret-updates'?: unknown[];
  'secret-deletes'?: unknown[];
  'secret-grants'?: unknown[];
  'secret-revokes'?: unknown[];
  'secret-track-latest'?: string[];
}

export interface CommitHookChangesArgs {
  args?: CommitHookChangesArg[];
}

/** `OpenedMachinePortRangesByEndpoint` entry: unit tag -> ranges per endpoint. */
export interface OpenPortRangesByEndpointResult extends ErrorResult {
  'unit-port-ranges'?: Record<string, { endpoint: string; 'port-ranges': PortRange[] }[]>;
}

// ---- resolved, actions, goal state ------------------------------------------------------

export interface ResolvedModeResult extends ErrorResult {
  mode?: string;
}

export interface ActionSpec {
  tag: string;
  receiver: string;
  name: string;
  parameters?: Record<string, unknown>;
  parallel?: boolean;
  'execution-group'?: string;
}

export interface ActionResult extends ErrorResult {
  action?: ActionSpec;
  status?: string;
}

/** `FinishActions` entry. */
export interface ActionExecutionResult {
  'action-tag': string;
  status: string;
  results?: Record<string, unknown>;
  message?: string;
}

export interface ActionExecutionResults {
  results?: ActionExecutionResult[];
}

/** `LogActionsMessages` params. */
export interface ActionMessageParams {
  messages?: { tag: string; value: string }[];
}

export interface GoalStateStatus {
  status: string;
  /** `YYYY-MM-DD HH:MM:SSZ`. */
  since: string;
}

export interface GoalState {
  units: Record<string, GoalStateStatus>;
  relations: Record<string, Record<string, GoalStateStatus>>;
}

export interface GoalStateResult extends ErrorResult {
  result?: GoalState;
}

// ---- leader settings (ours) --------------------------------------------------------------

/** `ReadLeaderSettings` takes the unit's tag(s); each entry is its application's settings. */
export interface LeaderSettingsResult extends ErrorResult {
  settings?: Record<string, string>;
  version?: number;
}

/** `MergeLeaderSettings` params (Juju's LeadershipSettings.Merge shape). */
export interface MergeLeaderSettingsParams {
  params?: { 'application-tag': string; 'unit-tag': string; settings: Record<string, string> }[];
}

// ---- remote state (ours) -------------------------------------------------------------

/** One relation as the unit's resolver sees it. */
export interface RemoteRelation {
  id: number;
  key: string;
  /** The local unit's endpoint. */
  endpoint: string;
  'remote-application': string;
  life: string;
  suspended: boolean;
  'is-peer': boolean;
  /** The local endpoint is the implicit `juju-info` provider: no hooks run for it. */
  implicit: boolean;
  /** `global` or `container`. */
  scope: string;
  /** Whether the local unit has entered the relation's scope. */
  'in-scope': boolean;
  /** Remote units in scope -> settings version. */
  members: Record<string, number>;
  /** Application -> application settings version (0 = never written). */
  'application-versions': Record<string, number>;
}

/** Everything the unit agent's resolver needs, read in one transaction. */
export interface RemoteState {
  life: string;
  'application-life': string;
  'charm-url': string;
  'charm-modified-version': number;
  'charm-sha256': string;
  'force-charm': boolean;
  'config-hash': string;
  'trust-hash': string;
  'addresses-hash': string;
  'resolved-mode': string;
  leader: boolean;
  'leader-settings-version': number;
  relations: RemoteRelation[];
  /** Seconds between update-status hooks. */
  'update-status-interval': number;
  'automatically-retry-hooks': boolean;
  /** Pending task ids, oldest first. */
  'pending-actions': string[];
  /** Running tasks the user asked to abort. */
  'aborting-actions': string[];
  'machine-id': string;
  principal: string;
  /** The unit's storage attachments (absent from controllers without storage). */
  storage?: RemoteStorage[];
}

export interface RemoteStateResult extends ErrorResult {
  result?: RemoteState;
}

export interface NotifyWatchResult extends ErrorResult {
  'notify-watcher-id'?: string;
}

// ---- LeadershipService ---------------------------------------------------------------

export interface ClaimLeadershipParams {
  'application-tag': string;
  'unit-tag': string;
  /** Seconds. */
  duration: number;
}

export interface ClaimLeadershipBulkParams {
  params?: ClaimLeadershipParams[];
}

/** `BlockUntilLeadershipReleased` param: Juju marshals a bare ApplicationTag this way. */
export interface ApplicationTagParam {
  Name?: string;
  name?: string;
}
