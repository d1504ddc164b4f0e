/**
 * The `Storage` facade (v6) on model connections: `juju storage`,
 * `show-storage`, `add-storage` and `storage-pools`. One filesystem per
 * filesystem storage instance (id = the storage number), attached to the
 * machine of the unit using it.
 */
import { filesystemTag, machineTag, parseTag, storageTag, unitTag } from '../../core/names.js';
import { notValid } from '../../core/errors.js';
import type { StorageInstance } from '../../domain/index.js';
import { errorResult } from '../../rpc/errors.js';
import {
  WireStorageKind,
  type AddStorageResults,
  type FilesystemDetails,
  type FilesystemDetailsListResults,
  type StorageAttachmentDetails,
  type StorageDetails,
  type StorageDetailsListResults,
  type StorageDetailsResults,
  type StorageFilters,
  type StoragePoolsResults,
  type StoragesAddParams,
} from '../../rpc/params/storage.js';
import type { Entities } from '../../rpc/params/uniter.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';

/** The facade. */
export function storageFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;

  const machineOf = (uuid: string, unit: string): string => {
    try {
      return services.application.unit(uuid, unit).machineId ?? '';
    } catch {
      return '';
    }
  };

  const details = (uuid: string, s: StorageInstance): StorageDetails => {
    const attachments: Record<string, StorageAttachmentDetails> = {};
    for (const a of s.attachments) {
      const machine = machineOf(uuid, a.unit);
      attachments[unitTag(a.unit)] = {
        'storage-tag': storageTag(s.id),
        'unit-tag': unitTag(a.unit),
        ...(machine !== '' ? { 'machine-tag': machineTag(machine) } : {}),
        ...(a.location !== '' ? { location: a.location } : {}),
        life: a.life,
      };
    }
    return {
      'storage-tag': storageTag(s.id),
      'owner-tag': s.owner === '' ? '' : unitTag(s.owner),
      kind: s.kind === 'block' ? WireStorageKind.Block : WireStorageKind.Filesystem,
      life: s.life,
      status: { status: s.status.status, info: s.status.info, data: {}, since: s.status.since || null },
      persistent: s.persistent,
      ...(s.attachments.length > 0 ? { attachments } : {}),
    };
  };

  const filesystem = (uuid: string, s: StorageInstance): FilesystemDetails => {
    const number = s.id.slice(s.id.lastIndexOf('/') + 1);
    const machineAttachments: FilesystemDetails['machine-attachments'] = {};
    for (const a of s.attachments) {
      const machine = machineOf(uuid, a.unit);
      if (machine !== '')
        machineAttachments[machineTag(machine)] = {
          'mount-point': a.location,
          'read-only': false,
          life: a.life,
        };
    }
    return {
      'filesystem-tag': filesystemTag(number),
      info: { 'filesystem-id': s.attachments[0]?.location ?? '', pool: s.pool, size: s.sizeMiB },
      life: s.life,
      status: { status: s.status.status, info: s.status.info, data: {}, since: s.status.since || null },
      ...(Object.keys(machineAttachments).length > 0 ? { 'machine-attachments': machineAttachments } : {}),
      storage: details(uuid, s),
    };
  };

  return {
    name: 'Storage',
    versions: [6],
    kinds: ['model'],
    methods: {
      ListStorageDetails: (ctx: CallContext, p: StorageFilters): StorageDetailsListResults => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        const all = services.storage.list(uuid).map((s) => details(uuid, s));
        const filters = p?.filters !== undefined && p.filters.length > 0 ? p.filters : [{}];
        return { results: filters.map(() => ({ result: all })) };
      },

      StorageDetails: (ctx: CallContext, p: Entities): StorageDetailsResults => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        return {
          results: (p?.entities ?? []).map((e) => {
            try {
              if (typeof e.tag !== 'string') throw notValid('storage tag missing');
              const id = parseTag(e.tag, 'storage').id;
              return { result: details(uuid, services.storage.get(uuid, id)) };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      ListFilesystems: (ctx: CallContext, p: { filters?: unknown[] }): FilesystemDetailsListResults => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        const all = services.storage
          .list(uuid)
          .filter((s) => s.kind === 'filesystem')
          .map((s) => filesystem(uuid, s));
        const filters = p?.filters !== undefined && p.filters.length > 0 ? p.filters : [{}];
        return { results: filters.map(() => ({ result: all })) };
      },

      ListVolumes: (ctx: CallContext, p: { filters?: unknown[] }): { results: { result: never[] }[] } => {
        requireModelAccess(deps, ctx, 'read');
        const filters = p?.filters !== undefined && p.filters.length > 0 ? p.filters : [{}];
        return { results: filters.map(() => ({ result: [] })) };
      },

      AddToUnit: (ctx: CallContext, p: StoragesAddParams): AddStorageResults => {
        const uuid = requireModelAccess(deps, ctx, 'write');
        return {
          results: (p?.storages ?? []).map((s) => {
            try {
              const unit = parseTag(s.unit, 'unit').id;
              const ids = services.storage.addToUnit(uuid, unit, s.name, {
                ...(s.storage?.pool !== undefined && s.storage.pool !== '' ? { pool: s.storage.pool } : {}),
                ...(s.storage?.size !== undefined && s.storage.size > 0 ? { sizeMiB: s.storage.size } : {}),
                ...(s.storage?.count !== undefined && s.storage.count > 0 ? { count: s.storage.count } : {}),
              });
              return { result: { 'storage-tags': ids.map(storageTag) } };
            } catch (err) {
              return errorResult(err);
            }
          }),
        };
      },

      ListPools: (ctx: CallContext): StoragePoolsResults => {
        const uuid = requireModelAccess(deps, ctx, 'read');
        return {
          results: [
            {
              'storage-pools': services.storage
                .pools(uuid)
                .filter((pool) => pool.unsupported === undefined)
                .map((pool) => ({ name: pool.name, provider: pool.name, attrs: {} })),
            },
          ],
        };
      },
    },
  };
}
