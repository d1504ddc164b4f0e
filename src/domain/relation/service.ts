/**
 * Relations: endpoint resolution from `app[:endpoint]` specs (Juju's
 * inference rules), creation with per-model integer ids, peer relations for
 * each peer endpoint, life and suspension, unit scopes (enter/leave, with
 * subordinate units created for container-scoped relations) and the unit
 * and application settings bags with their version counters.
 */
import { notAtomic, type Atomically } from '../common/atomic.js';
import { timestamp, type Clock } from '../common/clock.js';
import { Life, type LifeValue } from '../common/life.js';
import { JUJU_INFO, RelationRole, RelationScope, type CharmEndpoint } from '../charm/types.js';
import { modelNotAlive } from '../machine/errors.js';
import {
  ambiguousRelation,
  applicationNotFound,
  cannotAddRelation,
  cannotDestroyPeer,
  cannotEnterScope,
  cannotRelateCount,
  invalidEndpointSpec,
  invalidRelationStatus,
  limitExceeded,
  noRelationsFound,
  noSuchEndpoint,
  permissionDenied,
  relationDyingExists,
  relationExists,
  relationKeyNotFound,
  relationNotFound,
  unitNotFound,
  unitSettingsNotFound,
} from './errors.js';
import {
  RelationStatusValue,
  type ApplicationEndpoints,
  type DestroyRelationResult,
  type InsertRelationArgs,
  type Relation,
  type RelationEndpoint,
  type RelationSettingsVersions,
  type RelationStatus,
  type RelationUnitInfo,
  type SettingsBag,
  type SettingsChanges,
} from './types.js';

/** Persistence the relation service needs. */
export interface RelationState {
  modelLife(modelUuid: string): LifeValue | undefined;
  /** An application and its charm endpoints, or undefined. */
  applicationEndpoints(modelUuid: string, application: string): ApplicationEndpoints | undefined;
  /** Inserts the relation, its endpoints and first status with the next relation id; returns the id. */
  insertRelation(args: InsertRelationArgs): number;
  relation(modelUuid: string, id: number): Relation | undefined;
  relationByKey(modelUuid: string, key: string): Relation | undefined;
  /** Relations of the model by id. */
  relations(modelUuid: string): Relation[];
  relationsOfApplication(modelUuid: string, application: string): Relation[];
  setLife(modelUuid: string, id: number, life: LifeValue): void;
  setSuspended(
    modelUuid: string,
    id: number,
    suspended: boolean,
    reason: string,
    status: RelationStatus,
  ): void;
  setStatus(modelUuid: string, id: number, status: RelationStatus): void;
  deleteRelation(modelUuid: string, id: number): void;
  unitInfo(modelUuid: string, unit: string): RelationUnitInfo | undefined;
  /** Units in the relation's scope, with what scoping needs to know about them. */
  scopeMembers(modelUuid: string, id: number): RelationUnitInfo[];
  /** Adds the unit to the scope; false when it was in it already. */
  enterScope(modelUuid: string, id: number, unit: string, at: string): boolean;
  /** Removes the unit from the scope; false when it was not in it. */
  leaveScope(modelUuid: string, id: number, unit: string): boolean;
  /** Ids of relations whose scope the unit is in. */
  scopesOfUnit(modelUuid: string, unit: string): number[];
  unitSettings(modelUuid: string, id: number, unit: string): SettingsBag | undefined;
  writeUnitSettings(modelUuid: string, id: number, unit: string, bag: SettingsBag): void;
  /** The application's bag ({} at version 0 when never written). */
  applicationSettings(modelUuid: string, id: number, application: string): SettingsBag;
  writeApplicationSettings(modelUuid: string, id: number, application: string, bag: SettingsBag): void;
  settingsVersions(modelUuid: string, id: number): RelationSettingsVersions;
}

