/**
 * Applications and their units: deploy (application, peer relations, units
 * and machines in one transaction), config, trust, exposure, constraints,
 * bindings, refresh, and the unit life cycle alive -> dying -> dead ->
 * removed with statuses, agent passwords and machine assignment.
 */
import { ErrorCode, JujuError, isJujuError, unauthorized } from '../../core/errors.js';
import { isValidApplicationName, isValidUnitName } from '../../core/names.js';
import { charmNotFound } from '../charm/errors.js';
import { JUJU_INFO, type Charm } from '../charm/types.js';
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import { Life, type LifeValue } from '../common/life.js';
import { agentPasswordTooShort, modelNotAlive } from '../machine/errors.js';
import { MIN_AGENT_PASSWORD_LENGTH, agentPasswordHash, agentPasswordMatches } from '../machine/password.js';
import { MachineJob, type AddMachineParams, type Machine, type StatusInfo } from '../machine/types.js';
import { describeConfig, effectiveConfig, validateConfigAgainstOptions } from './config.js';
import {
  applicationExists,
  applicationNotFound,
  cannotAddApplication,
  cannotAddUnit,
  cannotAssign,
  cannotUpgrade,
  endpointNotFound,
  exposedEndpointNotFound,
  invalidApplicationName,
  invalidResolvedMode,
  invalidUnitName,
  invalidUnitStatus,
  mustAddOneUnit,
  statusNeedsInfo,
  subordinateCannotBeAssigned,
  subordinateWithUnits,
  unitHasSubordinates,
  unitIsDead,
  unitNotDead,
  unitNotFound,
  unitNotInError,
} from './errors.js';
import {
  APPLICATION_STATUS_UNSET,
  MESSAGE_WAITING_FOR_MACHINE,
  ResolvedMode,
  UnitAgentStatus,
  UnitStatusKind,
  WorkloadStatus,
  type AddUnitsParams,
  type Application,
  type ApplicationUpdate,
  type CharmConfigValidator,
  type ConfigEntry,
  type DeployParams,
  type DeployResult,
  type DestroyApplicationResult,
  type DestroyUnitResult,
  type EntityStatusArgs,
  type ExposeParams,
  type ExposedEndpoint,
  type InsertApplicationArgs,
  type InsertUnitArgs,
  type RemoveUnitResult,
  type ResolvedModeValue,
  type SetCharmParams,
  type StatusParams,
  type Unit,
  type UnitPlacement,
  type UnitUpdate,
} from './types.js';

/** Persistence the application service needs. */
export interface ApplicationState {
  modelLife(modelUuid: string): LifeValue | undefined;
  charm(modelUuid: string, url: string): Charm | undefined;
  /** Inserts the application and its first status, and restarts its unit numbering; false if it exists. */
  insertApplication(args: InsertApplicationArgs): boolean;
  application(modelUuid: string, name: string): Application | undefined;
  applications(modelUuid: string): Application[];
  updateApplication(modelUuid: string, name: string, update: ApplicationUpdate): void;
  deleteApplication(modelUuid: string, name: string): void;
  /** Sets an application or unit status and appends it to the history. */
  setStatus(args: EntityStatusArgs): void;
  /** Inserts a unit numbered from the application's sequence, with history entries; returns its name. */
  insertUnit(args: InsertUnitArgs): string;
  unit(modelUuid: string, name: string): Unit | undefined;
  /** Units of an application ordered by number. */
  units(modelUuid: string, application: string): Unit[];
  /** Units on a machine (principals and subordinates) ordered by name. */
  unitsOnMachine(modelUuid: string, machineId: string): Unit[];
  updateUnit(modelUuid: string, name: string, update: UnitUpdate): void;
  deleteUnit(modelUuid: string, name: string): void;
  unitPasswordHash(modelUuid: string, name: string): string | undefined;
  unitCount(modelUuid: string, application: string): number;
  relationCount(modelUuid: string, application: string): number;
  /** Endpoint names of the application used by existing relations, with the relation keys. */
  relationEndpoints(modelUuid: string, application: string): { key: string; endpoint: string }[];
  /** True when the machine hosts containers. */
  hasContainers(modelUuid: string, machineId: string): boolean;
}

/** What the application service needs from the machine domain. */
export interface ApplicationMachines {
  add(modelUuid: string, params?: AddMachineParams): Machine;
  get(modelUuid: string, id: string): Machine;
  destroy(modelUuid: string, id: string): Machine;
}

