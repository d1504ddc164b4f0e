/**
 * `Uniter.RemoteState`: one snapshot, read in one transaction, of everything
 * the unit agent's resolver decides on (charm-contract §2.2): the unit's life,
 * charm URL and modified version, config/trust/address hashes, resolved mode,
 * leadership, relations with their members' settings versions, update-status
 * interval and pending actions. `WatchRemoteState` fingerprints it.
 */
import { createHash } from 'node:crypto';
import { parseDuration } from '../../core/duration.js';
import { errorMessage } from '../../core/errors.js';
import { JUJU_INFO, RelationRole, type ControllerServices } from '../../domain/index.js';
import type { RemoteRelation, RemoteState } from '../../rpc/params/uniter.js';
import { unitMachineAddresses } from './uniter-addresses.js';
import { remoteStorageOf } from './uniter-storage.js';

const DEFAULT_UPDATE_STATUS_SECONDS = 300;

/** JSON with object keys sorted, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 of the canonical JSON of `value`. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function updateStatusSeconds(config: Record<string, unknown>): number {
  const raw = config['update-status-hook-interval'];
  if (typeof raw !== 'string' || raw === '') return DEFAULT_UPDATE_STATUS_SECONDS;
  try {
    const seconds = parseDuration(raw) / 1000;
    return seconds > 0 ? seconds : DEFAULT_UPDATE_STATUS_SECONDS;
  } catch {
    return DEFAULT_UPDATE_STATUS_SECONDS;
  }
}

function relationsOf(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
  appName: string,
): RemoteRelation[] {
  const charm = services.application.charm(modelUuid, appName);
  const declared = new Set(charm.endpoints.map((e) => e.name));
  return services.relation.forUnit(modelUuid, unitName).map((r) => {
    const local = r.endpoints.find((e) => e.application === appName) ?? r.endpoints[0];
    const remote = r.isPeer ? local : r.endpoints.find((e) => e.application !== appName);
    const remoteApp = remote?.application ?? appName;
    const inScope = services.relation.unitsInScope(modelUuid, r.id).includes(unitName);
    const versions = services.relation.settingsVersions(modelUuid, r.id);
    const members: Record<string, number> = {};
    for (const u of services.relation.remoteUnits(modelUuid, r.id, unitName))
      members[u] = versions.units[u] ?? 0;
    const implicit =
      local !== undefined &&
      local.name === JUJU_INFO &&
      local.role === RelationRole.Provider &&
      !declared.has(JUJU_INFO);
    return {
      id: r.id,
      key: r.key,
      endpoint: local?.name ?? '',
      'remote-application': remoteApp,
      life: r.life,
      suspended: r.suspended,
      'is-peer': r.isPeer,
      implicit,
      scope: r.scope,
      'in-scope': inScope,
      members,
      'application-versions': { [remoteApp]: versions.applications[remoteApp] ?? 0 },
    };
  });
}

/**
 * The unit's remote state. @throws `not found` when the unit is gone.
 * Deliberately not inside `services.atomically`: that is a write transaction,
 * and every commit wakes all watchers, whose fingerprints would wake them again.
 */
export function computeRemoteState(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): RemoteState {
  const unit = services.application.unit(modelUuid, unitName);
  const app = services.application.get(modelUuid, unit.application);
  const charm = services.application.charm(modelUuid, app.name);
  const config = services.application.configValues(modelUuid, app.name);
  const modelConfig = services.modelConfig.values(modelUuid);
  const addresses = unitMachineAddresses(services, modelUuid, unitName).map((a) => [a.value, a.scope]);
  return {
    life: unit.life,
    'application-life': app.life,
    'charm-url': app.charmUrl,
    'charm-modified-version': app.charmModifiedVersion,
    'charm-sha256': charm.sha256,
    'force-charm': app.forceCharm,
    'config-hash': hashOf(config),
    'trust-hash': hashOf(app.trust),
    'addresses-hash': hashOf(addresses),
    'resolved-mode': unit.resolved,
    leader: services.leadership.isLeader(modelUuid, app.name, unitName),
    'leader-settings-version': services.leadership.leaderSettings(modelUuid, app.name).version,
    relations: relationsOf(services, modelUuid, unitName, app.name),
    'update-status-interval': updateStatusSeconds(modelConfig),
    'automatically-retry-hooks': modelConfig['automatically-retry-hooks'] !== false,
    'pending-actions': services.operation.pendingTasks(modelUuid, unitName).map((t) => t.id),
    'aborting-actions': services.operation
      .runningTasks(modelUuid, unitName)
      .filter((t) => t.status === 'aborting')
      .map((t) => t.id),
    'machine-id': unit.machineId ?? '',
    principal: unit.principal ?? '',
    storage: remoteStorageOf(services, modelUuid, unitName),
  };
}

/**
 * The watcher fingerprint: a hash of the remote state, or of the error that
 * reading it met (a removed unit changes the fingerprint once, then stays).
 */
export function remoteStateFingerprint(
  services: ControllerServices,
  modelUuid: string,
  unitName: string,
): string {
  try {
    return hashOf(computeRemoteState(services, modelUuid, unitName));
  } catch (err) {
    return `error:${errorMessage(err)}`;
  }
}
