/** Every facade the controller serves, built over the same dependencies. */
import type { FacadeDefinition } from '../apiserver/types.js';
import { clientFacade } from './client.js';
import { cloudFacade } from './cloud.js';
import { controllerFacade } from './controller.js';
import type { FacadeDeps } from './deps.js';
import { modelConfigFacade } from './model-config.js';
import { modelManagerFacade } from './model-manager.js';
import { userManagerFacade } from './user-manager.js';
import { notifyWatcherFacade } from './watchers.js';

export function buildFacades(deps: FacadeDeps): FacadeDefinition[] {
  return [
    controllerFacade(deps),
    cloudFacade(deps),
    userManagerFacade(deps),
    modelManagerFacade(deps),
    modelConfigFacade(deps),
    clientFacade(deps),
    notifyWatcherFacade(deps.watchers),
  ];
}