/** What the application service needs from the relation domain. */
export interface ApplicationRelations {
  /** Creates a relation for each peer endpoint of the application's charm that has none. */
  addPeerRelations(modelUuid: string, application: string): void;
  /** Makes every relation of the application dying (removing those nobody is in). */
  destroyForApplication(modelUuid: string, application: string): void;
  /** Takes a unit out of every relation scope it is in. */
  leaveAllScopes(modelUuid: string, unit: string): void;
}

/** What the application service needs from the leadership domain. */
export interface ApplicationLeadership {
  /** Gives up any lease the unit holds. */
  releaseUnit(modelUuid: string, unit: string): void;
}

/** What the application service needs from the storage domain. */
export interface ApplicationStorage {
  /** Checks and records the application's storage directives (deploy). */
  setApplicationDirectives(
    modelUuid: string,
    application: string,
    charm: Charm,
    given: Readonly<Record<string, { pool?: string; sizeMiB?: number; count?: number }>>,
  ): unknown;
  /** Creates and attaches a new unit's storage. */
  createUnitStorage(modelUuid: string, application: string, unit: string, charm: Charm): unknown;
  /** The unit is dying: its attachments start detaching. */
  unitDying(modelUuid: string, unit: string): void;
  /** The unit row is going: its attachments go, its storage is kept detached or destroyed. */
  unitRemoved(modelUuid: string, unit: string): void;
}

/** Collaborators of {@link ApplicationService}. */
export interface ApplicationDeps {
  readonly machines: ApplicationMachines;
  /** Resolved lazily: the relation service depends on this one too. */
  readonly relations: () => ApplicationRelations;
  readonly leadership?: ApplicationLeadership;
  /** The model's constraints, merged under the application's for new machines. */
  readonly modelConstraints?: (modelUuid: string) => Readonly<Record<string, unknown>>;
  /** Validator used when a call passes none. */
  readonly configValidator?: CharmConfigValidator;
  /** Charm storage; without it units get no storage. */
  readonly storage?: () => ApplicationStorage;
}

const AGENT_STATUSES: ReadonlySet<string> = new Set(Object.values(UnitAgentStatus));
const WORKLOAD_STATUSES: ReadonlySet<string> = new Set(Object.values(WorkloadStatus));
const DEFAULT_EXPOSE_CIDRS: readonly string[] = ['0.0.0.0/0', '::/0'];

/** Endpoint names an application's bindings and exposure may refer to. */
function endpointNames(charm: Charm): Set<string> {
  return new Set([...charm.endpoints.map((e) => e.name), ...charm.extraBindings, JUJU_INFO]);
}

/** Business rules for applications and units. */
export class ApplicationService {
  constructor(
    private readonly state: ApplicationState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
    private readonly deps: ApplicationDeps,
  ) {}

  // ---- applications -------------------------------------------------------------

  /**
   * Deploys an application: the record, a relation per peer endpoint and
   * `numUnits` units, each on the given machine or a new one. Either all of
   * it is created or nothing.
   * @throws `not valid` `application name "X" not valid`, bad config,
   *   `subordinate application must be deployed without units`, dying model or
   *   machine; `not found` charm or machine;
   *   `already exists` `cannot add application "x": application already exists`.
   */
  deploy(modelUuid: string, params: DeployParams): DeployResult {
    return this.atomically(() => this.deployNow(modelUuid, params));
  }

  private deployNow(modelUuid: string, p: DeployParams): DeployResult {
    if (!isValidApplicationName(p.name)) throw invalidApplicationName(p.name);
    this.requireAliveModel(modelUuid, (why) => cannotAddApplication(p.name, why));
    const charm = this.state.charm(modelUuid, p.charmUrl);
    if (charm === undefined) throw charmNotFound(p.charmUrl);
    const numUnits = p.numUnits ?? 0;
    if (numUnits < 0 || !Number.isInteger(numUnits)) throw mustAddOneUnit();
    if (charm.subordinate && numUnits > 0) throw subordinateWithUnits();
    if (this.state.application(modelUuid, p.name) !== undefined) throw applicationExists(p.name);
    const validator = p.configValidator ?? this.deps.configValidator ?? validateConfigAgainstOptions;
    const config = validator(charm, withoutNulls(p.config ?? {}));
    const bindings = this.checkBindings(charm, p.endpointBindings ?? {});
    // Placement on existing machines is checked before anything is written.
    for (const placement of (p.placement ?? []).slice(0, numUnits)) {
      if (placement.machine !== undefined) {
        const why = this.placementProblem(modelUuid, placement.machine);
        if (why !== undefined)
          throw cannotAddApplication(p.name, `cannot deploy to machine ${placement.machine}: ${why}`);
      }
    }
    const now = timestamp(this.clock);
    const inserted = this.state.insertApplication({
      modelUuid,
      name: p.name,
      charmUrl: charm.url,
      charmOrigin: p.charmOrigin ?? { source: charm.source, type: 'charm', revision: charm.revision },
      forceCharm: p.forceCharm ?? false,
      subordinate: charm.subordinate,
      constraints: p.constraints ?? {},
      base: p.base ?? null,
      endpointBindings: bindings,
      config,
      trust: p.trust ?? false,
      status: { status: APPLICATION_STATUS_UNSET, info: '', data: {}, since: now },
      createdAt: now,
    });
    if (!inserted) throw applicationExists(p.name);
    this.deps.storage?.().setApplicationDirectives(modelUuid, p.name, charm, p.storage ?? {});
    this.deps.relations().addPeerRelations(modelUuid, p.name);
    const app = this.get(modelUuid, p.name);
    const units: Unit[] = [];
    for (let i = 0; i < numUnits; i++) units.push(this.addPrincipalUnit(app, p.placement?.[i]));
    return { application: app, units };
  }

