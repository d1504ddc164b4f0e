/**
 * Reads a model's storage through the `Storage` facade and shapes it as
 * Juju prints it: the `storage` / `filesystems` / `volumes` document of
 * `juju storage --format yaml|json` and `juju status` (JSON spells the
 * filesystem attachments key `Attachments`, YAML `attachments`), and the
 * tabular `Unit  Storage ID  Type  Pool  Mountpoint  Size  Status  Message` table.
 */
import type { ApiConnection } from '../../../api/connection.js';
import { formatStatusSince } from '../../../core/format/human-time.js';
import { parseTag } from '../../../core/names.js';
import { errorFromResult } from '../../../rpc/errors.js';
import {
  WireStorageKind,
  type FilesystemDetails,
  type FilesystemDetailsListResults,
  type StorageDetails,
  type StorageDetailsListResults,
  type WireEntityStatus,
} from '../../../rpc/params/storage.js';
import { TabWriter } from '../../output/tabwriter.js';

/** `juju storage` / status `storage` document (YAML key spelling). */
export interface StorageView {
  storage?: Record<string, Record<string, unknown>>;
  filesystems?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown>>;
}

/** Rows of the tabular view. */
export interface StorageRow {
  unit: string;
  id: string;
  type: string;
  pool: string;
  mountpoint: string;
  sizeMiB: number;
  status: string;
  message: string;
}

/** Everything needed to print storage in every format. */
export interface StorageListing {
  readonly view: StorageView;
  readonly rows: readonly StorageRow[];
}

const tagId = (tag: string, kind: string): string => {
  try {
    return parseTag(tag, kind).id;
  } catch {
    return tag;
  }
};

const kindName = (k: number): string =>
  k === WireStorageKind.Block ? 'block' : k === WireStorageKind.Filesystem ? 'filesystem' : 'unknown';

function statusDoc(s: WireEntityStatus | undefined, utc: boolean): Record<string, unknown> {
  if (s === undefined) return {};
  return {
    ...(s.status ? { current: s.status } : {}),
    ...(s.info ? { message: s.info } : {}),
    ...(s.since ? { since: formatStatusSince(new Date(s.since), utc) } : {}),
  };
}

function unitAttachments(d: StorageDetails): Record<string, Record<string, unknown>> {
  const units: Record<string, Record<string, unknown>> = {};
  for (const a of Object.values(d.attachments ?? {})) {
    units[tagId(a['unit-tag'], 'unit')] = {
      ...(a['machine-tag'] ? { machine: tagId(a['machine-tag'], 'machine') } : {}),
      ...(a.location ? { location: a.location } : {}),
      ...(a.life ? { life: a.life } : {}),
    };
  }
  return units;
}

function storageDoc(d: StorageDetails, utc: boolean): Record<string, unknown> {
  const units = unitAttachments(d);
  return {
    kind: kindName(d.kind),
    ...(d.life ? { life: d.life } : {}),
    status: statusDoc(d.status, utc),
    persistent: d.persistent,
    ...(Object.keys(units).length > 0 ? { attachments: { units } } : {}),
  };
}

function filesystemDoc(f: FilesystemDetails, utc: boolean): Record<string, unknown> {
  const machines: Record<string, Record<string, unknown>> = {};
  for (const [tag, a] of Object.entries(f['machine-attachments'] ?? {})) {
    machines[tagId(tag, 'machine')] = {
      'mount-point': a['mount-point'] ?? '',
      'read-only': a['read-only'] ?? false,
      ...(a.life ? { life: a.life } : {}),
    };
  }
  const units = f.storage !== undefined ? unitAttachments(f.storage) : {};
  const attachments =
    Object.keys(machines).length > 0 || Object.keys(units).length > 0
      ? {
          ...(Object.keys(machines).length > 0 ? { machines } : {}),
          ...(Object.keys(units).length > 0 ? { units } : {}),
        }
      : null;
  return {
    ...(f.info['filesystem-id'] ? { 'provider-id': f.info['filesystem-id'] } : {}),
    ...(f.storage !== undefined ? { storage: tagId(f.storage['storage-tag'], 'storage') } : {}),
    attachments,
    pool: f.info.pool,
    size: f.info.size,
    ...(f.life ? { life: f.life } : {}),
    status: statusDoc(f.status, utc),
  };
}

