/**
 * The secret facades. `SecretsManager` (v1, v2) serves unit agents: fresh
 * secret URIs, `secret-get` content with tracking applied at call time,
 * metadata of the secrets the unit (or its application) owns, consumer
 * revision info, and — ours, like `Uniter.RemoteState` — one snapshot of the
 * consumed secrets, obsolete revisions, due rotations and expired revisions
 * that drive the `secret-changed` / `secret-remove` / `secret-rotate` /
 * `secret-expired` hooks (plus the next due time, since time passing fires no
 * watcher: the agent reads again then), with a notify watcher on it
 * (`WatchConsumedSecretsChanges` and `WatchObsolete` also exist, with Juju's
 * names and result shape); and `SecretsRotated`, the bookkeeping after a
 * rotate hook. `Secrets` (v1, v2)
 * serves clients: `ListSecrets` for `juju secrets` and `show-secret` (model
 * read access; revealing values needs admin).
 *
 * Secret content lives in the controller database (the `internal` backend),
 * so content results always carry the data itself, never a backend reference.
 */
import { notValid } from '../../core/errors.js';
import { applicationTag, modelTag, relationTag, unitTag } from '../../core/names.js';
import { secretIdFromUri, secretUri } from '../../domain/secret/secret-id.js';
import type { SecretListing, SecretOwner, UnitSecretTriggers } from '../../domain/secret/types.js';
import { errorResult } from '../../rpc/errors.js';
import type {
  CreateSecretURIsArg,
  GetSecretConsumerInfoArgs,
  GetSecretContentArgs,
  ListSecretResult,
  ListSecretResults,
  ListSecretsArgs,
  SecretConsumerInfoResult,
  SecretContentResult,
  SecretRotatedArgs,
  SecretsRemoteState,
  SecretsRemoteStateResult,
  StringsWatchResult,
} from '../../rpc/params/secrets.js';
import type { Entities, NotifyWatchResult, StringResult } from '../../rpc/params/uniter.js';
import type { CallContext, FacadeDefinition } from '../apiserver/types.js';
import { requireModelAccess } from './auth.js';
import type { FacadeDeps } from './deps.js';
import { hashOf } from './uniter-remote-state.js';
import { bulk, bulkErrors, entityTags, ownUnit, ownUnitOrApplication, unitCaller } from './uniter-common.js';

function ownerTag(owner: SecretOwner): string {
  switch (owner.kind) {
    case 'application':
      return applicationTag(owner.name);
    case 'unit':
      return unitTag(owner.name);
    case 'model':
      return modelTag(owner.name);
  }
}

/** A secret listing as Juju's ListSecretResult. */
export function listSecretResult(s: SecretListing): ListSecretResult {
  return {
    uri: secretUri(s.id),
    version: 1,
    'owner-tag': ownerTag(s.owner),
    ...(s.rotatePolicy !== '' ? { 'rotate-policy': s.rotatePolicy } : {}),
    ...(s.nextRotateTime !== '' ? { 'next-rotate-time': s.nextRotateTime } : {}),
    ...(s.description !== '' ? { description: s.description } : {}),
    ...(s.label !== '' ? { label: s.label } : {}),
    'latest-revision': s.latestRevision,
    ...(s.latestChecksum !== '' ? { 'latest-revision-checksum': s.latestChecksum } : {}),
    ...(s.latestExpireTime !== '' ? { 'latest-expire-time': s.latestExpireTime } : {}),
    'create-time': s.createdAt,
    'update-time': s.updatedAt,
    revisions: s.revisions.map((r) => ({
      revision: r.revision,
      'backend-name': r.backend,
      'create-time': r.createdAt,
      'update-time': r.updatedAt,
      ...(r.expireTime !== '' ? { 'expire-time': r.expireTime } : {}),
    })),
    access: s.access.map((g) => ({
      'target-tag': g.subjectKind === 'unit' ? unitTag(g.subjectName) : applicationTag(g.subjectName),
      'scope-tag': g.scopeRelationKey !== '' ? relationTag(g.scopeRelationKey) : '',
      role: g.role,
    })),
    ...(s.data !== undefined ? { value: { data: { ...s.data } } } : {}),
  };
}