  /** An application. @throws `not found` `application "x" not found`. */
  get(modelUuid: string, name: string): Application {
    const app = this.state.application(modelUuid, name);
    if (app === undefined) throw applicationNotFound(name);
    return app;
  }

  /** Applications of the model, by name. */
  list(modelUuid: string): Application[] {
    return this.state.applications(modelUuid);
  }

  /** The charm an application runs. */
  charm(modelUuid: string, name: string): Charm {
    const app = this.get(modelUuid, name);
    const charm = this.state.charm(modelUuid, app.charmUrl);
    if (charm === undefined) throw charmNotFound(app.charmUrl);
    return charm;
  }

  /** `juju config <app>`: every charm option with value, default and source. */
  config(modelUuid: string, name: string): Record<string, ConfigEntry> {
    const app = this.get(modelUuid, name);
    return describeConfig(this.charm(modelUuid, name), app.config);
  }

  /** The settings the charm sees (`config-get`): user values over defaults. */
  configValues(modelUuid: string, name: string): Record<string, unknown> {
    const app = this.get(modelUuid, name);
    return effectiveConfig(this.charm(modelUuid, name), app.config);
  }

  /**
   * Sets config values (validated against the charm; `null` values unset).
   * @throws `not valid` `unknown option "x"` or a bad value.
   */
  setConfig(
    modelUuid: string,
    name: string,
    values: Readonly<Record<string, unknown>>,
    validator?: CharmConfigValidator,
  ): void {
    this.atomically(() => {
      const app = this.get(modelUuid, name);
      const charm = this.charm(modelUuid, name);
      const check = validator ?? this.deps.configValidator ?? validateConfigAgainstOptions;
      const valid = check(charm, withoutNulls(values));
      const next: Record<string, unknown> = { ...app.config, ...valid };
      for (const [key, value] of Object.entries(values)) if (value === null) delete next[key];
      this.state.updateApplication(modelUuid, name, { config: next });
    });
  }

  /** Unsets config keys so they return to the charm defaults. Unknown keys are ignored. */
  unsetConfig(modelUuid: string, name: string, keys: readonly string[]): void {
    this.atomically(() => {
      const app = this.get(modelUuid, name);
      const next: Record<string, unknown> = { ...app.config };
      for (const key of keys) delete next[key];
      this.state.updateApplication(modelUuid, name, { config: next });
    });
  }

  /** Sets the `trust` application setting. */
  setTrust(modelUuid: string, name: string, trust: boolean): void {
    this.atomically(() => {
      this.get(modelUuid, name);
      this.state.updateApplication(modelUuid, name, { trust });
    });
  }

  /**
   * Exposes endpoints ('' = all). Without endpoints the whole application is
   * exposed to 0.0.0.0/0 and ::/0; an endpoint with no spaces or CIDRs gets
   * those too. Merges with what is exposed already.
   * @throws `not found` `endpoint "x" not found`.
   */
  expose(
    modelUuid: string,
    name: string,
    endpoints: Readonly<Record<string, ExposeParams>> = {},
  ): Application {
    return this.atomically(() => {
      const app = this.get(modelUuid, name);
      const known = endpointNames(this.charm(modelUuid, name));
      const given: Record<string, ExposeParams> =
        Object.keys(endpoints).length === 0 ? { '': {} } : { ...endpoints };
      const merged: Record<string, ExposedEndpoint> = { ...app.exposedEndpoints };
      for (const [endpoint, e] of Object.entries(given)) {
        if (endpoint !== '' && !known.has(endpoint)) throw endpointNotFound(endpoint);
        const spaces = [...(e.spaces ?? [])];
        const cidrs = [...(e.cidrs ?? [])];
        merged[endpoint] = {
          spaces,
          cidrs: spaces.length === 0 && cidrs.length === 0 ? [...DEFAULT_EXPOSE_CIDRS] : cidrs,
        };
      }
      this.state.updateApplication(modelUuid, name, { exposed: true, exposedEndpoints: merged });
      return this.get(modelUuid, name);
    });
  }

