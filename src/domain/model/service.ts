/**
 * Models: creation (name rules, one name per owner, cloud/region/credential
 * checks, config composed from the inherited layers), listing per user,
 * show-model info, status, and destruction (dying, then removed once empty).
 */
import { newUUID, isValidModelName } from '../../core/names.js';
import { JUJU_VERSION } from '../../core/version.js';
import { userKey } from '../access/types.js';
import type { CloudCredential, CloudRegion, CredentialKey } from '../cloud/types.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import { Life } from '../common/life.js';
import type { NewModelConfigParams } from '../modelconfig/types.js';
import {
  cannotDestroyControllerModel,
  controllerModelExists,
  invalidModelName,
  invalidModelStatus,
  modelAlreadyExists,
  modelNotEmpty,
  modelNotFound,
  unsupportedModelType,
} from './errors.js';
import {
  ModelStatusValue,
  type CreateModelParams,
  type DestroyModelParams,
  type DestroyModelResult,
  type InsertModelArgs,
  type MachineToRelease,
  type Model,
  type ModelInfo,
  type ModelStatus,
  type ModelSummary,
} from './types.js';

/** Persistence the model service needs. */
export interface ModelState {
  /** Inserts model, config layer, owner admin grant and first status. */
  insertModel(args: InsertModelArgs): 'ok' | 'exists' | 'controller-exists';
  model(uuid: string): Model | undefined;
  modelByName(ownerKey: string, name: string): Model | undefined;
  controllerModel(): Model | undefined;
  models(): Model[];
  /** Models the user has a grant on or owns (every model when `all`). */
  modelsForUser(userKey: string, all: boolean): ModelSummary[];
  /** Model, users and machines read in one transaction. */
  modelInfo(uuid: string): ModelInfo | undefined;
  /** Sets the current status and appends it to the history. */
  setStatus(uuid: string, status: ModelStatus): void;
  /**
   * Marks the model dying with the given status and every alive machine,
   * application, unit and relation dying; returns all its machines.
   */
  startDestroy(uuid: string, force: boolean, status: ModelStatus): MachineToRelease[];
  machineCount(uuid: string): number;
  /** Deletes the model, its model-scoped rows and its grants. */
  deleteModel(uuid: string): void;
}

/** What model creation needs from the cloud domain. */
export interface ModelCloudLookup {
  /** @throws `not found` for unknown clouds and regions. */
  region(cloud: string, region?: string): CloudRegion | null;
  /** @throws `not found` for unknown credentials. */
  credential(key: CredentialKey): CloudCredential;
}

/** What model creation needs from the user domain. */
export interface ModelUserLookup {
  /** @throws `user not found` for unknown or removed users. */
  get(name: string): { readonly name: string };
}

/** What model creation needs from the model-config domain. */
export interface ModelConfigComposer {
  composeNewModelConfig(params: NewModelConfigParams): Record<string, unknown>;
}

const MODEL_STATUSES: ReadonlySet<string> = new Set(Object.values(ModelStatusValue));

