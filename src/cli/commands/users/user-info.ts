/**
 * How `juju users` and `juju show-user` present users: Juju's field names and
 * order, friendly times ("2 minutes ago", "never connected") or, with
 * --exact-time, Go's `time.Time.String()` form.
 */
import { humanSince } from '../../../core/format/human-time.js';
import type { ModelUserInfo, UserInfo } from '../../../rpc/params/user-manager.js';

/** One user as printed (keys in Juju's order; empty optional ones left out). */
export interface UserInfoOutput {
  'user-name': string;
  'display-name'?: string;
  access: string;
  'date-created'?: string;
  'last-connection'?: string;
  disabled?: boolean;
}

/** A model user as printed by `juju users <model>`. */
export interface ModelUserOutput {
  'display-name'?: string;
  access: string;
  'last-connection': string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2025-06-03 11:39:23.123 +0000 UTC`: Go's time.String of a UTC time (fraction trimmed). */
export function goTimeString(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  // Keep any sub-millisecond digits the server sent.
  const fraction = /\.(\d+)/.exec(iso.slice(iso.indexOf('T')))?.[1]?.replace(/0+$/, '') ?? '';
  return `${date} ${time}${fraction === '' ? '' : `.${fraction}`} +0000 UTC`;
}

/** A time for people: friendly by default, Go's full form with `exact`. */
export function showTime(iso: string, now: Date, exact: boolean): string {
  return exact ? goTimeString(iso) : humanSince(new Date(iso), now);
}

/** `never connected`, or the last connection time. */
export function lastConnection(iso: string | null | undefined, now: Date, exact: boolean): string {
  if (iso === null || iso === undefined || iso === '') return 'never connected';
  return showTime(iso, now, exact);
}

function isLocalUser(name: string): boolean {
  return !name.includes('@') || name.endsWith('@local');
}

/** A user from `UserManager.UserInfo` as the CLI prints it. */
export function userInfoOutput(info: UserInfo, now: Date, exact: boolean): UserInfoOutput {
  const out: UserInfoOutput = {
    'user-name': info.username,
    ...(info['display-name'] ? { 'display-name': info['display-name'] } : {}),
    access: info.access ?? '',
  };
  if (isLocalUser(info.username)) {
    if (info['date-created']) out['date-created'] = showTime(info['date-created'], now, exact);
    out['last-connection'] = lastConnection(info['last-connection'], now, exact);
  }
  if (info.disabled) out.disabled = true;
  return out;
}

/** The users of a model, by user name, as `juju users <model>` prints them. */
export function modelUsersOutput(
  infos: readonly ModelUserInfo[],
  now: Date,
  exact: boolean,
): Record<string, ModelUserOutput> {
  const out: Record<string, ModelUserOutput> = {};
  for (const info of [...infos].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0))) {
    const entry: ModelUserOutput = {
      access: info.access,
      'last-connection': lastConnection(info['last-connection'], now, exact),
    };
    out[info.user] = info['display-name'] ? { 'display-name': info['display-name'], ...entry } : entry;
  }
  return out;
}
