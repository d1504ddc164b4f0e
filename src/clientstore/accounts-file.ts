/** `accounts.yaml`: the user this client is logged in as on each controller. */
import type { AccountDetails } from './types.js';
import { field, mapEntries, optStr, parseStoreText, str } from './decode.js';
import { goMap, stringifyYamlV2 } from './yaml-v2.js';
import type { YamlMapping, YamlTree } from './yaml-v2.js';
import { setIfPresent } from './encode.js';

/** Controller name → account. */
export type AccountsFile = Record<string, AccountDetails>;

export function parseAccountsFile(text: string | undefined): AccountsFile {
  const doc = parseStoreText(text, 'accounts');
  const out: AccountsFile = {};
  for (const [ctrl, raw] of mapEntries(doc.get('controllers'), 'controllers')) {
    const a: AccountDetails = { user: str(field(raw, 'user')) };
    const password = optStr(field(raw, 'password'));
    if (password !== undefined) a.password = password;
    const access = optStr(field(raw, 'last-known-access'));
    if (access !== undefined) a.lastKnownAccess = access;
    const type = optStr(field(raw, 'type'));
    if (type !== undefined) a.type = type;
    const token = optStr(field(raw, 'access-token'));
    if (token !== undefined) a.accessToken = token;
    out[ctrl] = a;
  }
  return out;
}

export function formatAccountsFile(file: AccountsFile): string {
  const root: YamlMapping = new Map();
  root.set('controllers', goMap(file, encodeAccount));
  return stringifyYamlV2(root);
}

function encodeAccount(a: AccountDetails): YamlTree {
  const m: YamlMapping = new Map();
  m.set('user', a.user);
  setIfPresent(m, 'password', a.password);
  setIfPresent(m, 'last-known-access', a.lastKnownAccess);
  setIfPresent(m, 'type', a.type);
  setIfPresent(m, 'access-token', a.accessToken);
  return m;
}
