/**
 * Model configuration. Each model stores only its own layer (the keys set on
 * it, plus name/type/uuid/agent-version); the inherited layers are the schema
 * defaults, the cloud's model-defaults ("controller" layer) and the cloud
 * region's. Reading composes the four and reports each value's source.
 */
import {
  MODEL_IDENTITY_KEYS,
  modelConfigSchema,
  modelConfigSetRefusal,
  resolveModelConfigSources,
  validateModelConfig,
} from '../../core/config/model-config.js';
import { notValid } from '../../core/errors.js';
import { cloudNotFound, regionNotFound } from '../cloud/errors.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { modelNotFound, noDefaultAllowed } from './errors.js';
import type {
  ConstraintsValue,
  ModelConfigWithSources,
  ModelDefaultValues,
  ModelPlacement,
  NewModelConfigParams,
  RegionDefault,
} from './types.js';

/** Persistence the model-config service needs. */
export interface ModelConfigState {
  /** Cloud and region of a model, or undefined if there is no such model. */
  modelPlacement(modelUuid: string): ModelPlacement | undefined;
  modelLayer(modelUuid: string): Record<string, unknown>;
  /** Sets and removes keys of the model layer in one transaction. */
  updateModelLayer(modelUuid: string, set: Readonly<Record<string, unknown>>, unset: readonly string[]): void;
  /** Region names of a cloud in order, or undefined if there is no such cloud. */
  cloudRegions(cloud: string): string[] | undefined;
  /** A defaults layer: region '' is the cloud ("controller") layer. */
  defaultsLayer(cloud: string, region: string): Record<string, unknown>;
  /** Every region layer of a cloud that has values. */
  regionLayers(cloud: string): { region: string; values: Record<string, unknown> }[];
  updateDefaults(
    cloud: string,
    region: string,
    set: Readonly<Record<string, unknown>>,
    unset: readonly string[],
  ): void;
  constraints(modelUuid: string): Record<string, unknown> | undefined;
  setConstraints(modelUuid: string, constraints: ConstraintsValue): void;
}

/** Keys that are never model defaults. */
const NO_DEFAULT_KEYS: readonly string[] = [...MODEL_IDENTITY_KEYS, 'agent-version'];

function flatten(resolved: ModelConfigWithSources): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, { value }] of Object.entries(resolved)) result[key] = value;
  return result;
}

/** Business rules for model config, model defaults and model constraints. */
export class ModelConfigService {
  constructor(
    private readonly state: ModelConfigState,
    private readonly atomically: Atomically = notAtomic,
  ) {}

  /** Every key with its effective value and source (`default`, `controller`, `region`, `model`). */
  get(modelUuid: string): ModelConfigWithSources {
    const placement = this.placement(modelUuid);
    return resolveModelConfigSources({
      default: modelConfigSchema.defaults(),
      controller: this.state.defaultsLayer(placement.cloud, ''),
      region: placement.region === '' ? {} : this.state.defaultsLayer(placement.cloud, placement.region),
      model: this.state.modelLayer(modelUuid),
    });
  }

  /** The effective config as plain key/value pairs. */
  values(modelUuid: string): Record<string, unknown> {
    return flatten(this.get(modelUuid));
  }

  /**
   * Sets keys on the model (values are coerced to their types first).
   * @throws `not valid` for refused keys (`"agent-version" must be set via
   *   "upgrade-model"`, `cannot change name from "a" to "b"`...), bad values,
   *   or a resulting config that does not validate.
   */
  set(modelUuid: string, changes: Readonly<Record<string, unknown>>): void {
    this.atomically(() => this.setNow(modelUuid, changes));
  }

  private setNow(modelUuid: string, changes: Readonly<Record<string, unknown>>): void {
    const old = this.values(modelUuid);
    const coerced: Record<string, unknown> = {};
    for (const key of Object.keys(changes).sort()) {
      const value = modelConfigSchema.coerce(key, changes[key]);
      const refusal = modelConfigSetRefusal(key, value, old);
      if (refusal !== undefined) throw notValid(refusal);
      coerced[key] = value;
    }
    validateModelConfig({ ...old, ...coerced }, old);
    this.state.updateModelLayer(modelUuid, coerced, []);
  }

  /**
   * Removes keys from the model layer so they inherit again (region, then
   * controller, then default).
   * @throws `not valid` when the result does not validate (e.g. identity keys).
   */
  unset(modelUuid: string, keys: readonly string[]): void {
    this.atomically(() => this.unsetNow(modelUuid, keys));
  }

  private unsetNow(modelUuid: string, keys: readonly string[]): void {
    const placement = this.placement(modelUuid);
    const layer = this.state.modelLayer(modelUuid);
    const old = this.values(modelUuid);
    for (const key of keys) delete layer[key];
    const next = flatten(
      resolveModelConfigSources({
        default: modelConfigSchema.defaults(),
        controller: this.state.defaultsLayer(placement.cloud, ''),
        region: placement.region === '' ? {} : this.state.defaultsLayer(placement.cloud, placement.region),
        model: layer,
      }),
    );
    validateModelConfig(next, old);
    this.state.updateModelLayer(modelUuid, {}, keys);
  }

