/** Errors of the controller domain. */
import { alreadyExists, notFound, notValid, type JujuError } from '../../core/errors.js';

export const controllerNotInitialized = (): JujuError => notFound('controller not initialized');
export const controllerAlreadyInitialized = (): JujuError => alreadyExists('controller already initialized');
export const unknownControllerSetting = (key: string): JujuError =>
  notValid(`unknown controller config setting ${JSON.stringify(key)}`);
export const invalidControllerName = (name: string): JujuError =>
  notValid(`controller name ${JSON.stringify(name)} not valid`);
