/**
 * `Application.Deploy` and `SetCharm` checks that need the charm archive:
 * which base the application's machines get, and whether the charm may run
 * there. Everything is checked before the domain writes anything, and the
 * domain creates the application, its peer relations, units and machines in
 * one transaction.
 */
import {
  baseCompatibility,
  charmBases,
  formatBase,
  sameBase,
  type Base as LibraryBase,
  type Charm as LibraryCharm,
} from '../../charm/index.js';
import { constraintsFromJson, constraintsToJson } from '../../core/constraints.js';
import { notSupported, notValid } from '../../core/errors.js';
import type { Base, Charm, DeployResult } from '../../domain/index.js';
import type { ApplicationDeploy, CharmOriginWire, WireBase } from '../../rpc/params/application.js';
import { applicationSettings, settingsFromYaml } from './application-config.js';
import { loadStoredCharm } from './application-charm-store.js';
import {
  LOCAL_CLOUD_TYPE,
  localMachineBase,
  modelCloud,
  unitPlacements,
  type ModelCloud,
} from './application-placement.js';
import type { FacadeDeps } from './deps.js';

const toLibraryBase = (b: Base): LibraryBase => ({ name: b.os, channel: b.channel });
const fromLibraryBase = (b: LibraryBase): Base => ({ os: b.name, channel: b.channel });

/** The base named by a wire base, undefined when empty. */
export function wireBaseToDomain(base: WireBase | null | undefined): Base | undefined {
  if (base === null || base === undefined || (base.name ?? '') === '') return undefined;
  return { os: base.name, channel: (base.channel ?? '').replace(/\/stable$/, '') };
}

/** `{"name","channel"}` of a domain base ('' when none). */
export function domainBaseToWire(base: Base | null): WireBase {
  return base === null ? { name: '', channel: '' } : { name: base.os, channel: base.channel };
}

/** The model's `default-base` (`ubuntu@22.04`), if set. */
function modelDefaultBase(deps: FacadeDeps, modelUuid: string): Base | undefined {
  const value = deps.services.modelConfig.get(modelUuid)['default-base']?.value;
  if (typeof value !== 'string' || !value.includes('@')) return undefined;
  const at = value.indexOf('@');
  return { os: value.slice(0, at), channel: value.slice(at + 1).replace(/\/stable$/, '') };
}

/**
 * The base an application's machines run, checked against the charm:
 * the requested base must be one of the charm's (unless forced); on the
 * local cloud machines always run the host's OS, which an Ubuntu charm
 * accepts there. Elsewhere: requested, else the model's default, else the
 * charm's first base.
 * @throws `not valid` `base "x" not supported by charm, the charm supported bases are: ...`.
 */
export function chooseBase(
  deps: FacadeDeps,
  modelUuid: string,
  cloud: ModelCloud,
  lib: LibraryCharm,
  requested: Base | undefined,
  force: boolean,
): Base | undefined {
  const declared = charmBases(lib);
  const local = cloud.cloudType === LOCAL_CLOUD_TYPE;
  const host = localMachineBase();
  // Asking for the base local machines really run is always fine there.
  const asksForHost =
    local && requested !== undefined && sameBase(toLibraryBase(requested), toLibraryBase(host));
  if (requested !== undefined && declared.length > 0 && !asksForHost) {
    const check = baseCompatibility(lib, toLibraryBase(requested), 'strict', { force });
    if (!check.ok) throw notValid(check.error);
  }
  if (local) {
    const check = baseCompatibility(lib, toLibraryBase(host), LOCAL_CLOUD_TYPE, { force });
    if (!check.ok) throw notValid(check.error);
    return host;
  }
  const first = declared[0];
  const chosen =
    requested ??
    modelDefaultBase(deps, modelUuid) ??
    (first === undefined ? undefined : fromLibraryBase(first));
  if (chosen !== undefined && declared.length > 0) {
    const check = baseCompatibility(lib, toLibraryBase(chosen), cloud.cloudType, { force });
    if (!check.ok) throw notValid(check.error);
  }
  return chosen;
}

