/**
 * Authorisation checks shared by every facade method: who is calling, and do
 * they hold the access Juju requires. Failures are `permission denied`
 * (code `unauthorized access`), as in Juju.
 */
import { unauthorized } from '../../core/errors.js';
import type { AccessTarget } from '../../domain/access/types.js';
import { controllerTarget, modelTarget } from '../../domain/access/types.js';
import type { CallContext } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';

/** The logged-in user's name; agents and anonymous callers are refused. */
export function callerUser(ctx: CallContext): string {
  const auth = ctx.conn.auth;
  if (!auth || auth.kind !== 'user') throw unauthorized();
  return auth.tag.slice('user-'.length);
}

export function requireAccess(
  deps: FacadeDeps,
  ctx: CallContext,
  target: AccessTarget,
  level: string,
): string {
  const user = callerUser(ctx);
  if (!deps.services.access.hasAccess(user, target, level)) throw unauthorized();
  return user;
}

export function requireSuperuser(deps: FacadeDeps, ctx: CallContext): string {
  return requireAccess(deps, ctx, controllerTarget(), 'superuser');
}

export function isSuperuser(deps: FacadeDeps, ctx: CallContext): boolean {
  return deps.services.access.isSuperuser(callerUser(ctx));
}

/** The model of a model connection, checked for `level` access by the caller. */
export function requireModelAccess(
  deps: FacadeDeps,
  ctx: CallContext,
  level: 'read' | 'write' | 'admin',
): string {
  const uuid = ctx.conn.modelUuid;
  if (uuid === null) throw unauthorized();
  requireAccess(deps, ctx, modelTarget(uuid), level);
  return uuid;
}

/** The logged-in agent's entity: a machine id (`"3"`) or a unit name (`"app/0"`), with its model. */
export function callerAgent(ctx: CallContext, kind: 'machine' | 'unit'): { id: string; modelUuid: string } {
  const auth = ctx.conn.auth;
  if (!auth || auth.kind !== kind || ctx.conn.modelUuid === null) throw unauthorized();
  const id = typeof auth.entityId === 'string' ? auth.entityId : '';
  return { id, modelUuid: ctx.conn.modelUuid };
}