/** The time-driven parts of the remote state; keys only when non-empty. */
function triggersWire(t: UnitSecretTriggers): Partial<SecretsRemoteState> {
  return {
    ...(t.rotate.length > 0
      ? {
          rotate: t.rotate.map((r) => ({
            uri: secretUri(r.id),
            label: r.label,
            'owner-kind': r.ownerKind,
            'next-rotate-time': r.nextRotateTime,
            'latest-revision': r.latestRevision,
          })),
        }
      : {}),
    ...(t.expired.length > 0
      ? {
          expired: t.expired.map((e) => ({
            uri: secretUri(e.id),
            label: e.label,
            'owner-kind': e.ownerKind,
            revision: e.revision,
            'expire-time': e.expireTime,
            'due-time': e.dueTime,
          })),
        }
      : {}),
    ...(t.nextDueTime !== '' ? { 'next-due-time': t.nextDueTime } : {}),
  };
}

function secretsManagerFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  const remoteState = (modelUuid: string, unit: string): SecretsRemoteState => {
    const s = services.secret.unitSecretsState(modelUuid, unit);
    return {
      consumed: s.consumed.map((c) => ({
        uri: secretUri(c.id),
        label: c.label,
        'current-revision': c.currentRevision,
        'latest-revision': c.latestRevision,
      })),
      obsolete: s.obsolete.map((o) => ({
        uri: secretUri(o.id),
        label: o.label,
        'owner-kind': o.ownerKind,
        revisions: [...o.revisions],
      })),
      ...triggersWire(services.secret.unitSecretTriggers(modelUuid, unit)),
    };
  };
  return {
    name: 'SecretsManager',
    versions: [1, 2],
    kinds: ['model'],
    methods: {
      /** `count` new URIs (`secret:<id>`), reserved for this unit's next secret-add. */
      CreateSecretURIs: (ctx: CallContext, p: CreateSecretURIsArg) => {
        unitCaller(ctx);
        const count = typeof p?.count === 'number' ? p.count : 0;
        if (count <= 0) throw notValid('count must be positive');
        return {
          results: services.secret.newSecretIds(count).map((id): StringResult => ({ result: secretUri(id) })),
        };
      },

      GetSecretContentInfo: (ctx: CallContext, p: GetSecretContentArgs) => {
        const caller = unitCaller(ctx);
        return bulk(p?.args, (arg): SecretContentResult => {
          const id = arg.uri !== undefined && arg.uri !== '' ? secretIdFromUri(arg.uri) : undefined;
          const r = services.secret.getContent(caller.modelUuid, caller.unit, {
            ...(id !== undefined ? { id } : {}),
            ...(arg.label !== undefined && arg.label !== '' ? { label: arg.label } : {}),
            refresh: arg.refresh === true,
            peek: arg.peek === true,
          });
          return { content: { data: { ...r.data } }, 'latest-revision': r.revision };
        });
      },

      /** Metadata of the secrets owned by the calling unit or its application. */
      GetSecretMetadata: (ctx: CallContext): ListSecretResults => {
        const caller = unitCaller(ctx);
        return {
          results: services.secret
            .ownedSecrets(caller.modelUuid, caller.unit)
            .map((s) => listSecretResult(s)),
        };
      },

      GetConsumerSecretsRevisionInfo: (ctx: CallContext, p: GetSecretConsumerInfoArgs) => {
        const caller = unitCaller(ctx);
        const unit = ownUnit(caller, p?.['consumer-tag']);
        const uris = p?.uris ?? [];
        const ids: string[] = [];
        const bad = new Map<number, unknown>();
        uris.forEach((u, i) => {
          try {
            ids.push(secretIdFromUri(u));
          } catch (err) {
            bad.set(i, err);
            ids.push('');
          }
        });
        const infos = services.secret.consumerRevisionInfo(caller.modelUuid, unit, ids);
        return {
          results: infos.map((info, i): SecretConsumerInfoResult => {
            if (bad.has(i)) return errorResult(bad.get(i));
            if (info instanceof Error) return errorResult(info);
            return { revision: info.revision, label: info.label };
          }),
        };
      },

      /**
       * After a `secret-rotate` hook: schedules the next rotation, a policy
       * period on when the hook added a revision newer than `original-revision`
       * (or `skip`), else a retry shortly after.
       */
      SecretsRotated: (ctx: CallContext, p: SecretRotatedArgs) => {
        const caller = unitCaller(ctx);
        return bulkErrors(p?.args, (arg) => {
          services.secret.secretRotated(
            caller.modelUuid,
            caller.unit,
            secretIdFromUri(arg.uri),
            typeof arg['original-revision'] === 'number' ? arg['original-revision'] : 0,
            arg.skip === true,
          );
        });
      },

      SecretsRemoteState: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): SecretsRemoteStateResult => {
          const unit = ownUnit(caller, tag);
          return { result: remoteState(caller.modelUuid, unit) };
        });
      },

      /**
       * Juju's name and result shape (`watcher-id` plus the initial `changes`:
       * URIs of consumed secrets with a revision newer than the tracked one).
       * The id is served by the NotifyWatcher facade: `Next` says that
       * something changed, and the agent re-reads rather than receiving URIs.
       */
      WatchConsumedSecretsChanges: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): StringsWatchResult => {
          const unit = ownUnit(caller, tag);
          const consumed = (): string[] =>
            services.secret
              .unitSecretsState(caller.modelUuid, unit)
              .consumed.map((c) => `${secretUri(c.id)}/${c.latestRevision}`);
          const id = deps.watchers.watch(ctx.conn, () => hashOf(consumed()));
          const changes = services.secret
            .unitSecretsState(caller.modelUuid, unit)
            .consumed.filter((c) => c.latestRevision > c.currentRevision)
            .map((c) => secretUri(c.id));
          return { 'watcher-id': id, changes };
        });
      },

      /** Like {@link WatchConsumedSecretsChanges}, for obsolete revisions (`<uri>/<revision>`) of managed secrets. */
      WatchObsolete: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): StringsWatchResult => {
          const own = ownUnitOrApplication(caller, tag);
          const obsolete = (): string[] =>
            services.secret
              .unitSecretsState(caller.modelUuid, caller.unit)
              .obsolete.filter((o) => o.ownerKind === own.kind)
              .flatMap((o) => o.revisions.map((r) => `${secretUri(o.id)}/${r}`));
          const id = deps.watchers.watch(ctx.conn, () => hashOf(obsolete()));
          return { 'watcher-id': id, changes: obsolete() };
        });
      },

      WatchSecretsRemoteState: (ctx: CallContext, p: Entities) => {
        const caller = unitCaller(ctx);
        return bulk(entityTags(p), (tag): NotifyWatchResult => {
          const unit = ownUnit(caller, tag);
          const fingerprint = (): string => {
            try {
              return hashOf(remoteState(caller.modelUuid, unit));
            } catch (err) {
              return `error:${String(err)}`;
            }
          };
          return { 'notify-watcher-id': deps.watchers.watch(ctx.conn, fingerprint) };
        });
      },
    },
  };
}