/** Constraints from the wire, checked and kept in wire form. */
export function wireConstraints(
  value: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> {
  return constraintsToJson(constraintsFromJson(value ?? {}));
}

/** The origin recorded for the application: as given, with the base it really runs. */
function recordedOrigin(
  charm: Charm,
  given: CharmOriginWire | undefined,
  base: Base | undefined,
): Record<string, unknown> {
  const origin: Record<string, unknown> = {
    source: given?.source ?? charm.source,
    type: given?.type ?? 'charm',
    ...(given ?? {}),
    revision: charm.revision,
  };
  if (base !== undefined) origin['base'] = { name: base.os, channel: base.channel };
  return origin;
}

/**
 * Deploys one application of an `Application.Deploy` call.
 * @throws every problem before anything is written.
 */
export async function deployApplication(
  deps: FacadeDeps,
  modelUuid: string,
  arg: ApplicationDeploy,
): Promise<DeployResult> {
  const { services } = deps;
  const name = arg.application ?? '';
  const charm = services.charm.get(modelUuid, arg['charm-url'] ?? '');
  const cloud = modelCloud(deps, modelUuid);
  if (cloud.modelType === 'caas') throw notSupported('deploying to kubernetes models is not supported');
  const lib = await loadStoredCharm(deps, charm);
  const force = arg.force === true;
  const settings = applicationSettings(charm, arg.config, settingsFromYaml(arg['config-yaml'], name));
  const numUnits = arg['num-units'] ?? 0;
  const placement = unitPlacements(arg.placement, cloud, modelUuid);
  const base = chooseBase(deps, modelUuid, cloud, lib, wireBaseToDomain(arg['charm-origin']?.base), force);
  const constraints = wireConstraints(arg.constraints);
  const charmConfig: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings.charm)) if (value !== null) charmConfig[key] = value;
  return services.application.deploy(modelUuid, {
    name,
    charmUrl: charm.url,
    charmOrigin: recordedOrigin(charm, arg['charm-origin'], base),
    numUnits,
    placement,
    config: charmConfig,
    constraints,
    ...(base !== undefined ? { base } : {}),
    endpointBindings: { ...(arg['endpoint-bindings'] ?? {}) },
    trust: settings.trust ?? false,
    forceCharm: force,
    storage: wireStorageDirectives(arg.storage),
  });
}

/**
 * `storage` of a deploy (`{name: {pool, size, count}}`, size in MiB) as
 * domain directives.
 * @throws `not valid` for a malformed entry.
 */
export function wireStorageDirectives(
  value: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, { pool?: string; sizeMiB?: number; count?: number }> {
  const out: Record<string, { pool?: string; sizeMiB?: number; count?: number }> = {};
  for (const [name, raw] of Object.entries(value ?? {})) {
    if (raw === null || typeof raw !== 'object')
      throw notValid(`invalid storage directive for ${JSON.stringify(name)}`);
    const d = raw as Record<string, unknown>;
    const pool = typeof d['pool'] === 'string' && d['pool'] !== '' ? d['pool'] : undefined;
    const size = typeof d['size'] === 'number' && d['size'] > 0 ? d['size'] : undefined;
    const count = typeof d['count'] === 'number' ? d['count'] : undefined;
    out[name] = {
      ...(pool !== undefined ? { pool } : {}),
      ...(size !== undefined ? { sizeMiB: size } : {}),
      ...(count !== undefined ? { count } : {}),
    };
  }
  return out;
}

/**
 * Checks that a charm given to `SetCharm` can run where the application's
 * machines are (the application's base), unless forced.
 */
export async function checkRefreshBase(
  deps: FacadeDeps,
  modelUuid: string,
  charm: Charm,
  appBase: Base | null,
  force: boolean,
): Promise<void> {
  if (appBase === null || force) return;
  const lib = await loadStoredCharm(deps, charm);
  const cloud = modelCloud(deps, modelUuid);
  const check = baseCompatibility(lib, toLibraryBase(appBase), cloud.cloudType, { force });
  if (!check.ok)
    throw notValid(
      `cannot refresh to charm ${JSON.stringify(charm.url)}: ${check.error} (base ${formatBase(toLibraryBase(appBase))})`,
    );
}
