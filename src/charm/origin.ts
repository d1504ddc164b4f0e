/**
 * `CharmOrigin`: where an application's charm came from and which variant was
 * chosen, exactly as the Application facade sends it on the wire.
 */
import type { Base } from './base.js';

/** `charm-origin.source` on the wire. */
export type CharmOriginSource = 'charm-hub' | 'local';

/** A charm origin as on the wire (kebab-case keys, optional ones omitted). */
export interface CharmOrigin {
  source: CharmOriginSource;
  type: 'charm' | 'bundle';
  /** Charmhub charm id. */
  id?: string;
  /** Charmhub archive hash. */
  hash?: string;
  risk?: string;
  revision?: number;
  track?: string;
  branch?: string;
  architecture?: string;
  base?: Base;
  'instance-key'?: string;
}

/** The origin Juju records for a local charm upload. */
export function localCharmOrigin(revision: number, base?: Base, architecture?: string): CharmOrigin {
  const origin: CharmOrigin = { source: 'local', type: 'charm', revision };
  if (base !== undefined) origin.base = { name: base.name, channel: base.channel };
  if (architecture !== undefined) origin.architecture = architecture;
  return origin;
}

/**
 * The channel an origin names (`8.0/stable`, `latest/edge/fix`), or undefined for
 * origins without a risk (local charms).
 */
export function originChannel(origin: Pick<CharmOrigin, 'track' | 'risk' | 'branch'>): string | undefined {
  if (origin.risk === undefined || origin.risk === '') return undefined;
  const track = origin.track === undefined || origin.track === '' ? 'latest' : origin.track;
  const branch = origin.branch === undefined || origin.branch === '' ? '' : `/${origin.branch}`;
  return `${track}/${origin.risk}${branch}`;
}

/** Kebab-case wire keys of {@link CharmOrigin}, in Juju's field order. */
export const CHARM_ORIGIN_KEYS: readonly string[] = [
  'source',
  'type',
  'id',
  'hash',
  'risk',
  'revision',
  'track',
  'branch',
  'architecture',
  'base',
  'instance-key',
];

/**
 * Read a charm origin from decoded wire JSON, keeping only known keys.
 * Returns undefined when `source`/`type` are missing or wrong.
 */
export function charmOriginFromWire(value: unknown): CharmOrigin | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v['source'] !== 'charm-hub' && v['source'] !== 'local') return undefined;
  if (v['type'] !== 'charm' && v['type'] !== 'bundle') return undefined;
  const origin: CharmOrigin = { source: v['source'], type: v['type'] };
  for (const key of ['id', 'hash', 'risk', 'track', 'branch', 'architecture', 'instance-key'] as const) {
    const s = v[key];
    if (typeof s === 'string' && s !== '') origin[key] = s;
  }
  if (typeof v['revision'] === 'number' && Number.isInteger(v['revision'])) origin.revision = v['revision'];
  const base = v['base'];
  if (base !== null && typeof base === 'object' && !Array.isArray(base)) {
    const b = base as Record<string, unknown>;
    if (typeof b['name'] === 'string' && typeof b['channel'] === 'string' && b['name'] !== '') {
      origin.base = { name: b['name'], channel: b['channel'] };
    }
  }
  return origin;
}
