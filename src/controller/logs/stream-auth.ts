/**
 * Who is on the other end of a log side stream. Credentials come from HTTP
 * Basic auth (tag:password, machines add `X-Juju-Nonce`) and are checked after
 * the websocket upgrade, so failures travel in the stream's initial error line
 * (`authentication failed: ...`, `authorization failed: ...`) as in Juju.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode, JujuError, isJujuError } from '../../core/errors.js';
import { parseTag } from '../../core/names.js';
import { modelTarget } from '../../domain/access/types.js';
import type { ControllerServices } from '../../domain/index.js';
import { parseBasicAuth } from '../apiserver/http-util.js';

/** The authenticated caller of a side stream. */
export interface StreamCaller {
  /** `user-admin`, `machine-1`, `unit-app-0`. */
  readonly tag: string;
  readonly kind: 'user' | 'machine' | 'unit';
}

/** Which kinds of caller an endpoint accepts. */
export interface StreamAccess {
  readonly users: boolean;
  readonly agents: boolean;
}

const BAD_LOGIN = 'invalid entity name or password';

/** The model a stream targets: `:uuid` when given, else the controller model. @throws `model not found`. */
export function streamModelUuid(services: ControllerServices, uuid: string | undefined): string {
  const target = uuid ?? services.model.controllerModel().uuid;
  try {
    services.model.get(target);
  } catch {
    throw new JujuError(ErrorCode.ModelNotFound, `unknown model: ${JSON.stringify(target)}`);
  }
  return target;
}

/**
 * Authenticates the request and checks the caller may use the stream on
 * `modelUuid`: users need model read access, agents must belong to the model.
 * @throws JujuError with Juju's annotated messages and codes.
 */
export function authenticateStreamCaller(
  services: ControllerServices,
  req: IncomingMessage,
  modelUuid: string,
  access: StreamAccess,
): StreamCaller {
  const creds = parseBasicAuth(req);
  if (creds === null) throw authnFailed(new JujuError(ErrorCode.NoCreds, 'no credentials provided'));
  let kind: string;
  let id: string;
  try {
    ({ kind, id } = parseTag(creds.tag));
  } catch {
    throw authnFailed(new JujuError(ErrorCode.Unauthorized, BAD_LOGIN));
  }
  switch (kind) {
    case 'user': {
      let name: string;
      try {
        name = services.user.authenticate(id, creds.password).name;
      } catch {
        throw authnFailed(new JujuError(ErrorCode.Unauthorized, BAD_LOGIN));
      }
      if (!access.users) throw authzFailed(`tag kind ${kind} not valid`, ErrorCode.NotValid);
      if (!services.access.hasAccess(name, modelTarget(modelUuid), 'read')) {
        throw authzFailed('permission denied', ErrorCode.Unauthorized);
      }
      return { tag: creds.tag, kind: 'user' };
    }
    case 'machine':
    case 'unit': {
      try {
        if (kind === 'machine') {
          services.machine.authenticate(
            modelUuid,
            id,
            creds.password,
            creds.nonce === '' ? undefined : creds.nonce,
          );
        } else {
          services.application.authenticateUnit(modelUuid, id, creds.password);
        }
      } catch (err) {
        if (isJujuError(err, ErrorCode.NotProvisioned)) throw authnFailed(err);
        throw authnFailed(new JujuError(ErrorCode.Unauthorized, BAD_LOGIN));
      }
      if (!access.agents) throw authzFailed(`tag kind ${kind} not valid`, ErrorCode.NotValid);
      return { tag: creds.tag, kind };
    }
    default:
      throw authnFailed(new JujuError(ErrorCode.Unauthorized, BAD_LOGIN));
  }
}

function authnFailed(err: JujuError): JujuError {
  return new JujuError(err.code, `authentication failed: ${err.message}`);
}

function authzFailed(message: string, code: string): JujuError {
  return new JujuError(code, `authorization failed: ${message}`);
}
