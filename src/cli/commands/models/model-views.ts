/**
 * Pieces `models` and `show-model` print the same way: the model status
 * with human durations, the credential, and timestamps.
 */
import { parseCloudCredentialTag } from '../../../core/names.js';
import { humanSince } from '../../../core/format/human-time.js';
import type { EntityStatus } from '../../../rpc/params/model-manager.js';

/** `status` of a model as the CLI prints it (Go field order; empty fields omitted). */
export interface ModelStatusView {
  current?: string;
  message?: string;
  reason?: string;
  since?: string;
  migration?: string;
  'migration-start'?: string;
  'migration-end'?: string;
}

/** `credential` of a model as the CLI prints it. */
export interface ModelCredentialView {
  name: string;
  owner: string;
  cloud: string;
  'validity-check'?: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Go's `time.Time.String()` for a UTC instant: `2025-06-03 11:39:23.123 +0000 UTC`. */
export function goTimeString(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const ms = d.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${pad(ms, 3).replace(/0+$/, '')}`;
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction} +0000 UTC`
  );
}

/** `just now`, `3 minutes ago`, `2025-06-03`; or the exact time with `exact`. */
export function friendlyTime(iso: string | null | undefined, now: Date, exact = false): string {
  if (iso === null || iso === undefined || iso === '') return '';
  if (exact) return goTimeString(iso);
  return humanSince(new Date(iso), now);
}

/** A user's last connection: a friendly time or `never connected`. */
export function lastConnectionText(iso: string | null | undefined, now: Date, exact = false): string {
  const text = friendlyTime(iso, now, exact);
  return text === '' ? 'never connected' : text;
}

export function modelStatusView(
  status: EntityStatus | undefined,
  now: Date,
  exact = false,
): ModelStatusView | undefined {
  if (status === undefined) return undefined;
  const view: ModelStatusView = {};
  if (status.status !== '') view.current = status.status;
  if (status.info !== '') view.message = status.info;
  const reason = status.data?.['reason'];
  if (typeof reason === 'string' && reason !== '') view.reason = reason;
  const since = friendlyTime(status.since, now, exact);
  if (since !== '') view.since = since;
  return view;
}

export function credentialView(
  tag: string | undefined,
  validity: boolean | undefined,
): ModelCredentialView | undefined {
  if (tag === undefined || tag === '') return undefined;
  const parts = parseCloudCredentialTag(tag);
  return {
    name: parts.name,
    owner: parts.owner,
    cloud: parts.cloud,
    ...(validity !== undefined ? { 'validity-check': validity ? 'valid' : 'invalid' } : {}),
  };
}

/** `admin/foo` for `admin` is just `foo`; other owners' models stay qualified. */
export function userModelName(qualified: string, user: string): string {
  const slash = qualified.indexOf('/');
  if (slash < 0) return qualified;
  return qualified.slice(0, slash) === user.replace(/@local$/, '') ? qualified.slice(slash + 1) : qualified;
}
