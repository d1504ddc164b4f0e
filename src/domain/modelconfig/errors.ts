/** Errors of the model-config domain, worded as Juju's. */
import { ErrorCode, JujuError, notValid } from '../../core/errors.js';

export const modelNotFound = (uuid: string): JujuError =>
  new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(uuid)} not found`);

/** `agent-version cannot have a default value`. */
export const noDefaultAllowed = (key: string): JujuError => notValid(`${key} cannot have a default value`);
