/**
 * Filesystem storage on the unit's machine. Machines of the local cloud
 * share the host's filesystem, so `rootfs` storage is a directory: the path
 * it would have on a real machine (`/srv/data`, `/var/lib/juju/storage/data/0`)
 * under the machine's root (the data dir without its trailing
 * `var/lib/juju`; `/` on a real machine). The agent makes the directory
 * before `-storage-attached` runs and tells the controller where it is;
 * after `-storage-detaching` it drops the attachment (the directory stays,
 * and goes with the machine).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { storageTag } from '../../core/names.js';
import { errorFromResult, type ErrorResult } from '../../rpc/errors.js';
import type { OperationContext } from './operation-context.js';
import type { RemoteSnapshot, RemoteStorageSnapshot } from './remote-state.js';

const UNITER = 'Uniter';
const DATA_DIR_SUFFIX = join('var', 'lib', 'juju');

/** The machine's root from its data dir (`<root>/var/lib/juju`). */
export function machineRoot(dataDir: string): string {
  const trimmed = dataDir.replace(/\/+$/, '');
  if (trimmed === `${sep}${DATA_DIR_SUFFIX}`) return sep;
  if (trimmed.endsWith(`${sep}${DATA_DIR_SUFFIX}`)) return trimmed.slice(0, -DATA_DIR_SUFFIX.length - 1);
  return trimmed;
}

/** The machine data dir of a unit agent dir (`<data dir>/agents/unit-x`). */
export function dataDirOfAgentDir(agentDir: string): string {
  return dirname(dirname(agentDir));
}

/** Where an attachment is (or will be) on this machine. */
export function attachmentLocation(dataDir: string, s: RemoteStorageSnapshot): string {
  if (s.location !== '') return s.location;
  return join(machineRoot(dataDir), s.planned);
}

/** The hook's storage: id, kind and location, for `JUJU_STORAGE_*`. */
export function hookStorage(
  dataDir: string,
  remote: RemoteSnapshot,
  storageId: string | undefined,
): { id: string; kind: 'filesystem' | 'block'; location: string } | undefined {
  if (storageId === undefined) return undefined;
  const s = (remote.storage ?? []).find((x) => x.id === storageId);
  if (s === undefined) return undefined;
  return { id: s.id, kind: s.kind, location: attachmentLocation(dataDir, s) };
}

async function uniterCall(oc: OperationContext, method: string, params: unknown): Promise<void> {
  const version = oc.api.conn.bestVersion(UNITER, [18, 19]) || 19;
  const reply = await oc.api.conn.call<{ results?: ErrorResult[] }>(UNITER, method, params, { version });
  const entry = reply?.results?.[0];
  if (entry === undefined) throw new Error('unexpected empty bulk reply');
  const err = errorFromResult(entry);
  if (err !== null) throw err;
}

/**
 * Makes the storage's directory and records its location on the
 * controller (idempotent). Block storage never reaches a local machine.
 */
export async function provisionStorage(oc: OperationContext, storageId: string): Promise<void> {
  const s = (oc.remote().storage ?? []).find((x) => x.id === storageId);
  if (s === undefined || s.kind !== 'filesystem') return;
  const location = attachmentLocation(dataDirOfAgentDir(oc.paths.agentDir), s);
  mkdirSync(location, { recursive: true, mode: 0o755 });
  if (s.location === location) return;
  await uniterCall(oc, 'SetStorageAttachmentLocations', {
    args: [{ 'storage-tag': storageTag(storageId), 'unit-tag': oc.api.unitTag, location }],
  });
  oc.log('INFO', 'juju.worker.uniter.storage', `storage ${storageId} provisioned at ${location}`);
}

/** Drops the unit's attachment after `-storage-detaching` committed (or was skipped). */
export async function removeStorageAttachment(oc: OperationContext, storageId: string): Promise<void> {
  await uniterCall(oc, 'RemoveStorageAttachments', {
    ids: [{ 'storage-tag': storageTag(storageId), 'unit-tag': oc.api.unitTag }],
  });
}
