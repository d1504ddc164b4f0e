/**
 * `Admin(3).Login`: checks the caller's credentials and, for a model
 * connection, that the model exists and the user may see it. The API server
 * adds the facade list and server version to the result.
 */
import { ErrorCode, JujuError } from '../../core/errors.js';
import { controllerTag, modelTag, parseTag } from '../../core/names.js';
import { controllerTarget, modelTarget } from '../../domain/access/types.js';
import type { LoginRequest } from '../../rpc/params/admin.js';
import type { AuthInfo, ConnectionInfo, LoginHandler } from '../apiserver/types.js';
import type { FacadeDeps } from './deps.js';

const BAD_LOGIN = 'invalid entity name or password';

export function loginHandler(deps: FacadeDeps): LoginHandler {
  return (conn: ConnectionInfo, params: LoginRequest) => {
    const tag = typeof params['auth-tag'] === 'string' ? params['auth-tag'] : '';
    if (tag === '') throw new JujuError(ErrorCode.NoCreds, 'no credentials provided');
    let parsed;
    try {
      parsed = parseTag(tag);
    } catch {
      throw new JujuError(ErrorCode.Unauthorized, BAD_LOGIN);
    }
    const password = String(params.credentials ?? '');
    if (parsed.kind === 'machine' || parsed.kind === 'unit') {
      return Promise.resolve(agentLogin(deps, conn, parsed.kind, parsed.id, tag, password, params.nonce));
    }
    if (parsed.kind !== 'user') throw new JujuError(ErrorCode.Unauthorized, BAD_LOGIN);
    return Promise.resolve(userLogin(deps, conn, parsed.id, password));
  };
}

function userLogin(
  deps: FacadeDeps,
  conn: ConnectionInfo,
  name: string,
  password: string,
): { auth: AuthInfo; result: Record<string, unknown> } {
  const { services } = deps;
  let user;
  try {
    user = services.user.authenticate(name, password);
  } catch {
    throw new JujuError(ErrorCode.Unauthorized, BAD_LOGIN);
  }
  const controllerAccess = services.access.effectiveAccess(user.name, controllerTarget()) ?? '';
  let modelAccess = '';
  if (conn.modelUuid !== null) {
    const uuid = conn.modelUuid;
    try {
      services.model.get(uuid);
    } catch {
      throw new JujuError(ErrorCode.ModelNotFound, `unknown model: "${uuid}"`);
    }
    modelAccess = services.access.effectiveAccess(user.name, modelTarget(uuid)) ?? '';
    if (modelAccess === '') throw new JujuError(ErrorCode.Unauthorized, 'permission denied');
  } else if (controllerAccess === '') {
    throw new JujuError(ErrorCode.Unauthorized, 'permission denied');
  }
  const previous = user.lastLogin;
  services.user.recordLogin(user.name, conn.modelUuid ?? undefined);
  const controllerUuid = services.controller.uuid();
  return {
    auth: { tag: `user-${user.name}`, kind: 'user' },
    result: {
      servers: [deps.apiAddresses().map(hostPort)],
      'controller-tag': controllerTag(controllerUuid),
      ...(conn.modelUuid !== null ? { 'model-tag': modelTag(conn.modelUuid) } : {}),
      'user-info': {
        'display-name': user.displayName,
        identity: `user-${user.name}`,
        ...(previous ? { 'last-connection': previous } : {}),
        'controller-access': controllerAccess,
        'model-access': modelAccess,
      },
    },
  };
}

/**
 * Machine and unit agents log in on a model connection with their own
 * password; machines also present the provisioning nonce.
 */
function agentLogin(
  deps: FacadeDeps,
  conn: ConnectionInfo,
  kind: 'machine' | 'unit',
  id: string,
  tag: string,
  password: string,
  nonce: unknown,
): { auth: AuthInfo; result: Record<string, unknown> } {
  const modelUuid = conn.modelUuid;
  if (modelUuid === null) throw new JujuError(ErrorCode.Unauthorized, BAD_LOGIN);
  try {
    if (kind === 'machine') {
      deps.services.machine.authenticate(
        modelUuid,
        id,
        password,
        typeof nonce === 'string' && nonce !== '' ? nonce : undefined,
      );
    } else {
      deps.services.application.authenticateUnit(modelUuid, id, password);
    }
  } catch (err) {
    if (err instanceof JujuError && err.code === ErrorCode.NotProvisioned) throw err;
    throw new JujuError(ErrorCode.Unauthorized, BAD_LOGIN);
  }
  return {
    auth: { tag, kind, modelUuid, entityId: id },
    result: {
      servers: [deps.apiAddresses().map(hostPort)],
      'controller-tag': controllerTag(deps.services.controller.uuid()),
      'model-tag': modelTag(modelUuid),
    },
  };
}

function hostPort(addr: string): { value: string; type: string; scope: string; port: number } {
  const i = addr.lastIndexOf(':');
  return { value: addr.slice(0, i), type: 'ipv4', scope: 'local-cloud', port: Number(addr.slice(i + 1)) };
}
