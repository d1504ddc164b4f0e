/**
 * The secret parts of `CommitHookChanges` in Juju's wire form:
 * `secret-creates` (CreateSecretArg: uri, owner-tag, content.data, label,
 * description, rotate-policy, expire-time), `secret-updates`
 * (UpdateSecretArg), `secret-deletes` (uri, revisions), `secret-grants` /
 * `secret-revokes` (GrantRevokeSecretArg: uri, scope-tag, subject-tags,
 * role) and `secret-track-latest` (URIs).
 */
import { applicationTag, relationTag, unitTag } from '../../core/names.js';
import type { BufferedChanges, SecretGrantChange, SecretUpsertArgs } from '../hooktools/context.js';

const uri = (id: string): string => `secret:${id}`;

function upsert(a: SecretUpsertArgs): Record<string, unknown> {
  return {
    ...(a.label !== undefined ? { label: a.label } : {}),
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.rotatePolicy !== undefined ? { 'rotate-policy': a.rotatePolicy } : {}),
    ...(a.expireTime !== undefined ? { 'expire-time': a.expireTime } : {}),
    ...(a.content !== undefined && Object.keys(a.content).length > 0
      ? { content: { data: { ...a.content } } }
      : {}),
  };
}

function grant(g: SecretGrantChange): Record<string, unknown> {
  const subject =
    g.unit !== undefined
      ? unitTag(g.unit)
      : g.application !== undefined
        ? applicationTag(g.application)
        : undefined;
  return {
    uri: uri(g.id),
    ...(g.relationKey !== undefined && g.relationKey !== ''
      ? { 'scope-tag': relationTag(g.relationKey) }
      : {}),
    'subject-tags': subject !== undefined ? [subject] : [],
    role: g.role,
  };
}

/** The secret fields of the commit (only non-empty lists). */
export function secretCommitArgs(unitTagOfCaller: string, b: BufferedChanges): Record<string, unknown[]> {
  const app = applicationTag(unitTagOfCaller.replace(/^unit-/, '').replace(/-(\d+)$/, ''));
  const out: Record<string, unknown[]> = {};
  if (b.secretCreates.length > 0)
    out['secret-creates'] = b.secretCreates.map((c) => ({
      uri: uri(c.id),
      'owner-tag': c.owner === 'unit' ? unitTagOfCaller : app,
      ...upsert(c),
    }));
  if (b.secretUpdates.length > 0)
    out['secret-updates'] = b.secretUpdates.map((u) => ({ uri: uri(u.id), ...upsert(u) }));
  if (b.secretDeletes.length > 0)
    out['secret-deletes'] = b.secretDeletes.map((d) => ({
      uri: uri(d.id),
      ...(d.revisions !== undefined ? { revisions: [...d.revisions] } : {}),
    }));
  if (b.secretGrants.length > 0) out['secret-grants'] = b.secretGrants.map(grant);
  if (b.secretRevokes.length > 0) out['secret-revokes'] = b.secretRevokes.map(grant);
  if (b.secretTrackLatest.length > 0) out['secret-track-latest'] = b.secretTrackLatest.map(uri);
  return out;
}