/** Business rules for models. */
export class ModelService {
  constructor(
    private readonly state: ModelState,
    private readonly clock: Clock,
    private readonly clouds: ModelCloudLookup,
    private readonly users: ModelUserLookup,
    private readonly config: ModelConfigComposer,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /**
   * Creates a model owned by `owner` on a cloud (and region, defaulting to
   * the cloud's first). The owner becomes model admin.
   * @throws `not valid` bad name; `already exists` `model "admin/foo" already exists`;
   *   `user not found`; `not found` cloud/region/credential; config errors.
   */
  create(params: CreateModelParams): Model {
    return this.atomically(() => this.createNow(params));
  }

  private createNow(params: CreateModelParams): Model {
    if (!isValidModelName(params.name)) throw invalidModelName(params.name);
    const type = params.type ?? 'iaas';
    if (type !== 'iaas') throw unsupportedModelType(type);
    const owner = this.users.get(params.owner);
    const ownerKey = userKey(owner.name);
    if (this.state.modelByName(ownerKey, params.name) !== undefined)
      throw modelAlreadyExists(owner.name, params.name);
    const region = this.clouds.region(params.cloud, params.cloudRegion);
    let credentialOwnerKey = '';
    let credentialName = '';
    if (params.credential !== undefined) {
      const credential = this.clouds.credential({ cloud: params.cloud, ...params.credential });
      credentialOwnerKey = userKey(credential.owner);
      credentialName = credential.name;
    }
    const uuid = params.uuid ?? newUUID();
    const now = timestamp(this.clock);
    const config = this.config.composeNewModelConfig({
      cloud: params.cloud,
      region: region?.name ?? '',
      name: params.name,
      type,
      uuid,
      agentVersion: JUJU_VERSION,
      ...(params.config !== undefined ? { config: params.config } : {}),
    });
    const outcome = this.state.insertModel({
      uuid,
      name: params.name,
      ownerKey,
      type,
      cloud: params.cloud,
      cloudRegion: region?.name ?? '',
      credentialOwnerKey,
      credentialName,
      isControllerModel: params.isControllerModel ?? false,
      status: { current: ModelStatusValue.Available, message: '', since: now },
      createdAt: now,
      config,
    });
    if (outcome === 'exists') throw modelAlreadyExists(owner.name, params.name);
    if (outcome === 'controller-exists') throw controllerModelExists();
    return this.get(uuid);
  }

  /** A model by uuid. @throws `model not found`. */
  get(uuid: string): Model {
    const m = this.state.model(uuid);
    if (m === undefined) throw modelNotFound(uuid);
    return m;
  }

  /** A model by owner and name. @throws `model not found` `model "admin/foo" not found`. */
  getByName(owner: string, name: string): Model {
    const m = this.state.modelByName(userKey(owner), name);
    if (m === undefined) throw modelNotFound(`${owner}/${name}`);
    return m;
  }

  /** The controller model. @throws `model not found` before bootstrap. */
  controllerModel(): Model {
    const m = this.state.controllerModel();
    if (m === undefined) throw modelNotFound('controller');
    return m;
  }

  /** Every model, by owner then name. */
  list(): Model[] {
    return this.state.models();
  }

  /**
   * Models a user can see: those they own or were granted, or every model
   * when `all` is set (the facade allows that for superusers only).
   */
  listForUser(user: string, options: { all?: boolean } = {}): ModelSummary[] {
    return this.state.modelsForUser(userKey(user), options.all ?? false);
  }

  /** show-model data: the model with its users and machines. @throws `model not found`. */
  info(uuid: string): ModelInfo {
    const info = this.state.modelInfo(uuid);
    if (info === undefined) throw modelNotFound(uuid);
    return info;
  }

  /** Sets the model status (available, busy, destroying, suspended, error). */
  setStatus(uuid: string, status: string, message = ''): void {
    if (!MODEL_STATUSES.has(status)) throw invalidModelStatus(status);
    this.get(uuid);
    this.state.setStatus(uuid, { current: status, message, since: timestamp(this.clock) });
  }

  /**
   * Starts destroying a model: it becomes dying with status `destroying` and
   * its machines become dying. A model without machines is removed at once;
   * otherwise the caller releases `machinesToRelease` (stop instances, then
   * `MachineService.remove`) and calls {@link reapIfEmpty}. Idempotent.
   * @throws `model not found`; `not supported` for the controller model.
   */
  destroy(uuid: string, params: DestroyModelParams = {}): DestroyModelResult {
    return this.atomically(() => this.destroyNow(uuid, params));
  }

  private destroyNow(uuid: string, params: DestroyModelParams): DestroyModelResult {
    const m = this.get(uuid);
    if (m.isControllerModel) throw cannotDestroyControllerModel(m.name);
    const status: ModelStatus =
      m.life === Life.Alive
        ? { current: ModelStatusValue.Destroying, message: '', since: timestamp(this.clock) }
        : m.status;
    const machines = this.state.startDestroy(uuid, params.force ?? false, status);
    if (machines.length === 0) {
      this.state.deleteModel(uuid);
      return { modelUuid: uuid, removed: true, machinesToRelease: [] };
    }
    return { modelUuid: uuid, removed: false, machinesToRelease: machines };
  }

  /**
   * Removes a dying model once it has no machines left. Returns true when
   * removed (or already gone), false when it is not dying.
   * @throws `model not empty` while machines remain.
   */
  reapIfEmpty(uuid: string): boolean {
    return this.atomically(() => {
      const m = this.state.model(uuid);
      if (m === undefined) return true;
      if (m.life === Life.Alive) return false;
      const machines = this.state.machineCount(uuid);
      if (machines > 0) throw modelNotEmpty(machines);
      this.state.deleteModel(uuid);
      return true;
    });
  }
}
