/**
 * The storage step of the resolver chain (charm-contract §2.4): a dying
 * attachment runs `-storage-detaching` (or, never attached, is just
 * dropped via a skipped hook); an alive attachment not yet attached runs
 * `-storage-attached`. Runs when idle and also ahead of a queued `install`,
 * so storage provisioned with the unit is attached before install.
 */
import type { LocalState } from './local-state.js';
import type { RemoteSnapshot } from './remote-state.js';

/** A storage decision (the resolver's `run-hook` / `skip-hook` shapes). */
export type StorageDecision =
  | {
      readonly kind: 'run-hook';
      readonly hook: { readonly kind: 'storage-attached' | 'storage-detaching'; readonly storageId: string };
    }
  | {
      readonly kind: 'skip-hook';
      readonly hook: { readonly kind: 'storage-detaching'; readonly storageId: string };
    };

/** The next storage hook, or undefined when storage needs nothing. */
export function nextStorageDecision(local: LocalState, remote: RemoteSnapshot): StorageDecision | undefined {
  const storage = remote.storage ?? [];
  if (storage.length === 0) return undefined;
  const op = local.op;
  const idle = op.kind === 'continue' && local.installed;
  const beforeInstall =
    !local.installed && op.kind === 'run-hook' && op.step === 'queued' && op.hook.kind === 'install';
  if (!idle && !beforeInstall) return undefined;
  const attached = new Set(local.storageAttached ?? []);
  for (const s of storage) {
    if (s.life === 'alive') continue;
    return attached.has(s.id)
      ? { kind: 'run-hook', hook: { kind: 'storage-detaching', storageId: s.id } }
      : { kind: 'skip-hook', hook: { kind: 'storage-detaching', storageId: s.id } };
  }
  if (remote.life !== 'alive') return undefined;
  for (const s of storage) {
    if (s.life === 'alive' && !attached.has(s.id))
      return { kind: 'run-hook', hook: { kind: 'storage-attached', storageId: s.id } };
  }
  return undefined;
}
