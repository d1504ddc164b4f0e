/**
 * Hook names a charm can receive (Juju 3.6): unit-wide, secret, per endpoint,
 * per storage and per container. The unit agent makes files in `hooks/` with these
 * names executable when it expands a charm.
 */

/** Hooks every charm can receive. */
export const UNIT_HOOKS: readonly string[] = [
  'install',
  'start',
  'config-changed',
  'upgrade-charm',
  'stop',
  'remove',
  'update-status',
  'leader-elected',
  'leader-settings-changed',
  'leader-deposed',
  'collect-metrics',
  'meter-status-changed',
  'pre-series-upgrade',
  'post-series-upgrade',
  'secret-changed',
  'secret-expired',
  'secret-rotate',
  'secret-remove',
];

/** Suffixes of `<endpoint>-relation-*` hooks. */
export const RELATION_HOOK_SUFFIXES: readonly string[] = [
  'created',
  'joined',
  'changed',
  'departed',
  'broken',
];
/** Suffixes of `<storage>-storage-*` hooks. */
export const STORAGE_HOOK_SUFFIXES: readonly string[] = ['attached', 'detaching'];
/** Suffixes of `<container>-pebble-*` hooks (K8s sidecar charms). */
export const PEBBLE_HOOK_SUFFIXES: readonly string[] = [
  'ready',
  'custom-notice',
  'check-failed',
  'check-recovered',
];

/** What {@link knownHookNames} needs from the metadata. */
export interface HookSources {
  readonly provides: Readonly<Record<string, unknown>>;
  readonly requires: Readonly<Record<string, unknown>>;
  readonly peers: Readonly<Record<string, unknown>>;
  readonly storage: Readonly<Record<string, unknown>>;
  readonly containers: Readonly<Record<string, unknown>>;
}

/** Every hook name this charm can receive, unit hooks first. */
export function knownHookNames(meta: HookSources): string[] {
  const names = [...UNIT_HOOKS];
  const endpoints = [
    ...Object.keys(meta.provides),
    ...Object.keys(meta.requires),
    ...Object.keys(meta.peers),
  ];
  for (const ep of endpoints) for (const s of RELATION_HOOK_SUFFIXES) names.push(`${ep}-relation-${s}`);
  for (const st of Object.keys(meta.storage))
    for (const s of STORAGE_HOOK_SUFFIXES) names.push(`${st}-storage-${s}`);
  for (const c of Object.keys(meta.containers))
    for (const s of PEBBLE_HOOK_SUFFIXES) names.push(`${c}-pebble-${s}`);
  if (Object.keys(meta.containers).length > 0) names.push('pebble-change-updated');
  return [...new Set(names)];
}
