/**
 * The controller the client currently points at: `JUJU_CONTROLLER`, the
 * controller part of `JUJU_MODEL`, else `current-controller` from
 * `controllers.yaml`; undefined when there is none (never a "not found"
 * error, which commands report in their own words).
 */
import type { ClientStore } from '../../../clientstore/index.js';
import { resolveController } from '../../../clientstore/index.js';
import { isJujuError } from '../../../core/errors.js';

export function currentControllerName(store: ClientStore, env: NodeJS.ProcessEnv): string | undefined {
  try {
    return resolveController(store, { env });
  } catch (err) {
    if (isJujuError(err, 'not found')) return undefined;
    throw err;
  }
}

/**
 * A model name as shown to `user`: their own models without the owner
 * (`default`), other people's qualified (`bob/prod`).
 */
export function modelNameForUser(qualified: string, user: string | undefined): string {
  const slash = qualified.indexOf('/');
  if (slash < 0 || user === undefined) return qualified;
  const owner = qualified.slice(0, slash);
  const plainUser = user.endsWith('@local') ? user.slice(0, -'@local'.length) : user;
  return owner === plainUser ? qualified.slice(slash + 1) : qualified;
}
