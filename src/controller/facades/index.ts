/** Every facade the controller serves, built over the same dependencies. */
import type { FacadeDefinition } from '../apiserver/types.js';
import { controllerFacade } from './controller.js';
import type { FacadeDeps } from './deps.js';

export function buildFacades(deps: FacadeDeps): FacadeDefinition[] {
  return [controllerFacade(deps)];
}
