/**
 * Secret identifiers: a 20-character xid (base32hex, lowercase), written as
 * `secret:<xid>`, `secret://<model-uuid>/<xid>` or just `<xid>`; all forms are
 * accepted wherever a tool takes a secret id (§4.1).
 */
import { isSecretXid, newSecretXid } from '../../core/secret-xid.js';

const UUID_RE = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

/** A parsed secret URI: the xid and, when given, the source model UUID. */
export interface SecretUri {
  readonly id: string;
  readonly sourceUuid: string;
}

/**
 * Parse any accepted form. @throws Error `secret URI "x" not valid`.
 */
export function parseSecretUri(text: string): SecretUri {
  const invalid = (): Error => new Error(`secret URI ${JSON.stringify(text)} not valid`);
  let rest = text;
  let source = '';
  if (rest.includes(':')) {
    const colon = rest.indexOf(':');
    const scheme = rest.slice(0, colon);
    if (scheme !== 'secret') throw new Error(`secret URI scheme ${JSON.stringify(scheme)} not valid`);
    rest = rest.slice(colon + 1);
    if (rest.startsWith('//')) {
      rest = rest.slice(2);
      const slash = rest.indexOf('/');
      if (slash < 0) throw invalid();
      source = rest.slice(0, slash);
      if (!UUID_RE.test(source)) throw new Error(`host controller UUID ${JSON.stringify(source)} not valid`);
      rest = rest.slice(slash + 1);
    }
  }
  rest = rest.replace(/^\/+/, '');
  if (!isSecretXid(rest)) throw invalid();
  return { id: rest, sourceUuid: source };
}

/** `secret://<uuid>/<xid>` when the source is known, else `secret:<xid>`. */
export function formatSecretUri(uri: SecretUri): string {
  return uri.sourceUuid === '' ? `secret:${uri.id}` : `secret://${uri.sourceUuid}/${uri.id}`;
}

/** A fresh xid (as the controller hands them out). */
export function newSecretId(): string {
  return newSecretXid();
}