function secretsFacade(deps: FacadeDeps): FacadeDefinition {
  const { services } = deps;
  return {
    name: 'Secrets',
    versions: [1, 2],
    kinds: ['model'],
    methods: {
      ListSecrets: (ctx: CallContext, p: ListSecretsArgs): ListSecretResults => {
        const reveal = p?.['show-secrets'] === true;
        const modelUuid = requireModelAccess(deps, ctx, reveal ? 'admin' : 'read');
        const f = p?.filter ?? {};
        const listing = services.secret.list(
          modelUuid,
          {
            ...(f.uri !== undefined && f.uri !== '' ? { id: secretIdFromUri(f.uri) } : {}),
            ...(f.label !== undefined && f.label !== '' ? { label: f.label } : {}),
            ...(f['owner-tag'] !== undefined && f['owner-tag'] !== '' ? { ownerTag: f['owner-tag'] } : {}),
            ...(typeof f.revision === 'number' ? { revision: f.revision } : {}),
          },
          reveal,
        );
        return { results: listing.map((s) => listSecretResult(s)) };
      },
    },
  };
}

/** The `SecretsManager` and `Secrets` facades. */
export function secretFacades(deps: FacadeDeps): FacadeDefinition[] {
  return [secretsManagerFacade(deps), secretsFacade(deps)];
}
