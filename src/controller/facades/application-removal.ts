/**
 * remove-unit, remove-application and the unit side of remove-machine:
 * dry runs that say what would go, the real thing, and `--force`, which
 * removes what the agents have not cleaned up after `max-wait` (at once with
 * `--no-wait`), as Juju's forced cleanups do.
 */
import { ErrorCode, JujuError, errorMessage, notValid } from '../../core/errors.js';
import { parseTag, storageTag, unitTag } from '../../core/names.js';
import { Life, type Unit } from '../../domain/index.js';
import type {
  DestroyApplicationParams,
  DestroyApplicationResult,
  DestroyUnitParams,
  DestroyUnitResult,
} from '../../rpc/params/application.js';
import { errorResult } from '../../rpc/errors.js';
import type { FacadeDeps } from './deps.js';

/** How long forced removals wait for agents when the caller gives no `max-wait`. */
const DEFAULT_FORCE_WAIT_MS = 60_000;

/** A Go duration in nanoseconds (the wire's `max-wait`) as milliseconds. */
export function maxWaitMs(nanos: number | null | undefined): number {
  if (typeof nanos !== 'number' || !Number.isFinite(nanos)) return DEFAULT_FORCE_WAIT_MS;
  return Math.max(0, Math.floor(nanos / 1_000_000));
}

/** Units sorted by application then number. */
function byUnitOrder(a: string, b: string): number {
  const [appA = '', numA = '0'] = a.split('/');
  const [appB = '', numB = '0'] = b.split('/');
  if (appA !== appB) return appA < appB ? -1 : 1;
  return Number(numA) - Number(numB);
}

/**
 * Removes a unit (and first its subordinates) without waiting for its agent:
 * dying, dead, removed. Units already gone are skipped.
 */
function forceRemoveUnit(deps: FacadeDeps, modelUuid: string, name: string): void {
  const apps = deps.services.application;
  let unit: Unit;
  try {
    unit = apps.unit(modelUuid, name);
  } catch {
    return;
  }
  for (const sub of unit.subordinates) forceRemoveUnit(deps, modelUuid, sub);
  if (unit.life === Life.Alive && apps.destroyUnit(modelUuid, name).removed) return;
  try {
    apps.unit(modelUuid, name);
  } catch {
    return;
  }
  apps.ensureUnitDead(modelUuid, name);
  apps.removeUnit(modelUuid, name);
}

/**
 * Forced removal of `units` after `waitMs` (now when 0). Failures are logged:
 * the call that asked for it has already answered.
 */
export function scheduleForcedRemoval(
  deps: FacadeDeps,
  modelUuid: string,
  units: readonly string[],
  waitMs: number,
): void {
  if (units.length === 0) return;
  const run = (): void => {
    for (const name of units) {
      try {
        deps.services.atomically(() => forceRemoveUnit(deps, modelUuid, name));
      } catch (err) {
        deps.log(
          'WARNING',
          'juju.apiserver.application',
          `forced removal of unit ${name}: ${errorMessage(err)}`,
        );
      }
    }
  };
  if (waitMs <= 0) {
    run();
    return;
  }
  setTimeout(run, waitMs).unref();
}

/** `detached-storage` / `destroyed-storage` entries for the units' storage (`--destroy-storage`). */
function storageRemovalInfo(
  deps: FacadeDeps,
  modelUuid: string,
  units: readonly string[],
  destroy: boolean,
): { 'detached-storage'?: { tag: string }[]; 'destroyed-storage'?: { tag: string }[] } {
  const tags = units
    .flatMap((u) => deps.services.storage.unitStorageIds(modelUuid, u))
    .map((id) => ({ tag: storageTag(id) }));
  if (tags.length === 0) return {};
  return destroy ? { 'destroyed-storage': tags } : { 'detached-storage': tags };
}

function unitNameFromTag(tag: string): string {
  return parseTag(tag, 'unit').id;
}

/** `Application.DestroyUnit` for one unit. */
export function destroyUnit(deps: FacadeDeps, modelUuid: string, p: DestroyUnitParams): DestroyUnitResult {
  try {
    const name = unitNameFromTag(p['unit-tag'] ?? '');
    const unit = deps.services.application.unit(modelUuid, name);
    if (unit.principal !== null) {
      const app = name.slice(0, name.lastIndexOf('/'));
      throw notValid(
        `unit ${JSON.stringify(name)} is a subordinate, to remove use remove-relation. Note: this will remove all units of ${JSON.stringify(app)}`,
      );
    }
    const info = storageRemovalInfo(deps, modelUuid, [name], p['destroy-storage'] === true);
    if (p['dry-run'] === true) return { info };
    deps.services.atomically(() => {
      if (p['destroy-storage'] === true) deps.services.storage.markUnitStorageForDestruction(modelUuid, name);
      deps.services.application.destroyUnit(modelUuid, name);
    });
    if (p.force === true) scheduleForcedRemoval(deps, modelUuid, [name], maxWaitMs(p['max-wait']));
    return { info };
  } catch (err) {
    return errorResult(err);
  }
}

/** Alive units of an application, sorted. */
function aliveUnits(deps: FacadeDeps, modelUuid: string, app: string): string[] {
  return deps.services.application
    .units(modelUuid, app)
    .filter((u) => u.life === Life.Alive)
    .map((u) => u.name)
    .sort(byUnitOrder);
}

/** `Application.DestroyApplication` for one application. */
export function destroyApplication(
  deps: FacadeDeps,
  modelUuid: string,
  p: DestroyApplicationParams,
): DestroyApplicationResult {
  try {
    const tag = p['application-tag'] ?? '';
    let name: string;
    try {
      name = parseTag(tag, 'application').id;
    } catch {
      throw new JujuError(ErrorCode.NotValid, `${JSON.stringify(tag)} is not a valid application tag`);
    }
    deps.services.application.get(modelUuid, name);
    const units = aliveUnits(deps, modelUuid, name);
    const info = {
      ...(units.length > 0 ? { 'destroyed-units': units.map((u) => ({ tag: unitTag(u) })) } : {}),
      ...storageRemovalInfo(deps, modelUuid, units, p['destroy-storage'] === true),
    };
    if (p['dry-run'] === true) return { info };
    const all = deps.services.application.units(modelUuid, name).map((u) => u.name);
    deps.services.atomically(() => {
      if (p['destroy-storage'] === true)
        for (const unit of units) deps.services.storage.markUnitStorageForDestruction(modelUuid, unit);
      deps.services.application.destroy(modelUuid, name);
    });
    if (p.force === true) {
      scheduleForcedRemoval(deps, modelUuid, all, maxWaitMs(p['max-wait']));
      deps.services.application.removeIfUnused(modelUuid, name);
    }
    return { info };
  } catch (err) {
    return errorResult(err);
  }
}
