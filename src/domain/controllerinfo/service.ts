/**
 * The controller itself: identity (uuid, name, CA certificate), controller
 * config and API addresses. Read-only config keys are fixed at bootstrap.
 */
import { checkControllerConfigUpdate, controllerConfigSchema } from '../../core/config/controller-config.js';
import { isValidControllerName, isValidUUID } from '../../core/names.js';
import { notValid } from '../../core/errors.js';
import { timestamp, type Clock } from '../common/clock.js';
import {
  controllerAlreadyInitialized,
  controllerNotInitialized,
  invalidControllerName,
  unknownControllerSetting,
} from './errors.js';
import type { ControllerInfo, InitializeControllerParams, InsertControllerArgs } from './types.js';

/** Persistence the controller service needs. */
export interface ControllerState {
  /** Inserts the controller row and config; false if one exists already. */
  insertController(args: InsertControllerArgs): boolean;
  controllerInfo(): ControllerInfo | undefined;
  config(): Record<string, unknown>;
  /** Upserts the given keys. */
  updateConfig(values: Readonly<Record<string, unknown>>): void;
  setApiAddresses(addresses: readonly string[]): void;
}

/** Business rules for the controller record and controller config. */
export class ControllerService {
  constructor(
    private readonly state: ControllerState,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the controller at bootstrap with its full config (defaults plus
   * the given keys; identity keys are taken from the params).
   * @throws `already exists` when called twice; `not valid` unknown key or bad value.
   */
  initialize(params: InitializeControllerParams): ControllerInfo {
    if (!isValidUUID(params.uuid)) throw notValid(`controller uuid ${JSON.stringify(params.uuid)} not valid`);
    if (!isValidControllerName(params.name)) throw invalidControllerName(params.name);
    const config: Record<string, unknown> = controllerConfigSchema.defaults();
    for (const [key, raw] of Object.entries(params.config ?? {})) {
      if (!controllerConfigSchema.has(key)) throw unknownControllerSetting(key);
      config[key] = controllerConfigSchema.coerce(key, raw);
    }
    config['controller-uuid'] = params.uuid;
    config['controller-name'] = params.name;
    config['ca-cert'] = params.caCert;
    const info: ControllerInfo = {
      uuid: params.uuid,
      name: params.name,
      caCert: params.caCert,
      controllerModelUuid: params.controllerModelUuid,
      apiAddresses: [...(params.apiAddresses ?? [])],
      createdAt: timestamp(this.clock),
    };
    if (!this.state.insertController({ info, config })) throw controllerAlreadyInitialized();
    return info;
  }

  /** True once bootstrap recorded the controller. */
  isInitialized(): boolean {
    return this.state.controllerInfo() !== undefined;
  }

  /** The controller's identity. @throws `not found` before bootstrap. */
  info(): ControllerInfo {
    const info = this.state.controllerInfo();
    if (info === undefined) throw controllerNotInitialized();
    return info;
  }

  /** The controller uuid. */
  uuid(): string {
    return this.info().uuid;
  }

  /** Full controller config (every stored key, including identity keys). */
  config(): Record<string, unknown> {
    this.info();
    return this.state.config();
  }

  /**
   * Changes updatable controller config keys.
   * @throws `not valid` `can't change "<key>" after bootstrap`,
   *   `unknown controller config setting "<key>"`, or a value error.
   */
  updateConfig(changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
    this.info();
    checkControllerConfigUpdate({ ...changes });
    const coerced: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(changes)) coerced[key] = controllerConfigSchema.coerce(key, raw);
    this.state.updateConfig(coerced);
    return this.state.config();
  }

  /** API addresses (`host:port`). */
  apiAddresses(): string[] {
    return [...this.info().apiAddresses];
  }

  /** Replaces the API addresses. */
  setApiAddresses(addresses: readonly string[]): void {
    this.info();
    this.state.setApiAddresses(addresses);
  }
}
