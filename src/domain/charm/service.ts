/**
 * Charms of a model: the stored record of an uploaded archive (URL,
 * revision, hash, object-store key) and its parsed metadata.
 */
import { modelNotAlive } from '../machine/errors.js';
import { timestamp, type Clock } from '../common/clock.js';
import { Life, type LifeValue } from '../common/life.js';
import { ErrorCode, JujuError } from '../../core/errors.js';
import {
  charmAlreadyExists,
  charmNotFound,
  charmUrlNameMismatch,
  invalidCharmName,
  invalidCharmUrl,
  invalidEndpoint,
} from './errors.js';
import {
  RelationRole,
  RelationScope,
  type AddCharmParams,
  type Charm,
  type CharmEndpoint,
  type CharmUrlParts,
  type InsertCharmArgs,
} from './types.js';

/** Persistence the charm service needs. */
export interface CharmState {
  modelLife(modelUuid: string): LifeValue | undefined;
  /** Inserts a charm; false when the URL is taken. */
  insertCharm(args: InsertCharmArgs): boolean;
  charm(modelUuid: string, url: string): Charm | undefined;
  charms(modelUuid: string): Charm[];
  /** Highest revision of local charms called `name`, or undefined. */
  maxLocalRevision(modelUuid: string, name: string): number | undefined;
}

const CHARM_NAME_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*$/;
const CHARM_URL_RE = /^(local|ch):(?:[a-z0-9][a-z0-9.-]*\/)*([a-z][a-z0-9-]*)-(0|[1-9][0-9]*)$/;
const ROLES: ReadonlySet<string> = new Set(Object.values(RelationRole));
const SCOPES: ReadonlySet<string> = new Set(Object.values(RelationScope));

/** True for charm names (`mysql`, `dummy-source`). */
export function isValidCharmName(name: string): boolean {
  return CHARM_NAME_RE.test(name);
}

/**
 * Splits `local:<name>-<rev>` / `ch:[arch/series/]<name>-<rev>`.
 * @throws `not valid` `charm url "x" not valid`.
 */
export function parseCharmUrl(url: string): CharmUrlParts {
  const m = CHARM_URL_RE.exec(url);
  if (m === null || !isValidCharmName(m[2] ?? '')) throw invalidCharmUrl(url);
  return { schema: m[1] ?? '', name: m[2] ?? '', revision: Number(m[3]) };
}

/** `local:<name>-<revision>`. */
export function localCharmUrl(name: string, revision: number): string {
  return `local:${name}-${revision}`;
}

function checkEndpoints(endpoints: readonly CharmEndpoint[]): void {
  const seen = new Set<string>();
  for (const ep of endpoints) {
    if (seen.has(ep.name)) throw invalidEndpoint(ep.name, 'duplicated');
    seen.add(ep.name);
    if (!ROLES.has(ep.role)) throw invalidEndpoint(ep.name, `invalid role ${JSON.stringify(ep.role)}`);
    if (!SCOPES.has(ep.scope)) throw invalidEndpoint(ep.name, `invalid scope ${JSON.stringify(ep.scope)}`);
    if (ep.interface === '') throw invalidEndpoint(ep.name, 'missing interface');
  }
}

/** Business rules for charms. */
export class CharmService {
  constructor(
    private readonly state: CharmState,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a charm. Adding the same URL again with the same archive hash
   * returns the stored charm; a different hash is refused.
   * @throws `model not found`; `not valid` name/URL/endpoints or dying model;
   *   `already exists` `charm "local:foo-0" already exists`.
   */
  add(modelUuid: string, params: AddCharmParams): Charm {
    const life = this.state.modelLife(modelUuid);
    if (life === undefined)
      throw new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(modelUuid)} not found`);
    if (life !== Life.Alive) throw modelNotAlive();
    if (!isValidCharmName(params.name)) throw invalidCharmName(params.name);
    const revision = params.revision ?? this.nextLocalRevision(modelUuid, params.name);
    const url = params.url ?? localCharmUrl(params.name, revision);
    const parts = parseCharmUrl(url);
    if (parts.name !== params.name || parts.revision !== revision)
      throw charmUrlNameMismatch(url, params.name);
    const endpoints = params.endpoints ?? [];
    checkEndpoints(endpoints);
    const existing = this.state.charm(modelUuid, url);
    if (existing !== undefined) {
      if (existing.sha256 === params.sha256) return existing;
      throw charmAlreadyExists(url);
    }
    const inserted = this.state.insertCharm({
      modelUuid,
      url,
      name: params.name,
      revision,
      source: parts.schema === 'local' ? 'local' : 'charm-hub',
      sha256: params.sha256,
      archiveKey: params.archiveKey,
      subordinate: params.subordinate ?? false,
      endpoints,
      extraBindings: params.extraBindings ?? [],
      configOptions: params.configOptions ?? {},
      metadata: params.metadata ?? {},
      config: params.config ?? {},
      actions: params.actions ?? {},
      version: params.version ?? '',
      createdAt: timestamp(this.clock),
    });
    if (!inserted) throw charmAlreadyExists(url);
    return this.get(modelUuid, url);
  }

  /** A charm by URL. @throws `not found` `charm "local:foo-0" not found`. */
  get(modelUuid: string, url: string): Charm {
    const c = this.state.charm(modelUuid, url);
    if (c === undefined) throw charmNotFound(url);
    return c;
  }

  /** Charms of the model, by name then revision. */
  list(modelUuid: string): Charm[] {
    return this.state.charms(modelUuid);
  }

  /** The revision the next local charm called `name` gets: 0, or one above the highest. */
  nextLocalRevision(modelUuid: string, name: string): number {
    const max = this.state.maxLocalRevision(modelUuid, name);
    return max === undefined ? 0 : max + 1;
  }
}