  /**
   * Unexposes the given endpoints, or everything when none are given; the
   * application stays exposed while any endpoint remains.
   * @throws `not found` `exposed endpoint "x" not found`.
   */
  unexpose(modelUuid: string, name: string, endpoints: readonly string[] = []): Application {
    return this.atomically(() => {
      const app = this.get(modelUuid, name);
      let remaining: Record<string, ExposedEndpoint> = {};
      if (endpoints.length > 0) {
        remaining = { ...app.exposedEndpoints };
        for (const endpoint of endpoints) {
          if (!Object.hasOwn(remaining, endpoint)) throw exposedEndpointNotFound(endpoint);
          delete remaining[endpoint];
        }
      }
      this.state.updateApplication(modelUuid, name, {
        exposed: Object.keys(remaining).length > 0,
        exposedEndpoints: remaining,
      });
      return this.get(modelUuid, name);
    });
  }

  /** The application's own constraints (not merged with the model's). */
  constraints(modelUuid: string, name: string): Readonly<Record<string, unknown>> {
    return this.get(modelUuid, name).constraints;
  }

  /** Replaces the application's constraints (used for machines created later). */
  setConstraints(modelUuid: string, name: string, constraints: Readonly<Record<string, unknown>>): void {
    this.atomically(() => {
      this.get(modelUuid, name);
      this.state.updateApplication(modelUuid, name, { constraints: { ...constraints } });
    });
  }

  /** Sets the application's base (`set-application-base`); affects new machines only. */
  setBase(modelUuid: string, name: string, base: { readonly os: string; readonly channel: string }): void {
    this.atomically(() => {
      this.get(modelUuid, name);
      this.state.updateApplication(modelUuid, name, { base: { os: base.os, channel: base.channel } });
    });
  }

  /**
   * Merges endpoint bindings (endpoint, or '' for the default, to space).
   * @throws `not found` `endpoint "x" not found`.
   */
  mergeBindings(modelUuid: string, name: string, bindings: Readonly<Record<string, string>>): void {
    this.atomically(() => {
      const app = this.get(modelUuid, name);
      const merged = this.checkBindings(this.charm(modelUuid, name), {
        ...app.endpointBindings,
        ...bindings,
      });
      this.state.updateApplication(modelUuid, name, { endpointBindings: merged });
    });
  }

