/** Every facade the controller serves, built over the same dependencies. */
import type { FacadeDefinition } from '../apiserver/types.js';
import { actionFacade } from './action.js';
import { agentFacade } from './agent.js';
import { applicationFacade } from './application.js';
import { clientFacade } from './client.js';
import { cloudFacade } from './cloud.js';
import { controllerFacade } from './controller.js';
import { deployerFacade } from './deployer.js';
import type { FacadeDeps } from './deps.js';
import { leadershipFacade } from './leadership.js';
import { machinerFacade } from './machiner.js';
import { machineActionsFacade } from './machine-actions.js';
import { machineManagerFacade } from './machine-manager.js';
import { modelConfigFacade } from './model-config.js';
import { modelManagerFacade } from './model-manager.js';
import { secretFacades } from './secrets-manager.js';
import { storageFacade } from './storage.js';
import { upgraderFacade } from './upgrader.js';
import { uniterFacade } from './uniter.js';
import { userManagerFacade } from './user-manager.js';
import { notifyWatcherFacade } from './watchers.js';
import { stringsWatcherFacade } from './strings-watcher.js';

export function buildFacades(deps: FacadeDeps): FacadeDefinition[] {
  return [
    controllerFacade(deps),
    cloudFacade(deps),
    userManagerFacade(deps),
    modelManagerFacade(deps),
    modelConfigFacade(deps),
    clientFacade(deps),
    applicationFacade(deps),
    actionFacade(deps),
    machineManagerFacade(deps),
    notifyWatcherFacade(deps.watchers),
    agentFacade(deps),
    machinerFacade(deps),
    machineActionsFacade(deps),
    stringsWatcherFacade(deps),
    deployerFacade(deps),
    upgraderFacade(deps),
    uniterFacade(deps),
    leadershipFacade(deps),
    ...secretFacades(deps),
    storageFacade(deps),
  ];
}