/** What the relation service needs from the application domain. */
export interface RelationApplications {
  /** Creates the subordinate unit of `application` beside `principal` if missing. */
  ensureSubordinate(modelUuid: string, application: string, principal: string): unknown;
  /** Removes a dying application without units and relations. */
  removeIfUnused(modelUuid: string, application: string): boolean;
  /** Starts a unit's removal (it becomes dying; its agent runs stop and remove). */
  destroyUnit(modelUuid: string, unit: string): unknown;
}

/** What the relation service needs from the leadership domain. */
export interface RelationLeadership {
  isLeader(modelUuid: string, application: string, unit: string): boolean;
}

/** Collaborators of {@link RelationService}. */
export interface RelationDeps {
  readonly applications: RelationApplications;
  readonly leadership: RelationLeadership;
}

const ROLE_ORDER: Record<string, number> = {
  [RelationRole.Requirer]: 0,
  [RelationRole.Provider]: 1,
  [RelationRole.Peer]: 2,
};

const RELATION_STATUSES: ReadonlySet<string> = new Set(Object.values(RelationStatusValue));

/** `app:endpoint`. */
function endpointString(ep: { readonly application: string; readonly name: string }): string {
  return `${ep.application}:${ep.name}`;
}

/** Orders endpoints as relation keys do: requirer, provider, peer; then by `app:endpoint`. */
export function sortEndpoints<
  T extends { readonly application: string; readonly name: string; readonly role: string },