  /** Records a new agent version (upgrade-model), bypassing the model-config refusal. */
  setAgentVersion(modelUuid: string, version: string): void {
    this.atomically(() => {
      const old = this.values(modelUuid);
      validateModelConfig({ ...old, 'agent-version': version }, old);
      this.state.updateModelLayer(modelUuid, { 'agent-version': version }, []);
    });
  }

  /**
   * The model layer for a new model: the given config coerced, plus its
   * identity and agent version, validated against the inherited layers.
   */
  composeNewModelConfig(params: NewModelConfigParams): Record<string, unknown> {
    const layer: Record<string, unknown> = modelConfigSchema.coerceAll(params.config ?? {});
    layer['name'] = params.name;
    layer['type'] = params.type;
    layer['uuid'] = params.uuid;
    layer['agent-version'] = params.agentVersion;
    const effective = flatten(
      resolveModelConfigSources({
        default: modelConfigSchema.defaults(),
        controller: this.state.defaultsLayer(params.cloud, ''),
        region: params.region === '' ? {} : this.state.defaultsLayer(params.cloud, params.region),
        model: layer,
      }),
    );
    validateModelConfig(effective);
    return layer;
  }

  /**
   * `juju model-defaults` for a cloud: per key the schema default, the cloud
   * ("controller") value and region values, whichever exist.
   */
  getDefaults(cloud: string): Record<string, ModelDefaultValues> {
    this.regionsOf(cloud);
    const defaults = modelConfigSchema.defaults();
    const controller = this.state.defaultsLayer(cloud, '');
    const regions = this.state.regionLayers(cloud);
    const keys = new Set([
      ...Object.keys(defaults),
      ...Object.keys(controller),
      ...regions.flatMap((r) => Object.keys(r.values)),
    ]);
    const result: Record<string, ModelDefaultValues> = {};
    for (const key of [...keys].sort()) {
      const regionValues: RegionDefault[] = regions
        .filter((r) => Object.hasOwn(r.values, key))
        .map((r) => ({ name: r.region, value: r.values[key] }));
      result[key] = {
        ...(Object.hasOwn(defaults, key) ? { default: defaults[key] } : {}),
        ...(Object.hasOwn(controller, key) ? { controller: controller[key] } : {}),
        ...(regionValues.length > 0 ? { regions: regionValues } : {}),
      };
    }
    return result;
  }

  /**
   * Sets model defaults for a cloud (region null) or one of its regions.
   * @throws `not found` cloud/region; `not valid` identity keys, agent-version, bad values.
   */
  setDefaults(cloud: string, region: string | null, changes: Readonly<Record<string, unknown>>): void {
    this.atomically(() => this.setDefaultsNow(cloud, region, changes));
  }

  private setDefaultsNow(
    cloud: string,
    region: string | null,
    changes: Readonly<Record<string, unknown>>,
  ): void {
    const regionName = this.checkRegion(cloud, region);
    const coerced: Record<string, unknown> = {};
    for (const key of Object.keys(changes).sort()) {
      if (NO_DEFAULT_KEYS.includes(key)) throw noDefaultAllowed(key);
      coerced[key] = modelConfigSchema.coerce(key, changes[key]);
    }
    const layered = {
      ...modelConfigSchema.defaults(),
      ...this.state.defaultsLayer(cloud, ''),
      ...(regionName === '' ? {} : this.state.defaultsLayer(cloud, regionName)),
      ...coerced,
    };
    validateModelConfig(layered);
    this.state.updateDefaults(cloud, regionName, coerced, []);
  }

  /** Removes model defaults of a cloud (region null) or one of its regions. */
  unsetDefaults(cloud: string, region: string | null, keys: readonly string[]): void {
    const regionName = this.checkRegion(cloud, region);
    this.state.updateDefaults(cloud, regionName, {}, keys);
  }

  /** The model's constraints (empty object when none are set). */
  constraints(modelUuid: string): Record<string, unknown> {
    this.placement(modelUuid);
    return this.state.constraints(modelUuid) ?? {};
  }

  /** Replaces the model's constraints. */
  setConstraints(modelUuid: string, constraints: ConstraintsValue): void {
    this.placement(modelUuid);
    this.state.setConstraints(modelUuid, constraints);
  }

  private placement(modelUuid: string): ModelPlacement {
    const placement = this.state.modelPlacement(modelUuid);
    if (placement === undefined) throw modelNotFound(modelUuid);
    return placement;
  }

  private regionsOf(cloud: string): string[] {
    const regions = this.state.cloudRegions(cloud);
    if (regions === undefined) throw cloudNotFound(cloud);
    return regions;
  }

  private checkRegion(cloud: string, region: string | null): string {
    const regions = this.regionsOf(cloud);
    if (region === null || region === '') return '';
    if (!regions.includes(region)) throw regionNotFound(region, regions);
    return region;
  }
}
