/** Errors of the status domain. */
import { ErrorCode, JujuError } from '../../core/errors.js';

export const modelNotFound = (uuid: string): JujuError =>
  new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(uuid)} not found`);
