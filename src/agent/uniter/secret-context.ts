/**
 * The secrets the hook context starts from: metadata of the secrets owned by
 * the unit or its application (`SecretsManager.GetSecretMetadata`), so that
 * `secret-ids`, `secret-info-get`, `secret-set`, `secret-grant` and label
 * look-ups work on them. Content is never preloaded: `secret-get` asks the
 * controller at call time.
 */
import { parseTag } from '../../core/names.js';
import type { ListSecretResult } from '../../rpc/params/secrets.js';
import type { RotatePolicy, SecretAccess } from '../hooktools/context.js';
import type { SecretRecord } from '../hooktools/in-memory-context.js';
import type { UniterApi } from './uniter-api.js';

/** RFC 3339 in UTC without fractional seconds, as Go prints these times. */
function rfc3339(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** One owned secret as the in-memory context wants it. */
export function secretRecordFromWire(r: ListSecretResult): SecretRecord | undefined {
  let owner: { kind: string; id: string };
  try {
    owner = parseTag(r['owner-tag']);
  } catch {
    return undefined;
  }
  if (owner.kind !== 'application' && owner.kind !== 'unit') return undefined;
  const access: SecretAccess[] = (r.access ?? []).map((a) => ({
    target: a['target-tag'],
    scope: a['scope-tag'],
    role: a.role === 'manage' ? 'manage' : 'view',
  }));
  return {
    id: r.uri.replace(/^secret:/, ''),
    ownerKind: owner.kind,
    ownerName: owner.id,
    ...(r.label !== undefined && r.label !== '' ? { label: r.label } : {}),
    ...(r.description !== undefined && r.description !== '' ? { description: r.description } : {}),
    ...(r['rotate-policy'] !== undefined && r['rotate-policy'] !== ''
      ? { rotatePolicy: r['rotate-policy'] as RotatePolicy }
      : {}),
    ...(r['latest-expire-time'] !== undefined ? { expireTime: rfc3339(r['latest-expire-time']) } : {}),
    ...(r['next-rotate-time'] !== undefined ? { nextRotateTime: rfc3339(r['next-rotate-time']) } : {}),
    // Only the latest revision number matters here; content comes from the controller.
    revisions: { [r['latest-revision']]: {} },
    access,
  };
}

/** Owned secrets of the unit; none when the controller cannot say. */
export async function ownedSecretRecords(api: UniterApi): Promise<SecretRecord[]> {
  try {
    return (await api.ownedSecrets()).flatMap((r) => {
      const rec = secretRecordFromWire(r);
      return rec === undefined ? [] : [rec];
    });
  } catch {
    return [];
  }
}
