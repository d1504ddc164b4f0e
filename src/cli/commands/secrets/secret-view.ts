/**
 * What `juju secrets` and `juju show-secret` print: Juju 3.6's
 * secretDisplayDetails keyed by bare secret id (Go field order: revision,
 * checksum, expires, rotation, rotates, owner, description, name, label,
 * created, updated, error, content, revisions, access), and the tabular
 * listing `ID  Name  Owner  Rotation  Revision  Last updated`.
 */
import { humanSince } from '../../../core/format/human-time.js';
import { parseTag } from '../../../core/names.js';
import type { ListSecretResult } from '../../../rpc/params/secrets.js';
import { formatYaml } from '../../output/formats.js';
import { TabWriter } from '../../output/tabwriter.js';

/** RFC 3339 UTC without fractional seconds, as Go prints these times. */
export function rfc3339(iso: string | undefined): string | undefined {
  if (iso === undefined || iso === '') return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Bare id of a `secret:<id>` / `secret://<uuid>/<id>` URI. */
export function bareSecretId(uri: string): string {
  return uri.replace(/^secret:(\/\/[^/]+\/)?/, '');
}

/** `<model>` for model-owned secrets, else the owning application or unit name. */
function ownerName(tag: string): string {
  try {
    const t = parseTag(tag);
    if (t.kind === 'model') return '<model>';
    return t.id;
  } catch {
    return tag;
  }
}

export interface DisplayOptions {
  readonly reveal: boolean;
  readonly revisions: boolean;
  readonly access: boolean;
  /** JSON nests content as `{"Data": {...}}`; YAML inlines the keys. */
  readonly json: boolean;
}

function decode(data: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

/** One secret's display details (undefined fields are omitted). */
export function secretDisplay(r: ListSecretResult, o: DisplayOptions): Record<string, unknown> {
  const isModel = r['owner-tag'].startsWith('model-');
  const out: Record<string, unknown> = { revision: r['latest-revision'] };
  if (o.reveal && r['latest-revision-checksum'] !== undefined) out.checksum = r['latest-revision-checksum'];
  const expires = rfc3339(r['latest-expire-time']);
  if (expires !== undefined) out.expires = expires;
  if (r['rotate-policy'] !== undefined && r['rotate-policy'] !== '') out.rotation = r['rotate-policy'];
  const rotates = rfc3339(r['next-rotate-time']);
  if (rotates !== undefined) out.rotates = rotates;
  out.owner = ownerName(r['owner-tag']);
  if (r.description !== undefined && r.description !== '') out.description = r.description;
  if (isModel && r.label !== undefined && r.label !== '') out.name = r.label;
  if (!isModel && r.label !== undefined && r.label !== '') out.label = r.label;
  out.created = rfc3339(r['create-time']);
  out.updated = rfc3339(r['update-time']);
  if (r.value?.error !== undefined && r.value.error !== null) out.error = r.value.error.message;
  if (o.reveal && r.value?.data !== undefined) {
    const data = decode(r.value.data);
    out.content = o.json ? { Data: data } : data;
  }
  if (o.revisions) {
    out.revisions = r.revisions.map((rev) => {
      const e: Record<string, unknown> = { revision: rev.revision };
      if (rev['backend-name'] !== undefined && rev['backend-name'] !== 'internal')
        e.backend = rev['backend-name'];
      e.created = rfc3339(rev['create-time']);
      e.updated = rfc3339(rev['update-time']);
      const exp = rfc3339(rev['expire-time']);
      if (exp !== undefined) e.expires = exp;
      return e;
    });
  }
  if (o.access && (r.access ?? []).length > 0) {
    out.access = (r.access ?? []).map((a) => ({
      target: a['target-tag'],
      scope: a['scope-tag'],
      role: a.role,
    }));
  }
  return out;
}

/** The keyed document for yaml/json. */
export function secretsDocument(
  results: readonly ListSecretResult[],
  o: DisplayOptions,
): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const r of results) doc[bareSecretId(r.uri)] = secretDisplay(r, o);
  return doc;
}

/**
 * YAML of the document. Go marshals these times as timestamps, unquoted; our
 * YAML 1.1 writer quotes timestamp-looking strings, so they are unquoted here.
 */
export function secretsYaml(doc: Record<string, unknown>): string {
  return formatYaml(doc).replace(
    /^(\s*(?:- )?(?:created|updated|expires|rotates): )"([0-9T:.Z+-]+)"$/gm,
    '$1$2',
  );
}

/** The tabular listing. */
export function secretsTable(results: readonly ListSecretResult[], now: Date = new Date()): string {
  const w = new TabWriter();
  w.row('ID', 'Name', 'Owner', 'Rotation', 'Revision', 'Last updated');
  const sorted = [...results].sort((a, b) => bareSecretId(a.uri).localeCompare(bareSecretId(b.uri)));
  for (const r of sorted) {
    const isModel = r['owner-tag'].startsWith('model-');
    const name = isModel && r.label !== undefined && r.label !== '' ? r.label : '-';
    const rotation =
      r['rotate-policy'] !== undefined && r['rotate-policy'] !== '' ? r['rotate-policy'] : 'never';
    w.row(
      bareSecretId(r.uri),
      name,
      ownerName(r['owner-tag']),
      rotation,
      r['latest-revision'],
      humanSince(new Date(r['update-time']), now),
    );
  }
  return w.toString();
}
