/** Types of the model domain. */
import type { UserAccess } from '../access/types.js';
import type { CredentialKey } from '../cloud/types.js';
import type { LifeValue } from '../common/life.js';

/** Model status values. */
export const ModelStatusValue = {
  Available: 'available',
  Busy: 'busy',
  Destroying: 'destroying',
  Suspended: 'suspended',
  Error: 'error',
} as const;

/** The controller model's name. */
export const CONTROLLER_MODEL_NAME = 'controller';

/** A model's current status. */
export interface ModelStatus {
  readonly current: string;
  readonly message: string;
  /** ISO-8601 UTC. */
  readonly since: string;
}

/** A model as services and facades see it. */
export interface Model {
  readonly uuid: string;
  readonly name: string;
  /** Owner's user name (`admin`). */
  readonly owner: string;
  /** `iaas` (later `caas`). */
  readonly type: string;
  readonly cloud: string;
  /** '' for clouds without regions. */
  readonly cloudRegion: string;
  readonly credential: CredentialKey | null;
  readonly life: LifeValue;
  readonly status: ModelStatus;
  /** From the model's `agent-version` config. */
  readonly agentVersion: string;
  readonly isControllerModel: boolean;
  readonly createdAt: string;
}

/** A machine line of {@link ModelInfo}. */
export interface ModelMachineSummary {
  readonly id: string;
  readonly instanceId: string | null;
  readonly status: string;
  readonly hardware: Readonly<Record<string, unknown>>;
}

/** `show-model` data: the model plus users and machines. */
export interface ModelInfo extends Model {
  readonly users: readonly UserAccess[];
  readonly machineCount: number;
  readonly machines: readonly ModelMachineSummary[];
}

/** A model in a user's list, with that user's access and last connection. */
export interface ModelSummary extends Model {
  readonly userAccess: string | null;
  readonly userLastConnection: string | null;
  readonly machineCount: number;
}

/** Parameters of {@link ModelService.create}. */
export interface CreateModelParams {
  readonly name: string;
  readonly owner: string;
  readonly cloud: string;
  /** Defaults to the cloud's first region. */
  readonly cloudRegion?: string;
  /** Credential on the model's cloud, as owner/name. */
  readonly credential?: { readonly owner: string; readonly name: string };
  readonly config?: Readonly<Record<string, unknown>>;
  /** Only for bootstrap, which knows the controller model's uuid up front. */
  readonly uuid?: string;
  readonly type?: 'iaas';
  /** Marks the controller model (bootstrap only). */
  readonly isControllerModel?: boolean;
}

/** Parameters of {@link ModelService.destroy}. */
export interface DestroyModelParams {
  readonly force?: boolean;
}

/** A machine whose instance the controller must stop before the model can go. */
export interface MachineToRelease {
  readonly id: string;
  /** null for machines never provisioned (nothing to stop). */
  readonly instanceId: string | null;
}

/**
 * Outcome of {@link ModelService.destroy}. When `removed` is false the
 * controller stops each machine's instance, removes the machines
 * (`MachineService.remove`) and then calls `ModelService.reapIfEmpty`.
 */
export interface DestroyModelResult {
  readonly modelUuid: string;
  readonly removed: boolean;
  readonly machinesToRelease: readonly MachineToRelease[];
}

/** Arguments to insert a model (state). */
export interface InsertModelArgs {
  readonly uuid: string;
  readonly name: string;
  readonly ownerKey: string;
  readonly type: string;
  readonly cloud: string;
  readonly cloudRegion: string;
  readonly credentialOwnerKey: string;
  readonly credentialName: string;
  readonly isControllerModel: boolean;
  readonly status: ModelStatus;
  readonly createdAt: string;
  /** Model config layer to store. */
  readonly config: Readonly<Record<string, unknown>>;
}
