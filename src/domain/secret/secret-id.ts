/**
 * Secret ids (xids, see core/secret-xid.ts) and parsing of the URI forms
 * `secret:<id>`, `secret://<model-uuid>/<id>` and the bare id.
 */
import { notValid } from '../../core/errors.js';
import { isSecretXid, newSecretXid } from '../../core/secret-xid.js';

export { isSecretXid, newSecretXid };

/**
 * The bare id of any accepted URI form. @throws `not valid` `secret URI "x" not valid`.
 */
export function secretIdFromUri(text: string): string {
  let rest = text;
  if (rest.startsWith('secret:')) {
    rest = rest.slice('secret:'.length);
    if (rest.startsWith('//')) {
      const slash = rest.indexOf('/', 2);
      if (slash < 0) throw notValid(`secret URI ${JSON.stringify(text)} not valid`);
      rest = rest.slice(slash + 1);
    }
  }
  if (!isSecretXid(rest)) throw notValid(`secret URI ${JSON.stringify(text)} not valid`);
  return rest;
}

/** `secret:<id>`. */
export function secretUri(id: string): string {
  return `secret:${id}`;
}