const byId = (a: string, b: string): number => {
  const [na = '', nb = ''] = [a.slice(0, a.lastIndexOf('/')), b.slice(0, b.lastIndexOf('/'))];
  if (na !== nb) return na < nb ? -1 : 1;
  return Number(a.slice(a.lastIndexOf('/') + 1)) - Number(b.slice(b.lastIndexOf('/') + 1));
};

/** Reads the model's storage. @throws the facade's error. */
export async function fetchStorage(conn: ApiConnection, utc: boolean): Promise<StorageListing> {
  const details = await conn.call<StorageDetailsListResults>('Storage', 'ListStorageDetails', {
    filters: [{}],
  });
  const first = details.results[0] ?? {};
  const err = errorFromResult(first);
  if (err !== null) throw err;
  const fsReply = await conn.call<FilesystemDetailsListResults>('Storage', 'ListFilesystems', {
    filters: [{}],
  });
  const fsFirst = fsReply.results[0] ?? {};
  const fsErr = errorFromResult(fsFirst);
  if (fsErr !== null) throw fsErr;
  const list = [...(first.result ?? [])].sort((a, b) =>
    byId(tagId(a['storage-tag'], 'storage'), tagId(b['storage-tag'], 'storage')),
  );
  const filesystems = fsFirst.result ?? [];
  const view: StorageView = {};
  if (list.length > 0) {
    view.storage = {};
    for (const d of list) view.storage[tagId(d['storage-tag'], 'storage')] = storageDoc(d, utc);
  }
  if (filesystems.length > 0) {
    view.filesystems = {};
    for (const f of filesystems)
      view.filesystems[tagId(f['filesystem-tag'], 'filesystem')] = filesystemDoc(f, utc);
  }
  const fsByStorage = new Map<string, FilesystemDetails>();
  for (const f of filesystems) if (f.storage !== undefined) fsByStorage.set(f.storage['storage-tag'], f);
  const rows: StorageRow[] = [];
  for (const d of list) {
    const id = tagId(d['storage-tag'], 'storage');
    const fs = fsByStorage.get(d['storage-tag']);
    const attachments = Object.values(d.attachments ?? {});
    const base = {
      id,
      type: kindName(d.kind),
      pool: fs?.info.pool ?? '',
      sizeMiB: fs?.info.size ?? 0,
      status: d.status.status,
      message: d.status.info,
    };
    if (attachments.length === 0) rows.push({ ...base, unit: '', mountpoint: '' });
    for (const a of attachments)
      rows.push({ ...base, unit: tagId(a['unit-tag'], 'unit'), mountpoint: a.location ?? '' });
  }
  rows.sort((a, b) => (a.unit !== b.unit ? (a.unit < b.unit ? -1 : 1) : byId(a.id, b.id)));
  return { view, rows };
}

/** MiB as go-humanize's IBytes prints them (`1.0 GiB`, `512 MiB`). */
export function humanSize(mib: number): string {
  if (mib <= 0) return '';
  const units = ['MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = mib;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[i] ?? 'MiB'}`;
}

/** The tabular table; `juju status --storage` heads its first column `Storage Unit`. */
export function storageTable(rows: readonly StorageRow[], firstHeader = 'Unit'): string {
  const tw = new TabWriter();
  tw.row(firstHeader, 'Storage ID', 'Type', 'Pool', 'Mountpoint', 'Size', 'Status', 'Message');
  for (const r of rows)
    tw.row(r.unit, r.id, r.type, r.pool, r.mountpoint, humanSize(r.sizeMiB), r.status, r.message);
  return tw.toString();
}

/** The view with JSON's spelling of the filesystem attachments key (`Attachments`). */
export function jsonStorageView(view: StorageView): Record<string, unknown> {
  const out: Record<string, unknown> = { ...view };
  if (view.filesystems !== undefined) {
    out['filesystems'] = Object.fromEntries(
      Object.entries(view.filesystems).map(([id, f]) => {
        const ordered: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(f)) ordered[k === 'attachments' ? 'Attachments' : k] = v ?? null;
        return [id, ordered];
      }),
    );
  }
  return out;
}

/** YAML omits a null filesystem attachments entry. */
export function yamlStorageView(view: StorageView): StorageView {
  if (view.filesystems === undefined) return view;
  return {
    ...view,
    filesystems: Object.fromEntries(
      Object.entries(view.filesystems).map(([id, f]) => {
        const copy = { ...f };
        if (copy['attachments'] === null) delete copy['attachments'];
        return [id, copy];
      }),
    ),
  };
}
