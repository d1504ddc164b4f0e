/** Errors of the logs domain. */
import { ErrorCode, JujuError, notValid } from '../../core/errors.js';

export const modelNotFound = (uuid: string): JujuError =>
  new JujuError(ErrorCode.ModelNotFound, `model ${JSON.stringify(uuid)} not found`);
export const invalidLevel = (level: unknown): JujuError =>
  notValid(`unknown log level ${JSON.stringify(level)}`);
