/**
 * Typed errors with Juju's stable wire codes. Every layer throws JujuError (or a
 * subclass); the API server maps it to `{error, error-code}` once, the API client
 * rebuilds it from the code, and the CLI prints `ERROR <message>`. Nobody matches
 * on message text.
 */

/** Juju's wire error codes (rpc/params/apierror.go), spelled exactly as on the wire. */
export const ErrorCode = {
  NotFound: 'not found',
  UserNotFound: 'user not found',
  ModelNotFound: 'model not found',
  Unauthorized: 'unauthorized access',
  NoCreds: 'no credentials provided',
  AlreadyExists: 'already exists',
  NotValid: 'not valid',
  NotSupported: 'not supported',
  NotImplemented: 'not implemented',
  BadRequest: 'bad request',
  Forbidden: 'forbidden',
  TryAgain: 'try again',
  NotProvisioned: 'not provisioned',
  Stopped: 'stopped',
  Dead: 'dead',
  OperationBlocked: 'operation is blocked',
  ControllerHasHostedModels: 'controller has hosted models',
  HasPersistentStorage: 'controller/model has persistent storage',
  ModelNotEmpty: 'model not empty',
  MachineHasAssignedUnits: 'machine has assigned units',
  NotLeader: 'not leader',
  DeadlineExceeded: 'deadline exceeded',
  AccessRequired: 'access required',
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class JujuError extends Error {
  readonly code: string;
  readonly info: Record<string, unknown> | undefined;
  constructor(code: string, message: string, info?: Record<string, unknown>) {
    super(message);
    this.name = 'JujuError';
    this.code = code;
    this.info = info;
  }
}

export const notFound = (message: string): JujuError => new JujuError(ErrorCode.NotFound, message);
export const alreadyExists = (message: string): JujuError => new JujuError(ErrorCode.AlreadyExists, message);
export const notValid = (message: string): JujuError => new JujuError(ErrorCode.NotValid, message);
export const notSupported = (message: string): JujuError => new JujuError(ErrorCode.NotSupported, message);
export const unauthorized = (message = 'permission denied'): JujuError =>
  new JujuError(ErrorCode.Unauthorized, message);
export const badRequest = (message: string): JujuError => new JujuError(ErrorCode.BadRequest, message);

export function isJujuError(err: unknown, code?: string): err is JujuError {
  return err instanceof JujuError && (code === undefined || err.code === code);
}

/** Message of any thrown value, for places that must report an unknown failure. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
