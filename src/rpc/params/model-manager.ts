/**
 * Wire shapes of the ModelManager facade (v9, v10), keys as Juju's JSON tags.
 * Timestamps travel as RFC 3339 strings (`null` when unset).
 */
import type { BulkWireError, ErrorResult } from '../errors.js';

/** `{"tag": "..."}`, Juju's `params.Entity`. */
export interface Entity {
  tag: string;
}

/** `{"entities": [...]}`, Juju's `params.Entities`. */
export interface Entities {
  entities?: Entity[];
}

/** A status as ModelInfo/ModelSummary carry it (Juju's `params.EntityStatus`). */
export interface EntityStatus {
  status: string;
  info: string;
  data?: Record<string, unknown>;
  since: string | null;
}

export interface ModelSummaryRef {
  name: string;
  uuid: string;
  type: string;
  'owner-tag': string;
}

/** `ModelManager.ListModels {"tag": "user-admin"}`. */
export interface ListModelsResult {
  'user-models': { model: ModelSummaryRef; 'last-connection'?: string | null }[];
}

/** `ModelManager.CreateModel`. */
export interface CreateModelParams {
  name: string;
  'owner-tag': string;
  config?: Record<string, unknown>;
  'cloud-tag'?: string;
  region?: string;
  /** A cloud credential tag, `cloudcred-<cloud>_<owner>_<name>`. */
  credential?: string;
}

export interface ModelUserInfo {
  'model-tag'?: string;
  user: string;
  'display-name': string;
  'last-connection': string | null;
  access: string;
}

/** Hardware of a machine as ModelInfo reports it. */
export interface MachineHardware {
  arch?: string;
  mem?: number;
  'root-disk'?: number;
  cores?: number;
  'cpu-power'?: number;
  tags?: string[];
  'availability-zone'?: string;
  'virt-type'?: string;
}

export interface ModelMachineInfo {
  id: string;
  hardware?: MachineHardware;
  'instance-id'?: string;
  'display-name'?: string;
  status?: string;
  message?: string;
  'has-vote'?: boolean;
  'wants-vote'?: boolean;
  'ha-primary'?: boolean;
}

/** `{"level","owner"}`: 3.6 controllers report level `unsupported`. */
export interface ModelSlaInfo {
  level: string;
  owner: string;
}

/** One secret backend of a model with its usage (`params.SecretBackendResult`). */
export interface SecretBackendResult {
  result: { name: string; 'backend-type': string; config: Record<string, unknown> };
  'num-secrets': number;
  status?: string;
  message?: string;
  id: string;
  error?: BulkWireError;
}

export interface SupportedFeature {
  name: string;
  description: string;
  version?: string;
}

/** Juju's `params.ModelInfo` (CreateModel result, ModelInfo results). */
export interface ModelInfo {
  name: string;
  type: string;
  uuid: string;
  'controller-uuid': string;
  'is-controller': boolean;
  'provider-type'?: string;
  'default-base'?: string;
  'cloud-tag': string;
  'cloud-region'?: string;
  'cloud-credential-tag'?: string;
  'cloud-credential-validity'?: boolean;
  'owner-tag': string;
  life: string;
  status?: EntityStatus;
  users: ModelUserInfo[];
  machines: ModelMachineInfo[];
  'secret-backends': SecretBackendResult[];
  migration?: { status: string; start: string | null; end: string | null };
  sla: ModelSlaInfo | null;
  'agent-version': string | null;
  'supported-features'?: SupportedFeature[];
}

export interface ModelInfoResult {
  result?: ModelInfo;
  error?: BulkWireError;
}

/** `ModelManager.ModelInfo` reply. */
export interface ModelInfoResults {
  results: ModelInfoResult[];
}

/** `ModelManager.ListModelSummaries` params. */
export interface ModelSummariesRequest {
  'user-tag': string;
  all?: boolean;
}

/** A count of one kind of entity in a model: `machines`, `cores` or `units`. */
export interface ModelEntityCount {
  entity: 'machines' | 'cores' | 'units';
  count: number;
}

/** Juju's `params.ModelSummary`. */
export interface ModelSummary {
  name: string;
  uuid: string;
  type: string;
  'controller-uuid': string;
  'is-controller': boolean;
  'provider-type'?: string;
  'cloud-tag': string;
  'cloud-region'?: string;
  'cloud-credential-tag'?: string;
  'owner-tag': string;
  life: string;
  status?: EntityStatus;
  'user-access': string;
  'last-connection': string | null;
  counts: ModelEntityCount[];
  migration?: { status: string; start: string | null; end: string | null };
  sla: ModelSlaInfo | null;
  'agent-version': string | null;
}

export interface ModelSummaryResult {
  result?: ModelSummary;
  error?: BulkWireError;
}

/** `ModelManager.ListModelSummaries` reply. */
export interface ModelSummaryResults {
  results: ModelSummaryResult[];
}

/**
 * One model to destroy. `destroy-storage` absent means "refuse if there is
 * persistent storage"; `max-wait` and `timeout` are nanoseconds (Go durations).
 */
export interface DestroyModelParams {
  'model-tag': string;
  'destroy-storage'?: boolean;
  force?: boolean;
  'max-wait'?: number;
  timeout?: number;
}

/** `ModelManager.DestroyModels` params. */
export interface DestroyModelsParams {
  models?: DestroyModelParams[];
}

/** One change of `ModelManager.ModifyModelAccess`. */
export interface ModifyModelAccess {
  'user-tag': string;
  action: 'grant' | 'revoke';
  access: string;
  'model-tag': string;
}

/** `ModelManager.ModifyModelAccess` params. */
export interface ModifyModelAccessRequest {
  changes?: ModifyModelAccess[];
}

/** A region's default for one key. */
export interface RegionDefaults {
  name: string;
  value: unknown;
}

/** Every layer's value of one model-default key; absent layers are omitted. */
export interface ModelDefaults {
  default?: unknown;
  controller?: unknown;
  regions?: RegionDefaults[];
}

export interface ModelDefaultsResult {
  config?: Record<string, ModelDefaults>;
  error?: BulkWireError;
}

/** `ModelManager.ModelDefaultsForClouds` reply. */
export interface ModelDefaultsResults {
  results: ModelDefaultsResult[];
}

/** Defaults to set on a cloud (`cloud-region` '' for the cloud itself). */
export interface ModelDefaultValues {
  'cloud-tag'?: string;
  'cloud-region'?: string;
  config: Record<string, unknown>;
}

/** `ModelManager.SetModelDefaults` params. */
export interface SetModelDefaults {
  config?: ModelDefaultValues[];
}

/** Defaults to remove from a cloud (`cloud-region` '' for the cloud itself). */
export interface ModelUnsetKeys {
  'cloud-tag'?: string;
  'cloud-region'?: string;
  keys: string[];
}

/** `ModelManager.UnsetModelDefaults` params. */
export interface UnsetModelDefaults {
  keys?: ModelUnsetKeys[];
}

/** `{"results":[{}|{"error":...}]}` as bulk mutations reply. */
export interface ErrorResults {
  results: ErrorResult[];
}
