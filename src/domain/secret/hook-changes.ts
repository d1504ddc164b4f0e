/**
 * Decodes the secret parts of a hook commit as they arrive from the wire
 * (Juju's `CreateSecretArg`, `UpdateSecretArg`, `DeleteSecretArg`,
 * `GrantRevokeSecretArg`, and URIs for "track latest"). The unit-state
 * facade passes these through untyped; validation happens here, before
 * anything is written.
 */
import { parseTag } from '../../core/names.js';
import { secretArgNotValid, rotatePolicyNotValid } from './errors.js';
import { secretIdFromUri } from './secret-id.js';
import {
  ROTATE_POLICIES,
  type CreateSecretParams,
  type GrantChangeParams,
  type HookSecretsChange,
  type RotatePolicy,
  type SecretData,
  type UpsertSecretParams,
} from './types.js';

/** The raw lists (`secret-creates`, ...). */
export interface RawHookSecretChanges {
  readonly secretCreates?: readonly unknown[];
  readonly secretUpdates?: readonly unknown[];
  readonly secretDeletes?: readonly unknown[];
  readonly secretGrants?: readonly unknown[];
  readonly secretRevokes?: readonly unknown[];
  readonly secretTrackLatest?: readonly unknown[];
}

type Obj = Record<string, unknown>;

function obj(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw secretArgNotValid(`${what} not valid`);
  return v as Obj;
}

function optString(o: Obj, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw secretArgNotValid(`${key} not valid`);
  return v;
}

function policy(o: Obj): RotatePolicy | undefined {
  const p = optString(o, 'rotate-policy');
  if (p === undefined || p === '') return undefined;
  if (!ROTATE_POLICIES.includes(p as RotatePolicy)) throw rotatePolicyNotValid(p);
  return p as RotatePolicy;
}

function data(o: Obj): SecretData | undefined {
  const content = o.content;
  if (content === undefined || content === null) return undefined;
  const raw = obj(content, 'secret content').data;
  if (raw === undefined || raw === null) return undefined;
  const out: SecretData = {};
  for (const [k, v] of Object.entries(obj(raw, 'secret content'))) {
    if (typeof v !== 'string')
      throw secretArgNotValid(`secret content for key ${JSON.stringify(k)} not valid`);
    out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function upsert(o: Obj): UpsertSecretParams {
  const label = optString(o, 'label');
  const description = optString(o, 'description');
  const expireTime = optString(o, 'expire-time');
  const rotatePolicy = policy(o);
  const content = data(o);
  return {
    ...(label !== undefined ? { label } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(expireTime !== undefined ? { expireTime } : {}),
    ...(rotatePolicy !== undefined ? { rotatePolicy } : {}),
    ...(content !== undefined ? { data: content } : {}),
  };
}

function uriOf(o: Obj): string {
  const uri = optString(o, 'uri');
  if (uri === undefined) throw secretArgNotValid('missing secret URI');
  return secretIdFromUri(uri);
}

function grant(v: unknown): GrantChangeParams {
  const o = obj(v, 'secret grant');
  const scope = optString(o, 'scope-tag');
  let relationKey: string | undefined;
  if (scope !== undefined && scope !== '') {
    const t = parseTag(scope);
    if (t.kind === 'relation') relationKey = t.id;
  }
  const subjects = (Array.isArray(o['subject-tags']) ? o['subject-tags'] : []).map(
    (s): GrantChangeParams['subjects'][number] => {
      if (typeof s !== 'string') throw secretArgNotValid('subject tag not valid');
      const t = parseTag(s);
      if (t.kind !== 'application' && t.kind !== 'unit')
        throw secretArgNotValid(`subject ${JSON.stringify(s)} not valid`);
      return { kind: t.kind === 'unit' ? 'unit' : 'application', name: t.id };
    },
  );
  const role = optString(o, 'role') ?? 'view';
  if (role !== 'view' && role !== 'manage')
    throw secretArgNotValid(`secret role ${JSON.stringify(role)} not valid`);
  return { id: uriOf(o), ...(relationKey !== undefined ? { relationKey } : {}), subjects, role };
}

/** Decodes and validates; @throws `not valid`. */
export function decodeHookSecretChanges(raw: RawHookSecretChanges): HookSecretsChange {
  const creates: CreateSecretParams[] = (raw.secretCreates ?? []).map((v) => {
    const o = obj(v, 'secret create');
    const owner = optString(o, 'owner-tag') ?? '';
    const kind = owner === '' ? 'application' : parseTag(owner).kind;
    if (kind !== 'application' && kind !== 'unit')
      throw secretArgNotValid(`secret owner ${JSON.stringify(owner)} not valid`);
    const u = upsert(o);
    if (u.data === undefined) throw secretArgNotValid('missing secret value');
    return { ...u, id: uriOf(o), ownerKind: kind };
  });
  const updates = (raw.secretUpdates ?? []).map((v) => {
    const o = obj(v, 'secret update');
    return { ...upsert(o), id: uriOf(o) };
  });
  const deletes = (raw.secretDeletes ?? []).map((v) => {
    const o = obj(v, 'secret delete');
    const revs = o.revisions;
    if (revs === undefined || revs === null) return { id: uriOf(o) };
    if (!Array.isArray(revs) || revs.some((r) => !Number.isInteger(r) || (r as number) < 1))
      throw secretArgNotValid('secret revisions not valid');
    return { id: uriOf(o), revisions: revs as number[] };
  });
  const trackLatest = (raw.secretTrackLatest ?? []).map((v) => {
    if (typeof v !== 'string') throw secretArgNotValid('secret URI not valid');
    return secretIdFromUri(v);
  });
  return {
    creates,
    updates,
    deletes,
    grants: (raw.secretGrants ?? []).map(grant),
    revokes: (raw.secretRevokes ?? []).map(grant),
    trackLatest,
  };
}