  /**
   * Refresh: switches the application to another charm and bumps its
   * charm-modified-version. Relations in use must still be served by the new
   * charm and a charm cannot become (or stop being) a subordinate. Config
   * values for options the new charm lacks are dropped; new peer endpoints
   * get their relations.
   * @throws `not found` charm; `not valid` `cannot upgrade application "x" to charm "u": ...`.
   */
  setCharm(modelUuid: string, name: string, params: SetCharmParams): Application {
    return this.atomically(() => {
      const app = this.get(modelUuid, name);
      const charm = this.state.charm(modelUuid, params.charmUrl);
      if (charm === undefined) throw charmNotFound(params.charmUrl);
      if (app.life !== Life.Alive) throw cannotUpgrade(name, charm.url, 'application is not alive');
      if (charm.subordinate !== app.subordinate)
        throw cannotUpgrade(name, charm.url, "cannot change an application's subordinacy");
      const provided = endpointNames(charm);
      for (const used of this.state.relationEndpoints(modelUuid, name)) {
        if (!provided.has(used.endpoint))
          throw cannotUpgrade(name, charm.url, `would break relation ${JSON.stringify(used.key)}`);
      }
      const kept: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(app.config))
        if (Object.hasOwn(charm.configOptions, key)) kept[key] = value;
      let config = kept;
      if (params.config !== undefined) {
        const check = params.configValidator ?? this.deps.configValidator ?? validateConfigAgainstOptions;
        config = { ...kept, ...check(charm, withoutNulls(params.config)) };
      }
      const bindings: Record<string, string> = {};
      for (const [endpoint, space] of Object.entries(app.endpointBindings))
        if (endpoint === '' || provided.has(endpoint)) bindings[endpoint] = space;
      this.state.updateApplication(modelUuid, name, {
        charmUrl: charm.url,
        charmModifiedVersion: app.charmModifiedVersion + 1,
        forceCharm: params.force ?? false,
        config,
        endpointBindings: bindings,
        ...(params.charmOrigin !== undefined ? { charmOrigin: params.charmOrigin } : {}),
      });
      this.deps.relations().addPeerRelations(modelUuid, name);
      return this.get(modelUuid, name);
    });
  }

  /**
   * Sets the application status (leader's `status-set --application`).
   * @throws `not valid` `cannot set invalid status "x"`.
   */
  setStatus(modelUuid: string, name: string, params: StatusParams): void {
    checkStatus(WORKLOAD_STATUSES, params);
    this.atomically(() => {
      this.get(modelUuid, name);
      this.state.setStatus({
        modelUuid,
        kind: UnitStatusKind.Application,
        id: name,
        status: this.statusInfo(params),
      });
    });
  }

  /**
   * remove-application: the application becomes dying, its units dying (or
   * removed at once when their agents never started), its relations dying.
   * Removed at once when nothing is left. Idempotent.
   */
  destroy(modelUuid: string, name: string): DestroyApplicationResult {
    return this.atomically(() => {
      const app = this.get(modelUuid, name);
      const destroyedUnits: string[] = [];
      const removedUnits: string[] = [];
      const destroyedMachines: string[] = [];
      if (app.life === Life.Alive) this.state.updateApplication(modelUuid, name, { life: Life.Dying });
      for (const unit of this.state.units(modelUuid, name)) {
        if (unit.life !== Life.Alive) continue;
        const r = this.destroyUnitNow(modelUuid, unit, false);
        if (r.removed) removedUnits.push(unit.name);
        else destroyedUnits.push(...r.destroyedUnits);
        destroyedMachines.push(...r.destroyedMachines);
      }
      this.deps.relations().destroyForApplication(modelUuid, name);
      const removed = this.removeIfUnused(modelUuid, name);
      return { removed, destroyedUnits, removedUnits, destroyedMachines };
    });
  }

  /**
   * Removes a dying application once it has no units and no relations.
   * Returns true when it is gone (or was already).
   */
  removeIfUnused(modelUuid: string, name: string): boolean {
    return this.atomically(() => {
      const app = this.state.application(modelUuid, name);
      if (app === undefined) return true;
      if (app.life === Life.Alive) return false;
      if (this.state.unitCount(modelUuid, name) > 0 || this.state.relationCount(modelUuid, name) > 0)
        return false;
      this.state.deleteApplication(modelUuid, name);
      return true;
    });
  }

  // ---- units ----------------------------------------------------------------------

  /**
   * Adds principal units, each on the given machine or a new one.
   * @throws `not valid` `must add at least one unit`,
   *   `cannot add unit to application "x": application is a subordinate` /
   *   `application is not found or not alive`, placement problems.
   */
  addUnits(modelUuid: string, name: string, params: AddUnitsParams): Unit[] {
    return this.atomically(() => {
      if (!Number.isInteger(params.count) || params.count < 1) throw mustAddOneUnit();
      const app = this.state.application(modelUuid, name);
      if (app === undefined || app.life !== Life.Alive)
        throw cannotAddUnit(name, 'application is not found or not alive');
      if (app.subordinate) throw cannotAddUnit(name, 'application is a subordinate');
      this.requireAliveModel(modelUuid, (why) => cannotAddUnit(name, why));
      const units: Unit[] = [];
      for (let i = 0; i < params.count; i++) units.push(this.addPrincipalUnit(app, params.placement?.[i]));
      return units;
    });
  }

  /**
   * Creates the subordinate unit of `application` next to `principal`
   * (same machine) unless one exists. Used when a principal enters a
   * container-scoped relation. Returns the subordinate, or null when the
   * subordinate application or the principal is not alive.
   */
  ensureSubordinate(modelUuid: string, application: string, principal: string): Unit | null {
    return this.atomically(() => {
      const app = this.get(modelUuid, application);
      const p = this.unit(modelUuid, principal);
      if (!app.subordinate) throw cannotAddUnit(application, 'application is not a subordinate');
      const existing = p.subordinates.find((s) => s.startsWith(`${application}/`));
      if (existing !== undefined) return this.unit(modelUuid, existing);
      if (app.life !== Life.Alive || p.life !== Life.Alive) return null;
      return this.insertUnit(app, p.name, p.machineId ?? '');
    });
  }

  /**
   * Assigns an unassigned principal unit to a machine (given, or new).
   * @throws `not valid` `cannot assign unit "a/0" to machine 0: machine is not alive`,
   *   `unit is already assigned to a machine`, `subordinate unit "s/0" cannot be
   *   assigned directly to a machine`.
   */
  assignUnit(modelUuid: string, unitName: string, placement: UnitPlacement = {}): Unit {
    return this.atomically(() => {
      const unit = this.unit(modelUuid, unitName);
      if (unit.principal !== null) throw subordinateCannotBeAssigned(unitName);
      const target = placement.machine ?? 'new';
      if (unit.life !== Life.Alive) throw cannotAssign(unitName, target, 'unit is not alive');
      if (unit.machineId !== null) {
        if (unit.machineId === placement.machine) return unit;
        throw cannotAssign(unitName, target, 'unit is already assigned to a machine');
      }
      this.assignNow(this.get(modelUuid, unit.application), unitName, placement);
      return this.unit(modelUuid, unitName);
    });
  }

  /** A unit. @throws `not found` `unit "a/0" not found`, `not valid` bad name. */
  unit(modelUuid: string, name: string): Unit {
    if (!isValidUnitName(name)) throw invalidUnitName(name);
    const u = this.state.unit(modelUuid, name);
    if (u === undefined) throw unitNotFound(name);
    return u;
  }

  /** Units of an application by number (subordinates included for subordinate apps). */
  units(modelUuid: string, application: string): Unit[] {
    this.get(modelUuid, application);
    return this.state.units(modelUuid, application);
  }

  /** Units on a machine, principals and subordinates (the deployer's view). */
  unitsOnMachine(modelUuid: string, machineId: string): Unit[] {
    return this.state.unitsOnMachine(modelUuid, machineId);
  }

  /**
   * remove-unit: the unit and its subordinates become dying. A principal
   * whose agent never started (still `allocating`, or unassigned) and has no
   * subordinates is removed at once, and so is its machine's life if it was
   * the machine's last unit. Idempotent for dying units.
   */
  destroyUnit(modelUuid: string, name: string): DestroyUnitResult {
    return this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.life !== Life.Alive) return { removed: false, destroyedUnits: [], destroyedMachines: [] };
      const result = this.destroyUnitNow(modelUuid, unit, true);
      return result;
    });
  }

  /**
   * The unit agent is done: the unit becomes dead.
   * @throws `not valid` `unit has subordinates` while subordinate units exist.
   */
  ensureUnitDead(modelUuid: string, name: string): void {
    this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.life === Life.Dead) return;
      if (unit.subordinates.length > 0) throw unitHasSubordinates();
      this.state.updateUnit(modelUuid, name, { life: Life.Dead });
    });
  }

  /**
   * Removes a dead unit (the deployer's last step): it leaves any relation
   * scope still held, gives up leadership, its machine becomes dying when it
   * was its last unit, and a dying application without units and relations
   * goes too.
   * @throws `not valid` `cannot remove unit "a/0": unit is not dead`.
   */
  removeUnit(modelUuid: string, name: string): RemoveUnitResult {
    return this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.life !== Life.Dead) throw unitNotDead(name);
      return this.removeUnitNow(modelUuid, unit);
    });
  }

  /**
   * Sets the unit agent's password (stored hashed).
   * @throws `not valid` when shorter than 18 characters.
   */
  setUnitPassword(modelUuid: string, name: string, password: string): void {
    if (password.length < MIN_AGENT_PASSWORD_LENGTH) throw agentPasswordTooShort(password.length);
    this.atomically(() => {
      this.unit(modelUuid, name);
      this.state.updateUnit(modelUuid, name, { passwordHash: agentPasswordHash(password) });
    });
  }

  /**
   * Checks a unit agent's login.
   * @throws `unauthorized access` `invalid entity name or password`.
   */
  authenticateUnit(modelUuid: string, name: string, password: string): Unit {
    const unit = isValidUnitName(name) ? this.state.unit(modelUuid, name) : undefined;
    const hash = unit === undefined ? undefined : this.state.unitPasswordHash(modelUuid, name);
    if (
      unit === undefined ||
      hash === undefined ||
      unit.life === Life.Dead ||
      !agentPasswordMatches(password, hash)
    ) {
      throw unauthorized('invalid entity name or password');
    }
    return unit;
  }

  /**
   * Sets the unit agent status (allocating, executing, idle, error, ...).
   * @throws `not valid` `cannot set invalid status "x"`, error without info.
   */
  setUnitAgentStatus(modelUuid: string, name: string, params: StatusParams): void {
    checkStatus(AGENT_STATUSES, params);
    this.setUnitStatus(modelUuid, name, UnitStatusKind.Agent, params);
  }

  /**
   * Sets the unit workload status (maintenance, waiting, blocked, active, ...).
   * @throws `not valid` `cannot set invalid status "x"`, error without info.
   */
  setUnitWorkloadStatus(modelUuid: string, name: string, params: StatusParams): void {
    checkStatus(WORKLOAD_STATUSES, params);
    this.setUnitStatus(modelUuid, name, UnitStatusKind.Workload, params);
  }

  /**
   * `juju resolved`: marks a unit in error to retry (or skip) the failed hook.
   * @throws `not valid` `invalid error resolution mode: "x"`,
   *   `unit "a/0" is not in an error state`, `... already resolved`.
   */
  setResolved(modelUuid: string, name: string, mode: string): void {
    if (mode !== ResolvedMode.RetryHooks && mode !== ResolvedMode.NoHooks) throw invalidResolvedMode(mode);
    this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.agentStatus.status !== UnitAgentStatus.Error) throw unitNotInError(name);
      if (unit.resolved !== ResolvedMode.None)
        throw new JujuError(
          ErrorCode.NotValid,
          `cannot set resolved mode for unit ${JSON.stringify(name)}: already resolved`,
        );
      this.state.updateUnit(modelUuid, name, { resolved: mode });
    });
  }

  /** Clears the resolved mode once the agent acted on it. */
  clearResolved(modelUuid: string, name: string): void {
    this.atomically(() => {
      this.unit(modelUuid, name);
      this.state.updateUnit(modelUuid, name, { resolved: ResolvedMode.None });
    });
  }

  /** The resolved mode ('' when none). */
  resolved(modelUuid: string, name: string): ResolvedModeValue {
    return this.unit(modelUuid, name).resolved;
  }

  /** `application-version-set`. */
  setWorkloadVersion(modelUuid: string, name: string, version: string): void {
    this.updateLiveUnit(modelUuid, name, { workloadVersion: version });
  }

  /** Records the charm URL the unit agent now runs (allowed while dying). */
  setUnitCharmUrl(modelUuid: string, name: string, charmUrl: string): void {
    this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.life === Life.Dead) throw unitIsDead(name);
      if (this.state.charm(modelUuid, charmUrl) === undefined) throw charmNotFound(charmUrl);
      this.state.updateUnit(modelUuid, name, { charmUrl });
    });
  }

  /** Records the version of the running unit agent. */
  setUnitAgentVersion(modelUuid: string, name: string, version: string): void {
    this.updateLiveUnit(modelUuid, name, { agentVersion: version });
  }

  // ---- internals ------------------------------------------------------------------

  private requireAliveModel(modelUuid: string, wrap: (why: string) => JujuError): void {
    const life = this.state.modelLife(modelUuid);
    if (life === undefined)
      throw new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(modelUuid)} not found`);
    if (life !== Life.Alive) throw wrap(modelNotAlive().message);
  }

  private checkBindings(charm: Charm, bindings: Readonly<Record<string, string>>): Record<string, string> {
    const known = endpointNames(charm);
    const result: Record<string, string> = {};
    for (const [endpoint, space] of Object.entries(bindings)) {
      if (endpoint !== '' && !known.has(endpoint)) throw endpointNotFound(endpoint);
      result[endpoint] = space;
    }
    return result;
  }

  /** Why a unit cannot go on an existing machine, or undefined when it can. */
  private placementProblem(modelUuid: string, machineId: string): string | undefined {
    const m = this.deps.machines.get(modelUuid, machineId);
    if (m.life !== Life.Alive) return 'machine is not alive';
    if (!m.jobs.includes(MachineJob.HostUnits)) return `machine ${JSON.stringify(m.id)} cannot host units`;
    return undefined;
  }

  /** The machine, or undefined when it was removed already (model teardown). */
  private machineIfAny(modelUuid: string, machineId: string): Machine | undefined {
    try {
      return this.deps.machines.get(modelUuid, machineId);
    } catch (err) {
      if (isJujuError(err, ErrorCode.NotFound)) return undefined;
      throw err;
    }
  }

  private statusInfo(params: StatusParams): StatusInfo {
    return {
      status: params.status,
      info: params.info ?? '',
      data: { ...(params.data ?? {}) },
      since: timestamp(this.clock),
    };
  }

  private insertUnit(app: Application, principal: string, machineId: string): Unit {
    const now = timestamp(this.clock);
    const name = this.state.insertUnit({
      modelUuid: app.modelUuid,
      application: app.name,
      principal,
      machineId,
      agentStatus: { status: UnitAgentStatus.Allocating, info: '', data: {}, since: now },
      workloadStatus: {
        status: WorkloadStatus.Waiting,
        info: MESSAGE_WAITING_FOR_MACHINE,
        data: {},
        since: now,
      },
      createdAt: now,
    });
    const storage = this.deps.storage?.();
    if (storage !== undefined) {
      const charm = this.state.charm(app.modelUuid, app.charmUrl);
      if (charm !== undefined) storage.createUnitStorage(app.modelUuid, app.name, name, charm);
    }
    return this.unit(app.modelUuid, name);
  }

  private addPrincipalUnit(app: Application, placement: UnitPlacement | undefined): Unit {
    const unit = this.insertUnit(app, '', '');
    this.assignNow(app, unit.name, placement ?? {});
    return this.unit(app.modelUuid, unit.name);
  }

  private assignNow(app: Application, unitName: string, placement: UnitPlacement): void {
    let machineId: string;
    if (placement.machine !== undefined) {
      const why = this.placementProblem(app.modelUuid, placement.machine);
      if (why !== undefined) throw cannotAssign(unitName, placement.machine, why);
      machineId = placement.machine;
    } else {
      const modelConstraints = this.deps.modelConstraints?.(app.modelUuid) ?? {};
      const machine = this.deps.machines.add(app.modelUuid, {
        ...(app.base !== null ? { base: app.base } : {}),
        constraints: { ...modelConstraints, ...app.constraints },
      });
      machineId = machine.id;
    }
    this.state.updateUnit(app.modelUuid, unitName, { machineId });
  }

  private setUnitStatus(modelUuid: string, name: string, kind: string, params: StatusParams): void {
    this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.life === Life.Dead) throw unitIsDead(name);
      this.state.setStatus({ modelUuid, kind, id: name, status: this.statusInfo(params) });
    });
  }

  private updateLiveUnit(modelUuid: string, name: string, update: UnitUpdate): void {
    this.atomically(() => {
      const unit = this.unit(modelUuid, name);
      if (unit.life === Life.Dead) throw unitIsDead(name);
      this.state.updateUnit(modelUuid, name, update);
    });
  }

  private destroyUnitNow(modelUuid: string, unit: Unit, maybeRemoveApp: boolean): DestroyUnitResult {
    const neverStarted =
      unit.principal === null &&
      unit.subordinates.length === 0 &&
      (unit.machineId === null || unit.agentStatus.status === UnitAgentStatus.Allocating);
    if (neverStarted) {
      const r = this.removeUnitNow(modelUuid, unit, maybeRemoveApp);
      return { removed: true, destroyedUnits: [], destroyedMachines: r.destroyedMachines };
    }
    const destroyedUnits = [unit.name];
    this.state.updateUnit(modelUuid, unit.name, { life: Life.Dying });
    this.deps.storage?.().unitDying(modelUuid, unit.name);
    for (const sub of unit.subordinates) {
      const s = this.state.unit(modelUuid, sub);
      if (s !== undefined && s.life === Life.Alive) {
        this.state.updateUnit(modelUuid, sub, { life: Life.Dying });
        this.deps.storage?.().unitDying(modelUuid, sub);
        destroyedUnits.push(sub);
      }
    }
    return { removed: false, destroyedUnits, destroyedMachines: [] };
  }

  private removeUnitNow(modelUuid: string, unit: Unit, maybeRemoveApp = true): RemoveUnitResult {
    this.deps.relations().leaveAllScopes(modelUuid, unit.name);
    this.deps.leadership?.releaseUnit(modelUuid, unit.name);
    this.deps.storage?.().unitRemoved(modelUuid, unit.name);
    this.state.deleteUnit(modelUuid, unit.name);
    const destroyedMachines: string[] = [];
    if (unit.principal === null && unit.machineId !== null) {
      const machineId = unit.machineId;
      const others = this.state.unitsOnMachine(modelUuid, machineId).filter((u) => u.principal === null);
      const m = this.machineIfAny(modelUuid, machineId);
      if (
        m !== undefined &&
        others.length === 0 &&
        m.life === Life.Alive &&
        !m.jobs.includes(MachineJob.ManageModel) &&
        !this.state.hasContainers(modelUuid, machineId)
      ) {
        this.deps.machines.destroy(modelUuid, machineId);
        destroyedMachines.push(machineId);
      }
    }
    const applicationRemoved = maybeRemoveApp ? this.removeIfUnused(modelUuid, unit.application) : false;
    return { applicationRemoved, destroyedMachines };
  }
}

function withoutNulls(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    if (value !== null && value !== undefined) result[key] = value;
  return result;
}

function checkStatus(allowed: ReadonlySet<string>, params: StatusParams): void {
  if (!allowed.has(params.status)) throw invalidUnitStatus(params.status);
  if (params.status === 'error' && (params.info ?? '') === '') throw statusNeedsInfo(params.status);
}
