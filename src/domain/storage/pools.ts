/**
 * Storage pools per cloud, and where a filesystem would be mounted on a real
 * machine. On the `local` cloud machines share the host's filesystem, so
 * `rootfs` storage is a directory under the machine's data root; `tmpfs`
 * and block storage (`loop`) would need mounts or loop devices on the host
 * and are refused.
 */
import type { CharmStorageSpec, StorageKind, StoragePool } from './types.js';

/** The cloud type of the local provider. */
export const LOCAL_CLOUD = 'local';

/** Pools a model on a cloud of `cloudType` offers. */
export function poolsFor(cloudType: string): StoragePool[] {
  const where = cloudType === '' ? 'this' : cloudType;
  return [
    { name: 'rootfs', kind: 'filesystem' },
    { name: 'tmpfs', kind: 'filesystem', unsupported: where },
    { name: 'loop', kind: 'block', unsupported: where },
  ];
}

/** The pool used when a directive names none. */
export function defaultPool(kind: StorageKind): string {
  return kind === 'block' ? 'loop' : 'rootfs';
}

/**
 * Where an instance is mounted on a real machine: the charm's `location`
 * (with `/<n>` appended for a store that may hold several instances), else
 * `/var/lib/juju/storage/<name>/<n>`. The unit agent puts this path under
 * its machine's root.
 */
export function plannedLocation(spec: CharmStorageSpec | undefined, name: string, number: number): string {
  const location = spec?.location ?? '';
  if (location === '') return `/var/lib/juju/storage/${name}/${number}`;
  const base = location.replace(/\/+$/, '') || '/';
  return spec !== undefined && spec.countMax === 1 ? base : `${base === '/' ? '' : base}/${number}`;
}

/** The charm's stores from its parsed metadata (`metadata.storage`), tolerating odd shapes. */
export function charmStorageSpecs(metadata: unknown): Record<string, CharmStorageSpec> {
  const out: Record<string, CharmStorageSpec> = {};
  if (metadata === null || typeof metadata !== 'object') return out;
  const storage = (metadata as { storage?: unknown }).storage;
  if (storage === null || typeof storage !== 'object') return out;
  for (const [name, raw] of Object.entries(storage as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object') continue;
    const s = raw as Record<string, unknown>;
    const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
    out[name] = {
      name,
      type: s['type'] === 'block' ? 'block' : 'filesystem',
      countMin: num(s['countMin'], 1),
      countMax: num(s['countMax'], 1),
      minimumSize: num(s['minimumSize'], 0),
      ...(typeof s['location'] === 'string' && s['location'] !== '' ? { location: s['location'] } : {}),
      readOnly: s['readOnly'] === true,
      shared: s['shared'] === true,
    };
  }
  return out;
}