>(endpoints: readonly T[]): T[] {
  return [...endpoints].sort((a, b) => {
    const ra = ROLE_ORDER[a.role] ?? 3;
    const rb = ROLE_ORDER[b.role] ?? 3;
    if (ra !== rb) return ra - rb;
    const sa = endpointString(a);
    const sb = endpointString(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}

/** The relation key of a set of endpoints: `req:ep prov:ep` or `app:peer`. */
export function relationKey(
  endpoints: readonly { readonly application: string; readonly name: string; readonly role: string }[],
): string {
  return sortEndpoints(endpoints).map(endpointString).join(' ');
}

function isImplicit(ep: RelationEndpoint): boolean {
  return ep.name === JUJU_INFO && ep.interface === JUJU_INFO && ep.role === RelationRole.Provider;
}

function canRelate(a: RelationEndpoint, b: RelationEndpoint): boolean {
  if (a.interface !== b.interface || a.application === b.application) return false;
  return (
    (a.role === RelationRole.Provider && b.role === RelationRole.Requirer) ||
    (a.role === RelationRole.Requirer && b.role === RelationRole.Provider)
  );
}

function toRelationEndpoint(application: string, ep: CharmEndpoint): RelationEndpoint {
  return {
    application,
    name: ep.name,
    role: ep.role,
    interface: ep.interface,
    optional: ep.optional,
    limit: ep.limit,
    scope: ep.scope,
  };
}

/** The application's endpoints including the implicit `juju-info` provider. */
function allEndpoints(app: ApplicationEndpoints): RelationEndpoint[] {
  const eps = app.endpoints.map((e) => toRelationEndpoint(app.name, e));
  if (!eps.some((e) => e.name === JUJU_INFO)) {
    eps.push({
      application: app.name,
      name: JUJU_INFO,
      role: RelationRole.Provider,
      interface: JUJU_INFO,
      optional: false,
      limit: 0,
      scope: RelationScope.Global,
    });
  }
  return eps;
}

/** Business rules for relations. */
export class RelationService {
  constructor(
    private readonly state: RelationState,
    private readonly clock: Clock,
    private readonly atomically: Atomically = notAtomic,
    private readonly deps: RelationDeps,
  ) {}

  // ---- resolution and creation ----------------------------------------------------

  /**
   * Resolves one (peer) or two `app[:endpoint]` specs into the endpoints of
   * the one relation they can mean. Candidates need matching interfaces and
   * provider/requirer roles on different applications (a container-scoped
   * pair needs a subordinate); when several match, those using the implicit
   * `juju-info` endpoint are dropped.
   * @throws `not valid` `no relations found`, `ambiguous relation: "a b" could
   *   refer to "a:x b:y"; "a:z b:w"`, `invalid endpoint "x"`; `not found`
   *   application or `application "a" has no "x" relation`.
   */
  inferEndpoints(modelUuid: string, specs: readonly string[]): RelationEndpoint[] {
    let candidates: RelationEndpoint[][] = [];
    if (specs.length === 1) {
      candidates = this.endpointsFor(modelUuid, specs[0] ?? '')
        .filter((e) => e.role === RelationRole.Peer)
        .map((e) => [e]);
    } else if (specs.length === 2) {
      const a = this.endpointsFor(modelUuid, specs[0] ?? '').filter((e) => e.role !== RelationRole.Peer);
      const b = this.endpointsFor(modelUuid, specs[1] ?? '').filter((e) => e.role !== RelationRole.Peer);
      for (const x of a)
        for (const y of b)
          if (canRelate(x, y) && this.containerScopeOk(modelUuid, x, y)) candidates.push([x, y]);
    } else {
      throw cannotRelateCount(specs.length);
    }
    if (candidates.length === 0) throw noRelationsFound();
    const [only] = candidates;
    if (candidates.length === 1 && only !== undefined) return only;
    const explicit = candidates.filter((c) => !c.some(isImplicit));
    const [single] = explicit;
    if (explicit.length === 1 && single !== undefined) return single;
    const keys = candidates.map((c) => JSON.stringify(relationKey(c))).sort();
    throw ambiguousRelation(specs, keys);
  }

  /**
   * integrate: resolves the specs and adds the relation.
   * @throws resolution errors; `already exists` `cannot add relation "k":
   *   relation k already exists`; `not valid` application not alive, container
   *   scope without subordinate; `quota limit exceeded` relation limit.
   */
  add(modelUuid: string, specs: readonly string[]): Relation {
    return this.atomically(() => this.addEndpoints(modelUuid, this.inferEndpoints(modelUuid, specs)));
  }

  /** Adds a relation between resolved endpoints (two, or one peer endpoint). */
  addEndpoints(modelUuid: string, endpoints: readonly RelationEndpoint[]): Relation {
    return this.atomically(() => {
      const life = this.state.modelLife(modelUuid);
      const key = relationKey(endpoints);
      if (life !== Life.Alive) throw cannotAddRelation(key, modelNotAlive().message);
      const existing = this.state.relationByKey(modelUuid, key);
      if (existing !== undefined) {
        if (existing.life === Life.Alive) throw relationExists(key);
        throw relationDyingExists(key);
      }
      let eps = sortEndpoints(endpoints);
      let subordinates = 0;
      for (const ep of eps) {
        const app = this.state.applicationEndpoints(modelUuid, ep.application);
        if (app === undefined)
          throw cannotAddRelation(key, `application ${JSON.stringify(ep.application)} does not exist`);
        if (app.life !== Life.Alive)
          throw cannotAddRelation(key, `application ${JSON.stringify(ep.application)} is not alive`);
        if (app.subordinate) subordinates++;
      }
      if (eps.length === 2 && eps.some((e) => e.scope === RelationScope.Container)) {
        if (subordinates < 1)
          throw cannotAddRelation(
            key,
            'container scoped relation requires at least one subordinate application',
          );
        eps = eps.map((e) => ({ ...e, scope: RelationScope.Container }));
      }
      if (eps.length === 2) {
        for (const ep of eps) {
          if (ep.limit <= 0) continue;
          const established = this.state
            .relationsOfApplication(modelUuid, ep.application)
            .filter((r) =>
              r.endpoints.some((e) => e.application === ep.application && e.name === ep.name),
            ).length;
          if (established + 1 > ep.limit) throw limitExceeded(key, ep.application, ep.name, ep.limit);
        }
      }
      const now = timestamp(this.clock);
      const id = this.state.insertRelation({
        modelUuid,
        key,
        endpoints: eps,
        status: { status: RelationStatusValue.Joining, info: '', since: now },
        createdAt: now,
      });
      return this.get(modelUuid, id);
    });
  }

  /** Creates the relation of each peer endpoint of the application's charm that has none yet. */
  addPeerRelations(modelUuid: string, application: string): Relation[] {
    return this.atomically(() => {
      const app = this.state.applicationEndpoints(modelUuid, application);
      if (app === undefined) throw applicationNotFound(application);
      const created: Relation[] = [];
      for (const ep of app.endpoints) {
        if (ep.role !== RelationRole.Peer) continue;
        const endpoint = toRelationEndpoint(application, ep);
        if (this.state.relationByKey(modelUuid, relationKey([endpoint])) !== undefined) continue;
        created.push(this.addEndpoints(modelUuid, [endpoint]));
      }
      return created;
    });
  }

  // ---- reads ----------------------------------------------------------------------

  /** A relation by id. @throws `not found` `relation 3 not found`. */
  get(modelUuid: string, id: number): Relation {
    const r = this.state.relation(modelUuid, id);
    if (r === undefined) throw relationNotFound(id);
    return r;
  }

  /** A relation by key. @throws `not found` `relation "a:x b:y" not found`. */
  getByKey(modelUuid: string, key: string): Relation {
    const r = this.state.relationByKey(modelUuid, key);
    if (r === undefined) throw relationKeyNotFound(key);
    return r;
  }

  /** The existing relation the specs resolve to. @throws as {@link inferEndpoints}; `not found`. */
  find(modelUuid: string, specs: readonly string[]): Relation {
    return this.getByKey(modelUuid, relationKey(this.inferEndpoints(modelUuid, specs)));
  }

  /** Relations of the model by id. */
  list(modelUuid: string): Relation[] {
    return this.state.relations(modelUuid);
  }

  /** Relations an application takes part in, by id. */
  forApplication(modelUuid: string, application: string): Relation[] {
    return this.state.relationsOfApplication(modelUuid, application);
  }

  /**
   * Relations a unit takes part in: its application's, except that a
   * subordinate unit only sees container-scoped relations with its
   * principal's application.
   */
  forUnit(modelUuid: string, unit: string): Relation[] {
    const u = this.unitInfo(modelUuid, unit);
    const relations = this.state.relationsOfApplication(modelUuid, u.application);
    if (u.principal === '') return relations;
    const principalApp = u.principal.slice(0, u.principal.lastIndexOf('/'));
    return relations.filter(
      (r) =>
        r.scope !== RelationScope.Container ||
        r.isPeer ||
        r.endpoints.some((e) => e.application === principalApp),
    );
  }

  // ---- life -----------------------------------------------------------------------

  /**
   * remove-relation by endpoint specs: the relation becomes dying and goes
   * at once when no unit is in scope.
   * @throws as {@link find}; `not valid` for peer relations.
   */
  destroy(modelUuid: string, specs: readonly string[]): DestroyRelationResult {
    return this.atomically(() => this.destroyNow(modelUuid, this.find(modelUuid, specs), true));
  }

  /** remove-relation by id. @throws `not found` `relation 3 not found`; `not valid` for peers. */
  destroyById(modelUuid: string, id: number): DestroyRelationResult {
    return this.atomically(() => this.destroyNow(modelUuid, this.get(modelUuid, id), true));
  }

  /** Every relation of a dying application becomes dying (peer ones too). */
  destroyForApplication(modelUuid: string, application: string): void {
    this.atomically(() => {
      for (const r of this.state.relationsOfApplication(modelUuid, application))
        this.destroyNow(modelUuid, r, false);
    });
  }

  /** Suspends or resumes a relation (units leave/re-enter on their side). */
  setSuspended(modelUuid: string, id: number, suspended: boolean, reason = ''): Relation {
    return this.atomically(() => {
      const r = this.get(modelUuid, id);
      const status: RelationStatus = {
        status: suspended
          ? RelationStatusValue.Suspended
          : r.unitCount > 0
            ? RelationStatusValue.Joined
            : RelationStatusValue.Joining,
        info: suspended ? reason : '',
        since: timestamp(this.clock),
      };
      this.state.setSuspended(modelUuid, id, suspended, suspended ? reason : '', status);
      return this.get(modelUuid, id);
    });
  }

  /** Sets the relation status (joining, joined, broken, suspending, suspended, error). */
  setStatus(modelUuid: string, id: number, status: string, info = ''): void {
    if (!RELATION_STATUSES.has(status)) throw invalidRelationStatus(status);
    this.atomically(() => {
      this.get(modelUuid, id);
      this.state.setStatus(modelUuid, id, { status, info, since: timestamp(this.clock) });
    });
  }

  // ---- scopes ---------------------------------------------------------------------

  /**
   * A unit joins the relation: it enters scope and its settings are seeded
   * with `settings` (merged into any earlier bag). A principal entering a
   * container-scoped relation with a subordinate application gets its
   * subordinate unit created.
   * @throws `not valid` `cannot enter scope: unit or relation is not alive`;
   *   `unauthorized access` when the unit's application is not in the relation.
   */
  enterScope(modelUuid: string, id: number, unit: string, settings: SettingsChanges = {}): void {
    this.atomically(() => {
      const r = this.get(modelUuid, id);
      const u = this.unitInfo(modelUuid, unit);
      if (!r.endpoints.some((e) => e.application === u.application)) throw permissionDenied();
      if (r.life !== Life.Alive || u.life !== Life.Alive) throw cannotEnterScope();
      const now = timestamp(this.clock);
      const entered = this.state.enterScope(modelUuid, id, unit, now);
      this.mergeUnitSettings(modelUuid, id, unit, settings, entered);
      if (entered && r.status.status === RelationStatusValue.Joining && !r.suspended)
        this.state.setStatus(modelUuid, id, { status: RelationStatusValue.Joined, info: '', since: now });
      if (r.scope === RelationScope.Container && !r.isPeer && u.principal === '') {
        for (const e of r.endpoints) {
          if (e.application === u.application) continue;
          const other = this.state.applicationEndpoints(modelUuid, e.application);
          if (other?.subordinate === true)
            this.deps.applications.ensureSubordinate(modelUuid, e.application, unit);
        }
      }
    });
  }

  /**
   * A unit leaves the relation's scope. A dying relation goes once its last
   * unit leaves. Leaving a scope the unit is not in does nothing.
   */
  leaveScope(modelUuid: string, id: number, unit: string): void {
    this.atomically(() => {
      const r = this.state.relation(modelUuid, id);
      if (r === undefined) return;
      const left = this.state.leaveScope(modelUuid, id, unit);
      if (left && r.life !== Life.Alive) this.pruneSubordinate(modelUuid, r, unit);
      this.removeIfDone(modelUuid, id);
    });
  }

  /**
   * A subordinate exists only through a container-scoped relation with its
   * principal: once it has left the last such relation that is going away,
   * it is destroyed too (its agent then runs stop and remove).
   */
  private pruneSubordinate(modelUuid: string, r: Relation, unit: string): void {
    if (r.scope !== RelationScope.Container || r.isPeer) return;
    const u = this.state.unitInfo(modelUuid, unit);
    if (u === undefined || u.principal === '' || u.life !== Life.Alive) return;
    const principalApp = u.principal.split('/')[0] ?? '';
    const stillAttached = this.state.scopesOfUnit(modelUuid, unit).some((other) => {
      const o = this.state.relation(modelUuid, other);
      return (
        o !== undefined &&
        o.life === Life.Alive &&
        o.scope === RelationScope.Container &&
        o.endpoints.some((e) => e.application === principalApp)
      );
    });
    if (!stillAttached) this.deps.applications.destroyUnit(modelUuid, unit);
  }

  /** Takes a unit out of every scope it is in (unit removal). */
  leaveAllScopes(modelUuid: string, unit: string): void {
    this.atomically(() => {
      for (const id of this.state.scopesOfUnit(modelUuid, unit)) this.leaveScope(modelUuid, id, unit);
    });
  }

  /** Units in the relation's scope, by name. */
  unitsInScope(modelUuid: string, id: number): string[] {
    this.get(modelUuid, id);
    return this.state.scopeMembers(modelUuid, id).map((m) => m.name);
  }

  /**
   * The units in scope that `unit` sees as remote (the other application's,
   * or its own application's peers; container scope limits this to units
   * sharing the principal), by name.
   */
  remoteUnits(modelUuid: string, id: number, unit: string): string[] {
    const r = this.get(modelUuid, id);
    const u = this.unitInfo(modelUuid, unit);
    const container = r.scope === RelationScope.Container && !r.isPeer;
    return this.state
      .scopeMembers(modelUuid, id)
      .filter((m) => m.name !== unit)
      .filter((m) => (r.isPeer ? m.application === u.application : m.application !== u.application))
      .filter((m) => !container || m.principal === unit || m.name === u.principal)
      .map((m) => m.name);
  }

  // ---- settings -------------------------------------------------------------------

  /**
   * A unit's bag in the relation (readable for the relation's lifetime,
   * also after the unit left scope).
   * @throws `not found` `cannot read settings for unit "b/0" in relation "k": settings not found`.
   */
  unitSettings(modelUuid: string, id: number, unit: string): SettingsBag {
    const r = this.get(modelUuid, id);
    const bag = this.state.unitSettings(modelUuid, id, unit);
    if (bag === undefined) throw unitSettingsNotFound(unit, r.key);
    return bag;
  }

  /**
   * An application's bag. With `reader` (a unit), Juju's rule applies: a
   * unit reads its own application's bag only as leader, except in peer
   * relations; any unit reads the remote application's bag.
   * @throws `not found` application not in the relation; `unauthorized access` `permission denied`.
   */
  applicationSettings(modelUuid: string, id: number, application: string, reader?: string): SettingsBag {
    const r = this.get(modelUuid, id);
    if (!r.endpoints.some((e) => e.application === application)) throw applicationNotFound(application);
    if (reader !== undefined) {
      const u = this.unitInfo(modelUuid, reader);
      if (!r.endpoints.some((e) => e.application === u.application)) throw permissionDenied();
      if (
        u.application === application &&
        !r.isPeer &&
        !this.deps.leadership.isLeader(modelUuid, application, reader)
      )
        throw permissionDenied();
    }
    return this.state.applicationSettings(modelUuid, id, application);
  }

  /**
   * Applies `relation-set` changes to the unit's own bag; returns the bag's
   * version (bumped only when something changed).
   * @throws `unauthorized access` when the unit's application is not in the relation.
   */
  updateUnitSettings(modelUuid: string, id: number, unit: string, changes: SettingsChanges): number {
    return this.atomically(() => {
      const r = this.get(modelUuid, id);
      const u = this.unitInfo(modelUuid, unit);
      if (!r.endpoints.some((e) => e.application === u.application)) throw permissionDenied();
      return this.mergeUnitSettings(modelUuid, id, unit, changes, false);
    });
  }

  /**
   * Applies `relation-set --app` changes to the unit's application bag; only
   * the leader may. Returns the bag's version.
   * @throws `unauthorized access` `permission denied`.
   */
  updateApplicationSettings(modelUuid: string, id: number, unit: string, changes: SettingsChanges): number {
    return this.atomically(() => {
      const r = this.get(modelUuid, id);
      const u = this.unitInfo(modelUuid, unit);
      if (!r.endpoints.some((e) => e.application === u.application)) throw permissionDenied();
      if (!this.deps.leadership.isLeader(modelUuid, u.application, unit)) throw permissionDenied();
      const current = this.state.applicationSettings(modelUuid, id, u.application);
      const next = applyChanges(current.settings, changes);
      if (next === undefined) return current.version;
      const version = current.version + 1;
      this.state.writeApplicationSettings(modelUuid, id, u.application, { settings: next, version });
      return version;
    });
  }

  /** Current versions of every bag of the relation. */
  settingsVersions(modelUuid: string, id: number): RelationSettingsVersions {
    this.get(modelUuid, id);
    return this.state.settingsVersions(modelUuid, id);
  }

  // ---- internals ------------------------------------------------------------------

  private endpointsFor(modelUuid: string, spec: string): RelationEndpoint[] {
    const colon = spec.indexOf(':');
    if (colon === 0 || colon === spec.length - 1 || spec === '') throw invalidEndpointSpec(spec);
    const appName = colon < 0 ? spec : spec.slice(0, colon);
    const endpoint = colon < 0 ? '' : spec.slice(colon + 1);
    const app = this.state.applicationEndpoints(modelUuid, appName);
    if (app === undefined) throw applicationNotFound(appName);
    const eps = allEndpoints(app);
    if (endpoint === '') return eps;
    const ep = eps.find((e) => e.name === endpoint);
    if (ep === undefined) throw noSuchEndpoint(appName, endpoint);
    return [ep];
  }

  private containerScopeOk(modelUuid: string, a: RelationEndpoint, b: RelationEndpoint): boolean {
    if (a.scope !== RelationScope.Container && b.scope !== RelationScope.Container) return true;
    return [a, b].some(
      (e) => this.state.applicationEndpoints(modelUuid, e.application)?.subordinate === true,
    );
  }

  private unitInfo(modelUuid: string, unit: string): RelationUnitInfo {
    const u = this.state.unitInfo(modelUuid, unit);
    if (u === undefined) throw unitNotFound(unit);
    return u;
  }

  private mergeUnitSettings(
    modelUuid: string,
    id: number,
    unit: string,
    changes: SettingsChanges,
    forceWrite: boolean,
  ): number {
    const current = this.state.unitSettings(modelUuid, id, unit);
    const next = applyChanges(current?.settings ?? {}, changes);
    if (next === undefined && current !== undefined && !forceWrite) return current.version;
    const version = (current?.version ?? 0) + 1;
    this.state.writeUnitSettings(modelUuid, id, unit, {
      settings: next ?? { ...(current?.settings ?? {}) },
      version,
    });
    return version;
  }

  private destroyNow(modelUuid: string, r: Relation, byUser: boolean): DestroyRelationResult {
    if (byUser && r.isPeer) throw cannotDestroyPeer(r.key);
    if (r.life === Life.Alive) this.state.setLife(modelUuid, r.id, Life.Dying);
    return { removed: this.removeIfDone(modelUuid, r.id) };
  }

  /** Removes a dying relation nobody is in; then its dying applications may go. */
  private removeIfDone(modelUuid: string, id: number): boolean {
    const r = this.state.relation(modelUuid, id);
    if (r === undefined) return true;
    if (r.life === Life.Alive || r.unitCount > 0) return false;
    this.state.deleteRelation(modelUuid, id);
    for (const e of r.endpoints) this.deps.applications.removeIfUnused(modelUuid, e.application);
    return true;
  }
}

/** The bag after `changes`, or undefined when nothing changes. */
function applyChanges(
  current: Readonly<Record<string, string>>,
  changes: SettingsChanges,
): Record<string, string> | undefined {
  const next: Record<string, string> = { ...current };
  let changed = false;
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') {
      if (Object.hasOwn(next, key)) {
        delete next[key];
        changed = true;
      }
    } else if (next[key] !== value) {
      next[key] = value;
      changed = true;
    }
  }
  return changed ? next : undefined;
}
