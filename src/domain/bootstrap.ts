/**
 * Controller bootstrap in the database: the controller record and config,
 * its cloud (and credential), the admin superuser, model defaults, the
 * `controller` model owned by admin and machine 0 — all in one transaction.
 */
import type { CloudParams } from './cloud/types.js';
import type { ControllerInfo } from './controllerinfo/types.js';
import {
  MachineJob,
  type Base,
  type HardwareCharacteristics,
  type Machine,
  type MachineAddress,
} from './machine/types.js';
import { CONTROLLER_MODEL_NAME, type Model } from './model/types.js';
import type { ControllerServices } from './services.js';
import type { User } from './user/types.js';

/** The admin user every controller starts with. */
export const ADMIN_USER = 'admin';

/** Nonce of the bootstrap machine, as Juju's. */
export const BOOTSTRAP_NONCE = 'user-admin:bootstrap';

/** Parameters of {@link initializeController}. */
export interface BootstrapParams {
  readonly controllerUuid: string;
  readonly controllerName: string;
  readonly caCert: string;
  readonly controllerConfig?: Readonly<Record<string, unknown>>;
  readonly apiAddresses?: readonly string[];
  readonly cloud: CloudParams;
  /** Region of the controller model; defaults to the cloud's first. */
  readonly cloudRegion?: string;
  /** Credential stored for admin on the cloud and used by the controller model. */
  readonly credential?: {
    readonly name: string;
    readonly authType: string;
    readonly attributes?: Readonly<Record<string, string>>;
  };
  readonly adminPassword: string;
  readonly controllerModelUuid: string;
  /** Config of the controller model (`bootstrap --config`). */
  readonly modelConfig?: Readonly<Record<string, unknown>>;
  /** Cloud-level model defaults (`bootstrap --model-default`). */
  readonly modelDefaults?: Readonly<Record<string, unknown>>;
  /** Controller model constraints. */
  readonly constraints?: Readonly<Record<string, unknown>>;
  /** What is already known about machine 0. */
  readonly machine?: {
    readonly instanceId?: string;
    readonly base?: Base;
    readonly hardware?: HardwareCharacteristics;
    readonly addresses?: readonly MachineAddress[];
    readonly hostname?: string;
    readonly nonce?: string;
    readonly constraints?: Readonly<Record<string, unknown>>;
  };
}

/** What {@link initializeController} created. */
export interface BootstrapResult {
  readonly controller: ControllerInfo;
  readonly admin: User;
  readonly controllerModel: Model;
  readonly machine: Machine;
}

/**
 * Initialises an empty controller database. Either everything is created or
 * nothing is.
 * @throws `already exists` when the controller was already initialised, or
 *   any validation error of the pieces (config keys, names, cloud...).
 */
export function initializeController(services: ControllerServices, p: BootstrapParams): BootstrapResult {
  return services.atomically(() => {
    const controller = services.controller.initialize({
      uuid: p.controllerUuid,
      name: p.controllerName,
      caCert: p.caCert,
      controllerModelUuid: p.controllerModelUuid,
      ...(p.controllerConfig !== undefined ? { config: p.controllerConfig } : {}),
      ...(p.apiAddresses !== undefined ? { apiAddresses: p.apiAddresses } : {}),
    });
    const { user: admin } = services.user.addUser({
      name: ADMIN_USER,
      displayName: ADMIN_USER,
      password: p.adminPassword,
      createdBy: ADMIN_USER,
      controllerAccess: 'superuser',
    });
    const cloud = services.cloud.addCloud(p.cloud, ADMIN_USER);
    if (p.credential !== undefined) {
      services.cloud.updateCredential({
        cloud: cloud.name,
        owner: ADMIN_USER,
        name: p.credential.name,
        authType: p.credential.authType,
        ...(p.credential.attributes !== undefined ? { attributes: p.credential.attributes } : {}),
      });
    }
    if (p.modelDefaults !== undefined && Object.keys(p.modelDefaults).length > 0) {
      services.modelConfig.setDefaults(cloud.name, null, p.modelDefaults);
    }
    const controllerModel = services.model.create({
      name: CONTROLLER_MODEL_NAME,
      owner: ADMIN_USER,
      cloud: cloud.name,
      ...(p.cloudRegion !== undefined ? { cloudRegion: p.cloudRegion } : {}),
      ...(p.credential !== undefined ? { credential: { owner: ADMIN_USER, name: p.credential.name } } : {}),
      ...(p.modelConfig !== undefined ? { config: p.modelConfig } : {}),
      uuid: p.controllerModelUuid,
      isControllerModel: true,
    });
    if (p.constraints !== undefined) services.modelConfig.setConstraints(controllerModel.uuid, p.constraints);
    const m = p.machine ?? {};
    const machine = services.machine.add(controllerModel.uuid, {
      jobs: [MachineJob.ManageModel, MachineJob.HostUnits],
      nonce: m.nonce ?? BOOTSTRAP_NONCE,
      ...(m.instanceId !== undefined ? { instanceId: m.instanceId } : {}),
      ...(m.base !== undefined ? { base: m.base } : {}),
      ...(m.hardware !== undefined ? { hardware: m.hardware } : {}),
      ...(m.addresses !== undefined ? { addresses: m.addresses } : {}),
      ...(m.hostname !== undefined ? { hostname: m.hostname } : {}),
      ...(m.constraints !== undefined ? { constraints: m.constraints } : {}),
    });
    return { controller, admin, controllerModel, machine };
  });
}
