/**
 * Uniter methods for the calling unit's storage: list and read its
 * attachments (`UnitStorageAttachments`, `StorageAttachments`), add storage
 * (`AddUnitStorage`), record where the machine made it
 * (`SetStorageAttachmentLocations`, ours: the unit agent provisions rootfs
 * storage itself since the machine shares the host's filesystem) and drop an
 * attachment after `-storage-detaching` (`RemoveStorageAttachments`). The
 * attachments also travel in `RemoteState` (see {@link remoteStorageOf}).
 */
import { notValid, unauthorized } from '../../core/errors.js';
import { parseTag, storageTag, unitTag } from '../../core/names.js';
import type { ControllerServices } from '../../domain/index.js';
import {
  WireStorageKind,
  type RemoteStorage,
  type StorageAttachmentId,
  type StorageAttachmentIds,
  type StorageAttachmentIdsResult,
  type StorageAttachmentLocations,
  type StoragesAddParams,
  type UniterStorageAttachmentResult,
} from '../../rpc/params/storage.js';
import type { Entities } from '../../rpc/params/uniter.js';
import type { CallContext, MethodHandler } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';
import { bulk, bulkErrors, entityTags, ownUnit, unitCaller, type UnitCaller } from './uniter-common.js';

/** The unit's attachments in `RemoteState` form. */
export function remoteStorageOf(
  services: ControllerServices,
  modelUuid: string,
  unit: string,
): RemoteStorage[] {
  return services.storage.unitAttachments(modelUuid, unit).map((a) => ({
    id: a.storageId,
    kind: a.kind,
    life: a.life,
    location: a.location,
    planned: a.planned,
    'read-only': a.readOnly,
  }));
}

/** `storage-data-0` -> `data/0`. @throws `not valid`. */
export function storageIdFromTag(tag: unknown): string {
  if (typeof tag !== 'string') throw notValid('storage tag missing');
  return parseTag(tag, 'storage').id;
}

/** The storage methods of the Uniter facade. */
export function uniterStorageMethods(deps: FacadeDeps): Record<string, MethodHandler> {
  const { services } = deps;

  const ownAttachment = (caller: UnitCaller, id: StorageAttachmentId | undefined): string => {
    ownUnit(caller, id?.['unit-tag']);
    return storageIdFromTag(id?.['storage-tag']);
  };

  return {
    UnitStorageAttachments: (ctx: CallContext, p: Entities) => {
      const caller = unitCaller(ctx);
      return bulk(entityTags(p), (tag): StorageAttachmentIdsResult => {
        const unit = ownUnit(caller, tag);
        return {
          result: {
            ids: services.storage
              .unitAttachments(caller.modelUuid, unit)
              .map((a) => ({ 'storage-tag': storageTag(a.storageId), 'unit-tag': unitTag(unit) })),
          },
        };
      });
    },

    StorageAttachments: (ctx: CallContext, p: StorageAttachmentIds) => {
      const caller = unitCaller(ctx);
      return bulk(p?.ids, (id): UniterStorageAttachmentResult => {
        const storageId = ownAttachment(caller, id);
        const a = services.storage
          .unitAttachments(caller.modelUuid, caller.unit)
          .find((x) => x.storageId === storageId);
        if (a === undefined) throw unauthorized();
        return {
          result: {
            'storage-tag': storageTag(storageId),
            'owner-tag': unitTag(caller.unit),
            'unit-tag': unitTag(caller.unit),
            kind: a.kind === 'block' ? WireStorageKind.Block : WireStorageKind.Filesystem,
            location: a.location,
            life: a.life,
          },
        };
      });
    },

    AddUnitStorage: (ctx: CallContext, p: StoragesAddParams) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.storages, (s) => {
        const unit = ownUnit(caller, s.unit);
        services.storage.addToUnit(caller.modelUuid, unit, s.name, {
          ...(s.storage?.pool !== undefined && s.storage.pool !== '' ? { pool: s.storage.pool } : {}),
          ...(s.storage?.size !== undefined && s.storage.size > 0 ? { sizeMiB: s.storage.size } : {}),
          ...(s.storage?.count !== undefined ? { count: s.storage.count } : {}),
        });
      });
    },

    SetStorageAttachmentLocations: (ctx: CallContext, p: StorageAttachmentLocations) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.args, (a) => {
        const storageId = ownAttachment(caller, a);
        services.storage.setAttachmentLocation(caller.modelUuid, storageId, caller.unit, a.location);
      });
    },

    RemoveStorageAttachments: (ctx: CallContext, p: StorageAttachmentIds) => {
      const caller = unitCaller(ctx);
      return bulkErrors(p?.ids, (id) => {
        const storageId = ownAttachment(caller, id);
        services.storage.removeAttachment(caller.modelUuid, storageId, caller.unit);
      });
    },
  };
}
