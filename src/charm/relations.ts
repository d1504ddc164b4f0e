/**
 * Relation endpoints a charm declares under `provides`, `requires` and `peers`,
 * plus the implicit `juju-info` provider every application has.
 */
import { describeValue, quotedPath, subPath } from './yaml-fields.js';
import type { FieldReader } from './yaml-fields.js';

/** Which side of a relation an endpoint is on. */
export type RelationRole = 'provider' | 'requirer' | 'peer';

/** `global`: all related units see each other; `container`: only units on the same machine. */
export type RelationScope = 'global' | 'container';

/** One endpoint, as Juju stores it and sends it on the wire (`relation` objects). */
export interface CharmRelation {
  name: string;
  role: RelationRole;
  interface: string;
  optional: boolean;
  /** Maximum number of relations on this endpoint; 0 means unlimited. */
  limit: number;
  scope: RelationScope;
}

/** The endpoint Juju gives every application: `juju-info` (provider, interface `juju-info`). */
export const JUJU_INFO_ENDPOINT: Readonly<CharmRelation> = Object.freeze({
  name: 'juju-info',
  role: 'provider',
  interface: 'juju-info',
  optional: false,
  limit: 0,
  scope: 'global',
});

const ENDPOINT_NAME_RE = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/;

/** Endpoint names are lowercase words joined by `-` or `_` (they become hook names). */
export function isValidEndpointName(name: string): boolean {
  return ENDPOINT_NAME_RE.test(name);
}

/**
 * Why `name` is reserved for an endpoint (`juju`, `juju-*`), or undefined. Charms
 * whose own name starts with `juju-` may use the reserved names.
 */
export function reservedEndpointReason(charmName: string, name: string): string | undefined {
  if (charmName.startsWith('juju-')) return undefined;
  if (name === 'juju') return '"juju" is a reserved name';
  if (name.startsWith('juju-')) return 'the "juju-" prefix is reserved';
  return undefined;
}

/** Whether an endpoint is the implicit `juju-info` provider. */
export function isImplicitEndpoint(rel: Pick<CharmRelation, 'name' | 'interface' | 'role'>): boolean {
  return rel.name === 'juju-info' && rel.interface === 'juju-info' && rel.role === 'provider';
}

/** Parse one of the `provides`/`requires`/`peers` maps. */
export function parseRelationMap(
  reader: FieldReader,
  value: unknown,
  key: string,
  role: RelationRole,
): Record<string, CharmRelation> {
  const out: Record<string, CharmRelation> = {};
  const map = reader.map(value, key);
  for (const [name, spec] of Object.entries(map)) {
    const path = subPath(key, name);
    if (!isValidEndpointName(name))
      reader.fail(`${quotedPath(path)}: invalid endpoint name ${JSON.stringify(name)}`);
    out[name] = parseRelation(reader, spec, path, name, role);
  }
  return out;
}

function parseRelation(
  reader: FieldReader,
  spec: unknown,
  path: string,
  name: string,
  role: RelationRole,
): CharmRelation {
  if (typeof spec === 'string') {
    if (spec === '') reader.required(subPath(path, 'interface'));
    return { name, role, interface: spec, optional: false, limit: 0, scope: 'global' };
  }
  if (spec === null || spec === undefined) reader.required(subPath(path, 'interface'));
  const map = reader.map(spec, path);
  const iface = reader.string(map, 'interface', subPath(path, 'interface'));
  if (iface === '') reader.required(subPath(path, 'interface'));
  const optional = reader.boolean(map, 'optional', subPath(path, 'optional'), false);
  const limit = reader.optionalInteger(map, 'limit', subPath(path, 'limit')) ?? 0;
  if (limit < 0) reader.fail(`${quotedPath(subPath(path, 'limit'))} must not be negative, got ${limit}`);
  const scopeValue = map['scope'] ?? 'global';
  if (scopeValue !== 'global' && scopeValue !== 'container') {
    reader.fail(
      `${quotedPath(subPath(path, 'scope'))} must be "global" or "container", got ${describeValue(scopeValue)}`,
    );
  }
  return { name, role, interface: iface, optional, limit, scope: scopeValue };
}

/** The endpoint maps of a charm's metadata. */
export interface EndpointMaps {
  readonly name: string;
  readonly provides: Readonly<Record<string, CharmRelation>>;
  readonly requires: Readonly<Record<string, CharmRelation>>;
  readonly peers: Readonly<Record<string, CharmRelation>>;
}

/**
 * Every endpoint of an application using this charm: the declared ones (provides,
 * requires, peers, in that order) and the implicit `juju-info` provider.
 */
export function charmEndpoints(meta: EndpointMaps): CharmRelation[] {
  const out = [
    ...Object.values(meta.provides),
    ...Object.values(meta.requires),
    ...Object.values(meta.peers),
  ].map((r) => ({ ...r }));
  if (!out.some((r) => r.name === JUJU_INFO_ENDPOINT.name)) out.push({ ...JUJU_INFO_ENDPOINT });
  return out;
}

/** One endpoint by name (including the implicit `juju-info`), or undefined. */
export function findEndpoint(meta: EndpointMaps, name: string): CharmRelation | undefined {
  return charmEndpoints(meta).find((r) => r.name === name);
}

/**
 * Whether two endpoints can be related: same interface, provider with requirer (or
 * peer with peer of the same application, which Juju creates itself).
 */
export function canRelate(a: CharmRelation, b: CharmRelation): boolean {
  if (a.interface !== b.interface) return false;
  return (a.role === 'provider' && b.role === 'requirer') || (a.role === 'requirer' && b.role === 'provider');
}
